"""Bad input: every failure class in tests/broken/cases/ is rejected by `validate` with exit 2 and
the exact messages (file:line:column), with no traceback; and `build` then writes nothing.

Each case file describes edits of a scratch copy of data/ and the messages expected. A message may
name a line through a mark: ``{bad}`` is the physical line (after every edit) of the row an edit
marked ``mark = "bad"``, found again by its content, so cases survive re-coding of the data.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tomllib
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cabinet_analysis.build.cli import app

BROKEN = Path(__file__).parent / "broken"
CASES = sorted((BROKEN / "cases").glob("*.toml"))
runner = CliRunner()


def _read(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames), list(reader)


def _write(
    path: Path, fields: list[str], rows: list[dict], blank_before: dict | None = None, count: int = 0
) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    for row in rows:
        if blank_before and all(row.get(k) == v for k, v in blank_before.items()):
            buf.write("\n" * count)
        w.writerow(row)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def _matches(row: dict, where: dict) -> bool:
    return all(row.get(k) == v for k, v in where.items())


def _line_of(path: Path, row: dict, last: bool = False) -> int:
    """Physical line on which ``row`` (all its cells) starts in ``path`` (its last occurrence if ``last``)."""
    text = path.read_text(encoding="utf-8").replace("\x00", "")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    start = reader.line_num + 1
    want = [row[h].replace("\x00", "") for h in header]
    found = []
    for cells in reader:
        line, start = start, reader.line_num + 1
        if cells == want:
            found.append(line)
    assert found, f"row not found in {path.name}"
    return found[-1] if last else found[0]


def apply(case: dict, folder: Path) -> dict[str, int]:
    marked: dict[str, tuple[Path, dict]] = {}
    for edit in case.get("edit", []):
        path = folder / edit["file"]
        op = edit["op"]
        if op == "copy":
            shutil.copy(BROKEN / edit["from"], path)
            continue
        fields, rows = _read(path)
        if op == "append":
            rows.append({f: edit["row"].get(f, "") for f in fields})
            _write(path, fields, rows)
            if "mark" in edit:
                marked[edit["mark"]] = (path, rows[-1], False)
            continue
        hits = [r for r in rows if _matches(r, edit.get("where", edit.get("before", {})))]
        assert hits, f"{edit} matched no row"
        if op in ("set", "find"):
            assert edit.get("all") or len(hits) == 1, f"{edit} matched {len(hits)} rows"
            for r in hits:
                r.update(edit.get("set", {}))
        elif op == "delete":
            rows = [r for r in rows if not _matches(r, edit["where"])]
        elif op == "duplicate":
            copy = {**hits[0], **edit.get("set", {})}
            rows.append(copy)
            hits = [copy]
        elif op == "rename":
            fields = [edit["new"] if f == edit["old"] else f for f in fields]
            rows = [{(edit["new"] if k == edit["old"] else k): v for k, v in r.items()} for r in rows]
        if op == "blank_lines":
            _write(path, fields, rows, edit["before"], edit["count"])
        else:
            _write(path, fields, rows)
        if "mark" in edit:
            marked[edit["mark"]] = (path, dict(hits[-1]), op == "duplicate" and not edit.get("set"))
        if "mark_original" in edit:
            marked[edit["mark_original"]] = (path, dict(hits[-1]), False)
    return {name: _line_of(path, row, last) for name, (path, row, last) in marked.items()}


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_validate_reports_exact_problems(path, data_copy):
    case = tomllib.loads(path.read_text(encoding="utf-8"))
    lines = apply(case, data_copy)
    expected = [e.format(**lines, today=date.today().isoformat()) for e in case["expected"]]
    result = runner.invoke(app, ["validate", str(data_copy)])
    assert "Traceback" not in result.output
    if not expected:
        assert result.exit_code == 0, result.output
        return
    got = result.stderr.strip().splitlines()
    assert result.exit_code == 2, result.output
    assert got[:-1] == sorted(expected, key=_sort_key)
    assert got[-1] == f"{len(expected)} problem(s) found; nothing was written."


def test_every_case_is_described():
    assert len(CASES) >= 27
    for path in CASES:
        case = tomllib.loads(path.read_text(encoding="utf-8"))
        assert case["description"] and "expected" in case, path.name


def _sort_key(message: str):
    """Problems print sorted by file, line, column, message (see data.problems.Problem)."""
    file, rest = message.split(":", 1)
    head = rest.split(":", 2)
    if head[0].isdigit():
        line = int(head[0])
        column, text = (head[1], head[2].strip()) if len(head) == 3 else ("", head[1].strip())
    elif len(head) >= 2 and " " not in head[0]:
        line, column, text = 0, head[0], ":".join(head[1:]).strip()
    else:
        line, column, text = 0, "", rest.strip()
    return (file, line, column, text)


def test_validate_passes_on_shipped_data():
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: ") and "(33 appointees of 7 September 2021)" in result.stdout


def test_build_writes_nothing_on_bad_data(data_copy, tmp_path):
    apply(tomllib.loads((BROKEN / "cases" / "bad_boolean.toml").read_text()), data_copy)
    before = (data_copy / "appointees.csv").read_bytes()
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", str(data_copy), "--out", str(out), "--figures-dir", str(tmp_path / "figs")]
    )
    assert result.exit_code == 2
    assert not out.exists() and not (tmp_path / "figs").exists()
    assert (data_copy / "appointees.csv").read_bytes() == before


def test_missing_folder_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert result.stderr.startswith("datapackage.json: file not found")


def _field(d: dict, resource: str, field: str) -> dict:
    res = next(r for r in d["resources"] if r["name"] == resource)
    return next(f for f in res["schema"]["fields"] if f["name"] == field)


def _resource(d: dict, resource: str) -> dict:
    return next(r for r in d["resources"] if r["name"] == resource)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda d: _field(d, "persons", "person_id")["constraints"].update(pattern="^[a-z(+$"),
            [
                "datapackage.json:persons.person_id: pattern '^[a-z(+$' is not a regular expression "
                "(unterminated character set at position 1)"
            ],
        ),
        (
            lambda d: _resource(d, "posts")["schema"].update(primaryKey=["post"]),
            ["datapackage.json:posts: primary key 'post' is not a field of the resource"],
        ),
        (
            lambda d: _resource(d, "sources").update(path="../sources.csv"),
            ["datapackage.json:sources: path '../sources.csv' must name a file inside the data folder"],
        ),
        (
            lambda d: _field(d, "appointments", "seq").update(type="interger"),
            [
                "datapackage.json:appointments.seq: type 'interger' is not a Table Schema type (string, integer, number, boolean, "
                "date, datetime, time, year, yearmonth, object, array, list, geojson, geopoint, duration, any)"
            ],
        ),
        (  # the standard's own check, by the frictionless library: a constraint the type does not take
            lambda d: _field(d, "rounds", "announced_on").setdefault("constraints", {}).update(pattern="^2"),
            [
                'datapackage.json:rounds: Field is not valid: constraint "pattern" is not supported by type "date"'
            ],
        ),
    ],
    ids=["bad_pattern", "primary_key_not_a_field", "path_outside", "misspelled_type", "standard"],
)
def test_a_broken_descriptor_is_reported_not_crashed_on(data_copy, edit, expected):
    path = data_copy / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    edit(descriptor)
    path.write_text(json.dumps(descriptor, indent=1), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(data_copy)])
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines()[:-1] == expected


def test_valid_oddities_stay_valid(data_copy):
    """CRLF line endings, no final newline, shuffled rows and many unused sources are all still valid data."""
    import random

    rng = random.Random(7)
    n_sources = len((data_copy / "sources.csv").read_text(encoding="utf-8").splitlines()) - 1
    for name in ("appointments.csv", "evidence.csv", "sources.csv", "persons.csv", "rounds.csv", "posts.csv"):
        path = data_copy / name
        header, *rows = path.read_text(encoding="utf-8").splitlines(keepends=False)
        body = list(csv.reader(io.StringIO("\n".join(rows))))
        rng.shuffle(body)
        if name == "sources.csv":
            fields = next(csv.reader([header]))
            for i in range(300):
                extra = dict.fromkeys(fields, "")
                extra.update(
                    source_id=f"unused_{i:03d}",
                    title=f"An unused page {i}",
                    url=f"https://example.org/{i}",
                    kind="news",
                    date="2024-01-01",
                    publisher="Example",
                )
                body.append([extra[f] for f in fields])
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows([next(csv.reader([header])), *body])
        path.write_bytes(out.getvalue().rstrip("\r\n").encode("utf-8"))  # CRLF, and no final newline
    result = runner.invoke(app, ["validate", str(data_copy)])
    assert result.exit_code == 0, result.output
    assert f"{n_sources + 300} sources" in result.output
