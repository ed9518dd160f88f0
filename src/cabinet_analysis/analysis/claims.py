"""The claims ledger: the commentary's checkable claims, evaluated against the data.

Claims live in ``data/claims.csv`` (paraphrased, each with its place in the
commentary and a test). :func:`evaluate_claims` runs each test under every
combination of coding switches: a claim whose result is the same under all of
them gets that verdict; one whose result changes is ``sensitive to coding``,
with the switches that move it named. What each test reads and how it is
evaluated is its kind, in :mod:`cabinet_analysis.analysis.claim_kinds`.
"""

from __future__ import annotations

import pandas as pd

from ..coding.choices import DEFAULT, all_choices, choice_fields
from ..context import Context
from ..vocab import RUSI_SCHEMES
from .baselines import REGION_BASELINES
from .claim_kinds import KINDS
from .gaps import focus_rows
from .sensitivity import movers
from .timeline import year_ends

SUPPORTED, CONTRADICTED, SENSITIVE, UNTESTABLE = (
    "supported",
    "contradicted",
    "sensitive to coding",
    "not testable with this data",
)
# Supported under every coding, but only on what the data name: unknown origins or persons the data do
# not name could change it (the ledger's ``unknowns`` says how many).
ON_THE_KNOWN = "supported on the known"
VERDICTS = (SUPPORTED, ON_THE_KNOWN, SENSITIVE, CONTRADICTED, UNTESTABLE)


def evaluate_claims(
    ctx: Context, claims: pd.DataFrame | None = None, schemes=RUSI_SCHEMES, baselines=REGION_BASELINES
) -> pd.DataFrame:
    """The ledger: one row per claim with its figure (default coding), verdict and sensitivity (the
    ledger of ``claims.csv`` is kept between runs)."""
    if claims is None:
        key = ("evaluate_claims", tuple(schemes), tuple(baselines))
        return ctx.memo(key, lambda: _ledger(ctx, ctx.ds.claims, schemes, baselines), keep=True).copy()
    return _ledger(ctx, claims, schemes, baselines)


def _ledger(ctx: Context, claims: pd.DataFrame, schemes, baselines) -> pd.DataFrame:
    claims = _dated(ctx, claims)
    choices = all_choices(list(schemes), list(baselines))
    focus_by_choice = {c: {r["group"]: r for r in focus_rows(ctx, c)} for c in choices}
    rows, detail = [], []
    for claim in claims.to_dict("records"):
        kind = KINDS[claim["test"]]
        if not kind.testable:
            rows.append(
                {
                    **_base(claim),
                    "figure": "",
                    "verdict": UNTESTABLE,
                    "ids": "",
                    "holds_in": "",
                    "moved_by": "",
                    "robust_to_unknowns": None,
                    "unknowns": None,
                }
            )
            continue
        if kind.coding_free:
            once = kind.evaluate(ctx, claim, DEFAULT, focus_by_choice[DEFAULT])
            results = {c: once for c in choices}
        else:
            results, once = {}, {}
            for c in choices:
                k = c.reading() if kind.baseline_free else c
                if k not in once:
                    once[k] = kind.evaluate(ctx, claim, c, focus_by_choice[c])
                results[c] = once[k]
        detail += [{**c.__dict__, "claim_id": claim["claim_id"], "holds": r[0]} for c, r in results.items()]
        holds, figure, ids = results[DEFAULT]
        share = sum(r[0] for r in results.values()) / len(results)
        n_unknown, more = kind.unknowns(ctx, claim, focus_by_choice[DEFAULT], holds)
        robust = None if n_unknown is None else bool(holds and n_unknown == 0)
        verdict = (
            CONTRADICTED
            if share == 0
            else SENSITIVE
            if share < 1
            else ON_THE_KNOWN
            if robust is False
            else SUPPORTED
        )
        rows.append(
            {
                **_base(claim),
                "figure": figure + more,
                "verdict": verdict,
                "ids": ids,
                "holds_in": f"{round(share * len(results))}/{len(results)}",
                "moved_by": "",
                "robust_to_unknowns": robust,
                "unknowns": n_unknown,
            }
        )
    ledger = pd.DataFrame(rows)
    ledger["unknowns"] = ledger["unknowns"].astype("Int64")
    if detail:
        d = pd.DataFrame(detail)
        moved = movers(d, "holds", ["claim_id"])
        ledger["moved_by"] = ledger["claim_id"].map(lambda cid: ";".join(moved.get((cid,), [])))
    return ledger


def _dated(ctx: Context, claims: pd.DataFrame) -> pd.DataFrame:
    """A claim about every year end (a ``dated`` kind: ``group_empty_as_of``) becomes one claim per year end,
    ``<claim_id>@<date>``, from 2021 to the latest event."""
    rows = []
    for claim in claims.to_dict("records"):
        if not KINDS[claim["test"]].dated:
            rows.append({**claim, "as_of": ""})
            continue
        for day in year_ends(ctx):
            date = day.strftime("%Y-%m-%d")
            rows.append(
                {
                    **claim,
                    "claim_id": f"{claim['claim_id']}@{date}",
                    "as_of": date,
                    "claim": claim["claim"].replace("each year end", date),
                }
            )
    return pd.DataFrame(rows)


def _base(claim: dict) -> dict:
    return {"claim_id": claim["claim_id"], "place": claim["place"], "claim": claim["claim"]}


__all__ = ["evaluate_claims", "choice_fields"]
