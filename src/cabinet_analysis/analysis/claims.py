"""The claims ledger: the commentary's checkable claims, evaluated against the data.

Claims live in ``data/claims.csv`` (paraphrased, each with its place in the
commentary and a test). :func:`evaluate_claims` runs each test under every
combination of coding switches: a claim whose result is the same under all of
them gets that verdict; one whose result changes is ``sensitive to coding``,
with the switches that move it named.
"""

from __future__ import annotations

import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice, all_choices, choice_fields
from ..coding.vocab import FIRST_ROUND, HAZARAJAT, RUSI_SCHEMES
from ..context import Context
from ..data import split_list
from .baselines import REGION_BASELINES
from .gaps import focus_rows
from .sensitivity import movers
from .timeline import count_as_of, max_as_of, year_ends

# Tests that read no coded origin or network: their result is the same under every choice.
CHOICE_FREE_TESTS = ("appointee_count", "persons_absent", "announcement_date", "later_appointment", "first_with_tie")
SUPPORTED, CONTRADICTED, SENSITIVE, UNTESTABLE = "supported", "contradicted", "sensitive to coding", "not testable with this data"
# Supported under every coding, but only on what the data name: unknown origins or persons the data do
# not name could change it (the ledger's ``unknowns`` says how many).
ON_THE_KNOWN = "supported on the known"
VERDICTS = (SUPPORTED, ON_THE_KNOWN, SENSITIVE, CONTRADICTED, UNTESTABLE)


def _names(ctx: Context) -> dict[str, str]:
    """Lower-cased name and every variant of the 33 -> person id."""
    out = {}
    for pid, name, variants in ctx.first_round[["person_id", "name", "name_variants"]].itertuples(index=False, name=None):
        for n in [name] + split_list(variants):
            out[n.casefold()] = pid
    return out


def _evaluate_one(ctx: Context, claim: pd.Series, choice: CodingChoice, focus: dict[str, dict]) -> tuple[bool, str, str]:
    """(holds, figure, ids) for one claim under one choice."""
    test, group, expected = claim["test"], claim["group"], claim["expected"]
    if test == "appointee_count":
        n = len(ctx.first_round)
        return n == int(expected), f"{n} appointees", ""
    if test in ("group_empty", "group_only"):
        row = focus[group]
        ids = [i for i in row["ids"].split(";") if i]
        want = split_list(expected) if test == "group_only" else []
        figure = f"{row['observed']} of {row['n']}" + (f" ({row['n_unknown']} unknown)" if row["n_unknown"] else "")
        return sorted(ids) == sorted(want), figure, ";".join(ids)
    if test == "persons_absent":
        names = _names(ctx)
        wanted = split_list(expected)
        found = [n for n in wanted if n.casefold() in names]
        return not found, f"{len(found)} of {len(wanted)} spellings found among the 33", ";".join(names[f.casefold()] for f in found)
    if test == "later_appointment":
        a = ctx.ds.appointments
        later = a[(a["person_id"] == group) & (a["announced_on"] > pd.Timestamp(FIRST_ROUND))]
        hit = later[later["post"].str.contains(expected, case=False, regex=False)]
        if hit.empty:
            return False, "no such later appointment in appointments.csv", group
        first = hit.iloc[0]
        return True, f"{first['post']}, announced {first['announced_on']:%Y-%m-%d}", group
    if test == "announcement_date":
        dates = sorted({d.strftime("%Y-%m-%d") for d in ctx.first_round["announced_on"]})
        return dates == [expected], "announced on " + ", ".join(dates), ""
    if test == "only_empty_regions":
        people = ctx.appointees(choice)
        exceptions = set(split_list(group))
        counted = people[~people["person_id"].isin(exceptions)]
        regions = ctx.regions_of(choice.scheme)
        if choice.scheme in RUSI_SCHEMES:
            regions.add(HAZARAJAT)
        empty = sorted(regions - set(counted["region"].dropna()))
        return empty == sorted(split_list(expected)), "regions with no appointee: " + (", ".join(empty) or "none"), ""
    if test == "first_with_tie":
        return _first_with_tie(ctx, group, expected)
    if test == "group_empty_as_of":
        k, n, ids = count_as_of(ctx, claim["as_of"], choice, group, expected)
        pool = "holders" if group == "helmandi_networks" else "holders of known origin"
        return k == 0, f"{k} of {n} {pool} at {expected} on {claim['as_of']}", ids
    raise ValueError(f"unknown test {test!r}")


def _first_with_tie(ctx: Context, pid: str, field: str) -> tuple[bool, str, str]:
    """Did ``pid`` join the government with a recorded tie (``field``, medium confidence or better),
    and no one with such a tie before him? (Joint first, in the same announcement, still counts.)"""
    e = ctx.ds.evidence
    tied = set(e.loc[(e["field"] == field) & e["confidence"].isin(["high", "medium"]), "person_id"])
    a = ctx.ds.appointments[ctx.ds.appointments["person_id"].isin(tied)]
    first = a.groupby("person_id")["announced_on"].min().sort_values(kind="stable")
    if pid not in tied or pid not in first.index:
        return False, f"{pid} has no recorded {field} or no appointment", pid
    earliest = first.min()
    with_him = sorted(first.index[first == earliest])
    joint = "joint first" if len(with_him) > 1 else "first"
    figure = f"{joint} appointed with a recorded {field}: {', '.join(with_him)} (announced {earliest:%Y-%m-%d})"
    return first[pid] == earliest, figure, ";".join(with_him)


