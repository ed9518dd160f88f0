"""Province names: canonical spellings and the variants users will type."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd


def name_key(name: str) -> str:
    """Comparison key for a place name: case, spaces, hyphens and apostrophes ignored."""
    return re.sub(r"[^a-z]", "", name.casefold())


@dataclass(frozen=True)
class ProvinceIndex:
    """Maps every accepted spelling of a province to its canonical name."""

    lookup: dict[str, str]

    @property
    def canonical(self) -> set[str]:
        return set(self.lookup.values())

    @classmethod
    def build(cls, provinces: pd.DataFrame) -> tuple[ProvinceIndex, list[tuple[int, str]]]:
        """Index a provinces table (canonical name plus ``|``-separated variants).

        Returns the index and a list of (line, message) for spellings that would
        name two different provinces.
        """
        lookup: dict[str, str] = {}
        clashes = []
        for line, row in provinces.iterrows():
            variants = row["variants"] if isinstance(row["variants"], str) else ""
            names = [row["province"]] + [v for v in variants.split(";") if v.strip()]
            for name in names:
                key = name_key(name)
                if key in lookup and lookup[key] != row["province"]:
                    clashes.append((line, f"spelling {name!r} already names {lookup[key]}"))
                lookup.setdefault(key, row["province"])
        return cls(lookup), clashes

    def resolve(self, name: str) -> str | None:
        """The canonical name for ``name``, or None if it is not a known spelling."""
        return self.lookup.get(name_key(name))

    def unknown_message(self, name: str) -> str:
        return f"unknown province {name!r} (not a name or spelling variant in provinces.csv)"


def district_keys(districts: pd.DataFrame) -> pd.Series:
    """Every spelling key of every district (name and variants) -> the district's name, per province:
    a Series indexed by (province, key)."""
    pairs = {}
    for prov, name, variants in districts[["province", "district", "variants"]].itertuples(
        index=False, name=None
    ):
        for spelling in [name] + [v for v in variants.split(";") if v.strip()]:
            pairs.setdefault((prov, name_key(spelling)), name)
    return pd.Series(pairs, dtype=object)
