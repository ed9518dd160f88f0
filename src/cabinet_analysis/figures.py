"""One function per figure: each takes tidy data and returns a matplotlib Figure.

:data:`FIGURES` maps each figure's file name to the data it needs, so
:func:`write_figures` (the ``build`` command) and the notebooks draw exactly the
same figures. Files are written only after every figure has rendered.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
from matplotlib import patheffects
import pandas as pd

from .choices import CodingChoice
from .claims import evaluate_claims
from .gaps import Context, focus_gaps, region_gaps
from .helmandi import helmandi_counts
from .outputs import atomic_write
from .sensitivity import focus_sensitivity
from .timeline import timeline_gaps
from .style import PALETTE, REGION_COLOURS, REGION_ORDER, VERDICT_COLOURS, figure_style, finish, to_bytes

FOCUS_LABELS = {
    "west": "West",
    "southwest": "Southwest",
    "west_or_southwest": "West or southwest",
    "hazarajat": "Hazarajat",
    "helmandi_networks": "Helmandi networks",
}


def regions_observed_expected(table: pd.DataFrame) -> plt.Figure:
    """Observed share with its Jeffreys interval against the baseline share, one row per region."""
    t = table.sort_values("baseline_share")
    with figure_style():
        fig, ax = plt.subplots(figsize=(8, 4.8))
        y = np.arange(len(t))
        ax.errorbar(t["share"], y, xerr=[t["share"] - t["ci_low"], t["ci_high"] - t["share"]], fmt="o",
                    color=PALETTE[0], capsize=3, label="appointees (95% Jeffreys interval)")
        ax.scatter(t["baseline_share"], y, marker="D", color=PALETTE[3], zorder=3, label="population share")
        for yi, (obs, n) in enumerate(zip(t["observed"], t["n"])):
            ax.annotate(f"{obs}/{n}", (1.0, yi), xycoords=("axes fraction", "data"), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
        ax.set_yticks(y, t["group"])
        ax.set_xlim(0, max(0.75, float(t["ci_high"].max()) + 0.02))
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
        ax.set_xlabel("share")
        ax.legend(loc="lower right", frameon=True)
        south = t.set_index("group")
        title = (f"The south holds {south.loc['south', 'share']:.0%} of appointees of known origin "
                 f"for {south.loc['south', 'baseline_share']:.0%} of the population")
        return finish(fig, title)


def focus_lollipop(table: pd.DataFrame) -> plt.Figure:
    """Gap in percentage points for the focus groups, with the exact p-value beside each."""
    t = table.iloc[::-1]
    with figure_style():
        fig, ax = plt.subplots(figsize=(8, 4))
        y = np.arange(len(t))
        ax.hlines(y, 0, t["gap_pp"], color="0.6", lw=2)
        ax.scatter(t["gap_pp"], y, s=70, color=[PALETTE[3] if g < 0 else PALETTE[2] for g in t["gap_pp"]], zorder=3)
        ax.axvline(0, color="0.2", lw=1)
        labels = [f"{FOCUS_LABELS[g]}  ({o} of {n}, expected {e:.1f})" for g, o, n, e in zip(t["group"], t["observed"], t["n"], t["expected"])]
        ax.set_yticks(y, labels)
        for yi, (gap, p) in enumerate(zip(t["gap_pp"], t["p_under"])):
            ax.annotate(f"p = {p:.3f}", (gap, yi), xytext=(-8, 8), textcoords="offset points", ha="right", fontsize=8)
        ax.set_xlabel("gap: share of appointees minus population share (percentage points)")
        lo = min(-20.0, float(t["gap_pp"].min()) - 3)
        ax.set_xlim(lo, 5)
        below = t.loc[t["p_under"] < 0.05, "group"].map(FOCUS_LABELS).tolist()
        title = "Every focus group falls short of its population share" if (t["gap_pp"] < 0).all() else "Gaps of the focus groups"
        title += f"; significant at 5%: {', '.join(below[::-1]) or 'none'}"
        return finish(fig, title)


# Where a province's name goes on the map, so that names in the crowded east do not collide.
LABEL_SIDE = {
    "Kabul": "left", "Logar": "left", "Parwan": "left", "Wardak": "left", "Kapisa": "above", "Panjshir": "above",
    "Laghman": "right", "Khost": "right", "Kunar": "right", "Nuristan": "above", "Baghlan": "above",
}


def origins_map(people: pd.DataFrame, provinces: pd.DataFrame, regions: pd.DataFrame) -> plt.Figure:
    """Bubbles at province centroids sized by the number of appointees, coloured by region.

    No outline is drawn (the project ships no boundary file); every province centroid is
    marked so empty provinces are visible.
    """
    counts = people.dropna(subset=["province"]).groupby("province").size()
    region = regions.set_index("province")["region"]
    p = provinces.set_index("province")
    with figure_style():
        fig, ax = plt.subplots(figsize=(10, 6.2))
        ax.scatter(p["lon"], p["lat"], s=12, color="0.75", zorder=1)
        halo = [patheffects.withStroke(linewidth=2.5, foreground="white")]
        for name, row in p.iterrows():
            gap = 7 + 3.5 * float(np.sqrt(counts.get(name, 0)))
            side = LABEL_SIDE.get(name, "below")
            xy, ha, va = {"below": ((0, -gap), "center", "top"), "above": ((0, gap), "center", "bottom"),
                          "left": ((-gap, 0), "right", "center"), "right": ((gap, 0), "left", "center")}[side]
            ax.annotate(name, (row["lon"], row["lat"]), xytext=xy, textcoords="offset points", ha=ha, va=va,
                        fontsize=6.5, color="0.25", zorder=5, path_effects=halo)
        for name, k in counts.items():
            reg = region[name]
            ax.scatter(p.loc[name, "lon"], p.loc[name, "lat"], s=140 * k, color=REGION_COLOURS[reg], alpha=0.8, edgecolor="white", zorder=3)
            light = reg in ("southwest", "west", "Hazarajat")
            ax.annotate(str(k), (p.loc[name, "lon"], p.loc[name, "lat"]), ha="center", va="center", fontsize=8, fontweight="bold",
                        color="black" if light else "white", zorder=4)
        handles = [plt.Line2D([], [], marker="o", ls="", color=REGION_COLOURS[r], label=r, markersize=8) for r in REGION_ORDER if r in set(region)]
        ax.legend(handles=handles, title="region (rusi scheme)", loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=True)
        ax.set_xlabel("longitude")
        ax.set_ylabel("latitude")
        ax.set_aspect("equal")
        ax.set_xlim(60, 75)
        ax.set_ylim(29, 39)
        unknown = int(people["province"].isna().sum())
        return finish(fig, f"Where the {len(people) - unknown} appointees of known origin come from ({unknown} unknown)")


def network_composition(people: pd.DataFrame) -> plt.Figure:
    """Primary network of each appointee, split into cabinet rank and deputy rank."""
    from .vocab import CABINET_TIERS

    d = people.assign(network=people["networks"].map(lambda n: n[0] if n else "unknown"),
                      rank=np.where(people["tier"].isin(CABINET_TIERS), "cabinet rank", "deputy or other"))
    table = d.groupby(["network", "rank"]).size().unstack(fill_value=0)
    known = table.drop(index="unknown", errors="ignore")
    order = (["unknown"] if "unknown" in table.index else []) + list(known.sum(axis=1).sort_values(kind="stable").index)
    table = table.loc[order]
    with figure_style():
        fig, ax = plt.subplots(figsize=(8, 4.4))
        left = np.zeros(len(table))
        for i, col in enumerate(["cabinet rank", "deputy or other"]):
            if col in table:
                ax.barh(table.index, table[col], left=left, color=PALETTE[i], label=col)
                left += table[col].to_numpy()
        for yi, total in enumerate(left):
            ax.annotate(str(int(total)), (total, yi), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
        ax.set_xlabel("appointees")
        ax.legend(loc="upper right")
        helmandi = int((d["network"] == "helmandi").sum())
        top = known.sum(axis=1).sort_values(ascending=False, kind="stable")
        title = f"Main network: {top.index[0]} ({top.iloc[0]}), {top.index[1]} ({top.iloc[1]}); Helmandi: {helmandi}"
        return finish(fig, title)


def helmandi_rules(counts: pd.DataFrame) -> plt.Figure:
    """Members of the Helmandi networks under each membership rule and origin coding."""
    t = counts.assign(coding=counts["origin"] + np.where(counts["origin"] == "as_coded", "", " / " + counts["prefer"]))
    grid = t.pivot(index="helmandi", columns="coding", values="members").loc[list(dict.fromkeys(t["helmandi"]))]
    with figure_style():
        fig, ax = plt.subplots(figsize=(8, 4))
        im = ax.imshow(grid.to_numpy(), cmap="Blues", vmin=0, vmax=max(3, int(grid.to_numpy().max())), aspect="auto")
        ax.set_xticks(range(grid.shape[1]), grid.columns, rotation=20, ha="right")
        ax.set_yticks(range(grid.shape[0]), grid.index)
        ax.grid(False)
        for (i, j), v in np.ndenumerate(grid.to_numpy()):
            ax.text(j, i, str(v), ha="center", va="center", color="white" if v >= 2 else "black", fontsize=10)
        ax.set_xlabel("origin coding / source preference")
        ax.set_ylabel("membership rule")
        fig.colorbar(im, ax=ax, label="appointees counted")
        lo, hi = int(grid.to_numpy().min()), int(grid.to_numpy().max())
        return finish(fig, f"Helmandi-network members among the 33: from {lo} to {hi}, depending on the rule")


def claims_graphic(ledger: pd.DataFrame) -> plt.Figure:
    """Each claim of the commentary with its verdict and the share of codings that support it."""
    t = ledger.iloc[::-1].reset_index(drop=True)
    share = t["holds_in"].map(lambda s: int(s.split("/")[0]) / int(s.split("/")[1]) if s else np.nan)
    with figure_style():
        fig, ax = plt.subplots(figsize=(11, 1.6 + 0.5 * len(t)))
        for i, (verdict, sh) in enumerate(zip(t["verdict"], share)):
            colour = VERDICT_COLOURS[verdict]
            ax.barh(i, 1.0, color="0.93", height=0.7)
            if not np.isnan(sh):
                ax.barh(i, sh, color=colour, height=0.7)
            ax.text(1.02, i, verdict, va="center", fontsize=8.5, color=colour if verdict != "not testable with this data" else "0.4")
        ax.set_yticks(range(len(t)), [_wrap(c, 58) for c in t["claim"]], fontsize=7.5)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
        ax.set_xlabel("share of the 100 coding combinations under which the claim holds")
        ax.grid(axis="y", visible=False)
        n = ledger["verdict"].value_counts()
        finish(fig, f"{n.get('supported', 0)} claims supported, {n.get('sensitive to coding', 0)} sensitive to coding, "
               f"{n.get('contradicted', 0)} contradicted, {n.get('not testable with this data', 0)} not testable")
        fig.subplots_adjust(left=0.34, right=0.80)
        return fig


def sensitivity_ranges(sens: pd.DataFrame, default: pd.DataFrame) -> plt.Figure:
    """Range of each focus group's gap across all coding combinations, with the default coding marked."""
    groups = list(dict.fromkeys(default["group"]))[::-1]
    with figure_style():
        fig, ax = plt.subplots(figsize=(9, 4))
        for i, g in enumerate(groups):
            sub = sens[sens["group"] == g]["gap_pp"]
            ax.hlines(i, sub.min(), sub.max(), color=PALETTE[0], lw=6, alpha=0.5)
            ax.scatter(sub, np.full(len(sub), i), s=8, color=PALETTE[0], zorder=3)
            d = float(default.set_index("group").loc[g, "gap_pp"])
            ax.scatter([d], [i], marker="|", s=300, color="black", zorder=4)
        ax.axvline(0, color="0.2", lw=1)
        ax.set_yticks(range(len(groups)), [FOCUS_LABELS[g] for g in groups])
        ax.set_xlabel("gap (percentage points) across 100 coding combinations; black tick = default")
        spread = sens.groupby("group")["gap_pp"].agg(lambda g: g.max() - g.min())
        positive = [FOCUS_LABELS[g] for g in groups[::-1] if (sens.loc[sens["group"] == g, "gap_pp"] > 0).any()]
        title = f"Coding moves a gap by up to {spread.max():.0f} points"
        title += f"; only {', '.join(positive)} can turn positive" if positive else "; none turns positive"
        return finish(fig, title)


