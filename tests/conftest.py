"""Shared fixtures: the shipped data loaded once, and scratch copies to break."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import matplotlib
import pytest

# The tests draw figures into memory only. The backend is chosen for this process alone,
# not through MPLBACKEND, so the notebook kernels that nbval starts keep their inline backend.
matplotlib.use("Agg")
# ...and nbval's kernels get the inline backend whatever the caller's environment says, so that
# they render figures as PNG exactly as JupyterLab does.
os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"

from cabinet_analysis.context import load_context  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def ctx():
    """The shipped data folder, validated once per test session."""
    return load_context(DATA)


@pytest.fixture(scope="session")
def tables(ctx):
    """Every table of the report, computed once per test session."""
    from cabinet_analysis.report.tables import gap_report

    return gap_report(ctx)


@pytest.fixture(scope="session")
def rendered(ctx):
    """Every figure rendered once per test session (PNG and SVG bytes by file name)."""
    from cabinet_analysis.build.render import render_all

    return render_all(ctx)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A scratch copy of data/ that a test may break."""
    dst = tmp_path / "data"
    shutil.copytree(DATA, dst)
    return dst
