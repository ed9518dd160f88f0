"""The kinds of claim test: one small class per value of ``claims.csv``'s ``test`` column.

Each kind declares what its ``group`` and ``expected`` cells hold (an :class:`Arg`: a count, a date, a
focus group, person ids, regions, an evidence field, a rank, spellings, a post, or nothing), and
:func:`check_claims` checks every row against its kind when the data is loaded, so a typo is a
``claims.csv:line:column`` problem (exit 2), never a flipped verdict. A kind evaluates one claim under one
coding (:meth:`Kind.evaluate`), says whether the coding can change it (``coding_free``) and how many of
the unknowns could change it (:meth:`Kind.unknowns`; None where it reads no origin). Adding a kind is one
class here and its name in the descriptor's ``test`` enum (a test checks they agree).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

import pandas as pd

from .. import vocab
from ..coding.groups import FOCUS, FOCUS_GROUPS
from ..data.package import split_list
from ..data.problems import Problem
from ..vocab import FIRST_ROUND, HAZARAJAT, RUSI_SCHEMES


@dataclass(frozen=True)
class Known:
    """What a claim's cells may name: read from the data folder being loaded."""

    persons: frozenset[str]
    regions: frozenset[str]  # the regions of the commentary's schemes, and the Hazarajat
    fields: tuple[str, ...]  # the evidence fields the descriptor declares
    groups: tuple[str, ...] = FOCUS_GROUPS
    ranks: tuple[str, ...] = vocab.RANKS


# --- what a cell holds ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Arg:
    """What one cell of a claim holds; :meth:`problem` says what is wrong with a cell, or None."""

    what: ClassVar[str] = "nothing (leave it blank)"
    required: bool = True

    def problem(self, text: str, known: Known) -> str | None:
        if not text:
            return f"needs {self.what}" if self.required else None
        return self.wrong(text, known)

    def wrong(self, text: str, known: Known) -> str | None:
        return None


class Blank(Arg):
    def problem(self, text: str, known: Known) -> str | None:
        return None if not text else f"must be blank for this test, found {text!r}"


class Count(Arg):
    what = "a whole number (in digits)"

    def wrong(self, text, known):
        return None if re.fullmatch(r"\d+", text) else f"{text!r} must be a whole number written in digits"


class Date(Arg):
    what = "a date (YYYY-MM-DD)"

    def wrong(self, text, known):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) or pd.isna(
            pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        ):
            return f"{text!r} must be a real date written YYYY-MM-DD"
        return None


class OneOf(Arg):
    """A cell naming one of a collection of :class:`Known` (``among``); otherwise it ``must`` be one of them."""

    among: ClassVar[str] = ""
    must: ClassVar[str] = ""

    def wrong(self, text, known):
        allowed = getattr(known, self.among)
        return None if text in allowed else f"{text!r} must be {self.must}: {', '.join(allowed)}"


class Group(OneOf):
    what = "a focus group"
    among, must = "groups", "one of the focus groups"


class Person(Arg):
    what = "a person_id of persons.csv"

    def wrong(self, text, known):
        return None if text in known.persons else f"unknown person {text!r} (not in persons.csv)"


class Persons(Arg):
    what = "person ids of persons.csv, separated by ';'"

    def wrong(self, text, known):
        unknown = [p for p in split_list(text) if p not in known.persons]
        return f"unknown person(s) {', '.join(map(repr, unknown))} (not in persons.csv)" if unknown else None


class Regions(Arg):
    what = "regions of the commentary's scheme, separated by ';'"

    def wrong(self, text, known):
        unknown = [r for r in split_list(text) if r not in known.regions]
        return (
            (
                f"unknown region(s) {', '.join(map(repr, unknown))}: the commentary's scheme has "
                f"{', '.join(sorted(known.regions))}"
            )
            if unknown
            else None
        )


class EvidenceField(OneOf):
    what = "a field of evidence.csv"
    among, must = "fields", "a field of evidence.csv"


class Rank(OneOf):
    what = "a rank"
    among, must = "ranks", "a rank"


class Spellings(Arg):
    what = "names, separated by ';'"


class PostName(Arg):
    what = "words of the post's title"


# --- the kinds -----------------------------------------------------------------------------------

Result = tuple[bool, str, str]  # (holds, figure, ids)


