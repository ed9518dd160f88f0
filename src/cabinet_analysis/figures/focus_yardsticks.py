"""The focus groups against three yardsticks: the population, the listed cadre and its 1996-2001
office-holders, with the range whatever the unknown origins are."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from ..analysis.measures import jeffreys_interval
from ..coding.choices import DEFAULT, CodingChoice
from ..report.labels import GROUPS, YARDSTICKS
from .style import figure_style, finish, palette, source_line

ALT = (
    "Dot plot, one row per focus group: its share of the appointees of known origin with a 95% interval, a grey "
    "band for the range whatever the unknown origins are, and markers for its share of the population, of the "
    "movement's listed cadre and of the cadre's 1996-2001 office-holders, with Holm-adjusted p-values at the right"
)
SHOWN = ("population", "movement", "emirate")
MARKERS = {"population": ("D", 3), "movement": ("s", 2), "emirate": ("^", 4)}  # marker, palette index


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..report.tables import focus_gaps_by_baseline

    return (focus_gaps_by_baseline(ctx),)


def focus_yardsticks(table: pd.DataFrame) -> plt.Figure:
    """Each focus group's share of the appointees (dot, with its Jeffreys interval), the range it
    could take whatever the unknown origins are (grey band), and its share of the population, of
    the movement's listed cadre and of the cadre's 1996-2001 office-holders (markers), with
    Holm-adjusted p-values. ``table``: :func:`~cabinet_analysis.report.tables.focus_gaps_by_baseline`."""
    groups = list(dict.fromkeys(table["group"]))[::-1]
    base = table[table["baseline"] == "population"].set_index("group")
    p = palette()
    with figure_style():
        fig, ax = plt.subplots(figsize=(10, 5))
        for i, g in enumerate(groups):
            r = base.loc[g]
            lo, hi = r["observed_min"] / r["n_total"], r["observed_max"] / r["n_total"]
            ax.hlines(
                i,
                lo,
                hi,
                color="0.85",
                lw=11,
                zorder=1,
                label="range whatever the unknowns are" if i == 0 else "_nolegend_",
            )
            share = r["observed"] / r["n"]
            ci = jeffreys_interval(int(r["observed"]), int(r["n"]))
            ax.errorbar(
                share,
                i,
                xerr=[[share - ci[0]], [ci[1] - share]],
                fmt="o",
                color=p[0],
                capsize=3,
                zorder=3,
                label="appointees of known origin (95% interval)" if i == 0 else None,
            )
            notes = []
            for b in SHOWN:
                marker, shade = MARKERS[b]
                row = table[(table["baseline"] == b) & (table["group"] == g)].iloc[0]
                ax.scatter(
                    row["baseline_share"],
                    i,
                    marker=marker,
                    s=45,
                    color=p[shade],
                    zorder=4,
                    edgecolor="white",
                    label=f"share of the {YARDSTICKS[b]}" if i == 0 else None,
                )
                notes.append(f"{row['p_holm']:.2f}")
            ax.annotate(
                "   ".join(notes),
                (1.0, i),
                xycoords=("axes fraction", "data"),
                xytext=(8, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
                color="0.25",
                family="monospace",
            )
        ax.annotate(
            "Holm-adjusted p\npop.  cadre  1996-2001",
            (1.0, len(groups) - 0.4),
            xycoords=("axes fraction", "data"),
            xytext=(8, 0),
            textcoords="offset points",
            va="bottom",
            fontsize=7.5,
            color="0.25",
        )
        ax.set_yticks(range(len(groups)), [GROUPS[g] for g in groups])
        ax.set_xlim(0, max(0.45, float(table["baseline_share"].max()) + 0.05))
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
        ax.set_xlabel("share")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize=7.5, frameon=False)
        short = {
            b: [GROUPS[g] for g in table.loc[(table["baseline"] == b) & (table["p_holm"] < 0.05), "group"]]
            for b in ("population", "movement")
        }
        if not short["population"] and not short["movement"]:
            title = "After Holm's correction no focus group is significantly short of the population or the listed cadre"
        else:
            title = (
                "Significantly short after Holm's correction: "
                + (", ".join(short["population"]) or "none")
                + " of the population; "
                + (", ".join(short["movement"]) or "none")
                + " of the listed cadre"
            )
        finish(fig, title, source_line("the 33 appointees of 7 Sept 2021", yardsticks=SHOWN), ALT)
        fig.subplots_adjust(right=0.78, bottom=0.3)
        return fig
