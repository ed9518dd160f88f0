"""Write the project's outputs atomically: all files or none change."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .context import Context
from .report import coverage_table, gap_report, render, summary_table


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_outputs(ctx: Context, out: Path, tables: dict | None = None) -> list[Path]:
    """Compute everything first, then write: report.txt/.md/.json/.csv and summary.txt.

    ``tables`` may pass in an already computed :func:`~cabinet_analysis.report.gap_report`."""
    tables = gap_report(ctx) if tables is None else tables
    contents = {
        "summary.txt": render({"appointees": summary_table(ctx), "coverage": coverage_table(ctx)}),
        "report.txt": render(tables, "text"),
        "report.md": render(tables, "markdown"),
        "report.json": render(tables, "json"),
        "report.csv": render(tables, "csv"),
    }
    written = []
    for name, text in contents.items():
        path = out / name
        atomic_write(path, text.encode("utf-8"))
        written.append(path)
    return written
