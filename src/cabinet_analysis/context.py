"""One call to load and cross-check everything the analysis reads from a data folder."""

from __future__ import annotations

from pathlib import Path

from .baselines import ETHNIC_FILE, load_ethnic_shares
from .claims import load_claims
from .dataset import load_dataset, split_list
from .gaps import Context
from .geo import BOUNDARIES_FILE, load_boundaries
from .problems import DataError, Problem
from .provinces import ProvinceIndex
from .regions import HAZARAJAT_FILE, REGIONS_FILE, load_hazarajat, load_regions


def load_context(data_dir: Path | str | None = None) -> Context:
    """Validated dataset plus region schemes, Hazarajat districts and ethnic shares.

    Raises DataError listing every problem, including source ids in the
    auxiliary tables that are missing from sources.csv.
    """
    ds = load_dataset(data_dir)
    regions = load_regions(ds.provinces, ds.data_dir)
    hazarajat = load_hazarajat(ds.provinces, ds.data_dir)
    ethnic = load_ethnic_shares(ds.data_dir)
    claims = load_claims(ds.data_dir)
    known = set(ds.sources["source_id"])
    problems = []
    for filename, table, column in ((REGIONS_FILE, regions, "source_id"), (HAZARAJAT_FILE, hazarajat, "source_id"), (ETHNIC_FILE, ethnic, "source_ids")):
        for i, cell in table[column].items():
            for sid in split_list(cell):
                if sid not in known:
                    problems.append(Problem(filename, int(i) + 2, column, f"unknown source {sid!r} (not in sources.csv)"))
    if problems:
        raise DataError(problems)
    from .timeline import load_appointments

    appointments = load_appointments(ds)
    index, _ = ProvinceIndex.build(ds.provinces)
    boundaries = load_boundaries(ds.data_dir / BOUNDARIES_FILE, index, set(ds.provinces["province"]))
    return Context(ds=ds, regions=regions, hazarajat=hazarajat, ethnic_shares=ethnic, claims=claims,
                   appointments=appointments, boundaries=boundaries)
