"""Load and validate the project's data folder.

``load_dataset`` reads the four core files, checks each against its schema
(:mod:`cabinet_analysis.schemas`) and then across files (ids, sources,
provinces, evidence), and returns typed DataFrames. Every problem found is
collected and raised together as a :class:`~cabinet_analysis.problems.DataError`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from . import schemas, vocab
from .csvfile import read_csv_strict
from .problems import DataError, Problem
from .provinces import ProvinceIndex

EXPECTED_APPOINTEES = 33
EXPECTED_PROVINCES = 34

APPOINTEES_FILE = "appointees.csv"
PEOPLE_FILE = "people.csv"
CODINGS_FILE = "codings.csv"
SOURCES_FILE = "sources.csv"
PROVINCES_FILE = "provinces.csv"

# Columns of appointees.csv whose non-empty values need a matching row in codings.csv.
EVIDENCED_COLUMNS = (
    "post", "announced_on", "province", "district", "ethnicity", "tribe", "network",
    "guantanamo", "un_1988_ref", "emirate_1996_2001",
)
LIST_SEPARATOR = ";"


def default_data_dir() -> Path:
    """The data folder: $CABINET_ANALYSIS_DATA if set, else the repository's ``data/``."""
    env = os.environ.get("CABINET_ANALYSIS_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2] / "data"


@dataclass(frozen=True)
class Dataset:
    """The validated data folder: one typed DataFrame per file."""

    appointees: pd.DataFrame
    codings: pd.DataFrame
    sources: pd.DataFrame
    provinces: pd.DataFrame
    data_dir: Path
    people: pd.DataFrame | None = None  # people.csv: persons beyond the 33


def split_list(value: str) -> list[str]:
    """Split a ``;``-separated cell into its non-empty items."""
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]


def _schema_problems(frame: pd.DataFrame, schema: pa.DataFrameSchema, filename: str) -> list[Problem]:
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        out = []
        for case in exc.failure_cases.itertuples(index=False):
            line = int(case.index) if pd.notna(case.index) else 0
            column = case.column if isinstance(case.column, str) else ""
            check = str(case.check)
            out.append(Problem(filename, line, column, f"{case.failure_case!r} {check}"))
        return out
    return []


def _read(data_dir: Path, filename: str, schema: pa.DataFrameSchema):
    frame, problems = read_csv_strict(data_dir / filename, list(schema.columns))
    if frame is not None:
        problems += _schema_problems(frame, schema, filename)
    return frame, problems


def _duplicates(frame: pd.DataFrame, column: str, filename: str, what: str) -> list[Problem]:
    first: dict[str, int] = {}
    out = []
    for line, value in frame[column].items():
        if value in first:
            out.append(Problem(filename, line, column, f"duplicate {what} {value!r} (first on line {first[value]})"))
        else:
            first[value] = line
    return out


def _check_provinces(prov: pd.DataFrame) -> tuple[ProvinceIndex | None, list[Problem]]:
    problems = _duplicates(prov, "province", PROVINCES_FILE, "province")
    if len(prov) != EXPECTED_PROVINCES:
        problems.append(Problem(PROVINCES_FILE, 0, "", f"expected {EXPECTED_PROVINCES} provinces, found {len(prov)}"))
    index, clashes = ProvinceIndex.build(prov)
    problems += [Problem(PROVINCES_FILE, line, "variants", msg) for line, msg in clashes]
    return index, problems


def _check_appointees(app: pd.DataFrame, provinces: ProvinceIndex | None) -> list[Problem]:
    f = APPOINTEES_FILE
    problems = _duplicates(app, "id", f, "id") + _duplicates(app, "seq", f, "seq")
    if len(app) != EXPECTED_APPOINTEES:
        problems.append(Problem(f, 0, "", f"expected {EXPECTED_APPOINTEES} appointees, found {len(app)}"))
    return problems + _check_origins(app, f, provinces)


