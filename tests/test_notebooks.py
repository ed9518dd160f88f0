"""Every notebook was executed top to bottom and saved with outputs a user can see.

nbval compares text only (and skips ``image/png``), so these tests check what
nbval cannot: that each figure cell carries a PNG, that no output is a bare
figure repr, that tables are HTML, and that nothing leaks to stdout or stderr.
"""

from __future__ import annotations

import ast
import base64
from pathlib import Path

import nbformat
import pytest

from cabinet_analysis import figures

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
EXPECTED = ["01-dataset", "02-regional-gaps", "03-west-and-southwest", "04-hazarajat", "05-helmandi-networks",
            "06-claims-ledger", "07-timeline", "08-explore", "09-fair-baselines", "10-five-years"]
FIGURE_FUNCTIONS = {name for name in dir(figures) if not name.startswith("_") and callable(getattr(figures, name))
                    and getattr(getattr(figures, name), "__module__", "") == figures.__name__
                    and getattr(figures, name).__annotations__.get("return") in ("plt.Figure",)}
FIGURE_METHODS = {"map", "lollipop"}  # the explorer's figure methods


def _code_cells(path):
    nb = nbformat.read(path, as_version=4)
    return nb, [c for c in nb.cells if c.cell_type == "code"]


def _last_call(source: str) -> str | None:
    """Name of the function called by the cell's final expression, if any."""
    body = ast.parse(source).body
    if not body or not isinstance(body[-1], ast.Expr) or not isinstance(body[-1].value, ast.Call):
        return None
    func = body[-1].value.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def test_the_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


def test_figure_functions_are_found():
    assert {"origins_map", "hazarajat_map", "coverage_figure", "focus_lollipop", "timeline_figure"} <= FIGURE_FUNCTIONS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_executed_in_order_with_outputs(path):
    nb, code = _code_cells(path)
    assert code, "no code cells"
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "cells were not run top to bottom in one session"
    for i, cell in enumerate(code, start=1):
        assert cell.outputs or cell.source.startswith(("from ", "import ")), f"code cell {i} has no stored output"
        for out in cell.outputs:
            assert out.output_type != "error", f"code cell {i} stored an error"
    assert nb.cells[0].cell_type == "markdown" and "Question" in nb.cells[0].source
    assert nb.cells[-1].cell_type == "markdown" and nb.cells[-1].source.startswith("## Answer")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_figures_are_pngs_and_tables_are_html(path):
    _, code = _code_cells(path)
    images = 0
    for i, cell in enumerate(code, start=1):
        called = _last_call(cell.source)
        is_figure_cell = called in FIGURE_FUNCTIONS or called in FIGURE_METHODS
        for out in cell.outputs:
            assert out.output_type != "stream", f"cell {i} writes to {out.get('name')}: show values, not prints"
            data = out.get("data", {})
            text = data.get("text/plain", "")
            if text.startswith("<Figure size"):
                assert "image/png" in data, f"cell {i} shows a bare figure repr"
            if out.output_type == "execute_result" and "image/png" not in data and not text.startswith("Explorer ("):
                assert "text/html" in data, f"cell {i}: a table without its HTML form"
        if is_figure_cell:
            pngs = [o for o in cell.outputs if "image/png" in o.get("data", {})]
            assert len(pngs) == 1, f"figure cell {i} ({called}) carries {len(pngs)} PNG outputs, not 1"
            png = base64.b64decode(pngs[0].data["image/png"])
            assert png.startswith(b"\x89PNG") and b"Software" not in png and b"matplotlib" not in png.lower()
            images += 1
    assert images >= 1, "the notebook shows no figure"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_versions_or_widget_state_in_metadata(path):
    nb, code = _code_cells(path)
    assert "version" not in nb.metadata.get("language_info", {})
    assert "widgets" not in nb.metadata
    for cell in code:
        for out in cell.outputs:
            assert "application/vnd.jupyter.widget-view+json" not in out.get("data", {})


def test_explorer_widget_cell_is_the_only_ignored_output():
    ignored = []
    for path in NOTEBOOKS:
        _, code = _code_cells(path)
        ignored += [(path.stem, c.source.splitlines()[0]) for c in code if "NBVAL_IGNORE_OUTPUT" in c.source]
    assert ignored == [("08-explore", "# NBVAL_IGNORE_OUTPUT")]
