"""The government as it grew: appointments after 7 September 2021.

``data/appointments.csv`` holds one row per appointment event (person, post,
tier, date announced, sources). Persons beyond the 33 are coded in
``data/people.csv`` under the same evidence rules. :func:`holders` gives who
held a post on a date (their latest appointment up to then), and
:func:`timeline_gaps` measures the focus groups on each date of a round,
for all posts and split by rank, so "represented only at deputy level" is a
figure. The 33-person analysis does not read these files.
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from . import measures, schemas
from .choices import DEFAULT, CodingChoice, evidence_index, resolve_people
from .csvfile import read_csv_strict
from .dataset import Dataset, _schema_problems, split_list
from .gaps import Context, _focus_baselines, focus_members
from .problems import DataError, Problem
from .vocab import CABINET_TIERS

APPOINTMENTS_FILE = "appointments.csv"
RANKS = ("all", "cabinet rank", "deputy or other")
TIMELINE_GROUPS = ("west", "southwest", "west_or_southwest", "hazarajat", "helmandi_networks")
PERSON_COLUMNS = ["id", "name", "province", "origin_basis", "district", "ethnicity", "tribe", "network", "affiliations"]


def load_appointments(ds: Dataset) -> pd.DataFrame:
    """Validated appointments: persons exist, sources exist, and every one of the 33
    has a 7 September row with the post and tier of appointees.csv."""
    frame, problems = read_csv_strict(ds.data_dir / APPOINTMENTS_FILE, list(schemas.APPOINTMENTS.columns))
    if frame is None:
        raise DataError(problems)
    problems += _schema_problems(frame, schemas.APPOINTMENTS, APPOINTMENTS_FILE)
    ids = set(ds.appointees["id"]) | (set(ds.people["id"]) if ds.people is not None else set())
    sources = set(ds.sources["source_id"])
    for line, row in frame.iterrows():
        if row["person_id"] not in ids:
            problems.append(Problem(APPOINTMENTS_FILE, line, "person_id", f"unknown person {row['person_id']!r} (not in appointees.csv or people.csv)"))
        for sid in split_list(row["source_ids"]):
            if sid not in sources:
                problems.append(Problem(APPOINTMENTS_FILE, line, "source_ids", f"unknown source {sid!r} (not in sources.csv)"))
    first = frame[frame["announced_on"] == "2021-09-07"].set_index("person_id")
    for a in ds.appointees.itertuples(index=False):
        if a.id not in first.index:
            problems.append(Problem(APPOINTMENTS_FILE, 0, "", f"{a.id} (one of the 33) has no 2021-09-07 appointment"))
        elif (first.loc[a.id, "post"], first.loc[a.id, "tier"]) != (a.post, a.tier):
            problems.append(Problem(APPOINTMENTS_FILE, 0, "", f"{a.id}: 2021-09-07 post or tier differs from appointees.csv"))
    if problems:
        raise DataError(problems)
    out = frame.reset_index()
    out["announced_on"] = pd.to_datetime(out["announced_on"], format="%Y-%m-%d")
    return out


def rounds(appointments: pd.DataFrame) -> list[pd.Timestamp]:
    """The dates on which appointments were announced, in order."""
    return sorted(appointments["announced_on"].unique())


def holders(ctx: Context, appointments: pd.DataFrame, as_of) -> pd.DataFrame:
    """Everyone holding a post on ``as_of``: each person's latest appointment up to that date,
    joined with their coding (from appointees.csv or people.csv)."""
    as_of = pd.Timestamp(as_of)
    upto = appointments[appointments["announced_on"] <= as_of].sort_values(["announced_on", "line"], kind="stable")
    latest = upto.groupby("person_id", sort=False).tail(1).set_index("person_id")
    coded = pd.concat([ctx.ds.appointees[PERSON_COLUMNS], ctx.ds.people[PERSON_COLUMNS]], ignore_index=True).set_index("id")
    persons = coded.loc[latest.index].reset_index()
    persons["post"] = latest["post"].to_numpy()
    persons["tier"] = latest["tier"].to_numpy()
    persons["since"] = latest["announced_on"].to_numpy()
    return persons


def timeline_gaps(ctx: Context, appointments: pd.DataFrame, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """Focus-group counts and gaps after each round, for all posts and by rank.

    Rows: date x rank x group, with observed, n (known origin; everyone for the
    Helmandi networks), n_unknown, expected, gap_pp, p_under, ids; plus a row
    group ``hazara`` counting ethnic Hazaras among all holders (n = known ethnicity).
    """
    rows = []
    shares = _focus_baselines(ctx, choice.scheme, choice.baseline)
    if "index" not in ctx._cache:
        ctx._cache["index"] = evidence_index(ctx.ds)
    index = ctx._cache["index"]
    for date in rounds(appointments):
        persons = holders(ctx, appointments, date)
        people = resolve_people(ctx.ds, ctx.regions, ctx.hazarajat, choice, index, persons)
        cabinet = people["tier"].isin(CABINET_TIERS).to_numpy()
        for rank, mask in (("all", np.ones(len(people), bool)), ("cabinet rank", cabinet), ("deputy or other", ~cabinet)):
            sub = people[mask]
            known = sub["region"].notna().to_numpy()
            members = focus_members(sub)
            for group in TIMELINE_GROUPS:
                pool = known if group != "helmandi_networks" else np.ones(len(sub), bool)
                member = members[group] & pool
                rows.append(_row(date, rank, group, member, pool, shares[group], sub["id"].to_numpy()))
            eth = sub["ethnicity"].notna().to_numpy()
            hazara = (sub["ethnicity"] == "Hazara").fillna(False).to_numpy(dtype=bool)
            central = float(ctx.ethnic_shares.set_index("group").loc["Hazara", "central"])
            rows.append(_row(date, rank, "hazara", hazara & eth, eth, central, sub["id"].to_numpy()))
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
