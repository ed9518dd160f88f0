"""How far coding moves each focus group's gap: every coding combination as a point, the default marked."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from ..report.labels import GROUPS
from .style import figure_style, finish, palette, source_line

ALT = (
    "Strip plot, one row per focus group: the gap in percentage points under each of the coding combinations "
    "as a dot, the range they span as a band, and the default coding as a black tick"
)


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..analysis.gaps import focus_gaps
    from ..analysis.sensitivity import focus_sensitivity

    return (focus_sensitivity(ctx), focus_gaps(ctx, choice))


def sensitivity_ranges(sens: pd.DataFrame, default: pd.DataFrame) -> plt.Figure:
    """Range of each focus group's gap across all coding combinations (``sens``:
    :func:`~cabinet_analysis.analysis.sensitivity.focus_sensitivity`), with the default coding marked."""
    import seaborn as sns

    groups = list(dict.fromkeys(default["group"]))
    labelled = sens.assign(label=sens["group"].map(GROUPS))
    order = [GROUPS[g] for g in groups]
    p = palette()
    with figure_style():
        fig, ax = plt.subplots(figsize=(9, 4))
        for i, g in enumerate(groups):
            sub = sens.loc[sens["group"] == g, "gap_pp"]
            ax.hlines(i, sub.min(), sub.max(), color=p[0], lw=7, alpha=0.25, zorder=1)
        sns.stripplot(
            data=labelled,
            x="gap_pp",
            y="label",
            order=order,
            jitter=False,
            size=4,
            alpha=0.5,
            color=p[0],
            ax=ax,
            zorder=2,
        )
        d = default.set_index("group")["gap_pp"]
        ax.scatter(
            [float(d[g]) for g in groups], range(len(groups)), marker="|", s=300, color="black", zorder=4
        )
        ax.axvline(0, color="0.2", lw=1)
        ax.set_ylabel("")
        combos = int((sens["group"] == groups[0]).sum())
        ax.set_xlabel(f"gap (percentage points) across {combos} coding combinations; black tick = default")
        spread = sens.groupby("group")["gap_pp"].agg(lambda s: s.max() - s.min())
        positive = [GROUPS[g] for g in groups if (sens.loc[sens["group"] == g, "gap_pp"] > 0).any()]
        title = f"Coding moves a gap by up to {spread.max():.0f} points"
        title += f"; only {', '.join(positive)} can turn positive" if positive else "; none turns positive"
        yardsticks = list(dict.fromkeys(sens["baseline"])) if "baseline" in sens else []
        return finish(fig, title, source_line("the 33 appointees of 7 Sept 2021", yardsticks=yardsticks), ALT)