TIMELINE_LABELS = {**FOCUS_LABELS, "hazara": "Hazaras (ethnicity)"}


def timeline_figure(table: pd.DataFrame) -> plt.Figure:
    """Each focus group's gap after every round, for cabinet-rank and deputy-or-other posts.

    The two ranks are drawn side by side at each date so that equal values stay visible;
    labels give appointees over holders of known origin (or ethnicity).
    """
    groups = ["west", "southwest", "hazarajat", "helmandi_networks", "hazara"]
    ranks = ["cabinet rank", "deputy or other"]
    dates = sorted(table["date"].unique())
    x = np.arange(len(dates))
    lo = float(np.nanmin(table["gap_pp"])) - 4
    hi = max(5.0, float(np.nanmax(table["gap_pp"])) + 4)
    with figure_style():
        fig, axes = plt.subplots(1, len(groups), figsize=(13, 4.4), sharey=True)
        for ax, g in zip(axes, groups):
            subs = [table[(table["group"] == g) & (table["rank"] == r)].set_index("date").loc[dates] for r in ranks]
            for i, (rank, sub) in enumerate(zip(ranks, subs)):
                xs = x + (-0.12 if i == 0 else 0.12)
                ax.plot(xs, sub["gap_pp"], marker="o", ms=5, color=PALETTE[i], label=rank)
                other = subs[1 - i]["gap_pp"].to_numpy()
                for xi, o, n, gap, oth in zip(xs, sub["observed"], sub["n"], sub["gap_pp"], other):
                    above = gap > oth or (gap == oth and i == 0)  # keep each label away from the other line
                    ax.annotate(f"{o}/{n}", (xi, gap), xytext=(0, 7 if above else -13), textcoords="offset points",
                                ha="center", fontsize=6.5, color=PALETTE[i])
            ax.axhline(0, color="0.2", lw=1)
            ax.set_title(TIMELINE_LABELS[g], fontsize=10)
            ax.set_xticks(x, [d[5:] for d in dates], rotation=45, ha="right")
            ax.set_xlim(-0.5, len(dates) - 0.5)
            ax.set_ylim(lo, hi)
        axes[0].set_ylabel("gap (percentage points)")
        axes[0].legend(loc="upper left", fontsize=8)
        first, last = dates[0], dates[-1]
        gained = {}
        for rank in ranks:
            t = table[(table["rank"] == rank) & table["group"].isin(groups)].set_index(["date", "group"])["observed"]
            gained[rank] = [TIMELINE_LABELS[g] for g in groups if t[(last, g)] > t[(first, g)]]
        title = "Later rounds added " + (", ".join(gained["deputy or other"]) or "nothing") + " at deputy level only"
        title += "; nothing at cabinet rank" if not gained["cabinet rank"] else f"; at cabinet rank: {', '.join(gained['cabinet rank'])}"
        return finish(fig, title)


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def build_all(ctx: Context) -> dict[str, plt.Figure]:
    """Every figure, by file stem, from one context."""
    sens = focus_sensitivity(ctx)
    return {
        "regions_observed_expected": regions_observed_expected(region_gaps(ctx)),
        "focus_gaps": focus_lollipop(focus_gaps(ctx)),
        "origins_map": origins_map(ctx.people(), ctx.ds.provinces, ctx.regions[ctx.regions["scheme"] == "rusi"]),
        "network_composition": network_composition(ctx.people()),
        "helmandi_networks": helmandi_rules(helmandi_counts(ctx)),
        "claims_ledger": claims_graphic(evaluate_claims(ctx, ctx.claims)),
        "sensitivity_ranges": sensitivity_ranges(sens, focus_gaps(ctx)),
        "timeline": timeline_figure(timeline_gaps(ctx, ctx.appointments)),
    }


def write_figures(ctx: Context, folder: Path) -> list[Path]:
    """Render every figure to PNG and SVG in memory, then write them all (atomically each)."""
    rendered: dict[str, bytes] = {}
    for name, fig in build_all(ctx).items():
        for fmt in ("png", "svg"):
            rendered[f"{name}.{fmt}"] = to_bytes(fig, fmt)
        plt.close(fig)
    paths = []
    for filename, data in sorted(rendered.items()):
        path = Path(folder) / filename
        atomic_write(path, data)
        paths.append(path)
    return paths


__all__ = ["CodingChoice", "build_all", "write_figures"]
