"""Every region of a scheme: its share of the appointees of known origin, with a Jeffreys interval,
against its share under the yardstick."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from ..report.labels import YARDSTICKS
from .style import figure_style, finish, palette, source_line

ALT = (
    "Dot plot, one row per region of the commentary's scheme: the share of the appointees of known origin "
    "with its 95% interval, beside the region's share of the yardstick"
)


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..analysis.gaps import region_gaps

    return (region_gaps(ctx, choice),)


def regions_observed_expected(table: pd.DataFrame) -> plt.Figure:
    """Observed share with its Jeffreys interval against the baseline share, one row per region
    (``table``: :func:`~cabinet_analysis.analysis.gaps.region_gaps`)."""
    t = table.sort_values("baseline_share")
    baseline = str(t["baseline"].iloc[0])
    p = palette()
    with figure_style():
        fig, ax = plt.subplots(figsize=(8, 4.8))
        y = np.arange(len(t))
        ax.errorbar(
            t["share"],
            y,
            xerr=[t["share"] - t["ci_low"], t["ci_high"] - t["share"]],
            fmt="o",
            color=p[0],
            capsize=3,
            label="appointees (95% Jeffreys interval)",
        )
        ax.scatter(
            t["baseline_share"], y, marker="D", color=p[3], zorder=3, label=f"{YARDSTICKS[baseline]} share"
        )
        for yi, (obs, n) in enumerate(zip(t["observed"], t["n"])):
            ax.annotate(
                f"{obs}/{n}",
                (1.0, yi),
                xycoords=("axes fraction", "data"),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
        ax.set_yticks(y, t["group"])
        ax.set_xlim(0, max(0.75, float(t["ci_high"].max()) + 0.02))
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
        ax.set_xlabel("share")
        ax.legend(loc="lower right", frameon=True)
        south = t.set_index("group")
        title = (
            f"The south holds {south.loc['south', 'share']:.0%} of appointees of known origin "
            f"for {south.loc['south', 'baseline_share']:.0%} of the {YARDSTICKS[baseline]}"
        )
        return finish(fig, title, source_line("the 33 appointees of 7 Sept 2021", yardsticks=[baseline]), ALT)