@dataclass(frozen=True)
class Kind:
    """One test kind. ``coding_free``: no coded origin or network is read, so one evaluation stands for
        every coding; ``baseline_free``: the yardstick plays no part, so one evaluation stands for every
    baseline. ``counts_unknowns``: it reads origins, so :meth:`unknowns` counts how many unknown ones
        could change it. ``dated``: one claim per year end (``<claim_id>@<date>``). ``does``: what it checks,
        in words, for the codebook."""

    name: ClassVar[str]
    group: ClassVar[Arg] = Blank()
    expected: ClassVar[Arg] = Blank()
    coding_free: ClassVar[bool] = False
    baseline_free: ClassVar[bool] = (
        True  # the yardstick plays no part: one evaluation per reading of the persons
    )
    counts_unknowns: ClassVar[bool] = False  # reads origins, so the unknown ones could change it
    dated: ClassVar[bool] = False
    testable: ClassVar[bool] = True
    does: ClassVar[str] = ""

    def problems(self, row: dict, known: Known) -> list[tuple[str, str]]:
        """(column, message) for each cell that does not hold what this kind reads."""
        out = []
        for column, arg in (("group", self.group), ("expected", self.expected)):
            message = arg.problem(row[column], known)
            if message:
                out.append((column, f"test {self.name}: {message}"))
        return out

    def evaluate(self, ctx, claim: dict, choice, focus: dict[str, dict]) -> Result:
        raise NotImplementedError

    def unknowns(self, ctx, claim: dict, focus: dict[str, dict], holds: bool) -> tuple[int | None, str]:
        """How many of the unknowns could change the result (0: it holds whatever they are; None: the test
        reads no origin), and words to add to the figure."""
        return None, ""


class AppointeeCount(Kind):
    name = "appointee_count"
    does = "the first round named this many persons"
    expected = Count()
    coding_free = True

    def evaluate(self, ctx, claim, choice, focus):
        n = len(ctx.first_round)
        return n == int(claim["expected"]), f"{n} appointees", ""


class AnnouncementDate(Kind):
    name = "announcement_date"
    does = "the first round was announced on this day"
    expected = Date()
    coding_free = True

    def evaluate(self, ctx, claim, choice, focus):
        dates = sorted({d.strftime("%Y-%m-%d") for d in ctx.first_round["announced_on"]})
        return dates == [claim["expected"]], "announced on " + ", ".join(dates), ""


class GroupEmpty(Kind):
    name = "group_empty"
    does = "no appointee of the first round is in the group"
    counts_unknowns = True
    group = Group()

    def wanted(self, claim) -> list[str]:
        return []

    def evaluate(self, ctx, claim, choice, focus):
        row = focus[claim["group"]]
        ids = split_list(row["ids"])
        figure = f"{row['observed']} of {row['n']}" + (
            f" ({row['n_unknown']} unknown)" if row["n_unknown"] else ""
        )
        return sorted(ids) == sorted(self.wanted(claim)), figure, ";".join(ids)

    def unknowns(self, ctx, claim, focus, holds):
        return int(focus[claim["group"]]["observed_max"]), ""


class GroupOnly(GroupEmpty):
    name = "group_only"
    does = "the group's appointees are exactly these persons"
    expected = Persons()

    def wanted(self, claim) -> list[str]:
        return split_list(claim["expected"])

    def unknowns(self, ctx, claim, focus, holds):
        row = focus[claim["group"]]
        return int(row["observed_max"] - row["observed_min"]) + (0 if holds else 1), ""


class OnlyEmptyRegions(Kind):
    name = "only_empty_regions"
    does = "with these persons set aside, exactly these regions have no appointee"
    counts_unknowns = True
    group = Persons(required=False)  # persons set aside, as the commentary sets them aside
    expected = Regions()

    def evaluate(self, ctx, claim, choice, focus):
        people = ctx.appointees(choice)
        counted = people[~people["person_id"].isin(set(split_list(claim["group"])))]
        regions = ctx.regions_of(choice.scheme)
        if choice.scheme in RUSI_SCHEMES:
            regions.add(HAZARAJAT)
        empty = sorted(regions - set(counted["region"].dropna()))
        return (
            empty == sorted(split_list(claim["expected"])),
            "regions with no appointee: " + (", ".join(empty) or "none"),
            "",
        )

    def unknowns(self, ctx, claim, focus, holds):
        by_region = {g.region: name for name, g in FOCUS.items() if g.region}
        set_aside = set(split_list(claim["group"]))
        extra = [
            focus[by_region[r]]["observed_max"] - len(set_aside & set(split_list(focus[by_region[r]]["ids"])))
            for r in split_list(claim["expected"])
            if r in by_region
        ]
        return int(sum(extra)), ""


class PersonsAbsent(Kind):
    name = "persons_absent"
    does = "no name or recorded variant of the 33 is one of these spellings"
    expected = Spellings()
    coding_free = True

    def evaluate(self, ctx, claim, choice, focus):
        names = {}
        for pid, name, variants in ctx.first_round[["person_id", "name", "name_variants"]].itertuples(
            index=False, name=None
        ):
            for n in [name] + split_list(variants):
                names[n.casefold()] = pid
        wanted = split_list(claim["expected"])
        found = [n for n in wanted if n.casefold() in names]
        return (
            not found,
            f"{len(found)} of {len(wanted)} spellings found among the 33",
            ";".join(names[f.casefold()] for f in found),
        )


