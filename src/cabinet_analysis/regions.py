"""Hazarajat at district level (``data/hazarajat.csv``), as the analysis reads it.

A region scheme maps each of the 34 provinces to one region (``regions.csv``).
Hazarajat cuts across provinces, so it is defined at district level: a whole
province (district empty) or single districts of a province. Under the ``rusi``
schemes a person from a Hazarajat district is placed in the region
``Hazarajat`` whatever the province; under other schemes the district list is
still available as the focus group ``hazarajat``.
"""

from __future__ import annotations

import pandas as pd

from .data.provinces import name_key
from .vocab import HAZARAJAT_CONFIDENCE


def hazarajat_places(hazarajat: pd.DataFrame) -> tuple[frozenset, frozenset]:
    """(whole provinces, {(province, district key)}) counted as Hazarajat.

    Only rows of high or medium confidence count; low-confidence rows (districts
    with Hazara pockets only) are kept in the file for reference. A district
    cell may list spellings separated by ``;``.
    """
    rows = hazarajat[hazarajat["confidence"].isin(HAZARAJAT_CONFIDENCE)]
    whole = frozenset(rows.loc[rows["district"] == "", "province"])
    districts = frozenset(
        (prov, name_key(name)) for prov, cell in zip(rows["province"], rows["district"]) if cell for name in cell.split(";")
    )
    return whole, districts


def hazarajat_districts(hazarajat: pd.DataFrame) -> pd.Series:
    """Province -> names of its Hazarajat districts (first spelling of each), for maps and tables."""
    rows = hazarajat[hazarajat["confidence"].isin(HAZARAJAT_CONFIDENCE) & (hazarajat["district"] != "")]
    return rows.groupby("province")["district"].agg(lambda d: [cell.split(";")[0] for cell in d])


def in_hazarajat(province: str | None, district: str | None, hazarajat: pd.DataFrame | tuple) -> bool:
    """True if the place lies in Hazarajat as defined by the district table
    (or by the output of :func:`hazarajat_places`)."""
    whole, districts = hazarajat if isinstance(hazarajat, tuple) else hazarajat_places(hazarajat)
    if not isinstance(province, str):
        return False
    if province in whole:
        return True
    return isinstance(district, str) and (province, name_key(district)) in districts
