"""The focus groups' gaps against the yardstick, as a lollipop, with exact and Holm-adjusted p-values."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from ..report.labels import GROUPS, YARDSTICKS
from .style import figure_style, finish, palette, source_line

ALT = (
    "Lollipop chart, one row per focus group of the commentary: the gap in percentage points between its share "
    "of the appointees of known origin and its share of the yardstick, with the exact one-sided p-value"
)


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..analysis.gaps import focus_gaps as gap_table

    return (gap_table(ctx, choice),)


def focus_gaps(table: pd.DataFrame) -> plt.Figure:
    """Gap in percentage points for the focus groups (``table``: :func:`~cabinet_analysis.analysis.gaps.focus_gaps`),
    with the exact p-value beside each; the axis and the source line name the yardstick of ``table``."""
    t = table.iloc[::-1]
    baseline = str(t["baseline"].iloc[0]) if "baseline" in t else "population"
    yardstick = YARDSTICKS.get(baseline, "baseline")
    p = palette()
    with figure_style():
        fig, ax = plt.subplots(figsize=(9.5, 4))
        y = np.arange(len(t))
        ax.hlines(y, 0, t["gap_pp"], color="0.6", lw=2)
        ax.scatter(t["gap_pp"], y, s=70, color=[p[3] if g < 0 else p[2] for g in t["gap_pp"]], zorder=3)
        ax.axvline(0, color="0.2", lw=1)
        labels = [
            f"{GROUPS[g]}  ({o} of {n}, expected {e:.1f})"
            for g, o, n, e in zip(t["group"], t["observed"], t["n"], t["expected"])
        ]
        ax.set_yticks(y, labels)
        for yi, (gap, pv, ph) in enumerate(zip(t["gap_pp"], t["p_under"], t["p_holm"])):
            ax.annotate(
                f"p = {pv:.2g} (Holm {ph:.2g})",
                (gap, yi),
                xytext=(-8, 8),
                textcoords="offset points",
                ha="right",
                fontsize=8,
            )
        ax.set_xlabel(f"gap: share of appointees minus {yardstick} share (percentage points)")
        lo = min(-20.0, float(t["gap_pp"].min()) - 3)
        ax.set_xlim(lo, max(5.0, float(t["gap_pp"].max()) + 4))
        below = t.loc[t["p_under"] < 0.05, "group"].map(GROUPS).tolist()
        holm = t.loc[t["p_holm"] < 0.05, "group"].map(GROUPS).tolist()
        title = (
            f"Every focus group falls short of its {yardstick} share"
            if (t["gap_pp"] < 0).all()
            else "Gaps of the focus groups"
        )
        title += f"; p < 0.05: {', '.join(below[::-1]) or 'none'}"
        title += f" ({', '.join(holm[::-1]) or 'none'} after Holm)" if below else ""
        return finish(fig, title, source_line("the 33 appointees of 7 Sept 2021", yardsticks=[baseline]), ALT)
