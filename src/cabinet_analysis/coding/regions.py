"""Hazarajat at district level (``data/hazarajat.csv``), its people (``data/districts.csv``), as the
analysis reads them.

A region scheme maps each of the 34 provinces to one region (``regions.csv``). Hazarajat cuts across
provinces, so it is defined at district level: a whole province (district empty) or single districts
of a province. Under the ``rusi`` schemes a person from a Hazarajat district is placed in the region
``Hazarajat`` whatever the province; under other schemes the district list is still available as the
focus group ``hazarajat``.

**Which districts count** is the coding switch ``hazarajat`` (:data:`READINGS`):

- ``majority``: the whole provinces and the districts of high or medium confidence (Hazara-majority
  districts by the sources);
- ``listed``: every listed district, the mixed ones of low confidence too (Qarabagh, Khwaja Umari,
  Jalrez, Day Mirdad, Khas Uruzgan, Gizab, Dara-i-Suf);
- ``weighted``: every listed district, its people weighted by its Hazara share where a source gives one
  (``data/hazara_shares.csv``; the lower value where sources disagree), whole otherwise; a person from a
  listed district counts as from Hazarajat, as under ``listed``.

**Its people.** The yardstick counts Hazarajat's people from its districts: each district's share of its
province's people in the official district estimate (:data:`ESTIMATE`) applied to the province's
population in ``provinces.csv``, so that the provinces still sum to the national total used
everywhere else (:func:`hazarajat_fractions`).
"""

from __future__ import annotations

import pandas as pd

from .. import vocab
from ..data.provinces import district_keys, name_key

READINGS = ("majority", "listed", "weighted")
COUNTED = {
    "majority": vocab.HAZARAJAT_CONFIDENCE,
    "listed": ("high", "medium", "low"),
    "weighted": ("high", "medium", "low"),
}
ESTIMATE = "nsia_2019_20"  # the district estimate the yardstick uses (the latest with every district of the provinces)


def _rows(hazarajat: pd.DataFrame, reading: str) -> pd.DataFrame:
    if reading not in READINGS:
        raise ValueError(f"hazarajat must be one of {', '.join(READINGS)}, not {reading!r}")
    return hazarajat[hazarajat["confidence"].isin(COUNTED[reading])]


def hazarajat_places(hazarajat: pd.DataFrame, reading: str = "majority") -> tuple[frozenset, frozenset]:
    """(whole provinces, {(province, district key)}) counted as Hazarajat under ``reading``. A district
    cell may list spellings separated by ``;``."""
    rows = _rows(hazarajat, reading)
    whole = frozenset(rows.loc[rows["district"] == "", "province"])
    districts = frozenset(
        (prov, name_key(name))
        for prov, cell in zip(rows["province"], rows["district"])
        if cell
        for name in cell.split(";")
    )
    return whole, districts


def hazarajat_districts(hazarajat: pd.DataFrame, reading: str = "majority") -> pd.Series:
    """Province -> names of its Hazarajat districts (first spelling of each), for maps and tables."""
    rows = _rows(hazarajat, reading)
    rows = rows[rows["district"] != ""]
    return rows.groupby("province")["district"].agg(lambda d: [cell.split(";")[0] for cell in d])


def in_hazarajat(province: str | None, district: str | None, hazarajat: pd.DataFrame | tuple) -> bool:
    """True if the place lies in Hazarajat as defined by the district table (majority reading)
    (or by the output of :func:`hazarajat_places`)."""
    whole, districts = hazarajat if isinstance(hazarajat, tuple) else hazarajat_places(hazarajat)
    if not isinstance(province, str):
        return False
    if province in whole:
        return True
    return isinstance(district, str) and (province, name_key(district)) in districts


def district_people(
    districts: pd.DataFrame, provinces: pd.DataFrame, estimate: str = ESTIMATE
) -> pd.DataFrame:
    """The districts of ``estimate`` with their share of their province's people (``share_of_province``) and
    that share applied to the province's population of ``provinces.csv`` (``people``)."""
    d = districts[districts["estimate"] == estimate][
        ["province", "district", "variants", "population"]
    ].copy()
    d["share_of_province"] = d["population"] / d.groupby("province")["population"].transform("sum")
    total = provinces.set_index("province")["population_nsia_2021_22"]
    d["people"] = d["share_of_province"] * d["province"].map(total)
    return d.reset_index(drop=True)


def lowest_shares(shares: pd.DataFrame) -> dict[tuple[str, str], float]:
    """(province, district key) -> the Hazara share of the district (the lowest where sources disagree)."""
    low = (
        shares.assign(key=shares["district"].map(name_key)).groupby(["province", "key"])["hazara_share"].min()
    )
    return {k: float(v) for k, v in low.items()}


def hazarajat_fractions(
    hazarajat: pd.DataFrame,
    districts: pd.DataFrame,
    provinces: pd.DataFrame,
    shares: pd.DataFrame,
    reading: str = "majority",
) -> dict[str, float]:
    """Province -> the fraction of its people who live in Hazarajat under ``reading`` (1 for a whole
    province; the summed district shares for a province with Hazarajat districts; weighted by the Hazara
    share under ``weighted``). Provinces without Hazarajat are left out."""
    whole, places = hazarajat_places(hazarajat, reading)
    people = district_people(districts, provinces)
    keys = district_keys(people)
    weights = lowest_shares(shares) if reading == "weighted" else {}
    out = {p: 1.0 for p in whole}
    counted: set[tuple[str, str]] = set()
    for prov, key in sorted(places):
        name = keys.get((prov, key))
        if name is None or (prov, name) in counted:
            continue
        counted.add((prov, name))
        row = people[(people["province"] == prov) & (people["district"] == name)].iloc[0]
        weight = weights.get((prov, name_key(name)), 1.0)
        out[prov] = out.get(prov, 0.0) + float(row["share_of_province"]) * weight
    return out


def hazarajat_district_people(
    hazarajat: pd.DataFrame, districts: pd.DataFrame, provinces: pd.DataFrame
) -> pd.DataFrame:
    """Every listed Hazarajat district with its people (:func:`district_people`) and whether it counts under
    ``majority`` or only under ``listed`` (``kind``: majority or mixed); the whole provinces with theirs."""
    people = district_people(districts, provinces)
    keys = district_keys(people)
    majority = hazarajat_places(hazarajat, "majority")[1]
    rows, seen = [], set()
    for prov, cell in hazarajat[["province", "district"]].itertuples(index=False, name=None):
        if not cell:
            total = float(provinces.set_index("province").loc[prov, "population_nsia_2021_22"])
            rows.append(
                {"province": prov, "district": "(whole province)", "people": round(total), "kind": "majority"}
            )
            continue
        name = next(
            (keys.get((prov, name_key(s))) for s in cell.split(";") if (prov, name_key(s)) in keys.index),
            None,
        )
        if name is None or (prov, name) in seen:
            continue
        seen.add((prov, name))
        row = people[(people["province"] == prov) & (people["district"] == name)].iloc[0]
        kind = "majority" if any((prov, name_key(s)) in majority for s in cell.split(";")) else "mixed"
        rows.append({"province": prov, "district": name, "people": round(float(row["people"])), "kind": kind})
    return pd.DataFrame(rows, columns=["province", "district", "people", "kind"])
