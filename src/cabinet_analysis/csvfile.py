"""Strict reading of the project's CSV files into all-string DataFrames.

The reader refuses what spreadsheets tend to introduce silently (a byte-order
mark, stray whitespace, rows with too many or too few fields, unknown or
missing columns) and indexes every row by its physical line in the file, so
later checks can point at ``file:line:column``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from .problems import Problem


def read_csv_strict(
    path: Path, required: list[str], optional: tuple[str, ...] = ()
) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Read ``path`` as UTF-8 CSV; return (frame or None, problems).

    Columns come back as ``str`` with ``""`` for an empty cell. The index is
    the CSV line number of each record. The frame is None when the file cannot
    be parsed at all or its header is unusable.
    """
    name = path.name
    problems: list[Problem] = []
    if not path.is_file():
        return None, [Problem(name, 0, "", f"file not found: {path}")]
    raw = path.read_bytes()
    if not raw.strip():
        return None, [Problem(name, 0, "", "file is empty; expected a header line")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(name, 1, "", "file starts with a UTF-8 byte-order mark (BOM); save it as plain UTF-8")
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(name, line, "", "not valid UTF-8 text")]

    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        header_stripped = [h.strip() for h in header]
        for h, hs in zip(header, header_stripped):
            if h != hs:
                problems.append(Problem(name, 1, hs, "column name has leading or trailing whitespace"))
        header = header_stripped
        known = set(required) | set(optional)
        for col in required:
            if col not in header:
                problems.append(Problem(name, 1, col, "required column is missing"))
        for col in header:
            if col not in known:
                problems.append(Problem(name, 1, col, "unknown column (not in the codebook)"))
        seen: set[str] = set()
        for col in header:
            if col in seen:
                problems.append(Problem(name, 1, col, "column appears twice in the header"))
            seen.add(col)
        if problems:
            return None, problems

        records: list[list[str]] = []
        lines: list[int] = []
        start = reader.line_num + 1
        for row in reader:
            line = start
            start = reader.line_num + 1
            if not row or all(not c.strip() for c in row) and len(row) <= 1:
                continue  # blank line
            if len(row) != len(header):
                problems.append(
                    Problem(name, line, "", f"expected {len(header)} fields, found {len(row)}")
                )
                continue
            for col, value in zip(header, row):
                if value != value.strip():
                    problems.append(Problem(name, line, col, f"value {value!r} has leading or trailing whitespace"))
            records.append(row)
            lines.append(line)
    except csv.Error as exc:
        return None, problems + [Problem(name, reader.line_num, "", f"malformed CSV: {exc}")]

    frame = pd.DataFrame(records, columns=header, index=pd.Index(lines, name="line"), dtype=str)
    for col in optional:
        if col not in frame.columns:
            frame[col] = ""
    return frame[list(required) + [c for c in optional]], problems
