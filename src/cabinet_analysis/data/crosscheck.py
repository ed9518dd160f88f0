"""The cross-file pass: every fact the analysis relies on, checked before anything runs.

The schema (:mod:`.validate`) checks each file alone. This pass checks what
needs several files or what the code names: the schemes, regions and groups
that the analysis and figures read, the baselines, the claim tests, one
first-round appointment per person, and the evidence rules (a basis for places,
known provinces, values from the vocabularies). "ok" from ``validate`` means
``report``, ``figures`` and ``build`` will run.
"""

from __future__ import annotations

import pandas as pd

from .. import vocab
from .package import ResourceSpec
from .problems import Problem
from .provinces import ProvinceIndex
from .tenures import NAMING_EVENTS
from .validate import type_ok

PERSONS, APPOINTMENTS, EVIDENCE, POSTS, ROUNDS = (
    "persons.csv",
    "appointments.csv",
    "evidence.csv",
    "posts.csv",
    "rounds.csv",
)

REGIONS, HAZARAJAT, ETHNIC, CLAIMS, PROVINCES = (
    "regions.csv",
    "hazarajat.csv",
    "ethnic_shares.csv",
    "claims.csv",
    "provinces.csv",
)
DISTRICTS, SHARES = "districts.csv", "hazara_shares.csv"


def provinces_index(prov: pd.DataFrame) -> tuple[ProvinceIndex, list[Problem]]:
    problems = []
    if len(prov) != vocab.EXPECTED_PROVINCES:
        problems.append(
            Problem(PROVINCES, 0, "", f"expected {vocab.EXPECTED_PROVINCES} provinces, found {len(prov)}")
        )
    index, clashes = ProvinceIndex.build(prov)
    problems += [Problem(PROVINCES, line, "variants", msg) for line, msg in clashes]
    return index, problems


def canonical_provinces(
    frame: pd.DataFrame, column: str, filename: str, index: ProvinceIndex
) -> list[Problem]:
    """Files that name provinces by key (regions, hazarajat) use the canonical name."""
    out = []
    for line, value in frame.loc[~frame[column].isin(index.canonical), column].items():
        hit = index.resolve(value)
        msg = (
            f"{value!r} is a spelling of {hit}; write the canonical name"
            if hit
            else index.unknown_message(value)
        )
        out.append(Problem(filename, int(line), column, msg))
    return out


def check_regions(regions: pd.DataFrame, index: ProvinceIndex) -> list[Problem]:
    """Each scheme the code uses is present, maps all 34 provinces and has the regions the code names.
    (A spelling variant is reported once, by :func:`canonical_provinces`, and counted as its province here.)"""
    provinces = index.canonical
    regions = regions.assign(province=regions["province"].map(lambda p: index.resolve(p) or p))
    problems = []
    no_basis = regions[(regions["source_id"] == "") & (regions["rule"] == "")]
    problems += [
        Problem(REGIONS, int(line), "source_id", "needs a source_id or a stated rule")
        for line in no_basis.index
    ]
    for scheme, needed in vocab.REQUIRED_REGIONS.items():
        sub = regions[regions["scheme"] == scheme]
        if sub.empty:
            problems.append(
                Problem(REGIONS, 0, "scheme", f"scheme {scheme!r} is missing (the analysis uses it)")
            )
            continue
        for p in sorted(provinces - set(sub["province"])):
            problems.append(Problem(REGIONS, 0, "province", f"scheme {scheme!r} does not map {p}"))
        for r in sorted(set(needed) - set(sub["region"])):
            problems.append(
                Problem(
                    REGIONS,
                    0,
                    "region",
                    f"scheme {scheme!r} has no region {r!r} (the analysis and figures use it)",
                )
            )
    return problems


def check_hazarajat(hazarajat: pd.DataFrame) -> list[Problem]:
    counted = hazarajat[hazarajat["confidence"].isin(vocab.HAZARAJAT_CONFIDENCE)]
    if (counted["district"] == "").any():
        return []
    return [
        Problem(
            HAZARAJAT,
            0,
            "district",
            "no whole province of high or medium confidence: the Hazarajat baseline would be empty",
        )
    ]