def _check_origins(frame: pd.DataFrame, f: str, provinces: ProvinceIndex | None) -> list[Problem]:
    """Origin and network rules shared by appointees.csv and people.csv."""
    problems = []
    for line, row in frame.iterrows():
        if provinces is not None and row["province"] and provinces.resolve(row["province"]) is None:
            problems.append(Problem(f, line, "province", provinces.unknown_message(row["province"])))
        if bool(row["province"]) == (row["origin_basis"] == "unknown"):
            problems.append(
                Problem(f, line, "origin_basis", "must be 'unknown' exactly when province is empty")
            )
        if row["district"] and not row["province"]:
            problems.append(Problem(f, line, "district", "district given without a province"))
        for item in split_list(row["affiliations"]):
            if item not in vocab.NETWORKS:
                problems.append(Problem(f, line, "affiliations", f"{item!r} is not a network in the codebook"))
    return problems


def _check_codings(cod: pd.DataFrame, app_ids: set[str], source_ids: set[str], provinces: ProvinceIndex | None) -> list[Problem]:
    f = CODINGS_FILE
    problems = []
    for line, row in cod.iterrows():
        if app_ids and row["appointee_id"] not in app_ids:
            problems.append(Problem(f, line, "appointee_id", f"unknown person {row['appointee_id']!r} (not an id in {APPOINTEES_FILE} or {PEOPLE_FILE})"))
        if row["source_id"] not in source_ids:
            problems.append(Problem(f, line, "source_id", f"unknown source {row['source_id']!r} (not in {SOURCES_FILE})"))
        needs_basis = row["field"] in ("province", "district")
        if needs_basis and not row["basis"]:
            problems.append(Problem(f, line, "basis", f"a {row['field']} row needs a basis (birth, family or residence)"))
        if not needs_basis and row["basis"]:
            problems.append(Problem(f, line, "basis", "basis is only for province and district rows"))
        if row["field"] == "province" and provinces is not None and provinces.resolve(row["value"]) is None:
            problems.append(Problem(f, line, "value", provinces.unknown_message(row["value"])))
    return problems


def _evidence_key(field: str, value: str, basis: str, provinces: ProvinceIndex | None) -> tuple[str, str, str]:
    if field == "province" and provinces is not None:
        value = provinces.resolve(value) or value
    if field not in ("province", "district"):
        basis = ""
    return field, value.casefold(), basis


def _check_evidence(app: pd.DataFrame, cod: pd.DataFrame, provinces: ProvinceIndex | None, skip: set[tuple[int, str]], filename: str = APPOINTEES_FILE) -> list[Problem]:
    """Every non-empty coded value needs a codings row with the same field and value.

    Cells in ``skip`` (already reported as invalid) are not checked again, so
    each problem gets one message.
    """
    have: dict[str, set[tuple[str, str, str]]] = {}
    for row in cod.itertuples():
        have.setdefault(row.appointee_id, set()).add(_evidence_key(row.field, row.value, row.basis, provinces))
    problems = []
    for line, row in app.iterrows():
        pid = row["id"]
        wanted = [(col, row[col]) for col in EVIDENCED_COLUMNS if col in row.index and row[col]]
        wanted += [("network", item) for item in split_list(row["affiliations"])]
        for col, value in wanted:
            column = "affiliations" if (col == "network" and value != row["network"]) else col
            if (line, column) in skip:
                continue
            basis = row["origin_basis"] if col in ("province", "district") else ""
            if _evidence_key(col, value, basis, provinces) not in have.get(pid, set()):
                shown = f"field={col}, value={value}" + (f", basis={basis}" if basis else "")
                problems.append(
                    Problem(filename, line, column, f"value {value!r} has no evidence in {CODINGS_FILE} (need a row with appointee_id={pid}, {shown})")
                )
    return problems


def _typed_persons(frame: pd.DataFrame, provinces: ProvinceIndex) -> pd.DataFrame:
    """Columns shared by appointees.csv and people.csv: NA for empty, canonical province, boolean flag."""
    out = frame.replace("", pd.NA).astype("string")
    out["province"] = out["province"].map(lambda v: provinces.resolve(v) if pd.notna(v) else pd.NA).astype("string")
    out["guantanamo"] = frame["guantanamo"].map({"true": True, "false": False, "": pd.NA}).astype("boolean")
    return out


def _typed_appointees(app: pd.DataFrame, provinces: ProvinceIndex) -> pd.DataFrame:
    out = _typed_persons(app, provinces)
    out["seq"] = app["seq"].astype("Int64")
    out["announced_on"] = pd.to_datetime(app["announced_on"], format="%Y-%m-%d")
    return out.sort_values("seq").reset_index(drop=True)