def unknowns(test: str, group: str, expected: str, focus: dict[str, dict], holds: bool) -> int | None:
    """How many of the unknowns could change the claim's result: appointees of unknown origin (or network)
    whom the evidence allows into the group (every assignment the evidence allows; 0 = it holds whatever
    they are). None where the claim reads no origin."""
    if test == "group_empty":
        return int(focus[group]["observed_max"])
    if test == "group_only":
        row = focus[group]
        return int(row["observed_max"] - row["observed_min"]) + (0 if holds else 1)
    if test == "only_empty_regions":
        groups = {"west": "west", "southwest": "southwest", HAZARAJAT: "hazarajat"}
        exceptions = set(split_list(group))
        extra = [focus[groups[r]]["observed_max"] - len(exceptions & set(split_list(focus[groups[r]]["ids"])))
                 for r in split_list(expected) if r in groups]
        return int(sum(extra))
    return None


def evaluate_claims(ctx: Context, claims: pd.DataFrame | None = None, schemes=RUSI_SCHEMES, baselines=REGION_BASELINES) -> pd.DataFrame:
    """The ledger: one row per claim with its figure (default coding), verdict and sensitivity."""
    claims = _dated(ctx, ctx.ds.claims if claims is None else claims)
    choices = all_choices(list(schemes), list(baselines))
    focus_by_choice = {c: {r["group"]: r for r in focus_rows(ctx, c)} for c in choices}
    rows, detail = [], []
    for claim in claims.itertuples(index=False):
        claim = pd.Series(claim._asdict())
        if claim["test"] == "not_testable":
            rows.append({**_base(claim), "figure": "", "verdict": UNTESTABLE, "ids": "", "holds_in": "", "moved_by": "",
                         "robust_to_unknowns": None, "unknowns": None})
            continue
        if claim["test"] in CHOICE_FREE_TESTS:
            once = _evaluate_one(ctx, claim, DEFAULT, focus_by_choice[DEFAULT])
            results = {c: once for c in choices}
        else:
            results = {c: _evaluate_one(ctx, claim, c, focus_by_choice[c]) for c in choices}
        detail += [{**c.__dict__, "claim_id": claim["claim_id"], "holds": r[0]} for c, r in results.items()]
        holds, figure, ids = results[DEFAULT]
        share = sum(r[0] for r in results.values()) / len(results)
        if claim["test"] == "group_empty_as_of":
            origins, missing = max_as_of(ctx, claim["as_of"], claim["group"], claim["expected"])
            n_unknown = origins + missing
            figure += f"; {origins} of unknown origin could be from the group, {missing} at that rank not named in the data"
        else:
            n_unknown = unknowns(claim["test"], claim["group"], claim["expected"], focus_by_choice[DEFAULT], holds)
        robust = None if n_unknown is None else bool(holds and n_unknown == 0)
        verdict = (CONTRADICTED if share == 0 else SENSITIVE if share < 1 else ON_THE_KNOWN if robust is False else SUPPORTED)
        rows.append({**_base(claim), "figure": figure, "verdict": verdict, "ids": ids, "holds_in": f"{round(share * len(results))}/{len(results)}",
                     "moved_by": "", "robust_to_unknowns": robust, "unknowns": n_unknown})
    ledger = pd.DataFrame(rows)
    ledger["unknowns"] = ledger["unknowns"].astype("Int64")
    if detail:
        d = pd.DataFrame(detail)
        moved = movers(d, "holds", ["claim_id"])
        ledger["moved_by"] = ledger["claim_id"].map(lambda cid: ";".join(moved.get((cid,), [])))
    return ledger


def _dated(ctx: Context, claims: pd.DataFrame) -> pd.DataFrame:
    """A claim about every year end (test ``group_empty_as_of``) becomes one claim per year end,
    ``<claim_id>@<date>``, from 2021 to the latest event."""
    rows = []
    for claim in claims.to_dict("records"):
        if claim["test"] != "group_empty_as_of":
            rows.append({**claim, "as_of": ""})
            continue
        for day in year_ends(ctx):
            date = day.strftime("%Y-%m-%d")
            rows.append({**claim, "claim_id": f"{claim['claim_id']}@{date}", "as_of": date,
                         "claim": claim["claim"].replace("each year end", date)})
    return pd.DataFrame(rows)


def _base(claim: pd.Series) -> dict:
    return {"claim_id": claim["claim_id"], "place": claim["place"], "claim": claim["claim"]}


__all__ = ["evaluate_claims", "choice_fields"]
