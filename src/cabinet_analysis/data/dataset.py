"""Load and validate the whole data folder into one typed, frozen :class:`Dataset`.

Every file is read strictly and checked against its schema in
``datapackage.json`` (:mod:`.validate`), then all files are checked together
(:mod:`.crosscheck`). Every problem found is collected and raised together as
a :class:`~cabinet_analysis.data.problems.DataError`, one message per root
cause: a file whose header is wrong is not checked row by row, and checks that
need it are skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from .. import paths, vocab
from . import crosscheck
from .boundaries import Boundaries, load_boundaries
from .csvread import read_csv_strict
from .package import DERIVED, ResourceSpec, load_package
from .problems import DataError, Problem
from .provinces import ProvinceIndex
from .tenures import tenures
from .validate import check_fields, check_keys, check_references


@dataclass(frozen=True)
class Dataset:
    """The validated data folder: one typed DataFrame per file, plus the boundaries.

    Frames keep the CSV line of each row in a ``line`` column. Empty text cells
    are ``""``. ``evidence`` carries each row's source ``kind`` and canonical
    province names; ``appointments.announced_on`` is a datetime, and each appointment carries its
    post's ``post`` (name) and ``tier`` (rank) from ``posts``.
    """

    data_dir: Path
    persons: pd.DataFrame
    appointments: pd.DataFrame
    posts: pd.DataFrame
    evidence: pd.DataFrame
    sources: pd.DataFrame
    provinces: pd.DataFrame
    regions: pd.DataFrame
    hazarajat: pd.DataFrame
    districts: pd.DataFrame
    hazara_shares: pd.DataFrame
    ethnic_shares: pd.DataFrame
    claims: pd.DataFrame
    rounds: pd.DataFrame
    tallies: pd.DataFrame
    governments: pd.DataFrame
    cabinet_members: pd.DataFrame
    boundaries: Boundaries
    province_index: ProvinceIndex

    def first_round(self) -> pd.DataFrame:
        """The 33 appointments of 7 September 2021 in announcement order (person_id, seq, post, tier, announced_on)."""
        a = self.appointments
        first = a[(a["announced_on"] == pd.Timestamp(vocab.FIRST_ROUND)) & (a["event"] == "appointed")]
        return first.sort_values("seq")[["person_id", "seq", "post", "tier", "announced_on"]].reset_index(
            drop=True
        )


def _read_all(
    data_dir: Path, specs: dict[str, ResourceSpec]
) -> tuple[dict[str, pd.DataFrame], list[Problem], set]:
    tables, problems, bad = {}, [], set()
    for name, spec in specs.items():
        if not spec.tabular or name in DERIVED:
            continue
        frame, p = read_csv_strict(data_dir / spec.path, spec.columns)
        problems += p
        if frame is None:
            continue
        p, cells = check_fields(frame, spec, spec.path)
        problems += p + check_keys(frame, spec, spec.path)
        bad |= {(spec.path, line, col) for line, col in cells}
        tables[name] = frame
    for name, frame in tables.items():
        spec = specs[name]
        skip = {(line, col) for f, line, col in bad if f == spec.path}
        problems += check_references(frame, spec, spec.path, tables, specs, skip)
    return tables, problems, bad


def validate_folder(
    data_dir: Path,
) -> tuple[dict[str, pd.DataFrame], ProvinceIndex | None, Boundaries | None, list[Problem]]:
    """Every check on every file; the raw tables, the province index and boundaries, and the problems."""
    specs = load_package(data_dir)
    missing = [
        n
        for n in (
            "persons",
            "appointments",
            "posts",
            "evidence",
            "sources",
            "provinces",
            "regions",
            "hazarajat",
            "districts",
            "hazara_shares",
            "ethnic_shares",
            "claims",
            "rounds",
            "tallies",
            "boundaries",
            "governments",
            "cabinet_members",
        )
        if n not in specs
    ]
    if missing:
        raise DataError([Problem(paths.DESCRIPTOR, 0, "", f"no resource named {n!r}") for n in missing])
    t, problems, bad = _read_all(data_dir, specs)
    index = boundaries = None
    if "provinces" in t:
        index, p = crosscheck.provinces_index(t["provinces"])
        problems += p
        for name, col in (
            ("regions", "province"),
            ("hazarajat", "province"),
            ("districts", "province"),
            ("hazara_shares", "province"),
        ):
            if name in t:
                problems += crosscheck.canonical_provinces(t[name], col, specs[name].path, index)
        if "regions" in t:
            problems += crosscheck.check_regions(t["regions"], index)
        try:
            boundaries = load_boundaries(data_dir / specs["boundaries"].path, index, index.canonical)
        except DataError as exc:
            problems += exc.problems
    if "hazarajat" in t:
        problems += crosscheck.check_hazarajat(t["hazarajat"])
    if "districts" in t and "provinces" in t and "hazarajat" in t and "hazara_shares" in t:
        problems += crosscheck.check_districts(
            t["districts"], t["provinces"], t["hazarajat"], t["hazara_shares"]
        )
    if "ethnic_shares" in t:
        problems += crosscheck.check_ethnic_shares(
            t["ethnic_shares"], specs["ethnic_shares"].field("group").enum or ()
        )
    problems += crosscheck.check_dates(t, date.today().isoformat())
    for name in ("evidence", "appointments"):
        if name in t:
            problems += crosscheck.check_duplicate_rows(t[name], specs[name].path)
    if "appointments" in t:
        problems += crosscheck.check_first_round(t["appointments"])
        if "posts" in t and "rounds" in t:
            problems += crosscheck.check_occupancies(t["appointments"], t["posts"], t["rounds"])
            problems += crosscheck.check_rounds(t["rounds"], t["appointments"])
    if "persons" in t and "claims" in t and "regions" in t:
        # Each claim's cells against its test kind. The kinds live with the analysis that evaluates them;
        # imported here, when a folder is checked, so that loading the data layer does not load the analysis.
        from ..analysis.claim_kinds import check_claims, known_from

        problems += check_claims(
            t["claims"], known_from(t, specs["evidence"].field("field").enum or ()), specs["claims"].path
        )
    if "evidence" in t and "persons" in t and index is not None:
        skip = {(line, col) for f, line, col in bad if f == specs["evidence"].path}
        problems += crosscheck.check_evidence(
            t["evidence"],
            index,
            specs["appointees"],
            t["persons"],
            skip,
            specs["evidence"].field("value").values_by_field,
        )
    return t, index, boundaries, problems


def load_dataset(data_dir: Path | str | None = None) -> Dataset:
    """Read, validate and type every file of ``data_dir`` (default: :func:`paths.data_dir`); DataError on any problem."""
    data_dir = Path(data_dir) if data_dir is not None else paths.data_dir()
    t, index, boundaries, problems = validate_folder(data_dir)
    if problems or index is None or boundaries is None:
        raise DataError(problems)
    posts = _typed_posts(t["posts"])
    appointments = _typed_appointments(t["appointments"], t["posts"])
    tenure_problems: list[Problem] = []
    tenures(
        appointments, posts, tenure_problems
    )  # the replay the timeline reads: events it cannot make sense of
    if tenure_problems:
        raise DataError(tenure_problems)
    return Dataset(
        data_dir=data_dir,
        persons=_framed(t["persons"]),
        appointments=appointments,
        posts=posts,
        evidence=_typed_evidence(t["evidence"], t["sources"], index),
        sources=_framed(t["sources"]),
        provinces=_typed_provinces(t["provinces"]),
        regions=_framed(t["regions"]),
        hazarajat=_framed(t["hazarajat"]),
        districts=_typed_districts(t["districts"]),
        hazara_shares=_typed_hazara_shares(t["hazara_shares"]),
        ethnic_shares=_typed_shares(t["ethnic_shares"]),
        claims=_framed(t["claims"]),
        rounds=_framed(t["rounds"]),
        tallies=_framed(t["tallies"]),
        governments=_framed(t["governments"]),
        cabinet_members=_framed(t["cabinet_members"]),
        boundaries=boundaries,
        province_index=index,
    )


def _framed(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.reset_index()


def _typed_appointments(frame: pd.DataFrame, posts: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index()
    out["announced_on"] = pd.to_datetime(out["announced_on"], format="%Y-%m-%d")
    out["seq"] = pd.to_numeric(out["seq"].replace("", None)).astype("Int64")
    names = posts.set_index("post_id")
    out["post"] = out["post_id"].map(names["name"])
    out["tier"] = out["post_id"].map(names["rank"])
    return out


def _typed_posts(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index()
    for col in ("established", "abolished"):
        out[col] = pd.to_datetime(out[col].replace("", None), format="%Y-%m-%d")
    out["single_holder"] = out["single_holder"].eq("true")
    return out


def _typed_evidence(frame: pd.DataFrame, sources: pd.DataFrame, index: ProvinceIndex) -> pd.DataFrame:
    out = frame.reset_index()
    prov = out["field"] == "province"
    out.loc[prov, "value"] = out.loc[prov, "value"].map(index.resolve)
    out["kind"] = out["source_id"].map(dict(zip(sources["source_id"], sources["kind"]))).fillna("")
    return out


def _typed_provinces(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index()
    out["lat"] = out["lat"].astype(float)
    out["lon"] = out["lon"].astype(float)
    out["population_nsia_2021_22"] = out["population_nsia_2021_22"].astype("int64")
    out["population_exact"] = out["population_exact"].eq("true")
    return out.sort_values("province").reset_index(drop=True)


def _typed_districts(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index()
    out["population"] = out["population"].astype("int64")
    return out


def _typed_hazara_shares(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index()
    out["hazara_share"] = out["hazara_share"].astype(float)
    return out


def _typed_shares(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.reset_index()
    for c in ("low", "central", "high"):
        out[c] = out[c].astype(float)
    return out
