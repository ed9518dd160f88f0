"""Strict reading of the project's CSV files into all-string DataFrames.

The reader refuses what spreadsheets tend to introduce silently (a byte-order
mark, NUL bytes, stray whitespace, rows with too many or too few fields, a
header that differs from the schema) and indexes every record by the physical
line on which it starts, so later checks can point at ``file:line:column`` even
after blank lines or quoted newlines.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from .problems import Problem


def read_csv_strict(path: Path, columns: list[str]) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read ``path`` as UTF-8 CSV whose header must be exactly ``columns``; return (frame or None, problems).

    Cells come back as ``str`` with ``""`` for an empty cell; the index (named
    ``line``) is the line on which each record starts. The frame is None when
    the file cannot be read or parsed, or its header is wrong (one message for
    the header, however many columns it gets wrong).
    """
    name = path.name
    if not path.is_file():
        return None, [Problem(name, 0, "", f"file not found: {path}")]
    raw = path.read_bytes()
    if not raw.strip():
        return None, [Problem(name, 0, "", "file is empty; expected a header line")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(name, 1, "", "file starts with a UTF-8 byte-order mark (BOM); save it as plain UTF-8")
        ]
    if b"\x00" in raw:
        return None, [
            Problem(
                name,
                raw[: raw.index(b"\x00")].count(b"\n") + 1,
                "",
                "file contains a NUL byte; save it as plain UTF-8 text",
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(name, raw[: exc.start].count(b"\n") + 1, "", "not valid UTF-8 text")]

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    records: list[list[str]] = []
    lines: list[int] = []
    try:
        header = next(reader)
        if header != columns:
            return None, [_header_problem(name, header, columns)]
        start = reader.line_num + 1
        for row in reader:
            line, start = start, reader.line_num + 1
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # blank line
            if len(row) != len(columns):
                problems.append(Problem(name, line, "", f"expected {len(columns)} fields, found {len(row)}"))
                continue
            for col, value in zip(columns, row):
                if value != value.strip():
                    problems.append(
                        Problem(name, line, col, f"value {value!r} has leading or trailing whitespace")
                    )
            records.append(row)
            lines.append(line)
    except csv.Error as exc:
        return None, problems + [Problem(name, reader.line_num, "", f"malformed CSV: {exc}")]
    frame = pd.DataFrame(records, columns=columns, index=pd.Index(lines, name="line"), dtype=str)
    return frame, problems


def _header_problem(name: str, header: list[str], columns: list[str]) -> Problem:
    stripped = [h.strip() for h in header]
    missing = [c for c in columns if c not in stripped]
    unknown = [h for h in stripped if h not in columns]
    dupes = sorted({h for h in stripped if stripped.count(h) > 1})
    detail = []
    if missing:
        detail.append("missing " + ", ".join(missing))
    if unknown:
        detail.append("unknown " + ", ".join(unknown))
    if dupes:
        detail.append("repeated " + ", ".join(dupes))
    if stripped != header:
        detail.append("column names with leading or trailing whitespace")
    if not detail:
        detail.append("columns out of order")
    return Problem(
        name,
        1,
        "",
        f"header does not match datapackage.json ({'; '.join(detail)}); expected: {','.join(columns)}",
    )
