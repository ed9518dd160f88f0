"""How many of the 33 have each coded field known, and the evidence rows behind each field."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from .style import figure_style, finish, palette, source_line

ALT = (
    "Two bar charts side by side, one row per coded field (province, district, ethnicity, tribe, network, UN list "
    "reference, 1996-2001 posts): left, how many of the 33 have a value, by imputation or unknown; right, the "
    "evidence rows behind each field by confidence"
)


def first_round_evidence(ctx) -> pd.DataFrame:
    """The evidence rows about the 33."""
    e = ctx.ds.evidence
    return e[e["person_id"].isin(ctx.first_round["person_id"])]


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..report.tables import coverage_table

    return (coverage_table(ctx), first_round_evidence(ctx))


def coverage(table: pd.DataFrame, evidence: pd.DataFrame) -> plt.Figure:
    """Left: how many of the 33 have a value for each coded field (``table``:
    :func:`~cabinet_analysis.report.tables.coverage_table`). Right: the evidence rows behind each field, by confidence."""
    fields = list(table["field"])[::-1]
    c = table.set_index("field").loc[fields]
    ev = (
        evidence[evidence["field"].isin(fields)].groupby(["field", "confidence"]).size().unstack(fill_value=0)
    )
    ev = ev.reindex(
        index=fields,
        columns=[k for k in ("high", "medium", "low", "imputed") if k in ev.columns],
        fill_value=0,
    )
    p = palette()
    with figure_style():
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 4.6), sharey=True)
        y = np.arange(len(fields))
        a1.barh(y, c["known"], color=p[0], label="known")
        a1.barh(
            y,
            c["imputed"],
            left=c["known"],
            color="0.7",
            hatch="///",
            edgecolor="white",
            label="only by imputation",
        )
        a1.barh(y, c["unknown"] - c["imputed"], left=c["known"] + c["imputed"], color="0.88", label="unknown")
        for yi, k in enumerate(c["known"]):
            a1.annotate(
                f"{k}",
                (k, yi),
                xytext=(-4, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=8,
                color="white",
            )
        a1.set_yticks(y, fields)
        a1.set_xlim(0, int(c["known"].iloc[0] + c["unknown"].iloc[0]))
        a1.set_xlabel("appointees with a value")
        a1.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=8, frameon=False)
        left = np.zeros(len(fields))
        shades = {"high": p[2], "medium": p[1], "low": p[3], "imputed": "0.75"}
        for conf in ev.columns:
            a2.barh(y, ev[conf], left=left, color=shades[conf], label=conf)
            left += ev[conf].to_numpy()
        a2.set_xlabel("evidence rows (evidence.csv), by confidence")
        a2.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=4, fontsize=8, frameon=False)
        origin, eth = c.loc["province"], c.loc["ethnicity"]
        total = int(origin["known"] + origin["unknown"])
        title = (
            f"Every value has a source: origin known for {origin['known']} of {total}, "
            f"ethnicity for {eth['known']} ({eth['imputed']} more only by imputation)"
        )
        return finish(
            fig, title, source_line("evidence.csv and sources.csv, the 33 appointees of 7 Sept 2021"), ALT
        )