def _typed_people(ppl: pd.DataFrame, provinces: ProvinceIndex) -> pd.DataFrame:
    return _typed_persons(ppl, provinces).sort_values("id").reset_index(drop=True)


def _typed_codings(cod: pd.DataFrame, provinces: ProvinceIndex) -> pd.DataFrame:
    out = cod.replace("", pd.NA).astype("string")
    is_prov = out["field"] == "province"
    out.loc[is_prov, "value"] = out.loc[is_prov, "value"].map(provinces.resolve)
    return out.reset_index()


def _typed_provinces(prov: pd.DataFrame) -> pd.DataFrame:
    out = prov.replace("", pd.NA).astype("string")
    out["lat"] = prov["lat"].astype(float)
    out["lon"] = prov["lon"].astype(float)
    out["population_nsia_2021_22"] = prov["population_nsia_2021_22"].astype("int64")
    out["population_exact"] = prov["population_exact"].eq("true")
    return out.sort_values("province").reset_index(drop=True)


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Read, validate and type every core file in ``data_dir``; raise DataError on any problem."""
    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    prov, problems = _read(data_dir, PROVINCES_FILE, schemas.PROVINCES)
    src, p = _read(data_dir, SOURCES_FILE, schemas.SOURCES)
    problems += p
    app, p = _read(data_dir, APPOINTEES_FILE, schemas.APPOINTEES)
    problems += p
    cod, p = _read(data_dir, CODINGS_FILE, schemas.CODINGS)
    problems += p
    ppl, p = _read(data_dir, PEOPLE_FILE, schemas.PEOPLE)
    problems += p

    index = None
    if prov is not None:
        index, p = _check_provinces(prov)
        problems += p
    source_ids: set[str] = set()
    if src is not None:
        problems += _duplicates(src, "source_id", SOURCES_FILE, "source_id")
        source_ids = set(src["source_id"])
    if prov is not None and src is not None:
        for line, sid in prov["population_source_id"].items():
            if sid not in source_ids:
                problems.append(Problem(PROVINCES_FILE, line, "population_source_id", f"unknown source {sid!r} (not in {SOURCES_FILE})"))
    app_ids: set[str] = set()
    if app is not None:
        problems += _check_appointees(app, index)
        app_ids = set(app["id"])
    if ppl is not None:
        problems += _duplicates(ppl, "id", PEOPLE_FILE, "id") + _check_origins(ppl, PEOPLE_FILE, index)
        for line, pid in ppl["id"].items():
            if pid in app_ids:
                problems.append(Problem(PEOPLE_FILE, line, "id", f"{pid!r} is one of the 33 in {APPOINTEES_FILE}; code them there"))
        if app is not None:
            app_ids = app_ids | set(ppl["id"])
    if cod is not None and src is not None:
        problems += _check_codings(cod, app_ids, source_ids, index)
    if app is not None and cod is not None:
        skip = {(p.line, p.column) for p in problems if p.file == APPOINTEES_FILE}
        problems += _check_evidence(app, cod, index, skip)
    if ppl is not None and cod is not None:
        skip = {(p.line, p.column) for p in problems if p.file == PEOPLE_FILE}
        problems += _check_evidence(ppl, cod, index, skip, PEOPLE_FILE)
    if problems or index is None:
        raise DataError(problems)
    return Dataset(
        appointees=_typed_appointees(app, index),
        codings=_typed_codings(cod, index),
        sources=src.replace("", pd.NA).astype("string").reset_index(drop=True),
        provinces=_typed_provinces(prov),
        data_dir=data_dir,
        people=_typed_people(ppl, index),
    )


def load_appointees(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The 33 appointees, validated against every other file, one typed row each."""
    return load_dataset(data_dir).appointees


def load_codings(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The evidence table (long format), validated; province names normalised."""
    return load_dataset(data_dir).codings


def load_sources(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The source table, validated."""
    return load_dataset(data_dir).sources


def load_provinces(data_dir: Path | str | None = None) -> pd.DataFrame:
    """The 34 provinces with spellings, centroids and NSIA 2021-22 population, validated."""
    return load_dataset(data_dir).provinces
