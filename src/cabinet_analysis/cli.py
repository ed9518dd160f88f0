"""The ``cabinet-analysis`` command: validate, summary, report, build."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

import typer

from .problems import DataError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Sourced data and representation gaps of the Taliban caretaker government of 7 September 2021.")

DataDir = typer.Argument(None, help="Data folder (default: the repository's data/).", show_default=False)


def _fail(exc: DataError) -> None:
    for p in exc.problems:
        typer.echo(str(p), err=True)
    typer.echo(f"{len(exc.problems)} problem(s) found; nothing was written.", err=True)
    raise typer.Exit(2)


def _context(path: Optional[Path]):
    """The validated data folder, or the list of problems and exit status 2."""
    from .context import load_context

    try:
        return load_context(path)
    except DataError as exc:
        _fail(exc)


@app.command()
def validate(path: Optional[Path] = DataDir) -> None:
    """Check every data file and the links between them; exit 2 on any problem."""
    ctx = _context(path)
    a = ctx.ds.appointees
    typer.echo(
        f"ok: {len(a)} appointees, {len(ctx.ds.people)} later appointees, {len(ctx.appointments)} appointments, "
        f"{len(ctx.ds.codings)} codings, {len(ctx.ds.sources)} sources, {len(ctx.ds.provinces)} provinces in {ctx.ds.data_dir}"
    )


@app.command()
def summary(path: Optional[Path] = DataDir) -> None:
    """Print the 33 appointees and the coverage of each coded field."""
    from .report import coverage_table, render, summary_table

    ctx = _context(path)
    typer.echo(render({"appointees": summary_table(ctx), "coverage": coverage_table(ctx)}))


@app.command()
def report(
    path: Optional[Path] = DataDir,
    format: str = typer.Option("text", "--format", "-f", help="text, csv, markdown or json"),
) -> None:
    """Print the gap tables, the sensitivity summary and the claims ledger."""
    from .report import FORMATS, gap_report, render

    if format not in FORMATS:
        typer.echo(f"--format must be one of: {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    ctx = _context(path)
    sys.stdout.write(render(gap_report(ctx), format))


REPO = Path(__file__).resolve().parents[2]


@app.command()
def build(
    path: Optional[Path] = DataDir,
    out: Path = typer.Option(REPO / "reports", help="Folder for the report files."),
    figures_dir: Path = typer.Option(REPO / "figures", "--figures-dir", help="Folder for the figures."),
    figures: bool = typer.Option(True, "--figures/--no-figures", help="Also write every figure."),
) -> None:
    """The main job: validate, print the 33, write the report in every format and every figure."""
    from .outputs import write_outputs
    from .report import coverage_table, render, summary_table

    ctx = _context(path)
    typer.echo(render({"appointees": summary_table(ctx), "coverage": coverage_table(ctx)}))
    for written in write_outputs(ctx, out):
        typer.echo(f"wrote {written}")
    if figures:
        from .figures import write_figures

        for written in write_figures(ctx, figures_dir):
            typer.echo(f"wrote {written}")


@app.command()
def figures(
    path: Optional[Path] = DataDir,
    out: Path = typer.Option(REPO / "figures", "--out", help="Folder for the figures."),
) -> None:
    """Write every figure as PNG and SVG (byte-identical for the same data)."""
    from .figures import write_figures

    ctx = _context(path)
    for written in write_figures(ctx, out):
        typer.echo(f"wrote {written}")


@app.command()
def boundaries(
    source: Path = typer.Argument(..., help="A geoBoundaries ADM1 TopoJSON (e.g. ../shared/geo/geoBoundaries-AFG-ADM1_simplified.topojson)."),
    out: Path = typer.Option(REPO / "data" / "boundaries.geojson", "--out", help="Where to write the GeoJSON."),
) -> None:
    """Derive data/boundaries.geojson from the geoBoundaries TopoJSON (see docs/codebook.md)."""
    import json

    from .geo import geojson_text, topojson_to_geojson
    from .outputs import atomic_write

    atomic_write(out, geojson_text(topojson_to_geojson(json.loads(source.read_text(encoding="utf-8")))).encode("utf-8"))
    typer.echo(f"wrote {out}")


@app.command()
def notebooks() -> None:
    """Re-execute every notebook in notebooks/ in place, top to bottom."""
    from .notebooks import execute_all

    for path in execute_all():
        typer.echo(f"executed {path}")


def main() -> None:
    # The command line draws figures only into files: a non-interactive backend, unless the
    # user chose one. (The library itself never picks a backend; notebook kernels keep theirs.)
    os.environ.setdefault("MPLBACKEND", "Agg")
    app()
