"""The command line: report formats parse, options are checked, build writes every output atomically."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from cabinet_analysis.build.cli import app
from cabinet_analysis.report.render import render

runner = CliRunner()


def test_report_json_has_every_table(tables):
    data = json.loads(render(tables, "json"))
    assert list(data) == [
        "claims_ledger",
        "focus_gaps",
        "focus_gaps_by_baseline",
        "focus_gaps_provinces_baseline",
        "movement_baseline",
        "region_gaps_rusi",
        "region_gaps_rusi_movement",
        "region_gaps_unama",
        "whole_table_tests",
        "sensitivity",
        "ethnic_gaps",
        "ethnic_sensitivity",
        "helmandi_ties",
        "helmandi_counts",
        "period_summary",
        "timeline",
        "year_end_gaps",
        "post_status",
        "timeline_coverage",
        "rounds",
        "turnover",
        "cabinet_rank_persons",
        "concordance",
        "governments",
        "governments_coverage",
    ]
    focus = {row["group"]: row for row in data["focus_gaps"]}
    assert focus["west"]["observed"] == 0 and focus["west"]["p_under"] == 0.042
    assert len(data["claims_ledger"]) == 15 + 3 * 6  # three dated claims, six year ends each
    assert data["period_summary"][0]["persons_at_cabinet_rank"] == 54
    assert (
        len(data["concordance"]) == 150
    )  # 93 about the Taliban government since 2021, 57 about earlier ones


def test_report_csv_is_one_tidy_table(tables):
    rows = list(csv.reader(io.StringIO(render(tables, "csv"))))
    assert rows[0][:3] == ["table", "claim_id", "place"]
    assert sum(1 for r in rows if r[0] == "focus_gaps") == 5


def test_report_markdown_reads_as_a_document(tables, ctx):
    md = render(tables, "markdown", ctx)
    assert md.startswith("# Who the Taliban appointed, and who was left out\n")
    sections = [line for line in md.splitlines() if line.startswith("## ")]
    assert sections[0] == "## The commentary's claims" and len(sections) == 7
    claims = [line.split(" | ")[0].lstrip("| ") for line in md.splitlines() if line.startswith("| c")]
    assert claims[:15] == [
        f"c{i:02d}_" + c
        for i, c in enumerate(
            [
                "count",
                "date",
                "west",
                "southwest",
                "west_or_southwest",
                "hazarajat",
                "only_empty_regions",
                "helmandi_networks",
                "sadr_zakir",
                "fighters",
                "iran_clients",
                "muttaqi_leadership",
                "sadr_deputy_interior",
                "zakir_deputy_defence",
                "sadr_first_pro_iran",
            ],
            start=1,
        )
    ], "claims out of ledger order"
    headings = [
        line for line in md.splitlines() if line.startswith("| ") and "---" not in line and "Group" in line
    ]
    assert headings and not any("_" in h for h in headings), "snake_case headings in the Markdown report"
    assert "| Amir Khan Muttaqi |" in md  # persons by name


def test_text_tables_fit_a_100_column_terminal(tables, ctx):
    text = render(tables, "text", ctx)
    assert "== The focus groups among the 33, against the population ==" in text
    assert max(len(line) for line in text.splitlines()) <= 100
    result = runner.invoke(app, ["summary"])
    assert result.exit_code == 0 and max(len(line) for line in result.stdout.splitlines()) <= 100


def test_version_and_help():
    from cabinet_analysis import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"cabinet-analysis {__version__}\n"
    for name in ("validate", "summary", "report", "build", "figures", "boundaries", "notebooks"):
        short = app.registered_commands[
            [c.name or c.callback.__name__ for c in app.registered_commands].index(name)
        ].short_help
        assert short.endswith(".") and "\n" not in short, name


def test_unknown_format_is_refused():
    result = runner.invoke(app, ["report", "--format", "xml"])
    assert result.exit_code == 2
    assert "--format must be one of: text, csv, markdown, json" in result.stderr


def test_build_writes_reports(data_copy, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(data_copy), "--out", str(out), "--no-figures"])
    assert result.exit_code == 0, result.output
    assert "Mohammad Hassan Akhund" in result.stdout  # the summary table of the 33
    assert sorted(p.name for p in out.iterdir()) == [
        "report.csv",
        "report.json",
        "report.md",
        "report.txt",
        "summary.txt",
    ]
