from __future__ import annotations

import numpy as np
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from ..coding.groups import FOCUS, FOCUS_GROUPS
from ..context import Context
from ..data import split_list
from ..data.tenures import EVENTS, NAMING_EVENTS, tenures
from ..vocab import CABINET_TIERS, FIRST_ROUND, RANK_GROUPS, RANK_MEMBERS, RANKS
from . import measures
from .baselines import focus_baselines
from .bounds import bounds_under
from .gaps import focus_members

TIMELINE_GROUPS = FOCUS_GROUPS
TIER_ORDER = (
    "prime_minister",
    "deputy_prime_minister",
    "minister",
    "acting_head_of_agency",
    "deputy_minister",
    "other_senior",
    "governor",
    "corps_commander",
    "police_chief",
    "deputy_governor",
    "ambassador",
)
GROUP_OF_TIER = {tier: group for group, tiers in RANK_GROUPS.items() for tier in tiers}


def in_office(spells: pd.DataFrame, as_of) -> pd.DataFrame:
    """Spells running on ``as_of`` (an event on a day takes effect that day)."""
    day = pd.Timestamp(as_of)
    return spells[(spells["start"] <= day) & (spells["end"].isna() | (spells["end"] > day))]


def rank_of(tiers: pd.Series) -> np.ndarray:
    """The rank (of :data:`~cabinet_analysis.vocab.RANKS`, not "all") of each tier."""
    names = {group: rank for rank, groups in RANK_MEMBERS.items() if rank != "all" for group in groups}
    return tiers.map(GROUP_OF_TIER).map(names).fillna("diplomatic").to_numpy()


def _tenures(ctx: Context) -> pd.DataFrame:
    return ctx.memo(("tenures",), lambda: tenures(ctx.ds.appointments, ctx.ds.posts))


