"""Which switch moves which gap: the median gap of each focus group under each value of each switch."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from ..report.labels import GROUPS
from .style import figure_style, finish, source_line

ALT = (
    "Heat map: rows are the focus groups, columns each value of each coding switch (origin, source preference, "
    "Helmandi rule, region scheme, yardstick); each cell gives the median gap in percentage points over the coding "
    "combinations that take that value, blue below zero and red above"
)
SWITCHES = ("origin", "prefer", "helmandi", "scheme", "baseline")
SWITCH_WORDS = {
    "origin": "origin",
    "prefer": "source preference",
    "helmandi": "Helmandi rule",
    "scheme": "region scheme",
    "baseline": "yardstick",
}


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..analysis.sensitivity import focus_sensitivity

    return (focus_sensitivity(ctx),)


def grid(sens: pd.DataFrame) -> pd.DataFrame:
    """Median gap (points) per focus group (rows) and switch value (columns ``switch: value``)."""
    columns = {}
    for switch in SWITCHES:
        for value, sub in sens.groupby(switch, sort=False):
            columns[f"{switch}: {value}"] = sub.groupby("group", sort=False)["gap_pp"].median()
    return pd.DataFrame(columns).reindex(list(dict.fromkeys(sens["group"])))


def sensitivity_grid(sens: pd.DataFrame) -> plt.Figure:
    """The median gap of each focus group under each value of each switch (``sens``:
    :func:`~cabinet_analysis.analysis.sensitivity.focus_sensitivity`), as a seaborn heat map."""
    import seaborn as sns

    g = grid(sens)
    shown = g.rename(index=GROUPS)
    limit = max(5.0, float(g.abs().max().max()))
    with figure_style():
        fig, ax = plt.subplots(figsize=(10, 4.6))
        with warnings.catch_warnings():  # seaborn 0.13 calls a colormap method matplotlib plans to deprecate
            warnings.simplefilter("ignore", PendingDeprecationWarning)
            sns.heatmap(
                shown,
                ax=ax,
                cmap="vlag",
                center=0,
                vmin=-limit,
                vmax=limit,
                annot=True,
                fmt=".0f",
                annot_kws={"fontsize": 8},
                linewidths=0.5,
                linecolor="white",
                cbar_kws={"label": "median gap (points)", "shrink": 0.8},
            )
        ax.set_xticks(ax.get_xticks(), shown.columns, rotation=40, ha="right", fontsize=8)
        ax.set_yticks(ax.get_yticks(), shown.index, rotation=0)
        ax.set_ylabel("")
        spread = {
            s: float(
                (
                    g[[c for c in g.columns if c.startswith(s + ":")]].max(axis=1)
                    - g[[c for c in g.columns if c.startswith(s + ":")]].min(axis=1)
                ).max()
            )
            for s in SWITCHES
        }
        top = max(spread, key=lambda s: spread[s])
        title = f"The {SWITCH_WORDS[top]} moves the median gaps most (by up to {spread[top]:.0f} points)"
        yardsticks = list(dict.fromkeys(sens["baseline"]))
        return finish(fig, title, source_line("the 33 appointees of 7 Sept 2021", yardsticks=yardsticks), ALT)
