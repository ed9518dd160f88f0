"""Committed outputs are up to date: regenerating them gives the same bytes."""

from __future__ import annotations

from pathlib import Path

from cabinet_analysis.outputs import write_outputs

ROOT = Path(__file__).resolve().parents[1]


def test_committed_reports_are_current(ctx, tmp_path):
    written = write_outputs(ctx, tmp_path)
    assert [p.name for p in written] == ["summary.txt", "report.txt", "report.md", "report.json", "report.csv"]
    for path in written:
        committed = ROOT / "reports" / path.name
        assert committed.read_bytes() == path.read_bytes(), f"reports/{path.name} is stale: run `python3 tasks.py build`"
