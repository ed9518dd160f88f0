"""The reading rule: how one value is read out of the evidence, under a coding choice.

``evidence.csv`` keeps every competing value with its source, basis and
confidence. :func:`read_field` picks among them, by one rule implemented once:

1. keep the candidate rows at or above a confidence floor;
2. under ``prefer="un_list"``, if any candidate comes from the UN sanctions
   list, keep only those (the list's own reading: its alternatives tie);
3. group them by value (case ignored); rank the values by their best
   confidence, then by the summed confidence of the sources that agree
   (high 3, medium 2, low 1), then by the best source kind (official, UN list,
   analysis, news, encyclopedia, dataset);
4. the top value wins; if two values tie on every count, the value is unknown.

Origins try the bases in order (birth, then family; or the reverse) and stop at
the first basis that has candidates: a tie there leaves the origin unknown
rather than falling back. A :class:`CodingChoice` sets the order, the
preference, the floors and the other switches. The default reading
(``origin="as_coded"``: birth first, medium floor) is what ``build`` writes to
``appointees.csv``, so the wide table and the analysis can never disagree.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd

from .. import vocab
from .choices import DEFAULT, LOW, MEDIUM, PREFERENCES, CodingChoice
from .groups import Ties, helmandi_rule
from .regions import in_hazarajat

CONFIDENCE_RANK = {"high": 0, "medium": 1, "low": 2, "imputed": 3}
CONFIDENCE_WEIGHT = {"high": 3, "medium": 2, "low": 1, "imputed": 0}
KIND_RANK = {"official": 0, "un_list": 1, "analysis": 2, "news": 3, "encyclopedia": 4, "dataset": 5}
# Fields read as a list (every value at the floor, best first) rather than one value.
LIST_FIELDS = ("emirate_1996_2001",)


# --- the rule -------------------------------------------------------------------------------

Candidate = tuple  # (value, basis, confidence, kind, source_id, line)


def evidence_index(evidence: pd.DataFrame) -> dict[tuple[str, str], list[Candidate]]:
    """evidence.csv grouped by (person_id, field), rows in file order."""
    index: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    cols = ["person_id", "field", "value", "basis", "confidence", "kind", "source_id", "line"]
    for pid, field, value, basis, conf, kind, sid, line in evidence[cols].itertuples(index=False, name=None):
        index[(pid, field)].append((value, basis, conf, kind, sid, int(line)))
    return dict(index)


def rank_values(cands: list[Candidate], prefer: str = "confidence") -> list[tuple[str, tuple]]:
    """Distinct values (first spelling in file order) with their rank keys, best first."""
    if prefer == "un_list" and any(c[3] == "un_list" for c in cands):
        cands = [c for c in cands if c[3] == "un_list"]
    groups: dict[str, list[Candidate]] = {}
    for c in cands:
        groups.setdefault(c[0].casefold(), []).append(c)
    ranked = []
    for rows in groups.values():
        key = (
            min(CONFIDENCE_RANK[r[2]] for r in rows),
            -sum(CONFIDENCE_WEIGHT[r[2]] for r in rows),
            min(KIND_RANK.get(r[3], 9) for r in rows),
        )
        ranked.append((min(rows, key=lambda r: r[5])[0], key))
    return sorted(ranked, key=lambda vk: vk[1])


def best_value(cands: list[Candidate], prefer: str = "confidence") -> str | None:
    """The top-ranked value, or None when there is none or two values tie on every count."""
    ranked = rank_values(cands, prefer)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def _at_floor(cands: list[Candidate], floor: str) -> list[Candidate]:
    limit = CONFIDENCE_RANK[floor]
    return [c for c in cands if CONFIDENCE_RANK[c[2]] <= limit]


def read_origin(
    index: dict, pid: str, bases: tuple[str, ...], prefer: str, floor: str
) -> tuple[str | None, str | None, str | None]:
    """(province, basis, district) of ``pid``: the first basis with candidates decides.

    The district is read at the same basis, only from sources that name that
    same province and no other at that basis, so a district never lands in the
    wrong province.
    """
    rows = _at_floor(index.get((pid, "province"), []), floor)
    for basis in bases:
        cand = [r for r in rows if r[1] == basis]
        if not cand:
            continue
        province = best_value(cand, prefer)
        if province is None:
            return None, None, None
        by_source: dict[str, set[str]] = {}
        for r in cand:
            by_source.setdefault(r[4], set()).add(r[0])
        ok = {sid for sid, provs in by_source.items() if provs == {province}}
        districts = [
            r for r in _at_floor(index.get((pid, "district"), []), floor) if r[1] == basis and r[4] in ok
        ]
        return province, basis, best_value(districts, prefer)
    return None, None, None


def read_field(
    index: dict, pid: str, field: str, prefer: str = "confidence", floor: str = MEDIUM
) -> str | None:
    """One value of a single-valued field (not an origin) under the rule."""
    return best_value(_at_floor(index.get((pid, field), []), floor), prefer)


def read_list(index: dict, pid: str, field: str, floor: str = MEDIUM) -> list[str]:
    """Every value of a field at the floor, best first (networks, posts held)."""
    return [v for v, _ in rank_values(_at_floor(index.get((pid, field), []), floor))]


def read_ethnicity(index: dict, pid: str, rule: str) -> str | None:
    rows = index.get((pid, "ethnicity"), [])
    direct = [r for r in rows if r[2] != "imputed"]
    if rule == "direct":
        return best_value(_at_floor(direct, MEDIUM))
    if direct:
        return best_value(_at_floor(direct, LOW))
    return best_value([r for r in rows if r[2] == "imputed"])


READ_FIELDS = [
    "province",
    "origin_basis",
    "district",
    "ethnicity",
    "tribe",
    "network",
    "networks",
    "guantanamo",
    "un_1988_ref",
    "emirate_1996_2001",
]


def read_person(index: dict, pid: str, choice: CodingChoice = DEFAULT) -> dict:
    """Every coded field of one person under ``choice`` (None = unknown)."""
    if choice.origin == "as_coded":
        bases, prefer, floor = ("birth", "family"), PREFERENCES[0], MEDIUM
    else:
        bases = ("birth", "family") if choice.origin == "birth" else ("family", "birth")
        prefer, floor = choice.prefer, LOW
    province, basis, district = read_origin(index, pid, bases, prefer, floor)
    network = read_field(index, pid, "network")  # the main network; a tie leaves it unknown
    networks = ([network] if network else []) + [n for n in read_list(index, pid, "network") if n != network]
    guantanamo = read_field(index, pid, "guantanamo")
    return {
        "province": province,
        "origin_basis": basis or "unknown",
        "district": district,
        "ethnicity": read_ethnicity(index, pid, choice.ethnicity),
        "tribe": read_field(index, pid, "tribe", prefer, floor),
        "network": network,
        "networks": networks,
        "guantanamo": None if guantanamo is None else guantanamo == "true",
        "un_1988_ref": read_field(index, pid, "un_1988_ref"),
        "emirate_1996_2001": read_list(index, pid, "emirate_1996_2001"),
    }


def read_persons(persons: pd.DataFrame, index: dict, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """Every coded field of each person of ``persons`` (a frame with ``person_id``; its other
    columns are kept) under the reading switches of ``choice`` (origin, prefer, ethnicity)."""
    rows = [read_person(index, pid, choice) for pid in persons["person_id"]]
    read = pd.DataFrame(rows, index=persons.index, columns=READ_FIELDS)
    return pd.concat([persons, read], axis=1).reset_index(drop=True)


def region_maps(regions: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Scheme -> {province: region}."""
    return {scheme: dict(zip(sub["province"], sub["region"])) for scheme, sub in regions.groupby("scheme")}


