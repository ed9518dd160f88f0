"""The ``cabinet-analysis`` command: validate, summary, report, figures, build, notebooks.

Exit status: 0 on success; 2 when the data are bad (one ``file:line:column:
message`` per problem, and nothing written).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from . import paths
from .data import DataError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Sourced data and representation gaps of the Taliban caretaker government of 7 September 2021. "
                       "Exit status 2: bad data (file:line:column messages; nothing written).")

DataDir = typer.Argument(None, help="Data folder (default: the repository's data/, or the copy shipped with the package).", show_default=False)


def _fail(exc: DataError) -> None:
    for p in exc.problems:
        typer.echo(str(p), err=True)
    typer.echo(f"{len(exc.problems)} problem(s) found; nothing was written.", err=True)
    raise typer.Exit(2)


def _context(path: Path | None):
    """The validated data folder, or the list of problems and exit status 2."""
    from .context import load_context

    try:
        return load_context(path)
    except DataError as exc:
        _fail(exc)


@app.command()
def validate(path: Path | None = DataDir) -> None:
    """Check every data file and the links between them; exit 2 on any problem."""
    ds = _context(path).ds
    typer.echo(
        f"ok: {len(ds.persons)} persons ({len(ds.first_round())} appointees of 7 September 2021), "
        f"{len(ds.appointments)} appointments, {len(ds.evidence)} evidence rows, {len(ds.sources)} sources, "
        f"{len(ds.provinces)} provinces in {ds.data_dir}"
    )


@app.command()
def summary(path: Path | None = DataDir) -> None:
    """Print the 33 appointees and the coverage of each coded field."""
    from .report import coverage_table, render, summary_table

    ctx = _context(path)
    typer.echo(render({"appointees": summary_table(ctx), "coverage": coverage_table(ctx)}))


@app.command()
def report(
    path: Path | None = DataDir,
    format: str = typer.Option("text", "--format", "-f", help="text, csv, markdown or json"),
) -> None:
    """Print the gap tables, the sensitivity summary and the claims ledger."""
    from .report import FORMATS, gap_report, render

    if format not in FORMATS:
        typer.echo(f"--format must be one of: {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    ctx = _context(path)
    sys.stdout.write(render(gap_report(ctx), format))


@app.command()
def build(
    path: Path | None = DataDir,
    out: Path | None = typer.Option(None, help="Folder for the report files (default: reports/)."),
    figures_dir: Path | None = typer.Option(None, "--figures-dir", help="Folder for the figures (default: figures/)."),
    figures: bool = typer.Option(True, "--figures/--no-figures", help="Also write every figure."),
) -> None:
    """The main job: validate, regenerate data/appointees.csv, write the report in every format and every figure."""
    from .outputs import atomic_write, write_outputs
    from .report import coverage_table, render, summary_table
    from .wide import FILE, appointees_csv

    ctx = _context(path)
    typer.echo(render({"appointees": summary_table(ctx), "coverage": coverage_table(ctx)}))
    wide = ctx.ds.data_dir / FILE
    atomic_write(wide, appointees_csv(ctx))
    typer.echo(f"wrote {wide}")
    if paths.in_checkout() and ctx.ds.data_dir.resolve() == (paths.REPO / "data").resolve():
        from . import codebook

        doc = paths.codebook()
        atomic_write(doc, codebook.render(doc.read_text(encoding="utf-8"), ctx.ds.data_dir).encode("utf-8"))
        typer.echo(f"wrote {doc}")
    for written in write_outputs(ctx, out or paths.reports_dir()):
        typer.echo(f"wrote {written}")
    if figures:
        from .figures import write_figures

        for written in write_figures(ctx, figures_dir or paths.figures_dir()):
            typer.echo(f"wrote {written}")


@app.command()
def figures(
    path: Path | None = DataDir,
    out: Path | None = typer.Option(None, "--out", help="Folder for the figures (default: figures/)."),
) -> None:
    """Write every figure as PNG and SVG (byte-identical for the same data)."""
    from .figures import write_figures

    ctx = _context(path)
    for written in write_figures(ctx, out or paths.figures_dir()):
        typer.echo(f"wrote {written}")


@app.command()
def boundaries(
    source: Path = typer.Argument(..., help="A geoBoundaries ADM1 TopoJSON (e.g. ../shared/geo/geoBoundaries-AFG-ADM1_simplified.topojson)."),
    out: Path | None = typer.Option(None, "--out", help="Where to write the GeoJSON (default: data/boundaries.geojson)."),
) -> None:
    """Derive data/boundaries.geojson from the geoBoundaries TopoJSON (see docs/codebook.md)."""
    import json

    from .data.boundaries import BOUNDARIES_FILE, geojson_text, topojson_to_geojson
    from .outputs import atomic_write

    target = out or paths.data_dir() / BOUNDARIES_FILE
    atomic_write(target, geojson_text(topojson_to_geojson(json.loads(source.read_text(encoding="utf-8")))).encode("utf-8"))
    typer.echo(f"wrote {target}")


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
