"""The dated claims: one verdict per claim and year end."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from ._text import wrap
from .style import MIN_FONT, figure_style, finish, source_line, verdict_colour

ALT = (
    "Grid of coloured cells: rows are the dated claims (nobody from the west, from Hazarajat or from the Helmandi "
    "networks at cabinet rank), columns the year ends; each cell gives the verdict, the share of codings under which "
    "it holds and how many unknowns (origins, and persons the data do not name) could change it"
)


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..analysis.claims import evaluate_claims

    return (evaluate_claims(ctx),)


def dated_claims(ledger: pd.DataFrame) -> plt.Figure:
    """The dated claims of the ledger: one cell per claim and year end, coloured by verdict, with the
    share of coding combinations under which it holds and whether it holds whatever the unknowns are."""
    dated = ledger[ledger["claim_id"].str.contains("@", regex=False)]
    base = dated["claim_id"].str.split("@").str[0]
    dates = sorted(dated["claim_id"].str.split("@").str[1].unique())
    claims = list(dict.fromkeys(base))
    with figure_style():
        fig, ax = plt.subplots(figsize=(10, 1.9 + 0.95 * len(claims)))
        for i, cid in enumerate(claims):
            for j, date in enumerate(dates):
                row = dated[dated["claim_id"] == f"{cid}@{date}"]
                if row.empty:
                    continue
                r = row.iloc[0]
                ax.add_patch(
                    plt.Rectangle((j - 0.46, i - 0.42), 0.92, 0.84, color=verdict_colour(r["verdict"]), lw=0)
                )
                robust = (
                    "whatever the\nunknowns"
                    if r["robust_to_unknowns"] is True
                    else f"{int(r['unknowns'])} unknown\ncould change it"
                )
                verdict = r["verdict"].replace(" on the known", "\non the known")
                ink = "white" if r["verdict"] != "supported on the known" else "0.1"
                ax.text(
                    j,
                    i,
                    f"{verdict}\n{r['holds_in']}\n{robust}",
                    ha="center",
                    va="center",
                    fontsize=MIN_FONT,
                    color=ink,
                )
        first = {cid: dated.loc[base == cid, "claim"].iloc[0] for cid in claims}
        labels = [
            wrap(first[cid].replace(first[cid].split(",")[0], "As of each year end"), 34) for cid in claims
        ]
        ax.set_yticks(range(len(claims)), labels, fontsize=8)
        ax.set_xticks(range(len(dates)), dates, fontsize=8)
        ax.set_xlim(-0.5, len(dates) - 0.5)
        ax.set_ylim(len(claims) - 0.5, -0.5)
        ax.grid(False)
        always = sum(
            dated.loc[base == cid, "verdict"].isin(["supported", "supported on the known"]).all()
            for cid in claims
        )
        robust = "none" if not dated["robust_to_unknowns"].any() else "some"
        finish(
            fig,
            f"{always} of {len(claims)} dated claims hold at every year end under every coding, on the holders the data "
            f"name; {robust} whatever the unknown origins and the persons the data lack are",
            source_line("claims.csv and appointments.csv; the last column is the last event held"),
            ALT,
        )
        return fig
