"""Every notebook was executed top to bottom and saved with its outputs.

nbval skips the comparison for a code cell that has no stored output, so a
notebook saved without running would pass silently; this test closes that gap.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("*.ipynb"))
EXPECTED = ["01-dataset", "02-regional-gaps", "03-west-and-southwest", "04-hazarajat", "05-helmandi-networks", "06-claims-ledger", "07-timeline"]


def test_the_seven_notebooks_exist():
    assert [p.stem for p in NOTEBOOKS] == EXPECTED


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_executed_in_order_with_outputs(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert code, "no code cells"
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "cells were not run top to bottom in one session"
    for i, cell in enumerate(code, start=1):
        assert cell.outputs or cell.source.startswith(("from ", "import ")), f"code cell {i} has no stored output"
        for out in cell.outputs:
            assert out.output_type != "error", f"code cell {i} stored an error"
    assert nb.cells[0].cell_type == "markdown" and "Question" in nb.cells[0].source
    assert nb.cells[-1].cell_type == "markdown" and nb.cells[-1].source.startswith("## Answer")