def classify(
    read: pd.DataFrame,
    region_map: dict[str, str],
    places: tuple,
    choice: CodingChoice = DEFAULT,
    in_hz: np.ndarray | None = None,
    helmandi: np.ndarray | None = None,
) -> pd.DataFrame:
    """Add ``region`` (``region_map`` is the scheme's, from :func:`region_maps`), ``hazarajat``
    (``places`` from :func:`~cabinet_analysis.coding.regions.hazarajat_places`) and ``helmandi`` (under
    ``choice.helmandi``) to persons read by :func:`read_persons`; whole columns at once. ``in_hz`` and
    ``helmandi``, if given, are :func:`hazarajat_flags` and :func:`helmandi_members` already computed."""
    in_hz = hazarajat_flags(read, places) if in_hz is None else in_hz
    helmandi = helmandi_members(read, choice.helmandi) if helmandi is None else helmandi
    own_region = choice.scheme in vocab.RUSI_SCHEMES
    region = [
        None if not isinstance(p, str) else vocab.HAZARAJAT if (hz and own_region) else region_map[p]
        for p, hz in zip(read["province"].tolist(), in_hz)
    ]
    return read.assign(
        region=pd.Series(region, index=read.index, dtype=object), hazarajat=in_hz, helmandi=helmandi
    )


def hazarajat_flags(read: pd.DataFrame, places: tuple) -> np.ndarray:
    """For each person read by :func:`read_persons`: is their place of origin in the Hazarajat (``places``)?"""
    return np.array(
        [in_hazarajat(p, d, places) for p, d in zip(read["province"].tolist(), read["district"].tolist())],
        dtype=bool,
    )


def helmandi_members(people: pd.DataFrame, rule: str) -> np.ndarray:
    """Membership of the Helmandi networks for every person, under ``rule`` (:data:`cabinet_analysis.coding.groups.HELMANDI`)."""
    member = helmandi_rule(rule).member
    return np.array(
        [
            member(Ties(n, ns, t, p))
            for n, ns, t, p in zip(people["network"], people["networks"], people["tribe"], people["province"])
        ],
        dtype=bool,
    )


ALL = None  # no origin evidence: any province is possible


def possible_provinces(
    index: dict,
    person_ids,
    bases: tuple[str, ...] = ("birth", "family"),
    floor: tuple[str, ...] = ("high", "medium"),
) -> dict[str, frozenset | None]:
    """Person -> the provinces that origin evidence of medium or high confidence names, or ALL if
    none does (a weak source alone does not rule any province out)."""
    out: dict[str, frozenset | None] = {}
    for pid in person_ids:
        named = {r[0] for r in index.get((pid, "province"), []) if r[1] in bases and r[2] in floor}
        out[pid] = frozenset(named) if named else ALL
    return out
