"""Bounds for the unknowns: what a focus-group count could be, whatever the unknown values are.

A count over the appointees of known origin says nothing about the others. Partial
identification asks instead for the smallest and largest count over every
assignment of the unknowns that the evidence allows: a person whose origin is
unknown because sources of medium or high confidence give alternatives (the UN
list's "X or Y") can only be in one of those provinces; a person with no such
evidence can be in any of the 34. A person of known province but unknown district may still be in a
Hazarajat district of that province. For the Helmandi networks, whatever the
membership rule reads (main network, any network, tribe, origin) may be unknown.

With every appointee assigned, the count is out of all 33 (``n_total``).
"""

from __future__ import annotations

import pandas as pd

from .. import vocab
from ..coding.groups import FOCUS, Ties, helmandi_rule
from ..coding.reading import ALL


def group_bounds(
    people: pd.DataFrame,
    possible: dict[str, frozenset | None],
    region_map: dict[str, str],
    places: tuple,
    scheme: str,
    helmandi: str,
) -> dict[str, tuple[int, int]]:
    """(smallest, largest) count of each focus group over every assignment of the unknowns.

    ``people`` are the 33 read under a choice (with ``region``, ``hazarajat`` and ``helmandi``);
    ``region_map`` is the scheme's; ``places`` the Hazarajat whole provinces and districts.
    Each person has a set of possible places (province, in Hazarajat or not); a group's count
    is at least the number of persons all of whose places are in it, at most the number with
    one place in it.
    """
    whole, districts = places
    partly = {p for p, _ in districts} - set(whole)
    own_region = scheme in vocab.RUSI_SCHEMES

    def states(province: str, hz: bool | None) -> list[tuple[str, bool]]:
        if hz is not None:
            return [(province, hz)]
        return (
            [(province, True)]
            if province in whole
            else [(province, False), (province, True)]
            if province in partly
            else [(province, False)]
        )

    def region(state: tuple[str, bool]) -> str:
        return vocab.HAZARAJAT if (state[1] and own_region) else region_map[state[0]]

    members = {
        name: (lambda s, g=group: g.in_place(region(s), s[1]))
        for name, group in FOCUS.items()
        if group.by != "helmandi"
    }
    bounds = {g: [0, 0] for g in FOCUS}
    verdicts: dict[tuple, dict[str, tuple[bool, bool]]] = {}  # places -> group -> (all in it, any in it)
    columns = ["person_id", "province", "district", "hazarajat", "network", "networks", "tribe"]
    for row in people[columns].astype(object).itertuples(index=False):
        province, district = _text(row.province), _text(row.district)
        if province is not None:
            places_ = states(
                province, bool(row.hazarajat) if (district is not None or province in whole) else None
            )
        else:
            options = possible.get(row.person_id, ALL)
            places_ = [
                s for p in sorted(set(region_map) if options is ALL else options) for s in states(p, None)
            ]
        key = tuple(places_)
        if key not in verdicts:
            verdicts[key] = {
                group: (all(hits), any(hits))
                for group, is_in in members.items()
                for hits in [[is_in(s) for s in places_]]
            }
        for group, (must, can) in verdicts[key].items():
            bounds[group][0] += int(must)
            bounds[group][1] += int(can)
        lo, hi = _helmandi(row, sorted({s[0] for s in places_}), helmandi)
        bounds["helmandi_networks"][0] += lo
        bounds["helmandi_networks"][1] += hi
    return {g: (lo, hi) for g, (lo, hi) in bounds.items()}


def _text(value) -> str | None:
    return value if isinstance(value, str) else None


def _helmandi(row, provinces: list[str], rule: str) -> tuple[int, int]:
    """(must, can) be a member of the Helmandi networks under ``rule`` (:data:`cabinet_analysis.coding.groups.HELMANDI`)."""
    ties = Ties(
        _text(row.network),
        list(row.networks) if isinstance(row.networks, list) else [],
        _text(row.tribe),
        _text(row.province),
    )
    return helmandi_rule(rule).bounds(ties, frozenset(provinces))


def bounds_under(ctx, people: pd.DataFrame, choice) -> dict[str, tuple[int, int]]:
    """:func:`group_bounds` of ``people`` (read under ``choice``) with the context's possible provinces and the
    region map, Hazarajat places and Helmandi rule of ``choice``."""
    return group_bounds(
        people,
        ctx.possible_provinces,
        ctx.region_map(choice.scheme),
        ctx.hazarajat_places(choice.hazarajat),
        choice.scheme,
        choice.helmandi,
    )
