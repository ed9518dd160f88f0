"""The claims ledger: each claim's verdict and the share of codings under which it holds."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from ._text import wrap
from .style import MIN_FONT, figure_style, finish, source_line, verdict_colour

ALT = (
    "Horizontal bar chart, one row per checkable claim of the commentary: the share of the coding combinations "
    "under which the claim holds, coloured by its verdict (dark green where it holds whatever the unknown origins are, "
    "light green where it holds on the known origins only), with the verdict and the number of unknowns that could "
    "change it named at the right"
)


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..analysis.claims import evaluate_claims

    return (evaluate_claims(ctx),)


def claims_ledger(ledger: pd.DataFrame) -> plt.Figure:
    """Each claim of the commentary with its verdict and the share of codings that support it, in ledger
    order (``ledger``: :func:`~cabinet_analysis.analysis.claims.evaluate_claims`; the dated claims, one per year end,
    are drawn by :func:`~cabinet_analysis.figures.dated_claims.dated_claims`)."""
    ledger = ledger[~ledger["claim_id"].str.contains("@", regex=False)]
    t = ledger.iloc[::-1].reset_index(drop=True)
    share = t["holds_in"].map(lambda s: int(s.split("/")[0]) / int(s.split("/")[1]) if s else np.nan)
    with figure_style():
        fig, ax = plt.subplots(figsize=(10, 1.6 + 0.5 * len(t)))
        for i, (verdict, sh, unknown) in enumerate(zip(t["verdict"], share, t["unknowns"])):
            colour = verdict_colour(verdict)
            ax.barh(i, 1.0, color="0.93", height=0.7)
            if not np.isnan(sh):
                ax.barh(i, sh, color=colour, height=0.7)
            label = (
                verdict
                if verdict != "supported on the known"
                else f"supported on the known;\n{unknown} unknown could change it"
            )
            ax.text(
                1.02,
                i,
                label,
                va="center",
                fontsize=8,
                color="0.15" if verdict != "not testable with this data" else "0.4",
            )
        ax.set_yticks(range(len(t)), [wrap(c, 58) for c in t["claim"]], fontsize=MIN_FONT + 0.5)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
        combos = next((int(h.split("/")[1]) for h in t["holds_in"] if h), 0)
        ax.set_xlabel(f"share of the {combos} coding combinations under which the claim holds")
        ax.grid(axis="y", visible=False)
        n = ledger["verdict"].value_counts()
        title = (
            f"{n.get('supported', 0)} claims supported whatever the unknowns, {n.get('supported on the known', 0)} on the known "
            f"origins only, {n.get('sensitive to coding', 0)} sensitive to coding, {n.get('contradicted', 0)} contradicted, "
            f"{n.get('not testable with this data', 0)} not testable"
        )
        finish(
            fig,
            title,
            source_line(
                "claims.csv; the commentary's claims, paraphrased", yardsticks=["population", "movement"]
            ),
            ALT,
        )
        fig.subplots_adjust(left=0.37, right=0.76)
        return fig
