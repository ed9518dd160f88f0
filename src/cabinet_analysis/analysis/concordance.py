"""Concordance with every published tally of the government's make-up.

``data/tallies.csv`` records each published figure (a count or share, its scope and date, its source)
as a fact about the government, never spread over persons. Where the data can measure the same thing,
its ``compare`` cell says how, in a small language: a scope and a measure, separated by a space.

Scopes: ``first_round`` (the 33 of 7 September 2021); ``cabinet@DATE``, ``deputies@DATE``,
``governors@DATE``, ``all@DATE`` (those in office that day at cabinet rank, as deputy ministers, as
provincial governors, or at any post); ``rounds:ID;ID`` (the persons named in those rounds).
Measures: ``count`` (persons in scope); ``ethnicity=G``, ``network=N``, ``provinces=P;P``,
``guantanamo``, ``un_listed`` (persons in scope who have it, read under the default coding).

:func:`concordance` gives, for each tally, the data's own figure on the same scope and date: the count
(or share) among those whose value is known, the range it could take whatever the unknown values are,
the difference from the tally, and whether the tally lies within that range.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ..coding.choices import DEFAULT
from ..context import Context
from ..data import split_list

COLUMNS = [
    "tally_id",
    "scope",
    "as_of",
    "measure",
    "value",
    "source_id",
    "ours",
    "low",
    "high",
    "difference",
    "agreement",
    "why",
    "note",
]


def scope_persons(ctx: Context, scope: str) -> pd.DataFrame:
    """The persons a scope names, read under the default coding (one row each)."""
    from ..data.tenures import NAMING_EVENTS
    from .timeline import holders

    if scope == "first_round":
        return ctx.appointees(DEFAULT)
    if scope.startswith("rounds:"):
        ids = split_list(scope.split(":", 1)[1])
        a = ctx.ds.appointments
        pids = a.loc[a["round_id"].isin(ids) & a["event"].isin(NAMING_EVENTS), "person_id"].unique()
        return ctx.everyone(DEFAULT).loc[list(pids)].reset_index()
    kind, _, day = scope.partition("@")
    h = holders(ctx, day, DEFAULT)
    tiers = {"cabinet": None, "deputies": ("deputy_minister",), "governors": ("governor",), "all": None}
    if kind not in tiers:
        raise ValueError(f"unknown scope {scope!r}")
    if kind == "cabinet":
        return h[h["rank"] == "cabinet rank"]
    return h if kind == "all" else h[h["tier"].isin(tiers[kind])]


def measure(people: pd.DataFrame, spec: str) -> tuple[int, int, int]:
    """(persons who have it, persons whose value is known, persons in scope) for a measure."""
    total = len(people)
    if spec == "count":
        return total, total, total
    name, _, value = spec.partition("=")
    if name == "ethnicity":
        known = people["ethnicity"].notna()
        return int((people["ethnicity"] == value).sum()), int(known.sum()), total
    if name == "network":
        known = people["networks"].map(bool)
        return int(people["networks"].map(lambda n: value in n).sum()), int(known.sum()), total
    if name == "provinces":
        known = people["province"].notna()
        return int(people["province"].isin(split_list(value)).sum()), int(known.sum()), total
    if name == "guantanamo":
        known = people["guantanamo"].notna()
        return int((people["guantanamo"] == True).sum()), int(known.sum()), total  # noqa: E712 (a nullable column)
    if name == "un_listed":
        listed = people["un_1988_ref"].notna()
        return (
            int(listed.sum()),
            total,
            total,
        )  # the list is read whole: a person not on the copy read is not listed
    raise ValueError(f"unknown measure {spec!r}")


def _number(value: str) -> float | None:
    value = value.strip()
    if re.fullmatch(r"-?\d+(\.\d+)?", value):
        return float(value)
    if re.fullmatch(r"\d+/\d+", value):
        a, b = value.split("/")
        return float(a) / float(b)
    return None


def concordance(ctx: Context) -> pd.DataFrame:
    """One row per tally of ``tallies.csv``: the published figure, the data's figure on the same scope,
    the range whatever the unknowns are, the difference and the agreement (``within the unknowns``,
    ``outside``, or ``not comparable`` where the data cannot measure it: the note says why)."""
    rows = []
    for t in ctx.ds.tallies.itertuples(index=False):
        base = {
            "tally_id": t.tally_id,
            "scope": t.scope,
            "as_of": t.as_of,
            "measure": t.measure,
            "value": t.value,
            "source_id": t.source_id,
            "note": t.note,
        }
        published = _number(t.value)
        if not t.compare or published is None:
            why = (
                "the figure is not a number"
                if published is None
                else "the data do not measure this (a scope or a quantity they do not code)"
            )
            rows.append(
                {
                    **base,
                    "ours": "",
                    "low": np.nan,
                    "high": np.nan,
                    "difference": np.nan,
                    "agreement": "not comparable",
                    "why": why,
                }
            )
            continue
        scope, _, spec = t.compare.partition(" ")
        k, known, total = measure(scope_persons(ctx, scope), spec)
        share = t.measure.startswith("share")
        unknown = total - known
        if share:
            ours = k / known if known else np.nan
            low, high = k / total if total else np.nan, (k + unknown) / total if total else np.nan
            text = (
                f"{ours:.1%} of {known} known ({unknown} unknown)"
                if known
                else f"no value known ({unknown} unknown)"
            )
            tolerance = 0.005
        else:
            ours, low, high = k, k, k + unknown
            text = (
                f"{k} of {known} known" + (f" ({unknown} unknown)" if unknown else "") + f"; {total} in scope"
            )
            tolerance = 0
        at_least = "at least" in t.measure
        within = (
            (published <= high + tolerance)
            if at_least
            else (low - tolerance <= published <= high + tolerance)
        )
        if within and unknown == 0:
            why = "the same figure" if published == ours else "consistent: the source gives a lower bound"
        elif within:
            why = f"within what the {unknown} unknown allow"
        elif published > high:
            why = f"the source counts more than the data could: {total} in scope, the data hold fewer of them or code them otherwise"
        else:
            why = "the data count more than the source: the source's scope or definition is narrower, or a coding differs"
        rows.append(
            {
                **base,
                "ours": text,
                "low": low,
                "high": high,
                "difference": published - ours,
                "agreement": "within the unknowns" if within else "outside",
                "why": why,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)
