"""The government as it grew: appointments after 7 September 2021.

``data/appointments.csv`` holds one row per appointment event (person, post,
tier, date announced, sources); every person is coded in ``evidence.csv`` under
the same rules as the 33. :func:`holders` gives who
held a post on a date (their latest appointment up to then), and
:func:`timeline_gaps` measures the focus groups on each date of a round,
for all posts and split by rank, so "represented only at deputy level" is a
figure. The 33-person analysis does not read these files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import measures
from .baselines import focus_baselines
from .choices import DEFAULT, CodingChoice
from .context import Context
from .gaps import focus_members
from .vocab import CABINET_TIERS, FOCUS_GROUPS

RANKS = ("all", "cabinet rank", "deputy or other")
TIMELINE_GROUPS = FOCUS_GROUPS


def rounds(appointments: pd.DataFrame) -> list[pd.Timestamp]:
    """The dates on which appointments were announced, in order."""
    return sorted(appointments["announced_on"].unique())


def holders(ctx: Context, as_of, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """Everyone holding a post on ``as_of``: each person's latest appointment up to that date,
    read under ``choice`` (columns of :meth:`Context.resolve`, plus post, tier and since)."""
    a = ctx.ds.appointments
    upto = a[a["announced_on"] <= pd.Timestamp(as_of)].sort_values(["announced_on", "line"], kind="stable")
    latest = upto.groupby("person_id", sort=False).tail(1)
    persons = latest[["person_id", "post", "tier", "announced_on"]].rename(columns={"announced_on": "since"})
    persons = persons.merge(ctx.ds.persons[["person_id", "name"]], on="person_id", how="left")
    return ctx.resolve(persons.reset_index(drop=True), choice)


def timeline_gaps(ctx: Context, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """Focus-group counts and gaps after each round, for all posts and by rank.

    Rows: date x rank x group, with observed, n (known origin; everyone for the
    Helmandi networks), n_unknown, expected, gap_pp, p_under, ids; plus a row
    group ``hazara`` counting ethnic Hazaras among all holders (n = known ethnicity).
    """
    rows = []
    shares = focus_baselines(ctx, choice)
    central = float(ctx.ds.ethnic_shares.set_index("group").loc["Hazara", "central"])
    for date in rounds(ctx.ds.appointments):
        people = holders(ctx, date, choice)
        cabinet = people["tier"].isin(CABINET_TIERS).to_numpy()
        for rank, mask in (("all", np.ones(len(people), bool)), ("cabinet rank", cabinet), ("deputy or other", ~cabinet)):
            sub = people[mask]
            known = sub["region"].notna().to_numpy()
            members = focus_members(sub)
            for group in TIMELINE_GROUPS:
                pool = known if group != "helmandi_networks" else np.ones(len(sub), bool)
                member = members[group] & pool
                rows.append(_row(date, rank, group, member, pool, shares[group], sub["person_id"].to_numpy()))
            eth = sub["ethnicity"].notna().to_numpy()
            hazara = (sub["ethnicity"] == "Hazara").to_numpy(dtype=bool)
            rows.append(_row(date, rank, "hazara", hazara & eth, eth, central, sub["person_id"].to_numpy()))
    return pd.DataFrame(rows)


def _row(date, rank, group, member, pool, share, ids) -> dict:
    k, n = int(member.sum()), int(pool.sum())
    g = measures.group_gap(group, k, n, share) if n else {"observed": k, "n": 0, "expected": np.nan, "gap_pp": np.nan, "p_under": np.nan, "baseline_share": share}
    return {
        "date": pd.Timestamp(date).strftime("%Y-%m-%d"),
        "rank": rank,
        "group": group,
        "holders": len(pool),
        "observed": g["observed"],
        "n": g["n"],
        "n_unknown": int(len(pool) - pool.sum()),
        "baseline_share": g["baseline_share"],
        "expected": g["expected"],
        "gap_pp": g["gap_pp"],
        "p_under": g["p_under"],
        "ids": ";".join(ids[member]),
    }
