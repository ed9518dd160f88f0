"""Coding choices: where sources disagree, which value the analysis uses.

The wide table ``appointees.csv`` holds one value per person and field (the
project's default reading). ``codings.csv`` keeps every competing value with
its source and basis. A :class:`CodingChoice` says how to pick among them, and
:func:`resolve_people` returns one tidy row per appointee under that choice.
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, fields

import pandas as pd

from . import vocab
from .dataset import Dataset, split_list
from .regions import HAZARAJAT, SCHEMES_WITH_HAZARAJAT_REGION, hazarajat_places, in_hazarajat

ORIGINS = ("as_coded", "birth", "family")
PREFERENCES = ("confidence", "un_list")
HELMANDI_RULES = ("network", "any_network", "tribe", "tribe_and_helmand", "helmand_origin")
HELMANDI_TRIBES = ("Ishaqzai", "Alizai")
HELMAND = "Helmand"

_CONFIDENCE_RANK = {c: i for i, c in enumerate(vocab.CONFIDENCES)}
_KIND_RANK = {"official": 0, "un_list": 1, "analysis": 2, "news": 3, "encyclopedia": 4}


@dataclass(frozen=True)
class CodingChoice:
    """One combination of coding switches.

    - ``origin``: ``as_coded`` uses the wide table; ``birth`` uses the birthplace
      where a source gives one, else the family origin; ``family`` the reverse.
    - ``prefer``: among competing values of the same basis, ``confidence`` takes
      the highest-confidence row (ties: official, UN list, analysis, news,
      encyclopedia); ``un_list`` takes a UN sanctions-list row first.
      Applies to origin and tribe whenever ``origin`` is not ``as_coded``.
    - ``helmandi``: who counts as a member of the Helmandi Ishaqzai/Alizai
      networks: ``network`` (coded network membership), ``tribe`` (Ishaqzai or
      Alizai by tribe, wherever from), ``tribe_and_helmand`` (those tribes and
      origin in Helmand), ``helmand_origin`` (origin in Helmand, any tribe).
    - ``scheme``: the region scheme (a scheme name in ``data/regions.csv``).
    - ``baseline``: the baseline name (see :mod:`cabinet_analysis.baselines`).
    """

    origin: str = "as_coded"
    prefer: str = "confidence"
    helmandi: str = "network"
    scheme: str = "rusi"
    baseline: str = "population"

    def __post_init__(self) -> None:
        for name, allowed in (("origin", ORIGINS), ("prefer", PREFERENCES), ("helmandi", HELMANDI_RULES)):
            if getattr(self, name) not in allowed:
                raise ValueError(f"{name} must be one of {allowed}, not {getattr(self, name)!r}")

    def label(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in asdict(self).items())


DEFAULT = CodingChoice()


def all_choices(schemes: list[str], baselines: list[str]) -> list[CodingChoice]:
    """Every distinct combination of switches (``prefer`` only matters when origin is not as_coded)."""
    out = []
    for origin, prefer, helmandi, scheme, baseline in itertools.product(ORIGINS, PREFERENCES, HELMANDI_RULES, schemes, baselines):
        if origin == "as_coded" and prefer != PREFERENCES[0]:
            continue
        out.append(CodingChoice(origin, prefer, helmandi, scheme, baseline))
    return out


def choice_fields() -> list[str]:
    return [f.name for f in fields(CodingChoice)]


def evidence_index(ds: Dataset) -> dict[tuple[str, str], list[dict]]:
    """codings.csv grouped by (appointee_id, field), each row with its source kind and line."""
    kinds = dict(zip(ds.sources["source_id"], ds.sources["kind"]))
    index: dict[tuple[str, str], list[dict]] = {}
    for row in ds.codings.itertuples(index=False):
        rec = {
            "value": str(row.value),
            "basis": "" if row.basis is pd.NA else str(row.basis),
            "confidence": str(row.confidence),
            "kind": kinds.get(row.source_id, ""),
            "source_id": str(row.source_id),
            "line": int(row.line),
        }
        index.setdefault((row.appointee_id, row.field), []).append(rec)
    return index


def _rank_key(rec: dict, prefer: str) -> tuple:
    conf = _CONFIDENCE_RANK[rec["confidence"]]
    kind = _KIND_RANK.get(rec["kind"], 9)
    if prefer == "un_list":
        return (rec["kind"] != "un_list", conf, kind, rec["line"])
    return (conf, kind, rec["line"])


def _best(cand: list[dict], prefer: str) -> str | None:
    """Value of the best-ranked candidate, or None when candidates of the top rank disagree."""
    ranked = sorted(cand, key=lambda r: _rank_key(r, prefer))
    top = _rank_key(ranked[0], prefer)[:-1]
    if len({r["value"] for r in ranked if _rank_key(r, prefer)[:-1] == top}) > 1:
        return None
    return ranked[0]["value"]


def pick(index: dict, pid: str, field: str, bases: tuple[str, ...], prefer: str) -> tuple[str | None, str | None]:
    """Best value of ``field`` for ``pid``, trying each basis in turn ("" = any basis).

    When the best candidates of a basis tie (same rank, different values, as with
    a UN entry giving two alternative birthplaces) the value is unknown: the
    function returns (None, None) rather than guess, and does not fall back.
    """
    rows = index.get((pid, field), [])
    for basis in bases:
        cand = rows if basis == "" else [r for r in rows if r["basis"] == basis]
        if cand:
            value = _best(cand, prefer)
            return (value, basis or None) if value is not None else (None, None)
    return None, None


def pick_district(index: dict, pid: str, province: str, basis: str, prefer: str) -> str | None:
    """Best district for ``pid`` at ``basis``, from sources that name exactly ``province``
    (and no other province) at that basis, so a district never lands in the wrong province."""
    provinces_by_source: dict[str, set[str]] = {}
    for r in index.get((pid, "province"), []):
        if r["basis"] == basis:
            provinces_by_source.setdefault(r["source_id"], set()).add(r["value"])
    ok = {sid for sid, provs in provinces_by_source.items() if provs == {province}}
    cand = [r for r in index.get((pid, "district"), []) if r["basis"] == basis and r["source_id"] in ok]
    return _best(cand, prefer) if cand else None


def resolve_people(
    ds: Dataset,
    regions: pd.DataFrame,
    hazarajat: pd.DataFrame,
    choice: CodingChoice = DEFAULT,
    index: dict | None = None,
    persons: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per person under ``choice``: origin, region, focus-group flags.

    ``persons`` defaults to the 33 appointees; the timeline passes everyone holding
    a post on a date (with their post and tier then). Columns: id, seq, name, tier,
    post, province, district, origin_basis, region, ethnicity, tribe, networks
    (list), hazarajat, helmandi.
    """
    persons = ds.appointees if persons is None else persons
    index = evidence_index(ds) if index is None else index
    region_map = regions[regions["scheme"] == choice.scheme].set_index("province")["region"].to_dict()
    if not region_map:
        raise ValueError(f"unknown region scheme {choice.scheme!r}")
    places = hazarajat_places(hazarajat)
    rows = []
    for person in persons.itertuples(index=False):
        pid = person.id
        if choice.origin == "as_coded":
            province, district = _na(person.province), _na(person.district)
            basis = person.origin_basis
            tribe = _na(person.tribe)
        else:
            order = ("birth", "family") if choice.origin == "birth" else ("family", "birth")
            province, basis = pick(index, pid, "province", order, choice.prefer)
            district = None
            if basis is not None:
                district = pick_district(index, pid, province, basis, choice.prefer)
            basis = basis or "unknown"
            tribe, _ = pick(index, pid, "tribe", ("",), choice.prefer)
        networks = [n for n in [_na(person.network)] + split_list(_na(person.affiliations) or "") if n]
        in_hz = in_hazarajat(province, district, places)
        if province is None:
            region = None
        elif in_hz and choice.scheme in SCHEMES_WITH_HAZARAJAT_REGION:
            region = HAZARAJAT
        else:
            region = region_map[province]
        rows.append(
            {
                "id": pid,
                "seq": int(person.seq) if "seq" in persons.columns and pd.notna(person.seq) else None,
                "name": person.name,
                "tier": person.tier,
                "post": person.post,
                "province": province,
                "district": district,
                "origin_basis": basis,
                "region": region,
                "ethnicity": _na(person.ethnicity),
                "tribe": tribe,
                "networks": networks,
                "hazarajat": in_hz,
                "helmandi": is_helmandi(networks, tribe, province, choice.helmandi),
            }
        )
    return pd.DataFrame(rows)


def is_helmandi(networks: list[str], tribe: str | None, province: str | None, rule: str) -> bool:
    """Membership of the Helmandi Ishaqzai/Alizai networks under ``rule`` (see CodingChoice)."""
    tribal = isinstance(tribe, str) and any(t.casefold() in tribe.casefold() for t in HELMANDI_TRIBES)
    if rule == "network":
        return bool(networks) and networks[0] == "helmandi"
    if rule == "any_network":
        return "helmandi" in networks
    if rule == "tribe":
        return tribal
    if rule == "tribe_and_helmand":
        return tribal and province == HELMAND
    if rule == "helmand_origin":
        return province == HELMAND
    raise ValueError(f"unknown helmandi rule {rule!r}")


def _na(value):
    return None if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)

