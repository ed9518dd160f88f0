"""Each focus group's gap after every round of 2021, at cabinet rank and below."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from ..report.labels import GROUPS
from .style import GROUPS_OVER_TIME, figure_style, finish, palette, source_line

ALT = (
    "Five small line charts, one per focus group (west, southwest, Hazarajat, Helmandi networks, Hazaras by "
    "ethnicity): the gap in percentage points after each round of appointments of 2021, one line for posts of "
    "cabinet rank and one for deputy and other posts, each point labelled with members over holders of known origin"
)
RANKS = ["cabinet rank", "deputy or other"]


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..analysis.timeline import timeline_gaps

    return (timeline_gaps(ctx, choice),)


def timeline(table: pd.DataFrame) -> plt.Figure:
    """Each focus group's gap after every round (``table``: :func:`~cabinet_analysis.analysis.timeline.timeline_gaps`),
    for cabinet-rank and deputy-or-other posts, in a grid of panels.

    The two ranks are drawn side by side at each date so that equal values stay visible; labels give
    members over holders of known origin (or ethnicity), the cabinet rank's above its line and the
    other rank's below."""
    dates = sorted(table["date"].unique())
    x = np.arange(len(dates))
    lo = float(np.nanmin(table["gap_pp"])) - 7
    hi = max(5.0, float(np.nanmax(table["gap_pp"]))) + 7
    p = palette()
    with figure_style():
        fig, axes = plt.subplots(2, 3, figsize=(10, 6.6), sharey=True)
        for ax, g in zip(axes.flat, GROUPS_OVER_TIME):
            subs = [
                table[(table["group"] == g) & (table["rank"] == r)].set_index("date").loc[dates]
                for r in RANKS
            ]
            for i, (rank, sub) in enumerate(zip(RANKS, subs)):
                xs = x + (-0.15 if i == 0 else 0.15)
                ax.plot(xs, sub["gap_pp"], marker="o", ms=5, color=p[i], label=rank)
                for xi, o, n, gap in zip(xs, sub["observed"], sub["n"], sub["gap_pp"]):
                    ax.annotate(
                        f"{o}/{n}",
                        (xi, gap),
                        xytext=(0, 8 if i == 0 else -9),
                        textcoords="offset points",
                        ha="center",
                        va="bottom" if i == 0 else "top",
                        fontsize=7.5,
                        color=p[i],
                    )
            ax.axhline(0, color="0.2", lw=1)
            ax.set_title(GROUPS[g], fontsize=10)
            ax.set_xticks(x, [d[5:] for d in dates], rotation=45, ha="right", fontsize=8)
            ax.set_xlim(-0.6, len(dates) - 0.4)
            ax.set_ylim(lo, hi)
        for ax in axes[:, 0]:
            ax.set_ylabel("gap (percentage points)")
        legend_ax = axes.flat[-1]
        legend_ax.set_axis_off()
        handles, labels = axes.flat[0].get_legend_handles_labels()
        legend_ax.legend(handles, labels, loc="center", title="posts", fontsize=9)
        first, last = dates[0], dates[-1]
        gained = {}
        for rank in RANKS:
            t = table[(table["rank"] == rank) & table["group"].isin(GROUPS_OVER_TIME)].set_index(
                ["date", "group"]
            )["observed"]
            gained[rank] = [GROUPS[g] for g in GROUPS_OVER_TIME if t[(last, g)] > t[(first, g)]]
        title = (
            "Later rounds added "
            + (", ".join(gained["deputy or other"]) or "nothing")
            + " at deputy level only"
        )
        title += (
            "; nothing at cabinet rank"
            if not gained["cabinet rank"]
            else f"; at cabinet rank: {', '.join(gained['cabinet rank'])}"
        )
        source = source_line(f"appointments.csv, rounds of {first} to {last}", yardsticks=["population"])
        return finish(fig, title, source, ALT)
