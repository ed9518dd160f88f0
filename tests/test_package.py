"""The published package: the data package validates with the standard tool, the wheel carries
every data file, and the version lives in one place."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import cabinet_analysis

ROOT = Path(__file__).resolve().parents[1]


def test_frictionless_validates_the_data_package():
    exe = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(exe), "validate", "--json", "datapackage.json"], cwd=ROOT / "data", capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert '"valid": true' in result.stdout


def test_frictionless_catches_a_broken_foreign_key(data_copy):
    text = (data_copy / "evidence.csv").read_text(encoding="utf-8")
    (data_copy / "evidence.csv").write_text(text.replace(",mfa_muttaqi,", ",nowhere_2021,", 1), encoding="utf-8")
    exe = Path(sys.executable).with_name("frictionless")
    result = subprocess.run([str(exe), "validate", "--json", "datapackage.json"], cwd=data_copy, capture_output=True, text=True)
    assert result.returncode != 0 and "foreign-key" in result.stdout


def test_the_wheel_holds_every_data_file(tmp_path):
    from hatchling.builders.wheel import WheelBuilder

    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".cache", ".git", "__pycache__", "figures", "notebooks", "reports"))
    wheel = Path(next(WheelBuilder(str(src)).build(directory=str(tmp_path / "dist"), versions=["standard"])))
    names = set(zipfile.ZipFile(wheel).namelist())
    data = {p.name for p in (ROOT / "data").iterdir() if p.is_file()}
    assert {f"cabinet_analysis/shipped_data/{n}" for n in data} <= names
    assert "cabinet_analysis/cli.py" in names and "cabinet_analysis/data/dataset.py" in names


def test_one_version():
    import tomllib

    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert cabinet_analysis.__version__ == version
    assert "\nversion:" not in (ROOT / "CITATION.cff").read_text()  # not repeated