def check_districts(
    districts: pd.DataFrame, provinces: pd.DataFrame, hazarajat: pd.DataFrame, shares: pd.DataFrame
) -> list[Problem]:
    """Every Hazarajat district, and every district with a Hazara share, is a district of its province in
    districts.csv (by name or spelling); no district has more people than its province."""
    from .provinces import district_keys, name_key

    known = set(district_keys(districts).index)
    problems = []
    for line, prov, cell in hazarajat[["province", "district"]].itertuples(name=None):
        if cell and not any((prov, name_key(s)) in known for s in cell.split(";")):
            problems.append(
                Problem(
                    HAZARAJAT,
                    int(line),
                    "district",
                    f"{cell.split(';')[0]!r} is not a district of {prov} in {DISTRICTS}",
                )
            )
    for line, prov, name in shares[["province", "district"]].itertuples(name=None):
        if (prov, name_key(name)) not in known:
            problems.append(
                Problem(SHARES, int(line), "district", f"{name!r} is not a district of {prov} in {DISTRICTS}")
            )
    total = dict(
        zip(provinces["province"], pd.to_numeric(provinces["population_nsia_2021_22"], errors="coerce"))
    )
    pop = pd.to_numeric(districts["population"], errors="coerce")
    for line, prov, value in zip(districts.index, districts["province"], pop):
        if prov in total and value > total[prov]:
            problems.append(
                Problem(
                    DISTRICTS,
                    int(line),
                    "population",
                    f"{int(value)} is more than the whole province of {prov} ({int(total[prov])}, {PROVINCES})",
                )
            )
    return problems


def check_ethnic_shares(ethnic: pd.DataFrame, groups: tuple[str, ...]) -> list[Problem]:
    problems = []
    for g in groups:
        if g not in set(ethnic["group"]):
            problems.append(
                Problem(ETHNIC, 0, "group", f"group {g!r} is missing (the ethnic baselines need every group)")
            )
    lo, mid, hi = (pd.to_numeric(ethnic[c], errors="coerce") for c in ("low", "central", "high"))
    for line in ethnic.index[~((lo <= mid) & (mid <= hi))]:
        problems.append(Problem(ETHNIC, int(line), "central", "need low <= central <= high"))
    total = float(mid.sum())
    if not problems and abs(total - 1) > 0.005:
        problems.append(Problem(ETHNIC, 0, "central", f"the central shares sum to {total:.3f}, not 1"))
    return problems


def check_first_round(appointments: pd.DataFrame) -> list[Problem]:
    """Exactly 33 persons appointed in the announcement of 7 September 2021, each once, numbered 1..33."""
    first = appointments[
        (appointments["announced_on"] == vocab.FIRST_ROUND) & (appointments["event"] == "appointed")
    ]
    problems = []
    second = first.duplicated("person_id")
    for line, pid in first.loc[second, "person_id"].items():
        problems.append(
            Problem(
                APPOINTMENTS,
                int(line),
                "person_id",
                f"{pid!r} has a second {vocab.FIRST_ROUND} appointment (one per person)",
            )
        )
    first = first[~second]
    n = first["person_id"].nunique()
    if n != vocab.EXPECTED_APPOINTEES:
        problems.append(
            Problem(
                APPOINTMENTS,
                0,
                "announced_on",
                f"expected {vocab.EXPECTED_APPOINTEES} persons announced on {vocab.FIRST_ROUND}, found {n}",
            )
        )
    for line in first.index[first["seq"] == ""]:
        problems.append(
            Problem(
                APPOINTMENTS,
                int(line),
                "seq",
                f"every {vocab.FIRST_ROUND} appointment needs its place in the announcement",
            )
        )
    seqs = first.loc[first["seq"] != "", "seq"]
    for line, s in seqs[seqs.duplicated()].items():
        problems.append(
            Problem(APPOINTMENTS, int(line), "seq", f"seq {s} is used twice on {vocab.FIRST_ROUND}")
        )
    return problems


def check_occupancies(appointments: pd.DataFrame, posts: pd.DataFrame, rounds: pd.DataFrame) -> list[Problem]:
    """A person for every event but ``vacant`` (and none for it); every event within its post's dates;
    no round holding more names than it announced (unless it gives no count)."""
    a = appointments
    problems = []
    for line in a.index[(a["person_id"] == "") & (a["event"] != "vacant")]:
        problems.append(
            Problem(
                APPOINTMENTS, int(line), "person_id", "must not be empty (only a vacant event has no person)"
            )
        )
    for line in a.index[(a["person_id"] != "") & (a["event"] == "vacant")]:
        problems.append(
            Problem(
                APPOINTMENTS,
                int(line),
                "person_id",
                "a vacant event reports an empty post: leave person_id empty",
            )
        )
    spans = posts.set_index("post_id")[["established", "abolished"]]
    known = a[a["post_id"].isin(spans.index) & (a["announced_on"] != "")]
    start, end = known["post_id"].map(spans["established"]), known["post_id"].map(spans["abolished"])
    day = known["announced_on"]
    for line in known.index[(start != "") & (day < start)]:
        problems.append(
            Problem(
                APPOINTMENTS,
                int(line),
                "announced_on",
                f"{day[line]} is before post {known.at[line, 'post_id']!r} was established ({start[line]}, {POSTS})",
            )
        )
    for line in known.index[(end != "") & (day > end) & (known["event"] != "left")]:
        problems.append(
            Problem(
                APPOINTMENTS,
                int(line),
                "announced_on",
                f"{day[line]} is after post {known.at[line, 'post_id']!r} was abolished ({end[line]}, {POSTS})",
            )
        )
    held = (
        a[a["event"].isin(NAMING_EVENTS) & (a["round_id"] != "")].groupby("round_id")["person_id"].nunique()
    )
    for line, rid, count in rounds[["round_id", "names_announced"]].itertuples(name=None):
        if count and rid in held.index and held[rid] > int(count):
            problems.append(
                Problem(
                    ROUNDS,
                    int(line),
                    "names_announced",
                    f"round {rid!r} announced {count} names but {APPOINTMENTS} holds {held[rid]} of it",
                )
            )
    return problems