def holders(ctx: Context, as_of, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """Everyone in office on ``as_of``, one row per person (at their highest-ranking post), read under
    ``choice``: person_id, name, post, tier, rank, since, posts (all held), and the coded fields."""
    on_day = _on_day(ctx, pd.Timestamp(as_of))
    return on_day.join(ctx.everyone(choice), on="person_id").reset_index(drop=True)


def count_as_of(
    ctx: Context, as_of, choice: CodingChoice, group: str, rank: str = "cabinet rank"
) -> tuple[int, int, str]:
    """(members, pool, ids) of a focus group among those in office at ``rank`` on ``as_of``; the pool is
    the holders of known origin (for the Helmandi networks: every holder). The baseline plays no part."""
    ids = _ids_at(ctx, pd.Timestamp(as_of), rank)
    flags = _flags(ctx, choice.reading())
    pool = [p for p in ids if FOCUS[group].pool == "everyone" or flags[p]["known"]]
    members = [p for p in pool if flags[p][group]]
    return len(members), len(pool), ";".join(members)


def _ids_at(ctx: Context, day: pd.Timestamp, rank: str) -> tuple[str, ...]:
    def compute():
        on_day = _on_day(ctx, day)
        return tuple(on_day["person_id"].to_numpy()[_rank_mask(on_day, rank)])

    return ctx.memo(("ids_at", day, rank), compute)


def _on_day(ctx: Context, day: pd.Timestamp) -> pd.DataFrame:
    """Who is in office on ``day``: person_id, name, post (the highest-ranking), tier, rank, since, posts."""

    def compute():
        spells = in_office(_tenures(ctx), day)
        order = {t: i for i, t in enumerate(TIER_ORDER)}
        spells = spells.assign(rank_order=spells["tier"].map(order)).sort_values(
            ["rank_order", "start"], kind="stable"
        )
        posts = spells.groupby("person_id", sort=False)["post"].agg(list)
        top = spells.drop_duplicates("person_id")[["person_id", "post", "tier", "start"]].rename(
            columns={"start": "since"}
        )
        top = top.assign(rank=rank_of(top["tier"]), posts=top["person_id"].map(posts))
        return top.merge(ctx.ds.persons[["person_id", "name"]], on="person_id", how="left").reset_index(
            drop=True
        )

    return ctx.memo(("on_day", day), compute)


def _flags(ctx: Context, reading: CodingChoice) -> dict[str, dict[str, bool]]:
    """person_id -> {known origin, and membership of each focus group} under ``reading``."""

    def compute():
        people = ctx.everyone(reading)
        members = focus_members(people)
        known = people["region"].notna().to_numpy()
        return {
            pid: {"known": bool(known[i]), **{g: bool(members[g][i]) for g in TIMELINE_GROUPS}}
            for i, pid in enumerate(people.index)
        }

    return ctx.memo(("flags", reading), compute)


def _rank_mask(people: pd.DataFrame, rank: str) -> np.ndarray:
    if rank == "all":
        return np.ones(len(people), bool)
    return (people["rank"] == rank).to_numpy() if "rank" in people else (rank_of(people["tier"]) == rank)


def post_status(ctx: Context, as_of) -> pd.DataFrame:
    """Every post that exists on ``as_of`` (``posts.csv``: established on or before it, or with no date,
    and not abolished) with its rank and status: ``held`` by known persons (``holders``), ``vacant`` (a
    source reports it empty), or ``unknown`` (no holder the data name: vacant, or held by someone the data
    do not name). Shared posts (not single-holder) are ``held`` or ``unknown`` like the others."""
    day = pd.Timestamp(as_of)

    def compute():
        posts = ctx.ds.posts
        exists = (posts["established"].isna() | (posts["established"] <= day)) & (
            posts["abolished"].isna() | (posts["abolished"] > day)
        )
        p = posts[exists][["post_id", "name", "rank", "single_holder"]].reset_index(drop=True)
        on = in_office(_tenures(ctx), day)
        held = on.groupby("post_id")["person_id"].agg(";".join)
        a = ctx.ds.appointments[ctx.ds.appointments["announced_on"] <= day]
        took = a[a["event"].isin(NAMING_EVENTS)].groupby("post_id")["announced_on"].max()
        emptied = a[a["event"] == "vacant"].groupby("post_id")["announced_on"].max()
        vacant = {post for post, when in emptied.items() if post not in took.index or when >= took[post]}
        status = np.where(
            p["post_id"].isin(held.index), "held", np.where(p["post_id"].isin(vacant), "vacant", "unknown")
        )
        return p.assign(
            status=status, holders=p["post_id"].map(held).fillna(""), group=p["rank"].map(GROUP_OF_TIER)
        )

    return ctx.memo(("post_status", day), compute).copy()


def post_status_table(ctx: Context, dates=None) -> pd.DataFrame:
    """How many posts of each rank existed on each date (default: the year ends), and how many were held by
    a person the data name, reported vacant, or of unknown holder (vacant, or held by someone unnamed)."""
    rows = []
    for day in year_ends(ctx) if dates is None else dates:
        status = post_status(ctx, day)
        for rank, groups in RANK_MEMBERS.items():
            if rank == "all":
                continue
            sub = status[status["group"].isin(groups)]
            counts = sub["status"].value_counts()
            rows.append(
                {
                    "date": pd.Timestamp(day).strftime("%Y-%m-%d"),
                    "rank": rank,
                    "posts": len(sub),
                    **{k: int(counts.get(k, 0)) for k in ("held", "vacant", "unknown")},
                }
            )
    return pd.DataFrame(rows)


def round_names(ctx: Context) -> pd.DataFrame:
    """Each round of ``rounds.csv`` with the names the data hold of it (distinct persons named by an
    appointed, acting or attested event of the round) and the names not held (announced minus held, where
    a source gives the count): round_id, announced_on, period, names_announced, names_held, unheld,
    unheld_ranks (rank groups; every group where the sources do not narrow it). A round that counts
    several lists (``part_of`` points at it) holds their names too, and its unheld names are those its
    lists do not account for; totals over rounds skip the lists (:func:`counted_rounds`)."""

    def compute():
        r = ctx.ds.rounds
        a = ctx.ds.appointments
        held = (
            a[a["event"].isin(NAMING_EVENTS) & (a["round_id"] != "")]
            .groupby("round_id")["person_id"]
            .nunique()
        )
        announced = pd.to_numeric(r["names_announced"].replace("", None)).astype("Int64")
        names_held = r["round_id"].map(held).fillna(0).astype(int)
        within_held, within_announced = {}, {}
        for umbrella in set(r.loc[r["part_of"] != "", "part_of"]):
            sub = r[r["part_of"] == umbrella]
            sub_held = sub["round_id"].map(held).fillna(0)
            sub_announced = pd.to_numeric(sub["names_announced"].replace("", None))
            within_held[umbrella] = int(sub_held.sum())
            within_announced[umbrella] = int(np.where(sub_announced.notna(), sub_announced, sub_held).sum())
        unheld = (
            announced.fillna(0).astype(int)
            - names_held
            - r["round_id"].map(within_announced).fillna(0).astype(int)
        ).clip(lower=0)
        names_held = names_held + r["round_id"].map(within_held).fillna(0).astype(int)
        ranks = r["unheld_ranks"].map(lambda v: v if v else ";".join(RANK_GROUPS))
        return pd.DataFrame(
            {
                "round_id": r["round_id"],
                "announced_on": r["announced_on"],
                "period": r["period"],
                "part_of": r["part_of"],
                "names_announced": announced,
                "names_held": names_held,
                "unheld": unheld,
                "unheld_ranks": ranks,
            }
        )

    return ctx.memo(("round_names",), compute).copy()


def counted_rounds(ctx: Context) -> pd.DataFrame:
    """:func:`round_names` of the rounds that give a count and are not counted within another round."""
    names = round_names(ctx)
    return names[names["names_announced"].notna() & (names["part_of"] == "")]


def _round_day(announced_on: str, period: str) -> pd.Timestamp:
    """The day a round counts from: its date, or the last day of its period when only that is known."""
    if announced_on:
        return pd.Timestamp(announced_on)
    return pd.Period(period).end_time.normalize()


def missing_at(ctx: Context, as_of, rank: str) -> tuple[int, int]:
    """(posts with no known holder, names announced but not held) at ``rank`` on ``as_of``: single-holder
    posts of that rank existing with status ``unknown``, and the unheld names of every round up to that day
    whose sources allow that rank (whether or not those persons are still in office: the data cannot
    tell). Where every post of the rank has one holder (cabinet rank), the unheld names are at most the
    other posts of that rank: each would sit in one of them, in place of the holder the data show."""
    day = pd.Timestamp(as_of)
    groups = set(RANK_MEMBERS[rank])
    status = post_status(ctx, day)
    here = status[status["group"].isin(groups)]
    unnamed = int((here["single_holder"] & (here["status"] == "unknown")).sum())
    names = round_names(ctx)
    due = names[[_round_day(d, p) <= day for d, p in zip(names["announced_on"], names["period"])]]
    unheld = int(
        sum(n for n, ranks in zip(due["unheld"], due["unheld_ranks"]) if groups & set(split_list(ranks)))
    )
    if len(here) and here["single_holder"].all():
        # Every post of this rank has one holder: a name the data lack sits in one of them, so at most
        # every such post not already counted as unnamed can be held by someone else than the data say.
        unheld = min(unheld, len(here) - unnamed)
    return unnamed, unheld


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
    wide = table.pivot_table(
        index=["group", "rank"], columns="date", values="observed", aggfunc="first", sort=False
    )
    return wide.rename_axis(columns=None).reset_index()


def year_ends(ctx: Context) -> list[pd.Timestamp]:
    """31 December of every year from the first round to the last event (the last year: its last event)."""
    first, last = pd.Timestamp(FIRST_ROUND), ctx.ds.appointments["announced_on"].max()
    ends = [pd.Timestamp(f"{y}-12-31") for y in range(first.year, last.year)]
    return ends + [last]


def gaps_as_of(ctx: Context, as_of, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """Focus-group counts, gaps and exact tests among everyone in office on ``as_of``, by rank.

    Rows: rank x group, with holders, observed, n (known origin; everyone for the Helmandi networks),
    n_unknown, expected, gap_pp, p_under, ids; observed_min/observed_max, the count over every assignment
    of the unknown origins that the evidence allows (as for the 33); the persons the data do not name at
    that rank (``unnamed_posts``, ``unheld_names``: :func:`missing_at`; ``missing`` their sum), and
    ``could_be``, the largest count whoever all of them are (observed_max + missing). Plus a group
    ``hazara`` counting ethnic Hazaras (n = known ethnicity; an unknown ethnicity may be anything)."""
    day = pd.Timestamp(as_of)
    return ctx.memo(("gaps_as_of", day, choice), lambda: _gaps_as_of(ctx, day, choice)).copy()


def _gaps_as_of(ctx: Context, as_of: pd.Timestamp, choice: CodingChoice) -> pd.DataFrame:
    people = holders(ctx, as_of, choice)
    shares = focus_baselines(ctx, choice)
    central = float(ctx.ds.ethnic_shares.set_index("group").loc["Hazara", "central"])
    rows = []
    for rank in RANKS:
        sub = people[_rank_mask(people, rank)]
        bounds = bounds_under(ctx, sub, choice)
        missing = missing_at(ctx, as_of, rank)
        for group in TIMELINE_GROUPS:
            k, n, ids = count_as_of(ctx, as_of, choice, group, rank)
            rows.append(_row(as_of, rank, group, k, n, len(sub), shares[group], ids, bounds[group], missing))
        eth = sub["ethnicity"].notna().to_numpy()
        hazara = (sub["ethnicity"] == "Hazara").to_numpy(dtype=bool) & eth
        k = int(hazara.sum())
        rows.append(
            _row(
                as_of,
                rank,
                "hazara",
                k,
                int(eth.sum()),
                len(sub),
                central,
                ";".join(sub["person_id"].to_numpy()[hazara]),
                (k, k + int((~eth).sum())),
                missing,
            )
        )
    return pd.DataFrame(rows)


def max_as_of(
    ctx: Context, as_of, group: str, rank: str = "cabinet rank", choice: CodingChoice = DEFAULT
) -> tuple[int, int]:
    """(the largest count of ``group`` at ``rank`` on ``as_of`` that the unknown origins allow, the persons
    at that rank the data do not name)."""
    g = gaps_as_of(ctx, as_of, choice)
    row = g[(g["rank"] == rank) & (g["group"] == group)].iloc[0]
    return int(row["observed_max"]), int(row["missing"])


def round_dates(ctx: Context, until=None) -> list[pd.Timestamp]:
    """The dates of the rounds of ``rounds.csv`` from the first round on (up to ``until``), in order."""
    days = sorted({pd.Timestamp(d) for d in ctx.ds.rounds["announced_on"] if d and d >= FIRST_ROUND})
    return [d for d in days if until is None or d <= pd.Timestamp(until)]


def timeline_gaps(ctx: Context, choice: CodingChoice = DEFAULT, dates=None) -> pd.DataFrame:
    """:func:`gaps_as_of` on each date (default: the rounds of 2021, those of the commentary's year)."""
    dates = round_dates(ctx, until="2021-12-31") if dates is None else dates
    return pd.concat([gaps_as_of(ctx, d, choice) for d in dates], ignore_index=True)


def year_end_gaps(ctx: Context, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """:func:`gaps_as_of` at every year end from 2021 to the latest event."""
    return timeline_gaps(ctx, choice, year_ends(ctx))


def seats_table(ctx: Context, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """:func:`gaps_as_of` on every event date from the first round on, every rank: each focus group's seats as a
    step series."""
    return timeline_gaps(
        ctx, choice, [d for d in rounds(ctx.ds.appointments) if d >= pd.Timestamp(FIRST_ROUND)]
    )


def _cabinet_spells(ctx: Context) -> pd.DataFrame:
    spells = _tenures(ctx)
    return spells[spells["tier"].isin(CABINET_TIERS)]


def turnover(ctx: Context) -> pd.DataFrame:
    """How each post of cabinet rank changed hands, per year: to a newcomer (no earlier post in the
    government) or by a reassignment (someone who already held a post). Posts filled for the first time
    (the 33, new posts) are not changes of hands."""
    spells = _tenures(ctx)
    first_start = spells.groupby("person_id")["start"].min()
    cab = _cabinet_spells(ctx)
    cab = cab[cab["started_by"] != "acting"].sort_values("start", kind="stable")
    rows = []
    for _, sub in cab.groupby("post_id", sort=True):
        for prev, nxt in zip(sub.iloc[:-1].itertuples(), sub.iloc[1:].itertuples()):
            kind = "newcomer" if first_start[nxt.person_id] >= nxt.start else "reassignment"
            rows.append(
                {
                    "year": nxt.start.year,
                    "date": nxt.start.strftime("%Y-%m-%d"),
                    "post": nxt.post,
                    "from": prev.person_id,
                    "to": nxt.person_id,
                    "kind": kind,
                }
            )
    return pd.DataFrame(rows, columns=["year", "date", "post", "from", "to", "kind"]).sort_values(
        ["date", "post"], kind="stable", ignore_index=True
    )


def coverage(ctx: Context) -> pd.DataFrame:
    """Per year: events held (and of each kind), announcements (distinct dates), the last event, distinct persons at
    cabinet rank, the known rounds of ``rounds.csv``, the names they announced and the names held, and the rounds
    the data lack in full or in part."""
    a = ctx.ds.appointments
    cab_spells = _cabinet_spells(ctx)
    names = round_names(ctx)
    year_of = names["announced_on"].where(names["announced_on"] != "", names["period"]).str[:4].astype(int)
    rows = []
    for year in range(pd.Timestamp(FIRST_ROUND).year, int(a["announced_on"].dt.year.max()) + 1):
        ya = a[a["announced_on"].dt.year == year]
        lo, hi = pd.Timestamp(f"{year}-01-01"), pd.Timestamp(f"{year}-12-31")
        cab = cab_spells[(cab_spells["start"] <= hi) & (cab_spells["end"].isna() | (cab_spells["end"] > lo))]
        yr = names[year_of == year]
        with_count = yr[yr["names_announced"].notna()]
        counted = with_count[
            with_count["part_of"] == ""
        ]  # a list counted within another round is not counted twice
        lacking = [
            f"{r.announced_on or r.period} ({r.names_held} of {r.names_announced})"
            for r in with_count.itertuples(index=False)
            if r.names_held < r.names_announced
        ]
        lacking += [
            f"{r.announced_on or r.period} ({r.names_held} held, count unknown)"
            for r in yr[yr["names_announced"].isna()].itertuples(index=False)
            if r.names_held == 0
        ]
        kinds = ya["event"].value_counts()
        rows.append(
            {
                "year": year,
                "events": len(ya),
                **{k: int(kinds.get(k, 0)) for k in EVENTS},
                "announcements": ya["announced_on"].nunique(),
                "last_event": ya["announced_on"].max().strftime("%Y-%m-%d"),
                "known_rounds": len(yr),
                "names_announced": int(counted["names_announced"].sum()),
                "names_held": int(counted["names_held"].clip(upper=counted["names_announced"]).sum()),
                "persons_at_cabinet_rank": cab["person_id"].nunique(),
                "rounds_lacking": "; ".join(lacking),
            }
        )
    return pd.DataFrame(rows)


def round_sources(ctx: Context) -> pd.DataFrame:
    """Each known round with what the data hold of it and every source behind it: the round's own
    (``rounds.csv``) and those of the events of the round."""
    a = ctx.ds.appointments
    by_round = {rid: sub for rid, sub in a[a["round_id"] != ""].groupby("round_id")}
    names = round_names(ctx).set_index("round_id")
    rows = []
    for r in ctx.ds.rounds.itertuples(index=False):
        sub = by_round.get(r.round_id)
        ids = list(
            dict.fromkeys(
                split_list(r.source_ids)
                + ([] if sub is None else [i for cell in sub["source_ids"] for i in split_list(cell)])
            )
        )
        n = names.loc[r.round_id]
        rows.append(
            {
                "round_id": r.round_id,
                "announced_on": r.announced_on or r.period,
                "description": r.description,
                "names_announced": n["names_announced"],
                "names_held": int(n["names_held"]),
                "events_held": 0 if sub is None else len(sub),
                "sources": len(ids),
                "source_ids": ";".join(ids),
            }
        )
    return pd.DataFrame(rows)


def cabinet_persons(ctx: Context, since=FIRST_ROUND) -> pd.DataFrame:
    """Every distinct person who held a post of cabinet rank at any time from ``since`` on, with the
    posts and the first and last day (YYYY-MM-DD; last empty: still in office)."""
    spells = _cabinet_spells(ctx)
    cab = spells[spells["end"].isna() | (spells["end"] > pd.Timestamp(since))]
    out = cab.groupby("person_id", sort=False).agg(
        posts=("post", lambda p: "; ".join(dict.fromkeys(p))),
        first=("start", "min"),
        last=("end", lambda e: pd.NaT if e.isna().any() else e.max()),
    )
    out = out.assign(
        first=out["first"].dt.strftime("%Y-%m-%d"), last=out["last"].dt.strftime("%Y-%m-%d").fillna("")
    )
    return out.reset_index().merge(ctx.ds.persons[["person_id", "name"]], on="person_id", how="left")


def period_summary(ctx: Context) -> pd.DataFrame:
    """One row for the whole period: first and last event, events held, distinct persons in office and at
    cabinet rank (and how many of those reached it after the first round), changes of hands, and the names
    the known rounds announced against the names held."""
    a = ctx.ds.appointments
    cab = cabinet_persons(ctx)
    changes = turnover(ctx)
    counted = counted_rounds(ctx)
    return pd.DataFrame(
        [
            {
                "first_event": a["announced_on"].min().strftime("%Y-%m-%d"),
                "last_event": a["announced_on"].max().strftime("%Y-%m-%d"),
                "events": len(a),
                "announcements": a["announced_on"].nunique(),
                "persons_in_office": a.loc[a["person_id"] != "", "person_id"].nunique(),
                "persons_at_cabinet_rank": len(cab),
                "reached_cabinet_rank_later": int((cab["first"] > FIRST_ROUND).sum()),
                "changes_of_hands": len(changes),
                "to_newcomers": int((changes["kind"] == "newcomer").sum()),
                "by_reassignment": int((changes["kind"] == "reassignment").sum()),
                "names_announced": int(counted["names_announced"].sum()),
                "names_held": int(counted["names_held"].clip(upper=counted["names_announced"]).sum()),
            }
        ]
    )


def _row(
    date, rank, group, k: int, n: int, holders_: int, share, ids: str, bounds, missing: tuple[int, int]
) -> dict:
    g = (
        measures.group_gap(group, k, n, share)
        if n
        else {
            "observed": k,
            "n": 0,
            "expected": np.nan,
            "gap_pp": np.nan,
            "p_under": np.nan,
            "baseline_share": share,
        }
    )
    unnamed, unheld = missing
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
        "unnamed_posts": unnamed,
        "unheld_names": unheld,
        "missing": unnamed + unheld,
        "could_be": bounds[1] + unnamed + unheld,
        "ids": ids,
    }
