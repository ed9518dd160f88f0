"""The government over time: who held which post on any date, and the focus groups then.

``data/appointments.csv`` holds one row per event (person, post, tier, date,
``event``, sources). :func:`tenures` replays the events into spells in office:

- ``appointed``: he takes the post and leaves any other post he held (a move);
- ``attested``: a source shows him in the post on that date (the appointment
  itself was not found); read like ``appointed``, from that date;
- ``acting``: he takes the post in addition, for a time (a caretaker);
- ``left``: he leaves the post.

A post of cabinet rank has one holder: an appointment to it (not an acting one)
ends the previous holder's spell. Deputy posts are shared and end only by a move
or an explicit ``left``. "Who held what on day D" is then :func:`holders`, and
:func:`gaps_as_of` measures the focus groups on any date, by rank, with the same
exact tests as the 33.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from . import measures
from .baselines import focus_baselines
from .bounds import group_bounds
from .choices import DEFAULT, CodingChoice
from .context import Context
from .data import split_list
from .gaps import focus_members
from .vocab import CABINET_TIERS, FIRST_ROUND, FOCUS_GROUPS, RANKS

TIMELINE_GROUPS = FOCUS_GROUPS
TAKES = ("appointed", "attested")
EVENTS = ("appointed", "acting", "attested", "left")
TENURE_COLUMNS = ["person_id", "post", "tier", "start", "end", "started_by", "ended_by"]


def tenures(appointments: pd.DataFrame) -> pd.DataFrame:
    """Every spell in office: person, post, tier, start, end (NaT while open), how it started
    (the event) and ended (``left``, ``moved``, ``replaced``; empty while open)."""
    events = appointments.sort_values(["announced_on", "line"], kind="stable")
    spells: list[dict] = []
    open_of: dict[str, list[int]] = {}  # person -> open spells
    holder_of: dict[str, list[int]] = {}  # cabinet-rank post -> open spells

    def close(i: int, when, how: str) -> None:
        spells[i]["end"], spells[i]["ended_by"] = when, how
        open_of[spells[i]["person_id"]].remove(i)
        if i in holder_of.get(spells[i]["post"], []):
            holder_of[spells[i]["post"]].remove(i)

    for pid, post, tier, when, event in events[["person_id", "post", "tier", "announced_on", "event"]].itertuples(index=False, name=None):
        mine = open_of.setdefault(pid, [])
        if event == "left":
            for i in [i for i in mine if spells[i]["post"] == post]:
                close(i, when, "left")
            continue
        if any(spells[i]["post"] == post for i in mine):
            continue  # already holds it (attested again, or re-announced)
        if event in TAKES:
            for i in list(mine):
                close(i, when, "moved")
            if tier in CABINET_TIERS:
                for i in [i for i in holder_of.get(post, []) if spells[i]["started_by"] != "acting"]:
                    close(i, when, "replaced")
        spells.append({"person_id": pid, "post": post, "tier": tier, "start": when, "end": pd.NaT, "started_by": event, "ended_by": ""})
        mine.append(len(spells) - 1)
        if tier in CABINET_TIERS and event != "acting":
            holder_of.setdefault(post, []).append(len(spells) - 1)
    out = pd.DataFrame(spells, columns=TENURE_COLUMNS)
    out["end"] = pd.to_datetime(out["end"])
    return out


def in_office(spells: pd.DataFrame, as_of) -> pd.DataFrame:
    """Spells running on ``as_of`` (an event on a day takes effect that day)."""
    day = pd.Timestamp(as_of)
    return spells[(spells["start"] <= day) & (spells["end"].isna() | (spells["end"] > day))]


TIER_ORDER = ("prime_minister", "deputy_prime_minister", "minister", "acting_head_of_agency", "deputy_minister", "other_senior")


def holders(ctx: Context, as_of, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """Everyone in office on ``as_of``, one row per person (at their highest-ranking post), read under
    ``choice``: person_id, name, post, tier, rank (cabinet rank or deputy or other), since, posts (all
    held), and the coded fields."""
    on_day = _on_day(ctx, pd.Timestamp(as_of))
    return on_day.join(ctx.everyone(choice), on="person_id").reset_index(drop=True)


def count_as_of(ctx: Context, as_of, choice: CodingChoice, group: str, rank: str = "cabinet rank") -> tuple[int, int, str]:
    """(members, pool, ids) of a focus group among those in office at ``rank`` on ``as_of``; the pool is
    the holders of known origin (for the Helmandi networks: every holder). The baseline plays no part."""
    ids = _ids_at(ctx, pd.Timestamp(as_of), rank)
    flags = _flags(ctx, choice.reading())
    pool = [p for p in ids if group == "helmandi_networks" or flags[p]["known"]]
    members = [p for p in pool if flags[p][group]]
    return len(members), len(pool), ";".join(members)


@lru_cache(maxsize=1024)
def _ids_at(ctx: Context, day: pd.Timestamp, rank: str) -> tuple[str, ...]:
    on_day = _on_day(ctx, day)
    return tuple(on_day["person_id"].to_numpy()[_rank_mask(on_day, rank)])


@lru_cache(maxsize=256)
def _on_day(ctx: Context, day: pd.Timestamp) -> pd.DataFrame:
    """Who is in office on ``day``: person_id, name, post (the highest-ranking), tier, rank, since, posts."""
    spells = in_office(_tenures(ctx), day)
    order = {t: i for i, t in enumerate(TIER_ORDER)}
    spells = spells.assign(rank_order=spells["tier"].map(order)).sort_values(["rank_order", "start"], kind="stable")
    posts = spells.groupby("person_id", sort=False)["post"].agg(list)
    top = spells.drop_duplicates("person_id")[["person_id", "post", "tier", "start"]].rename(columns={"start": "since"})
    top = top.assign(rank=np.where(top["tier"].isin(CABINET_TIERS), "cabinet rank", "deputy or other"),
                     posts=top["person_id"].map(posts))
    return top.merge(ctx.ds.persons[["person_id", "name"]], on="person_id", how="left").reset_index(drop=True)


@lru_cache(maxsize=256)
def _flags(ctx: Context, reading: CodingChoice) -> dict[str, dict[str, bool]]:
    """person_id -> {known origin, and membership of each focus group} under ``reading``."""
    people = ctx.everyone(reading)
    members = focus_members(people)
    known = people["region"].notna().to_numpy()
    return {pid: {"known": bool(known[i]), **{g: bool(members[g][i]) for g in TIMELINE_GROUPS}}
            for i, pid in enumerate(people.index)}


@lru_cache(maxsize=8)
def _tenures(ctx: Context) -> pd.DataFrame:
    return tenures(ctx.ds.appointments)


def _rank_mask(people: pd.DataFrame, rank: str) -> np.ndarray:
    cabinet = people["tier"].isin(CABINET_TIERS).to_numpy()
    return {"all": np.ones(len(people), bool), "cabinet rank": cabinet, "deputy or other": ~cabinet}[rank]


def rounds(appointments: pd.DataFrame, until=None) -> list[pd.Timestamp]:
    """The dates on which events were announced, in order (up to ``until`` if given)."""
    dates = sorted(appointments["announced_on"].unique())
    return [d for d in dates if until is None or d <= pd.Timestamp(until)]


def events_by_date(ctx: Context, until=None) -> pd.DataFrame:
    """Events held on each announcement date (up to ``until``), by tier of post."""
    a = ctx.ds.appointments
    if until is not None:
        a = a[a["announced_on"] <= pd.Timestamp(until)]
    table = a.groupby(a["announced_on"].dt.strftime("%Y-%m-%d"))["tier"].value_counts().unstack(fill_value=0)
    return table.rename_axis(index="date", columns=None).reset_index()


def observed_by_date(table: pd.DataFrame) -> pd.DataFrame:
    """A table of :func:`timeline_gaps` as one row per group and rank, one column of counts per date."""
    wide = table.pivot_table(index=["group", "rank"], columns="date", values="observed", aggfunc="first", sort=False)
    return wide.rename_axis(columns=None).reset_index()


def year_ends(ctx: Context) -> list[pd.Timestamp]:
    """31 December of every year from the first round to the last event (the last year: its last event)."""
    first, last = pd.Timestamp(FIRST_ROUND), ctx.ds.appointments["announced_on"].max()
    ends = [pd.Timestamp(f"{y}-12-31") for y in range(first.year, last.year)]
    return ends + [last]


def gaps_as_of(ctx: Context, as_of, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """Focus-group counts, gaps and exact tests among everyone in office on ``as_of``, by rank.

    Rows: rank x group, with holders, observed, n (known origin; everyone for the Helmandi
    networks), n_unknown, expected, gap_pp, p_under, ids, and observed_min/observed_max, the
    count over every assignment of the unknowns that the evidence allows (as for the 33); plus a
    group ``hazara`` counting ethnic Hazaras (n = known ethnicity; unknown ethnicity may be anything)."""
    return _gaps_as_of(ctx, pd.Timestamp(as_of), choice).copy()


@lru_cache(maxsize=1024)
def _gaps_as_of(ctx: Context, as_of: pd.Timestamp, choice: CodingChoice) -> pd.DataFrame:
    people = holders(ctx, as_of, choice)
    shares = focus_baselines(ctx, choice)
    central = float(ctx.ds.ethnic_shares.set_index("group").loc["Hazara", "central"])
    rows = []
    for rank in RANKS:
        sub = people[_rank_mask(people, rank)]
        bounds = group_bounds(sub, ctx.possible_provinces, ctx.region_map(choice.scheme), ctx.hazarajat_places,
                              choice.scheme, choice.helmandi)
        for group in TIMELINE_GROUPS:
            k, n, ids = count_as_of(ctx, as_of, choice, group, rank)
            rows.append(_row(as_of, rank, group, k, n, len(sub), shares[group], ids, bounds[group]))
        eth = sub["ethnicity"].notna().to_numpy()
        hazara = (sub["ethnicity"] == "Hazara").to_numpy(dtype=bool) & eth
        k = int(hazara.sum())
        rows.append(_row(as_of, rank, "hazara", k, int(eth.sum()), len(sub), central, ";".join(sub["person_id"].to_numpy()[hazara]),
                         (k, k + int((~eth).sum()))))
    return pd.DataFrame(rows)


def max_as_of(ctx: Context, as_of, group: str, rank: str = "cabinet rank", choice: CodingChoice = DEFAULT) -> int:
    """The largest count of ``group`` at ``rank`` on ``as_of`` that the unknowns allow."""
    g = _gaps_as_of(ctx, pd.Timestamp(as_of), choice)
    return int(g.loc[(g["rank"] == rank) & (g["group"] == group), "observed_max"].iloc[0])


def timeline_gaps(ctx: Context, choice: CodingChoice = DEFAULT, dates=None) -> pd.DataFrame:
    """:func:`gaps_as_of` on each date (default: the rounds of 2021, those of the commentary's year)."""
    dates = rounds(ctx.ds.appointments, until="2021-12-31") if dates is None else dates
    return pd.concat([gaps_as_of(ctx, d, choice) for d in dates], ignore_index=True)


def year_end_gaps(ctx: Context, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """:func:`gaps_as_of` at every year end from 2021 to the latest event."""
    return timeline_gaps(ctx, choice, year_ends(ctx))


def seats_table(ctx: Context, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """:func:`gaps_as_of` on every event date, every rank: each focus group's seats as a step series."""
    return timeline_gaps(ctx, choice, rounds(ctx.ds.appointments))


def turnover(ctx: Context) -> pd.DataFrame:
    """How each post of cabinet rank changed hands, per year: to a newcomer (no earlier post in the
    government) or by a reassignment (someone who already held a post). Posts filled for the first time
    (the 33, new posts) are not changes of hands."""
    spells = _tenures(ctx)
    first_start = spells.groupby("person_id")["start"].min()
    cab = spells[spells["tier"].isin(CABINET_TIERS) & (spells["started_by"] != "acting")].sort_values("start", kind="stable")
    rows = []
    for post, sub in cab.groupby("post", sort=True):
        for prev, nxt in zip(sub.iloc[:-1].itertuples(), sub.iloc[1:].itertuples()):
            kind = "newcomer" if first_start[nxt.person_id] >= nxt.start else "reassignment"
            rows.append({"year": nxt.start.year, "date": nxt.start.strftime("%Y-%m-%d"), "post": post, "from": prev.person_id,
                         "to": nxt.person_id, "kind": kind})
    return pd.DataFrame(rows, columns=["year", "date", "post", "from", "to", "kind"]).sort_values(["date", "post"], kind="stable",
                                                                                                ignore_index=True)


def coverage(ctx: Context) -> pd.DataFrame:
    """Per year: events held (and of each kind), announcements (distinct dates), the last event, distinct persons at
    cabinet rank, and the known rounds of ``rounds.csv`` that the data lack in full or in part."""
    a = ctx.ds.appointments
    spells = _tenures(ctx)
    known = ctx.ds.rounds
    held = a.groupby("announced_on").size()
    rows = []
    for year in range(pd.Timestamp(FIRST_ROUND).year, int(a["announced_on"].dt.year.max()) + 1):
        ya = a[a["announced_on"].dt.year == year]
        lo, hi = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year}-12-31")
        cab = spells[spells["tier"].isin(CABINET_TIERS) & (spells["start"] <= hi) & (spells["end"].isna() | (spells["end"] > lo))]
        lacking = []
        for r in known[known["period"].str.startswith(str(year))].itertuples(index=False):
            got = int(held.get(pd.Timestamp(r.announced_on), 0)) if r.announced_on else 0
            if got == 0 or (r.names_announced and got < int(r.names_announced)):
                size = f"{got} of {r.names_announced}" if r.names_announced else f"{got} held"
                lacking.append(f"{r.announced_on or r.period} ({size})")
        kinds = ya["event"].value_counts()
        rows.append({"year": year, "events": len(ya), **{k: int(kinds.get(k, 0)) for k in EVENTS},
                     "announcements": ya["announced_on"].nunique(), "last_event": ya["announced_on"].max().strftime("%Y-%m-%d"),
                     "known_rounds": int(known["period"].str.startswith(str(year)).sum()),
                     "persons_at_cabinet_rank": cab["person_id"].nunique(), "rounds_lacking": "; ".join(lacking)})
    return pd.DataFrame(rows)


def round_sources(ctx: Context) -> pd.DataFrame:
    """Each known round with what the data hold of it and every source behind it: the round's own
    (``rounds.csv``) and those of the events held on its date."""
    a = ctx.ds.appointments
    by_day = {d: sub for d, sub in a.groupby("announced_on")}
    rows = []
    for r in ctx.ds.rounds.itertuples(index=False):
        sub = by_day.get(pd.Timestamp(r.announced_on)) if r.announced_on else None
        ids = list(dict.fromkeys(split_list(r.source_ids) + ([] if sub is None else
                                 [i for cell in sub["source_ids"] for i in split_list(cell)])))
        rows.append({"round_id": r.round_id, "announced_on": r.announced_on, "description": r.description,
                     "names_announced": r.names_announced, "events_held": 0 if sub is None else len(sub),
                     "sources": len(ids), "source_ids": ";".join(ids)})
    return pd.DataFrame(rows)


def cabinet_persons(ctx: Context, since=FIRST_ROUND) -> pd.DataFrame:
    """Every distinct person who held a post of cabinet rank at any time from ``since`` on, with the
    posts and the first and last day (YYYY-MM-DD; last empty: still in office)."""
    spells = _tenures(ctx)
    cab = spells[spells["tier"].isin(CABINET_TIERS) & (spells["end"].isna() | (spells["end"] > pd.Timestamp(since)))]
    out = cab.groupby("person_id", sort=False).agg(posts=("post", lambda p: "; ".join(dict.fromkeys(p))), first=("start", "min"),
                                                   last=("end", lambda e: pd.NaT if e.isna().any() else e.max()))
    out = out.assign(first=out["first"].dt.strftime("%Y-%m-%d"), last=out["last"].dt.strftime("%Y-%m-%d").fillna(""))
    return out.reset_index().merge(ctx.ds.persons[["person_id", "name"]], on="person_id", how="left")


def period_summary(ctx: Context) -> pd.DataFrame:
    """One row for the whole period: first and last event, events held, distinct persons in office and at
    cabinet rank (and how many of those reached it after the first round), and changes of hands."""
    a = ctx.ds.appointments
    cab = cabinet_persons(ctx)
    changes = turnover(ctx)
    return pd.DataFrame([{
        "first_event": a["announced_on"].min().strftime("%Y-%m-%d"), "last_event": a["announced_on"].max().strftime("%Y-%m-%d"),
        "events": len(a), "announcements": a["announced_on"].nunique(), "persons_in_office": a["person_id"].nunique(),
        "persons_at_cabinet_rank": len(cab), "reached_cabinet_rank_later": int((cab["first"] > FIRST_ROUND).sum()),
        "changes_of_hands": len(changes), "to_newcomers": int((changes["kind"] == "newcomer").sum()),
        "by_reassignment": int((changes["kind"] == "reassignment").sum()),
    }])


def _row(date, rank, group, k: int, n: int, holders_: int, share, ids: str, bounds) -> dict:
    g = measures.group_gap(group, k, n, share) if n else {"observed": k, "n": 0, "expected": np.nan, "gap_pp": np.nan, "p_under": np.nan, "baseline_share": share}
    return {
        "date": pd.Timestamp(date).strftime("%Y-%m-%d"),
        "rank": rank,
        "group": group,
        "holders": holders_,
        "observed": g["observed"],
        "n": g["n"],
        "n_unknown": holders_ - n,
        "baseline_share": g["baseline_share"],
        "expected": g["expected"],
        "gap_pp": g["gap_pp"],
        "p_under": g["p_under"],
        "observed_min": bounds[0],
        "observed_max": bounds[1],
        "ids": ids,
    }
