"""The command line: report formats parse, options are checked, build writes every output atomically."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from cabinet_analysis.cli import app
from cabinet_analysis.report import render

runner = CliRunner()




def test_report_json_has_every_table(tables):
    data = json.loads(render(tables, "json"))
    assert list(data) == [
        "focus_gaps", "focus_gaps_by_baseline", "focus_gaps_provinces_baseline", "movement_baseline", "region_gaps_rusi",
        "region_gaps_rusi_movement", "region_gaps_unama",
        "whole_table_tests", "sensitivity", "ethnic_gaps", "ethnic_sensitivity", "helmandi_ties", "helmandi_counts", "claims_ledger", "timeline",
        "period_summary", "year_end_gaps", "timeline_coverage", "rounds", "turnover", "cabinet_rank_persons",
    ]
    focus = {row["group"]: row for row in data["focus_gaps"]}
    assert focus["west"]["observed"] == 0 and focus["west"]["p_under"] == 0.0376
    assert len(data["claims_ledger"]) == 15 + 3 * 6  # three dated claims, six year ends each
    assert data["period_summary"][0]["persons_at_cabinet_rank"] == 51


def test_report_csv_is_one_tidy_table(tables):
    rows = list(csv.reader(io.StringIO(render(tables, "csv"))))
    assert rows[0][:3] == ["table", "group", "observed"]
    assert sum(1 for r in rows if r[0] == "focus_gaps") == 5


def test_report_markdown_and_text(tables):
    md = render(tables, "markdown")
    assert "## claims ledger" in md and "| c02_date |" in md
    assert "== focus gaps ==" in render(tables, "text")


def test_unknown_format_is_refused():
    result = runner.invoke(app, ["report", "--format", "xml"])
    assert result.exit_code == 2
    assert "--format must be one of: text, csv, markdown, json" in result.stderr


def test_build_writes_reports(data_copy, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(data_copy), "--out", str(out), "--no-figures"])
    assert result.exit_code == 0, result.output
    assert "Mohammad Hassan Akhund" in result.stdout  # the summary table of the 33
    assert sorted(p.name for p in out.iterdir()) == ["report.csv", "report.json", "report.md", "report.txt", "summary.txt"]
