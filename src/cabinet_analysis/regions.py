"""Region schemes, kept as data: ``data/regions.csv`` and ``data/hazarajat.csv``.

A scheme maps each of the 34 provinces to one region. Hazarajat cuts across
provinces, so it is defined at district level: a whole province (district
empty) or a single district of a province. Under the ``rusi`` schemes a
person from a Hazarajat district is placed in the region ``Hazarajat``
whatever the province; under other schemes the district list is still
available as the focus group ``hazarajat``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .csvfile import read_csv_strict
from .dataset import default_data_dir
from .problems import DataError, Problem
from .provinces import ProvinceIndex, name_key

REGIONS_FILE = "regions.csv"
HAZARAJAT_FILE = "hazarajat.csv"
HAZARAJAT = "Hazarajat"
# Schemes that carry Hazarajat as a region of its own (the commentary's usage).
SCHEMES_WITH_HAZARAJAT_REGION = ("rusi", "rusi_farah_southwest")


def load_regions(provinces: pd.DataFrame, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Tidy table ``scheme, province, region, source_id, rule`` (one row per scheme and province).

    Every scheme must map each of the provinces exactly once; spellings are normalised.
    """
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    frame, problems = read_csv_strict(data_dir / REGIONS_FILE, ["scheme", "province", "region", "source_id", "rule"])
    if frame is None:
        raise DataError(problems)
    index, _ = ProvinceIndex.build(provinces.set_index(pd.RangeIndex(len(provinces))))
    seen: dict[tuple[str, str], int] = {}
    for line, row in frame.iterrows():
        canonical = index.resolve(row["province"])
        for col in ("scheme", "region"):
            if not row[col]:
                problems.append(Problem(REGIONS_FILE, line, col, "must not be empty"))
        if not row["source_id"] and not row["rule"]:
            problems.append(Problem(REGIONS_FILE, line, "source_id", "needs a source_id or a stated rule"))
        if canonical is None:
            problems.append(Problem(REGIONS_FILE, line, "province", index.unknown_message(row["province"])))
            continue
        key = (row["scheme"], canonical)
        if key in seen:
            problems.append(Problem(REGIONS_FILE, line, "province", f"{canonical} mapped twice in scheme {row['scheme']!r} (first on line {seen[key]})"))
        seen[key] = line
        frame.loc[line, "province"] = canonical
    all_provinces = set(provinces["province"])
    for scheme in sorted(set(frame["scheme"])):
        missing = all_provinces - {p for (s, p) in seen if s == scheme}
        for p in sorted(missing):
            problems.append(Problem(REGIONS_FILE, 0, "province", f"scheme {scheme!r} does not map {p}"))
    if problems:
        raise DataError(problems)
    return frame.reset_index(drop=True)


def load_hazarajat(provinces: pd.DataFrame, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Tidy table ``province, district, source_id, confidence, note``; empty district = whole province."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    frame, problems = read_csv_strict(data_dir / HAZARAJAT_FILE, ["province", "district", "source_id", "confidence", "note"])
    if frame is None:
        raise DataError(problems)
    index, _ = ProvinceIndex.build(provinces.set_index(pd.RangeIndex(len(provinces))))
    for line, row in frame.iterrows():
        canonical = index.resolve(row["province"])
        if canonical is None:
            problems.append(Problem(HAZARAJAT_FILE, line, "province", index.unknown_message(row["province"])))
        else:
            frame.loc[line, "province"] = canonical
        if not row["source_id"]:
            problems.append(Problem(HAZARAJAT_FILE, line, "source_id", "must not be empty"))
        if row["confidence"] not in ("high", "medium", "low"):
            problems.append(Problem(HAZARAJAT_FILE, line, "confidence", f"{row['confidence']!r} must be one of: high, medium, low"))
    if problems:
        raise DataError(problems)
    return frame.reset_index(drop=True)


HAZARAJAT_CONFIDENCE = ("high", "medium")


def hazarajat_places(hazarajat: pd.DataFrame) -> tuple[frozenset, frozenset]:
    """(whole provinces, {(province, district key)}) counted as Hazarajat.

    Only rows of high or medium confidence count; low-confidence rows (districts
    with Hazara pockets only) are kept in the file for reference. A district
    cell may list spellings separated by ``|``.
    """
    rows = hazarajat[hazarajat["confidence"].isin(HAZARAJAT_CONFIDENCE)]
    whole = frozenset(rows.loc[rows["district"] == "", "province"])
    districts = frozenset(
        (prov, name_key(name)) for prov, cell in zip(rows["province"], rows["district"]) if cell for name in cell.split("|")
    )
    return whole, districts


def in_hazarajat(province: str | None, district: str | None, hazarajat: pd.DataFrame | tuple) -> bool:
    """True if the place lies in Hazarajat as defined by the district table
    (or by the output of :func:`hazarajat_places`)."""
    whole, districts = hazarajat if isinstance(hazarajat, tuple) else hazarajat_places(hazarajat)
    if not isinstance(province, str):
        return False
    if province in whole:
        return True
    return isinstance(district, str) and (province, name_key(district)) in districts