class LaterAppointment(Kind):
    name = "later_appointment"
    does = "the person was appointed after 7 September 2021 to a post whose title contains these words"
    group = Person()
    expected = PostName()
    coding_free = True

    def evaluate(self, ctx, claim, choice, focus):
        a, pid = ctx.ds.appointments, claim["group"]
        later = a[(a["person_id"] == pid) & (a["announced_on"] > pd.Timestamp(FIRST_ROUND))]
        hit = later[later["post"].str.contains(claim["expected"], case=False, regex=False)]
        if hit.empty:
            return False, "no such later appointment in appointments.csv", pid
        first = hit.iloc[0]
        return True, f"{first['post']}, announced {first['announced_on']:%Y-%m-%d}", pid


class FirstWithTie(Kind):
    """Did ``group`` join the government with a recorded tie (the evidence field ``expected``, medium
    confidence or better), and no one with such a tie before him? (Joint first, in the same announcement,
    still counts.)"""

    name = "first_with_tie"
    does = "the person was the first (or joint first) appointee with this tie recorded at medium confidence or better"
    group = Person()
    expected = EvidenceField()
    coding_free = True

    def evaluate(self, ctx, claim, choice, focus):
        pid, tie = claim["group"], claim["expected"]
        e = ctx.ds.evidence
        tied = set(e.loc[(e["field"] == tie) & e["confidence"].isin(["high", "medium"]), "person_id"])
        a = ctx.ds.appointments[ctx.ds.appointments["person_id"].isin(tied)]
        first = a.groupby("person_id")["announced_on"].min().sort_values(kind="stable")
        if pid not in tied or pid not in first.index:
            return False, f"{pid} has no recorded {tie} or no appointment", pid
        earliest = first.min()
        with_him = sorted(first.index[first == earliest])
        joint = "joint first" if len(with_him) > 1 else "first"
        figure = (
            f"{joint} appointed with a recorded {tie}: {', '.join(with_him)} (announced {earliest:%Y-%m-%d})"
        )
        return first[pid] == earliest, figure, ";".join(with_him)


class GroupEmptyAsOf(Kind):
    name = "group_empty_as_of"
    does = "at every year end, nobody holding a post of this rank is in the group"
    counts_unknowns = True
    group = Group()
    expected = Rank()
    dated = True

    def evaluate(self, ctx, claim, choice, focus):
        from .timeline import count_as_of  # here: checking claims at load must not import the analysis

        k, n, ids = count_as_of(ctx, claim["as_of"], choice, claim["group"], claim["expected"])
        pool = "holders" if FOCUS[claim["group"]].pool == "everyone" else "holders of known origin"
        return k == 0, f"{k} of {n} {pool} at {claim['expected']} on {claim['as_of']}", ids

    def unknowns(self, ctx, claim, focus, holds):
        from .timeline import max_as_of

        origins, missing = max_as_of(ctx, claim["as_of"], claim["group"], claim["expected"])
        return (
            origins + missing,
            f"; {origins} of unknown origin could be from the group, {missing} at that rank not named in the data",
        )


class NotTestable(Kind):
    name = "not_testable"
    does = "the data cannot test the claim (the note says why)"
    testable = False


KINDS: dict[str, Kind] = {
    k.name: k()
    for k in (
        AppointeeCount,
        AnnouncementDate,
        GroupEmpty,
        GroupOnly,
        OnlyEmptyRegions,
        PersonsAbsent,
        LaterAppointment,
        FirstWithTie,
        GroupEmptyAsOf,
        NotTestable,
    )
}


def codebook_table() -> str:
    """The kinds as a Markdown table for ``docs/codebook.md``: what each reads and checks."""
    lines = [
        "| test | group holds | expected holds | checks that | coding can change it | unknowns counted |",
        "|---|---|---|---|---|---|",
    ]
    for name, kind in KINDS.items():
        lines.append(
            f"| `{name}` | {kind.group.what if kind.group.required else 'optional: ' + kind.group.what} | {kind.expected.what} | "
            f"{kind.does} | {'no' if kind.coding_free or not kind.testable else 'yes'} | {'yes' if kind.counts_unknowns else 'no'} |"
        )
    return "\n".join(lines) + "\n"


def known_from(tables: dict[str, pd.DataFrame], evidence_fields) -> Known:
    """What claims may name, from the raw tables of a data folder."""
    regions = tables["regions"]
    rusi = set(regions.loc[regions["scheme"].isin(RUSI_SCHEMES), "region"]) | {HAZARAJAT}
    return Known(frozenset(tables["persons"]["person_id"]), frozenset(rusi), tuple(evidence_fields))


def check_claims(claims: pd.DataFrame, known: Known, filename: str = "claims.csv") -> list[Problem]:
    """One problem per cell that does not hold what its test kind reads (an unknown test is the
    descriptor's enum to report)."""
    if claims.empty:
        return [Problem(filename, 0, "", "no claims: the ledger needs at least one")]
    problems = []
    for line, row in zip(claims.index, claims.to_dict("records")):
        kind = KINDS.get(row["test"])
        if kind is None:
            continue
        problems += [Problem(filename, int(line), col, msg) for col, msg in kind.problems(row, known)]
    return problems
