"""The movement's senior cadre as the UN 1988 sanctions list records it: a yardstick drawn from
the Taliban's own base rather than from the population.

Every individual entry of the list (``TAi.*``) is a person in ``persons.csv``,
coded in ``evidence.csv`` like the 33: reference, listed functions, the places
of birth as listed (alternatives each a competing row) and the 1996-2001 posts
the list states. :func:`cadre` reads them under a coding choice, so the origin
switches apply to the yardstick as to the appointees.

- ``movement``: every listed individual whose province can be read.
- ``emirate``: those of them whose entry states a post in the 1996-2001 Emirate.

The list is not a random sample of the movement: it over-represents officials of
the 1996-2001 government and people sanctioned for it, and under-represents
commanders who rose after 2001. The 33's own listed members are part of the pool.
"""

from __future__ import annotations

import pandas as pd

from ..coding.choices import CodingChoice
from ..context import Context

CADRE_BASELINES = ("movement", "emirate")
UN_KIND = "un_list"
POST_FLOOR = ("high", "medium")  # posts the list itself states; an embassy post coded low is an inference


def cadre_ids(ctx: Context, which: str = "movement") -> list[str]:
    """Persons with a UN 1988 list reference from a copy of the list (``movement``), or only those
    whose entry states a 1996-2001 post (``emirate``)."""
    return list(ctx.memo(("cadre_ids", which), lambda: _cadre_ids(ctx, which)))


def _cadre_ids(ctx: Context, which: str) -> tuple[str, ...]:
    e = ctx.ds.evidence
    listed = e[(e["field"] == "un_1988_ref") & (e["kind"] == UN_KIND)]
    ids = set(listed["person_id"])
    if which == "emirate":
        posts = e[
            (e["field"] == "emirate_1996_2001") & (e["kind"] == UN_KIND) & e["confidence"].isin(POST_FLOOR)
        ]
        ids &= set(posts["person_id"])
    elif which != "movement":
        raise ValueError(f"which must be one of {', '.join(CADRE_BASELINES)}, not {which!r}")
    return tuple(sorted(ids))


def cadre(ctx: Context, choice: CodingChoice, which: str = "movement") -> pd.DataFrame:
    """The listed individuals read under ``choice`` (origin, region, Hazarajat flag)."""
    return ctx.everyone(choice).loc[cadre_ids(ctx, which)].reset_index()


def cadre_summary(ctx: Context) -> pd.DataFrame:
    """How many entries each yardstick rests on: coded, with any resolvable province in the
    evidence, and with a province under the default reading (alternatives in two provinces tie)."""
    e = ctx.ds.evidence
    rows = []
    for which in CADRE_BASELINES:
        ids = cadre_ids(ctx, which)
        prov = e[(e["field"] == "province") & e["person_id"].isin(ids) & e["basis"].isin(["birth", "family"])]
        read = cadre(ctx, CodingChoice(), which)
        rows.append(
            {
                "baseline": which,
                "entries": len(ids),
                "with_a_province_in_the_evidence": prov["person_id"].nunique(),
                "with_a_province_default_reading": int(read["province"].notna().sum()),
                "among_the_33": len(set(ids) & set(ctx.first_round["person_id"])),
            }
        )
    return pd.DataFrame(rows)
