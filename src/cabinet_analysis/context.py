"""The analysis context: the validated dataset and a memoised reader of persons under a coding.

``Context`` is frozen and holds the :class:`~cabinet_analysis.data.Dataset`, one memo of what has
been computed from it, and (optionally) a :class:`~cabinet_analysis.store.ResultStore` that keeps
the costliest results between runs. Reading every person under a
:class:`~cabinet_analysis.coding.choices.CodingChoice` is memoised per reading (the baseline does
not change how persons are read); the 33, the listed cadre and the office-holders of any date are
rows of that one reading. Callers get a copy, and nothing outside this class touches the memo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import paths
from .coding.choices import DEFAULT, CodingChoice
from .coding.reading import (
    classify,
    evidence_index,
    hazarajat_flags,
    helmandi_members,
    possible_provinces,
    read_persons,
    region_maps,
)
from .coding.regions import hazarajat_places
from .data import Dataset, load_dataset
from .store import ResultStore


@dataclass(frozen=True, eq=False)
class Context:
    """Everything the analysis reads, and the persons read under each coding."""

    ds: Dataset
    store: ResultStore | None = None
    _memo: dict = field(default_factory=dict, init=False, repr=False)

    def memo(self, key: tuple, compute, keep: bool = False):
        """The value of ``compute()`` for ``key``, computed once per context: ``key`` names the function
        and everything the value depends on besides the data. ``keep``: also keep it in the result store
        between runs (for the costliest results; the store is keyed by the data and the code too)."""
        if key not in self._memo:
            self._memo[key] = self.store.fetch(key, compute) if keep and self.store is not None else compute()
        return self._memo[key]

    @cached_property
    def index(self) -> dict:
        """The evidence grouped by person and field (built once)."""
        return evidence_index(self.ds.evidence)

    @cached_property
    def _region_maps(self) -> dict[str, dict[str, str]]:
        return region_maps(self.ds.regions)

    def hazarajat_places(self, reading: str = "majority") -> tuple:
        """(whole provinces, {(province, district key)}) counted as Hazarajat under ``reading``."""
        return self.memo(("hazarajat_places", reading), lambda: hazarajat_places(self.ds.hazarajat, reading))

    @cached_property
    def possible_provinces(self) -> dict:
        """Each person -> the provinces their origin evidence names, or None (any province)."""
        return possible_provinces(self.index, self.ds.persons["person_id"])

    @cached_property
    def first_round(self) -> pd.DataFrame:
        """The 33 appointments of 7 September 2021, with names, in announcement order."""
        names = self.ds.persons[["person_id", "name", "name_variants", "note"]]
        return self.ds.first_round().merge(names, on="person_id", how="left")

    def appointees(self, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
        """The 33 read under ``choice``: one row each, with their post, origin, region and group flags.

        Their rows of :meth:`everyone` beside their appointment of 7 September (memoised per reading,
        as :meth:`everyone`); the caller gets its own copy."""
        joined = self.memo(
            ("appointees", choice.reading()),
            lambda: self.first_round.join(self.everyone(choice), on="person_id"),
        )
        return joined.copy(deep=False)

    def everyone(self, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
        """Every person of ``persons.csv`` read under ``choice`` and classified, indexed by person_id.

        Memoised per reading (the baseline does not change how persons are read, and the scheme and
        Helmandi rule only classify); the caller gets its own copy (pandas' copy-on-write makes it
        cheap, and changing it never changes the memo)."""

        def classified():
            how = (choice.origin, choice.prefer, choice.ethnicity)
            read = self.memo(
                ("read", *how), lambda: read_persons(self.ds.persons[["person_id"]], self.index, choice)
            )
            places = self.hazarajat_places(choice.hazarajat)
            in_hz = self.memo(("in_hazarajat", *how, choice.hazarajat), lambda: hazarajat_flags(read, places))
            helmandi = self.memo(
                ("helmandi", *how, choice.helmandi), lambda: helmandi_members(read, choice.helmandi)
            )
            return classify(
                read, self._region_maps[choice.scheme], places, choice, in_hz, helmandi
            ).set_index("person_id")

        return self.memo(("everyone", choice.reading()), classified).copy(deep=False)

    def region_map(self, scheme: str) -> dict[str, str]:
        """Province -> region under ``scheme`` (a copy)."""
        return dict(self._region_maps[scheme])

    def provinces_in(self, scheme: str, region_names: set[str]) -> set[str]:
        return {p for p, r in self._region_maps[scheme].items() if r in region_names}

    def regions_of(self, scheme: str) -> set[str]:
        """Every region name of ``scheme``."""
        return set(self._region_maps[scheme].values())


def load_context(data_dir: Path | str | None = None, cache: bool | Path = True) -> Context:
    """The validated data folder (default: the repository's or the shipped data/) as a Context.

    ``cache``: keep the costliest results between runs in ``.cache/results/`` of a checkout (True), in
    a folder of your choice (a path), or not at all (False). Entries are keyed by the data folder's
    files and the package's code, so an edit to either is computed afresh."""
    ds = load_dataset(data_dir)
    folder = paths.result_cache() if cache is True else (Path(cache) if cache else None)
    store = ResultStore(folder, data_dir=ds.data_dir) if folder is not None else None
    return Context(ds, store)
