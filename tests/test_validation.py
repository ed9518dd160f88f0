"""Bad input: every broken file gets exact messages naming file, line and column, exit 2, no traceback."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cabinet_analysis.cli import app

BROKEN = Path(__file__).parent / "broken"
runner = CliRunner()


def edit_cell(folder: Path, filename: str, match: dict, column: str, value: str) -> None:
    path = folder / filename
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
        fields = list(rows[0].keys())
    hits = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(hits) == 1, f"{match} matched {len(hits)} rows"
    hits[0][column] = value
    write(path, fields, rows)


def write(path: Path, fields: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def drop_column(folder: Path, filename: str, column: str) -> None:
    path = folder / filename
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    fields = [f for f in rows[0] if f != column]
    write(path, fields, [{k: r[k] for k in fields} for r in rows])


def duplicate_row(folder: Path, filename: str, index: int) -> None:
    path = folder / filename
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows.append(dict(rows[index]))
    rows[-1]["seq"] = "34" if "seq" in rows[-1] else rows[-1].get("seq")
    write(path, list(rows[0]), rows)


MUTTAQI = {"id": "amir_khan_muttaqi"}  # line 7 of appointees.csv

CASES = {
    "missing_column": (
        lambda d: drop_column(d, "appointees.csv", "tribe"),
        ["appointees.csv:1:tribe: required column is missing"],
    ),
    "unknown_province": (
        lambda d: edit_cell(d, "appointees.csv", MUTTAQI, "province", "Atlantis"),
        [
            "appointees.csv:7:province: unknown province 'Atlantis' (not a name or spelling variant in provinces.csv)",
        ],
    ),
    "spelling_variant_is_accepted": (
        lambda d: edit_cell(d, "appointees.csv", MUTTAQI, "province", "Hilmand"),
        [],
    ),
    "duplicate_id": (
        lambda d: duplicate_row(d, "appointees.csv", 5),
        [
            "appointees.csv: expected 33 appointees, found 34",
            "appointees.csv:35:id: duplicate id 'amir_khan_muttaqi' (first on line 7)",
        ],
    ),
    "value_without_evidence": (
        lambda d: edit_cell(d, "appointees.csv", MUTTAQI, "tribe", "Kharoti"),
        ["appointees.csv:7:tribe: value 'Kharoti' has no evidence in codings.csv (need a row with appointee_id=amir_khan_muttaqi, field=tribe, value=Kharoti)"],
    ),
    "unknown_source": (
        lambda d: edit_cell(d, "codings.csv", {"appointee_id": "amir_khan_muttaqi", "field": "province", "value": "Helmand", "basis": "birth", "source_id": "mfa_muttaqi"}, "source_id", "nowhere_2021"),
        ["codings.csv:{line}:source_id: unknown source 'nowhere_2021' (not in sources.csv)"],
    ),
    "bad_boolean": (
        lambda d: edit_cell(d, "appointees.csv", MUTTAQI, "guantanamo", "yes"),
        ["appointees.csv:7:guantanamo: 'yes' must be one of: true, false (or empty)"],
    ),
    "bad_date": (
        lambda d: edit_cell(d, "appointees.csv", MUTTAQI, "announced_on", "2021-09-31"),
        [
            "appointees.csv:7:announced_on: '2021-09-31' is not a real calendar date",
        ],
    ),
    "stray_whitespace": (
        lambda d: edit_cell(d, "appointees.csv", MUTTAQI, "ethnicity", "Pashtun "),
        [
            "appointees.csv:7:ethnicity: 'Pashtun ' must be one of: Pashtun, Tajik, Hazara, Uzbek, Turkmen, Aimaq, Baloch, Nuristani, Pashai, Arab, Other (or empty)",
            "appointees.csv:7:ethnicity: value 'Pashtun ' has leading or trailing whitespace",
        ],
    ),
    "empty_file": (
        lambda d: shutil.copy(BROKEN / "empty.csv", d / "sources.csv"),
        ["sources.csv: file is empty; expected a header line"],
    ),
    "utf8_bom": (
        lambda d: shutil.copy(BROKEN / "bom.csv", d / "appointees.csv"),
        ["appointees.csv:1: file starts with a UTF-8 byte-order mark (BOM); save it as plain UTF-8"],
    ),
    "malformed_csv": (
        lambda d: shutil.copy(BROKEN / "malformed.csv", d / "sources.csv"),
        ["sources.csv:2: malformed CSV: unexpected end of data"],
    ),
    "unknown_tier": (
        lambda d: edit_cell(d, "appointees.csv", MUTTAQI, "tier", "cabinet"),
        ["appointees.csv:7:tier: 'cabinet' must be one of: prime_minister, deputy_prime_minister, minister, acting_head_of_agency, deputy_minister, other_senior"],
    ),
    "appointment_of_unknown_person": (
        lambda d: edit_cell(d, "appointments.csv", {"person_id": "qalandar_ebad"}, "person_id", "nobody_known"),
        ["appointments.csv:{appt_line}:person_id: unknown person 'nobody_known' (not in appointees.csv or people.csv)"],
    ),
    "appointee_without_first_round": (
        lambda d: edit_cell(d, "appointments.csv", {"person_id": "noor_jalal", "announced_on": "2021-09-07"}, "announced_on", "2021-09-08"),
        ["appointments.csv: noor_jalal (one of the 33) has no 2021-09-07 appointment"],
    ),
    "people_coding_without_evidence": (
        lambda d: edit_cell(d, "people.csv", {"id": "qalandar_ebad"}, "tribe", "Kharoti"),
        ["people.csv:{people_line}:tribe: value 'Kharoti' has no evidence in codings.csv (need a row with appointee_id=qalandar_ebad, field=tribe, value=Kharoti)"],
    ),
    "origin_basis_without_province": (
        lambda d: edit_cell(d, "appointees.csv", {"id": "nurullah_munir"}, "origin_basis", "birth"),
        ["appointees.csv:9:origin_basis: must be 'unknown' exactly when province is empty"],
    ),
}


def line_of(folder: Path, filename: str, column: str, value: str) -> int:
    with (folder / filename).open(newline="", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh), start=2):
            if row[column] == value:
                return i
    raise AssertionError(f"{value} not found in {filename}")


def codings_line(folder: Path) -> int:
    with (folder / "codings.csv").open(newline="", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh), start=2):
            if row["source_id"] == "nowhere_2021":
                return i
    raise AssertionError("edited row not found")


@pytest.mark.parametrize("case", sorted(CASES))
def test_validate_reports_exact_problems(case, data_copy):
    mutate, expected = CASES[case]
    mutate(data_copy)
    result = runner.invoke(app, ["validate", str(data_copy)])
    assert "Traceback" not in result.output
    if not expected:
        assert result.exit_code == 0, result.output
        return
    expected = [e.format(line=codings_line(data_copy)) if "{line}" in e else e for e in expected]
    expected = [e.format(appt_line=line_of(data_copy, "appointments.csv", "person_id", "nobody_known")) if "{appt_line}" in e else e for e in expected]
    expected = [e.format(people_line=line_of(data_copy, "people.csv", "id", "qalandar_ebad")) if "{people_line}" in e else e for e in expected]
    lines = result.stderr.strip().splitlines()
    assert result.exit_code == 2
    assert lines[:-1] == sorted(expected, key=_sort_key)
    assert lines[-1] == f"{len(expected)} problem(s) found; nothing was written."


def _sort_key(message: str):
    """Problems print sorted by file, line, column, message (see problems.Problem)."""
    file, rest = message.split(":", 1)
    head = rest.split(":", 2)
    if head[0].isdigit():
        line, column, text = int(head[0]), (head[1] if len(head) == 3 else ""), head[-1].strip()
        if len(head) == 2:
            column, text = "", head[1].strip()
    else:
        line, column, text = 0, "", rest.strip()
    return (file, line, column, text)


def test_validate_passes_on_shipped_data():
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: 33 appointees, ")


def test_build_writes_nothing_on_bad_data(data_copy, tmp_path):
    edit_cell(data_copy, "appointees.csv", MUTTAQI, "guantanamo", "yes")
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(data_copy), "--out", str(out)])
    assert result.exit_code == 2
    assert not out.exists()


def test_missing_folder_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "appointees.csv: file not found" in result.stderr
