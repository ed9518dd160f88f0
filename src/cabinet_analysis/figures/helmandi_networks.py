"""Members of the Helmandi networks among the 33 under each membership rule and origin coding."""

from __future__ import annotations

import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from .style import figure_style, finish, source_line

ALT = (
    "Heat map: rows are the five rules for membership of the Helmandi Ishaqzai and Alizai networks, columns the "
    "origin codings; each cell gives how many of the 33 count as members"
)


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..analysis.helmandi import helmandi_counts

    return (helmandi_counts(ctx, choice.scheme),)


def helmandi_networks(counts: pd.DataFrame) -> plt.Figure:
    """Members of the Helmandi networks under each membership rule and origin coding (``counts``:
    :func:`~cabinet_analysis.analysis.helmandi.helmandi_counts`), as a seaborn heat map."""
    import seaborn as sns

    t = counts.assign(
        coding=counts["origin"] + np.where(counts["origin"] == "as_coded", "", " / " + counts["prefer"])
    )
    grid = t.pivot(index="helmandi", columns="coding", values="members").loc[
        list(dict.fromkeys(t["helmandi"]))
    ]
    values = grid.to_numpy()
    with figure_style():
        fig, ax = plt.subplots(figsize=(8, 4))
        with warnings.catch_warnings():  # seaborn 0.13 calls a colormap method matplotlib plans to deprecate
            warnings.simplefilter("ignore", PendingDeprecationWarning)
            sns.heatmap(
                grid,
                ax=ax,
                cmap="Blues",
                vmin=0,
                vmax=max(3, int(values.max())),
                annot=True,
                fmt="d",
                annot_kws={"fontsize": 10},
                linewidths=1,
                linecolor="white",
                cbar_kws={"label": "appointees counted"},
            )
        ax.set_xticks(ax.get_xticks(), grid.columns, rotation=20, ha="right")
        ax.set_yticks(ax.get_yticks(), grid.index, rotation=0)
        ax.set_xlabel("origin coding / source preference")
        ax.set_ylabel("membership rule")
        lo, hi = int(values.min()), int(values.max())
        return finish(
            fig,
            f"Helmandi-network members among the 33: from {lo} to {hi}, depending on the rule",
            source_line("evidence.csv, the 33 appointees of 7 Sept 2021"),
            ALT,
        )