def check_evidence(
    evidence: pd.DataFrame,
    index: ProvinceIndex,
    appointees: ResourceSpec,
    persons: pd.DataFrame,
    skip: set[tuple[int, str]],
    values: tuple = (),
) -> list[Problem]:
    """Basis only and always for places; known provinces; values from the vocabulary of their field;
    ``imputed`` only for ethnicity; every recorded spelling listed in persons.csv."""
    e = evidence
    problems = []
    place = e["field"].isin(["province", "district"])
    for line, field in e.loc[place & (e["basis"] == ""), "field"].items():
        problems.append(
            Problem(EVIDENCE, int(line), "basis", f"a {field} row needs a basis (birth, family or residence)")
        )
    for line in e.index[~place & (e["basis"] != "")]:
        problems.append(Problem(EVIDENCE, int(line), "basis", "basis is only for province and district rows"))
    prov = e[(e["field"] == "province") & ~e.index.isin([ln for ln, c in skip if c == "value"])]
    for line, value in prov.loc[prov["value"].map(index.resolve).isna(), "value"].items():
        problems.append(Problem(EVIDENCE, int(line), "value", index.unknown_message(value)))
    for line in e.index[(e["confidence"] == "imputed") & (e["field"] != "ethnicity")]:
        problems.append(Problem(EVIDENCE, int(line), "confidence", "only an ethnicity can be imputed"))
    for spec in appointees.fields:
        if spec.name in ("province", "district") or not (spec.enum or spec.pattern or spec.type != "string"):
            continue
        rows = e.loc[e["field"] == spec.name, "value"]
        ok = type_ok(rows, spec)
        if spec.enum:
            ok &= rows.isin(spec.enum)
        if spec.pattern:
            ok &= rows.str.match(spec.pattern)
        allowed = (
            ", ".join(spec.enum)
            if spec.enum
            else "true or false"
            if spec.type == "boolean"
            else f"the form of {spec.name}"
        )
        for line, value in rows[~ok].items():
            problems.append(
                Problem(EVIDENCE, int(line), "value", f"{value!r} is not a {spec.name} (must be {allowed})")
            )
    for field, allowed in values:
        rows = e.loc[e["field"] == field, "value"]
        for line, value in rows[~rows.isin(allowed)].items():
            problems.append(
                Problem(
                    EVIDENCE, int(line), "value", f"{value!r} is not a {field} (must be {', '.join(allowed)})"
                )
            )
    names = persons.assign(n=persons["name"] + ";" + persons["name_variants"])
    listed = names["person_id"] + "\x1f" + names["n"].str.split(";").explode().str.casefold()
    spell = e[(e["field"] == "name_variants") & e["person_id"].isin(persons["person_id"])]
    unlisted = spell[~(spell["person_id"] + "\x1f" + spell["value"].str.casefold()).isin(set(listed))]
    for line, pid, value in zip(unlisted.index, unlisted["person_id"], unlisted["value"]):
        problems.append(
            Problem(
                EVIDENCE,
                int(line),
                "value",
                f"spelling {value!r} is not listed in name_variants of {pid} in {PERSONS}",
            )
        )
    return problems


