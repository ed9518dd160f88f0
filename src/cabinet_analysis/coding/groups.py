"""The registry of membership rules: each rule defined once, with what it reads, how a known person is
a member, and whether a person with unknown values could be one (for the bounds).

The Helmandi Ishaqzai and Alizai networks are not a territory, so who counts as a member is a coding
switch (``helmandi``). Each value of the switch is one :class:`HelmandiRule` in :data:`HELMANDI`;
:func:`cabinet_analysis.coding.reading.classify` reads ``member`` and :func:`cabinet_analysis.analysis.bounds.group_bounds`
reads ``must`` and ``can``. Adding a rule is one entry here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from ..vocab import HAZARAJAT, HELMAND, HELMANDI_TRIBES


class Ties(NamedTuple):
    """What a membership rule may read about one person (None = unknown)."""

    network: str | None
    networks: list[str]
    tribe: str | None
    province: str | None


def tribal(tribe: str | None) -> bool:
    """True if the tribe names one of the Helmandi tribes (Ishaqzai, Alizai)."""
    return isinstance(tribe, str) and any(t.casefold() in tribe.casefold() for t in HELMANDI_TRIBES)


@dataclass(frozen=True)
class HelmandiRule:
    """One reading of membership of the Helmandi networks.

    ``member(ties)``: the person is a member on what is known. ``could(ties, provinces)``: a person who is
    not a member on what is known could still be one, given the unknown values and the provinces the
    origin evidence allows. ``must(ties, provinces)``: the person is a member whatever the unknowns are
    (by default: a member on what is known)."""

    name: str
    label: str
    member: Callable[[Ties], bool]
    could: Callable[[Ties, frozenset], bool]
    must: Callable[[Ties, frozenset], bool] | None = None

    def bounds(self, ties: Ties, provinces: frozenset) -> tuple[int, int]:
        """(must be, can be) a member: 0 or 1 each."""
        member = self.member(ties)
        must = self.must(ties, provinces) if self.must else member
        return int(must), int(member or self.could(ties, provinces))


HELMANDI = {
    rule.name: rule
    for rule in (
        HelmandiRule(
            "network",
            "main network coded helmandi",
            member=lambda t: t.network == "helmandi",
            could=lambda t, provinces: t.network is None,
        ),
        HelmandiRule(
            "any_network",
            "any network tie coded helmandi",
            member=lambda t: "helmandi" in t.networks,
            could=lambda t, provinces: not t.networks,
        ),
        HelmandiRule(
            "tribe",
            "Ishaqzai or Alizai tribe",
            member=lambda t: tribal(t.tribe),
            could=lambda t, provinces: t.tribe is None,
        ),
        HelmandiRule(
            "tribe_and_helmand",
            "Ishaqzai or Alizai tribe and origin in Helmand",
            member=lambda t: tribal(t.tribe) and t.province == HELMAND,
            could=lambda t, provinces: (t.tribe is None or tribal(t.tribe)) and HELMAND in provinces,
        ),
        HelmandiRule(
            "helmand_origin",
            "origin in Helmand",
            member=lambda t: t.province == HELMAND,
            could=lambda t, provinces: HELMAND in provinces,
            must=lambda t, provinces: provinces == {HELMAND},
        ),
    )
}


def helmandi_rule(name: str) -> HelmandiRule:
    if name not in HELMANDI:
        raise ValueError(f"unknown helmandi rule {name!r}")
    return HELMANDI[name]


@dataclass(frozen=True)
class FocusGroup:
    """One focus group of the commentary, defined once: how membership is read (``by``: regions of the
    scheme, the Hazarajat district table, or the Helmandi rule), over which pool it is counted (``known``:
    persons of known origin; ``everyone``), and so what share of a yardstick it has."""

    name: str
    label: str  # the reader's name, in tables and figures
    by: str  # "regions", "hazarajat" or "helmandi"
    regions: tuple[str, ...] = ()
    pool: str = "known"

    @property
    def region(self) -> str | None:
        """The one region of the commentary's scheme that this group is (west, southwest, Hazarajat), if any."""
        if self.by == "regions" and len(self.regions) == 1:
            return self.regions[0]
        return HAZARAJAT if self.by == "hazarajat" else None

    def members(self, people) -> np.ndarray:
        """Membership of every person of a table read under a coding (``region``, ``hazarajat``,
        ``helmandi`` columns)."""
        if self.by == "regions":
            return np.isin(people["region"].to_numpy(dtype=object), self.regions)
        return people[self.by].to_numpy(dtype=bool)

    def in_place(self, region: str, hazarajat: bool) -> bool:
        """Membership of a person placed in ``region`` (in Hazarajat or not); not for the Helmandi networks."""
        return region in self.regions if self.by == "regions" else hazarajat

    def population_share(
        self,
        weights,
        region_map: dict[str, str],
        region_shares,
        fractions: dict[str, float],
        own_region: bool,
    ) -> float:
        """The group's share of province ``weights`` (population or equal per province). Under a scheme
        where Hazarajat is a region of its own (``own_region``), a region group takes its share from
        ``region_shares`` (Hazarajat's districts' people already moved out); Hazarajat sums its
        ``fractions`` of each province; the Helmandi networks take Helmand's share, as a proxy."""
        if self.by == "regions":
            if own_region:
                return float(sum(region_shares.get(r, 0.0) for r in self.regions))
            return float(weights[weights.index.map(region_map).isin(self.regions)].sum())
        if self.by == "hazarajat":
            return sum(float(weights[p]) * f for p, f in fractions.items())
        return float(weights[weights.index == HELMAND].sum())

    def cadre_share(self, cadre) -> float:
        """The group's share of the listed persons of known province (Helmand's share for the Helmandi networks)."""
        if not len(cadre):
            return float("nan")
        if self.by == "helmandi":
            return float(np.mean(cadre["province"].to_numpy() == HELMAND))
        return float(np.mean(self.members(cadre)))


FOCUS = {
    group.name: group
    for group in (
        FocusGroup("west", "West", "regions", ("west",)),
        FocusGroup("southwest", "Southwest", "regions", ("southwest",)),
        FocusGroup("west_or_southwest", "West or southwest", "regions", ("west", "southwest")),
        FocusGroup("hazarajat", "Hazarajat", "hazarajat"),
        FocusGroup("helmandi_networks", "Helmandi networks", "helmandi", pool="everyone"),
    )
}
FOCUS_GROUPS = tuple(FOCUS)
