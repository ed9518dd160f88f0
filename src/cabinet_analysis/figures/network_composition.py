"""The main network of each of the 33, by rank."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from ..vocab import CABINET_TIERS
from .style import figure_style, finish, palette, source_line

ALT = (
    "Stacked horizontal bar chart, one bar per network of the Taliban movement (Kandahari core, Haqqani network, "
    "Doha office and others, and unknown): how many of the 33 belong to it, at cabinet rank and at deputy rank"
)


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    return (ctx.appointees(choice),)


def network_composition(people: pd.DataFrame) -> plt.Figure:
    """Primary network of each appointee, split into cabinet rank and deputy rank."""
    d = people.assign(
        network=people["networks"].map(lambda n: n[0] if n else "unknown"),
        rank=np.where(people["tier"].isin(CABINET_TIERS), "cabinet rank", "deputy or other"),
    )
    table = d.groupby(["network", "rank"]).size().unstack(fill_value=0)
    known = table.drop(index="unknown", errors="ignore")
    order = (["unknown"] if "unknown" in table.index else []) + list(
        known.sum(axis=1).sort_values(kind="stable").index
    )
    table = table.loc[order]
    p = palette()
    with figure_style():
        fig, ax = plt.subplots(figsize=(8, 4.4))
        left = np.zeros(len(table))
        for i, col in enumerate(["cabinet rank", "deputy or other"]):
            if col in table:
                ax.barh(table.index, table[col], left=left, color=p[i], label=col)
                left += table[col].to_numpy()
        for yi, total in enumerate(left):
            ax.annotate(
                str(int(total)),
                (total, yi),
                xytext=(3, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
        ax.set_xlabel("appointees")
        ax.legend(loc="upper right")
        helmandi = int((d["network"] == "helmandi").sum())
        top = known.sum(axis=1).sort_values(ascending=False, kind="stable")
        title = f"Main network: {top.index[0]} ({top.iloc[0]}), {top.index[1]} ({top.iloc[1]}); Helmandi: {helmandi}"
        return finish(fig, title, source_line("evidence.csv, the 33 appointees of 7 Sept 2021"), ALT)
