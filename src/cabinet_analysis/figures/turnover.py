"""How posts of cabinet rank changed hands each year: to a newcomer or by a reassignment."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from .style import figure_style, finish, palette, source_line

ALT = (
    "Stacked bar chart, one bar per year from 2021: how many posts of cabinet rank changed hands, to a newcomer "
    "or by reassigning someone who already held a post, with the number of events held that year"
)


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..analysis.timeline import coverage, turnover

    return (turnover(ctx), coverage(ctx))


def turnover(changes: pd.DataFrame, coverage: pd.DataFrame) -> plt.Figure:
    """How posts of cabinet rank changed hands each year (``changes``: :func:`~cabinet_analysis.analysis.timeline.turnover`;
    ``coverage``: :func:`~cabinet_analysis.analysis.timeline.coverage`, for the years and the events held)."""
    years = coverage["year"].tolist()
    counts = (
        changes.groupby(["year", "kind"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=years, columns=["newcomer", "reassignment"], fill_value=0)
    )
    p = palette()
    with figure_style():
        fig, ax = plt.subplots(figsize=(8, 4))
        bottom = np.zeros(len(years))
        for kind, colour in (("newcomer", p[2]), ("reassignment", p[4])):
            ax.bar(
                years,
                counts[kind],
                bottom=bottom,
                color=colour,
                width=0.6,
                label="to a newcomer" if kind == "newcomer" else "by a reassignment",
            )
            bottom += counts[kind].to_numpy()
        for x, total in zip(years, bottom):
            ax.annotate(
                f"{int(total)}",
                (x, total),
                xytext=(0, 3),
                textcoords="offset points",
                ha="center",
                fontsize=9,
            )
        last_year = coverage.iloc[-1]
        labels = [f"{y}\n({e} events held)" for y, e in zip(years, coverage["events"])]
        labels[-1] = (
            f"{last_year['year']} to {pd.Timestamp(last_year['last_event']):%d %b}\n({last_year['events']} events held)"
        )
        ax.set_xticks(years, labels, fontsize=8)
        ax.set_ylabel("posts of cabinet rank changing hands")
        ax.yaxis.set_major_locator(plt.MaxNLocator(integer=True))
        ax.set_ylim(0, max(2.0, float(bottom.max()) + 1))
        ax.legend(loc="upper left", fontsize=8)
        n = counts.sum()
        title = (
            f"{int(n.sum())} changes of hands at cabinet rank: {int(n['reassignment'])} reassignments, "
            f"{int(n['newcomer'])} newcomers"
        )
        source = source_line("appointments.csv; the 2021 appointments filling posts are not changes of hands")
        return finish(fig, title, source, ALT)
