"""The ``cabinet-analysis`` command: validate, summary, report, figures, build, notebooks.

Exit status: 0 on success; 2 when the data are bad (one ``file:line:column:
message`` per problem, and nothing written); 1 when the machine is in the way
(an output folder that is read-only, missing its permissions or a file, a full
disk, an unreadable input file, an interrupt): one message, and the previous
outputs intact.
"""

from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import typer

from .. import paths

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Sourced data and representation gaps of the Taliban caretaker government of 7 September 2021. "
    "Exit status: 0 ok; 2 bad data (file:line:column messages; nothing written); "
    "1 an environment error (unwritable or full output folder, unreadable input, interrupt; "
    "one message, previous outputs intact).",
)


def _version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"cabinet-analysis {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Sourced data and representation gaps of the Taliban government."""


def command(fn):
    """Register a command whose interrupt (Ctrl-C or SIGTERM) ends in one message and exit status 1.
    The command list shows the first paragraph of its docstring, joined into one line."""

    @functools.wraps(fn)
    def guarded(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except KeyboardInterrupt:
            _environment_error("interrupted; the previous outputs are intact")

    doc = (fn.__doc__ or "").strip()
    first, _, rest = doc.partition("\n\n")
    text = " ".join(first.split()) + ("\n\n" + " ".join(rest.split()) if rest else "")
    return app.command(help=text, short_help=" ".join(first.split()))(guarded)


DataDir = typer.Argument(
    None,
    help="Data folder (default: the repository's data/, or the copy shipped with the package).",
    show_default=False,
)


def _fail(exc) -> None:
    for p in exc.problems:
        typer.echo(str(p), err=True)
    typer.echo(f"{len(exc.problems)} problem(s) found; nothing was written.", err=True)
    raise typer.Exit(2)


def _environment_error(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _context(path: Path | None, fresh: bool = False):
    """The validated data folder, or the list of problems and exit status 2."""
    from ..context import load_context
    from ..data import DataError

    try:
        return load_context(path, cache=not fresh)
    except DataError as exc:
        _fail(exc)
    except OSError as exc:
        _environment_error(f"cannot read {exc.filename or path}: {exc.strerror or exc}")


def _commit(outputs) -> None:
    """Write an OutputSet all-or-nothing and list what was written; exit 1 on an environment error."""
    from .outputs import OutputError, write_all

    try:
        written = write_all(outputs)
    except OutputError as exc:
        _environment_error(str(exc))
    for path in written:
        typer.echo(f"wrote {path}")


@command
def validate(path: Path | None = DataDir) -> None:
    """Check every data file and the links between them; exit 2 on any problem."""
    ds = _context(path).ds
    typer.echo(
        f"ok: {len(ds.persons)} persons ({len(ds.first_round())} appointees of 7 September 2021), "
        f"{len(ds.appointments)} appointments, {len(ds.evidence)} evidence rows, {len(ds.sources)} sources, "
        f"{len(ds.provinces)} provinces in {ds.data_dir}"
    )


@command
def summary(path: Path | None = DataDir) -> None:
    """Print the 33 appointees and the coverage of each coded field."""
    from ..report.render import render
    from ..report.tables import coverage_table, summary_table

    ctx = _context(path)
    typer.echo(render({"appointees": summary_table(ctx), "coverage": coverage_table(ctx)}, "text", ctx))


@command
def report(
    path: Path | None = DataDir,
    format: str = typer.Option("text", "--format", "-f", help="text, csv, markdown or json"),
) -> None:
    """Print the gap tables, the sensitivity summary and the claims ledger."""
    from ..report.render import FORMATS, render
    from ..report.tables import gap_report

    if format not in FORMATS:
        typer.echo(f"--format must be one of: {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    ctx = _context(path)
    sys.stdout.write(render(gap_report(ctx), format, ctx))


@command
def build(
    path: Path | None = DataDir,
    out: Path | None = typer.Option(None, help="Folder for the report files (default: reports/)."),
    figures_dir: Path | None = typer.Option(
        None, "--figures-dir", help="Folder for the figures (default: figures/)."
    ),
    figures: bool = typer.Option(True, "--figures/--no-figures", help="Also write every figure."),
    fresh: bool = typer.Option(
        False,
        "--fresh",
        help="Compute every result and draw every figure again, ignoring the result store and the render cache.",
    ),
) -> None:
    """The main job: validate the data, then write the wide table, the codebook's tables, the reports and the figures.

    It regenerates data/appointees.csv and the codebook's tables, and writes the report in every format and every
    figure. Everything is rendered first and written all or nothing."""
    from ..report.exports import export_files
    from ..report.render import render, report_files
    from ..report.tables import coverage_table, summary_table
    from ..report.wide import FILE, appointees_csv
    from .outputs import OutputSet

    ctx = _context(path, fresh)
    typer.echo(render({"appointees": summary_table(ctx), "coverage": coverage_table(ctx)}, "text", ctx))
    outputs = OutputSet()
    outputs.add_file(ctx.ds.data_dir / FILE, appointees_csv(ctx))
    for name, data in export_files(ctx).items():
        outputs.add_file(ctx.ds.data_dir / name, data)
    if paths.in_checkout() and ctx.ds.data_dir.resolve() == (paths.REPO / "data").resolve():
        from ..analysis import claim_kinds
        from ..data import codebook

        doc = paths.codebook()
        blocks = {"claim_kinds": claim_kinds.codebook_table()}
        outputs.add_file(
            doc, codebook.render(doc.read_text(encoding="utf-8"), ctx.ds.data_dir, blocks).encode("utf-8")
        )
    outputs.add_folder(out or paths.reports_dir(), report_files(ctx))
    if figures:
        from .render import render_all

        outputs.add_folder(figures_dir or paths.figures_dir(), render_all(ctx, cache=not fresh))
    _commit(outputs)


@command
def figures(
    path: Path | None = DataDir,
    out: Path | None = typer.Option(None, "--out", help="Folder for the figures (default: figures/)."),
    fresh: bool = typer.Option(
        False,
        "--fresh",
        help="Compute every result and draw every figure again, ignoring the result store and the render cache.",
    ),
) -> None:
    """Write every figure as PNG and SVG, byte-identical for the same data, all or nothing.

    A figure whose data and code are unchanged comes from the render cache (.cache/figures)."""
    from .outputs import OutputSet
    from .render import render_all

    ctx = _context(path, fresh)
    outputs = OutputSet()
    outputs.add_folder(out or paths.figures_dir(), render_all(ctx, cache=not fresh))
    _commit(outputs)


@command
def boundaries(
    source: Path = typer.Argument(
        ...,
        help="A geoBoundaries ADM1 TopoJSON (e.g. ../shared/geo/geoBoundaries-AFG-ADM1_simplified.topojson).",
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Where to write the GeoJSON (default: data/boundaries.geojson)."
    ),
) -> None:
    """Derive data/boundaries.geojson from the geoBoundaries TopoJSON (see docs/codebook.md)."""
    import json

    from ..data.boundaries import BOUNDARIES_FILE, geojson_text, topojson_to_geojson
    from .outputs import OutputSet

    try:
        topo = json.loads(source.read_text(encoding="utf-8"))
    except OSError as exc:
        _environment_error(f"cannot read {source}: {exc.strerror or exc}")
    outputs = OutputSet()
    outputs.add_file(
        out or paths.data_dir() / BOUNDARIES_FILE, geojson_text(topojson_to_geojson(topo)).encode("utf-8")
    )
    _commit(outputs)


@command
def notebooks() -> None:
    """Re-execute every notebook in notebooks/, top to bottom, and write them back all or nothing."""
    from .notebooks import KernelError, execute_all

    try:
        executed = execute_all()
    except KernelError as exc:
        _environment_error(str(exc))
    _commit(executed)


@command
def site(
    out: Path | None = typer.Option(
        None, "--out", help="Where to build it (default: site/ of the checkout)."
    ),
) -> None:
    """Build the offline site: a page per person, post and round, the notebooks, the claims ledger, the explorer
    without a kernel and the downloads (Sphinx, from the committed data, figures and notebooks)."""
    from .site import build_site

    ctx = _context(None)
    from .outputs import describe

    try:
        folder = build_site(ctx, out)
    except OSError as exc:
        _environment_error(describe(exc, exc.filename or out or "site/") + "; the previous site is intact")
    typer.echo(f"wrote {folder}")


@command
def diff(
    old: str = typer.Argument(..., help="A data folder, or a git revision (its data/)."),
    new: str = typer.Argument("data", help="A data folder, or a git revision (default: data/)."),
) -> None:
    """List what changed between two versions of the data: rows added, changed and removed per table and field,
    and every claim verdict or "holds in N of M" that moved."""
    import subprocess
    import tempfile

    from ..report.diff import data_diff, markdown, resolve

    with tempfile.TemporaryDirectory() as tmp:
        try:
            a, b = (resolve(spec, paths.REPO, Path(tmp)) for spec in (old, new))
        except (subprocess.CalledProcessError, OSError):
            _environment_error(
                f"{old} or {new} is neither a data folder nor a git revision of this repository"
            )
        typer.echo(markdown(data_diff(a, b), old, new), nl=False)


def main() -> None:
    # The command line draws figures only into files: a non-interactive backend, unless the
    # user chose one. (The library itself never picks a backend; notebook kernels keep theirs.)
    os.environ.setdefault("MPLBACKEND", "Agg")
    from .outputs import terminate_as_interrupt

    with terminate_as_interrupt():
        app()
