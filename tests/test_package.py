"""The published package: the data package validates with the standard tool, the wheel carries
every data file, and the version lives in one place."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import cabinet_analysis

ROOT = Path(__file__).resolve().parents[1]


def test_frictionless_accepts_the_package_and_catches_a_broken_foreign_key(data_copy):
    """The standard tool (the engine behind ``frictionless validate``), in-process: the shipped package
    is valid, and a source id that sources.csv lacks is a foreign-key error. One test, because the
    tool's first validation pays for its lazy imports (about 1.5 s) and the second does not."""
    from frictionless import validate

    report = validate(str(ROOT / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
    text = (data_copy / "evidence.csv").read_text(encoding="utf-8")
    (data_copy / "evidence.csv").write_text(
        text.replace(",mfa_muttaqi,", ",nowhere_2021,", 1), encoding="utf-8"
    )
    broken = validate(str(data_copy / "datapackage.json"))
    errors = [(task.name, error.type) for task in broken.tasks for error in task.errors]
    assert errors == [("evidence", "foreign-key")]


def test_the_wheel_holds_every_data_file(tmp_path):
    from hatchling.builders.wheel import WheelBuilder

    src = tmp_path / "src"
    shutil.copytree(
        ROOT,
        src,
        ignore=shutil.ignore_patterns(
            ".venv", ".cache", ".git", "__pycache__", "figures", "notebooks", "reports"
        ),
    )
    wheel = Path(next(WheelBuilder(str(src)).build(directory=str(tmp_path / "dist"), versions=["standard"])))
    names = set(zipfile.ZipFile(wheel).namelist())
    data = {p.name for p in (ROOT / "data").iterdir() if p.is_file()}
    assert {f"cabinet_analysis/shipped_data/{n}" for n in data} <= names
    assert "cabinet_analysis/build/cli.py" in names and "cabinet_analysis/data/dataset.py" in names


def test_one_version():
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert cabinet_analysis.__version__ == version
    assert "\nversion:" not in (ROOT / "CITATION.cff").read_text()  # not repeated