def check_dates(tables: dict[str, pd.DataFrame], today: str) -> list[Problem]:
    """Every date of the government within its life: from :data:`vocab.GOVERNMENT_SINCE` to ``today``
    (appointments and rounds); no post established or abolished after today, or abolished before it was
    established; no source dated after today. Dates are ``YYYY-MM-DD`` text here (their form is checked
    with the fields), so they compare as text."""
    since = vocab.GOVERNMENT_SINCE
    problems = []
    for name, filename in (("appointments", APPOINTMENTS), ("rounds", ROUNDS)):
        if name not in tables:
            continue
        days = tables[name]["announced_on"]
        for line, day in days[(days != "") & ((days < since) | (days > today))].items():
            when = "before the Taliban's government began" if day < since else "after today"
            problems.append(
                Problem(filename, int(line), "announced_on", f"{day} is {when} ({since} to {today})")
            )
    if "posts" in tables:
        posts = tables["posts"]
        for col in ("established", "abolished"):
            for line, day in posts.loc[posts[col] > today, col].items():
                problems.append(Problem(POSTS, int(line), col, f"{day} is after today ({today})"))
        both = (
            (posts["established"] != "")
            & (posts["abolished"] != "")
            & (posts["abolished"] < posts["established"])
        )
        for line in posts.index[both]:
            problems.append(
                Problem(
                    POSTS,
                    int(line),
                    "abolished",
                    f"{posts.at[line, 'abolished']} is before the post was established "
                    f"({posts.at[line, 'established']})",
                )
            )
    if "sources" in tables:
        dated = tables["sources"]["date"]
        for line, day in dated[dated.str.match(r"^\d{4}(-\d{2}){0,2}$") & (dated > today)].items():
            problems.append(Problem("sources.csv", int(line), "date", f"{day} is after today ({today})"))
    return problems


def check_rounds(rounds: pd.DataFrame, appointments: pd.DataFrame) -> list[Problem]:
    """The first round present with its 33; each round's period agrees with its date; a dated round's
    events are dated on its day, and a dated round with no events held says where it was searched."""
    problems = []
    first = rounds[rounds["announced_on"] == vocab.FIRST_ROUND]
    if first.empty:
        problems.append(
            Problem(
                ROUNDS,
                0,
                "announced_on",
                f"no round of {vocab.FIRST_ROUND}: the first round, with its "
                f"{vocab.EXPECTED_APPOINTEES} names, must be listed",
            )
        )
    for line, count in first["names_announced"].items():
        if count != str(vocab.EXPECTED_APPOINTEES):
            problems.append(
                Problem(
                    ROUNDS,
                    int(line),
                    "names_announced",
                    f"the round of {vocab.FIRST_ROUND} announced "
                    f"{vocab.EXPECTED_APPOINTEES} names, not {count or 'an unknown number'}",
                )
            )
    for line, rid, day, period in rounds[["round_id", "announced_on", "period"]].itertuples(name=None):
        if day and not day.startswith(period):
            problems.append(
                Problem(
                    ROUNDS,
                    int(line),
                    "period",
                    f"period {period!r} disagrees with the date {day} of round {rid!r}",
                )
            )
    real = pd.to_datetime(
        appointments["announced_on"], format="%Y-%m-%d", errors="coerce"
    ).notna()  # bad ones are reported with the field
    held = appointments[(appointments["round_id"] != "") & real]
    days_of = held.groupby("round_id")["announced_on"].agg(lambda d: sorted(set(d)))
    parts = rounds.loc[rounds["part_of"] != "", ["round_id", "part_of"]]
    for line, rid, day, searched in rounds[["round_id", "announced_on", "searched"]].itertuples(name=None):
        if not day:
            continue
        own = days_of.get(rid, [])
        if own and day not in own:  # the round moved away from its events: say so once, on the round
            problems.append(
                Problem(
                    ROUNDS,
                    int(line),
                    "announced_on",
                    f"round {rid!r} is dated {day}, but its events in "
                    f"{APPOINTMENTS} are dated {', '.join(own)}",
                )
            )
        elif own and own != [day]:  # some events moved away from their round: say so on each
            moved = held.loc[(held["round_id"] == rid) & (held["announced_on"] != day), "announced_on"]
            for at, other in moved.items():
                problems.append(
                    Problem(
                        APPOINTMENTS,
                        int(at),
                        "announced_on",
                        f"{other} is not the date of its round {rid!r} ({day})",
                    )
                )
        members = [rid] + parts.loc[parts["part_of"] == rid, "round_id"].tolist()
        if not any(m in days_of.index for m in members) and not searched:
            problems.append(
                Problem(
                    ROUNDS,
                    int(line),
                    "searched",
                    f"round {rid!r} holds no event in {APPOINTMENTS}: say where "
                    "its list was searched, and in the note why none is held",
                )
            )
    return problems


def check_duplicate_rows(frame: pd.DataFrame, filename: str) -> list[Problem]:
    """An exact duplicate row (every cell the same) is an error, naming the line it repeats."""
    first: dict[tuple, int] = {}
    problems = []
    for line, *cells in frame.itertuples(name=None):
        key = tuple(cells)
        if key in first:
            problems.append(
                Problem(filename, int(line), "", f"repeats line {first[key]} exactly: delete one of them")
            )
        else:
            first[key] = int(line)
    return problems
