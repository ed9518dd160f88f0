"""Committed outputs are up to date: regenerating them gives the same bytes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cabinet_analysis.report.render import report_files
from cabinet_analysis.report.wide import appointees_csv

ROOT = Path(__file__).resolve().parents[1]


def test_committed_reports_are_current(ctx, tables):
    files = report_files(ctx, tables)
    assert list(files) == ["summary.txt", "report.txt", "report.md", "report.json", "report.csv"]
    for name, data in files.items():
        assert (ROOT / "reports" / name).read_bytes() == data, (
            f"reports/{name} is stale: run `python3 tasks.py build`"
        )


def test_committed_figures_are_current(rendered):
    """Every figure, rendered once for the session (the same rendering the figures command writes),
    compared byte for byte with figures/."""
    assert sorted(rendered) == sorted(
        p.name for p in (ROOT / "figures").iterdir() if p.suffix in (".png", ".svg")
    )
    assert len(rendered) == 34  # 17 figures, PNG and SVG
    for name, data in rendered.items():
        assert (ROOT / "figures" / name).read_bytes() == data, (
            f"figures/{name} is stale: run `python3 tasks.py build`"
        )


def test_a_figure_drawn_alone_gives_the_same_bytes(ctx, rendered):
    """Rendering in forked workers changes nothing: one figure drawn here, in this process, is identical."""
    from cabinet_analysis.build.render import FORMATS
    from cabinet_analysis.figures import figure_inputs
    from cabinet_analysis.figures.style import to_bytes

    fn, *args = figure_inputs(ctx)["focus_gaps"]
    fig = fn(*args)
    for fmt in FORMATS:
        assert to_bytes(fig, fmt) == rendered[f"focus_gaps.{fmt}"]


def test_wide_table_is_generated_and_current(ctx):
    """data/appointees.csv is exactly what build writes from persons, appointments and evidence."""
    assert (ROOT / "data" / "appointees.csv").read_bytes() == appointees_csv(ctx), (
        "data/appointees.csv is stale: run `python3 tasks.py build`"
    )


def test_deleting_the_wide_table_and_building_recreates_it(data_copy, tmp_path):
    from typer.testing import CliRunner

    from cabinet_analysis.build.cli import app

    committed = (data_copy / "appointees.csv").read_bytes()
    (data_copy / "appointees.csv").unlink()
    result = CliRunner().invoke(app, ["build", str(data_copy), "--out", str(tmp_path / "r"), "--no-figures"])
    assert result.exit_code == 0, result.output
    assert (data_copy / "appointees.csv").read_bytes() == committed


def test_the_theme_is_seaborns():
    """The figures' look comes from seaborn at drawing time: its whitegrid style, notebook context and
    colour-blind palette, with our sizes on top."""
    import seaborn as sns

    from cabinet_analysis.figures.style import RC, palette, theme

    t = theme()
    assert palette() == sns.color_palette("colorblind").as_hex()
    assert t["axes.prop_cycle"].by_key()["color"] == palette()
    for key, value in {**sns.axes_style("whitegrid"), **sns.plotting_context("notebook")}.items():
        assert t[key] == RC.get(key, value), key


def test_importing_the_figures_does_not_import_seaborn():
    """seaborn is imported where a figure is drawn, so a build served by the render cache never pays for it."""
    code = "import sys; import cabinet_analysis.figures, cabinet_analysis.build.render; print('seaborn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_render_cache_is_keyed_by_content(ctx, tmp_path, rendered, monkeypatch):
    from cabinet_analysis.build import render as figures
    from cabinet_analysis.build.render import FORMATS, render_all
    from cabinet_analysis.build.render_cache import FigureCache, key
    from cabinet_analysis.figures import figure_inputs
    from cabinet_analysis.store import code_fingerprint

    inputs = figure_inputs(ctx)
    code = code_fingerprint()
    k = key("focus_gaps", inputs["focus_gaps"], code)
    assert k == key("focus_gaps", figure_inputs(ctx)["focus_gaps"], code)  # same data, same key
    fn, table = inputs["focus_gaps"]
    changed = table.copy()
    changed.loc[0, "observed"] = 1
    assert key("focus_gaps", (fn, changed), code) != k
    assert key("focus_gaps", inputs["focus_gaps"], code + "x") != k  # other drawing code
    # A cache holding every figure under its current key serves render_all without drawing anything.
    store = FigureCache(tmp_path / "cache")
    for name, spec in inputs.items():
        store.put(name, key(name, spec, code), {f"{name}.{f}": rendered[f"{name}.{f}"] for f in FORMATS})
    assert len(list((tmp_path / "cache").iterdir())) == 17  # one entry per figure, its PNG and SVG together

    def no_drawing(name):
        raise AssertionError(f"{name} was drawn although it is cached")

    monkeypatch.setattr(figures, "_render", no_drawing)
    assert render_all(ctx, cache=tmp_path / "cache") == rendered
    # A figure whose data change is drawn again (and the stale entry replaced).
    monkeypatch.undo()
    store.put("focus_gaps", "0" * 32, {"focus_gaps.png": b"stale", "focus_gaps.svg": b"stale"})
    assert store.get("focus_gaps", k, FORMATS) is None


def test_a_truncated_or_corrupt_cache_entry_is_drawn_again(ctx, tmp_path, rendered):
    """Before, a truncated cached PNG was copied into the outputs without complaint."""
    from cabinet_analysis.build.render import render_all

    cache = tmp_path / "cache"
    assert render_all(ctx, cache=cache) == rendered
    entries = sorted(cache.iterdir())
    assert len(entries) == 17 and all(p.suffix == ".entry" for p in entries)
    blob = entries[0].read_bytes()
    entries[0].write_bytes(blob[: len(blob) // 3])  # truncated
    entries[1].write_bytes(entries[1].read_bytes()[:-1] + b"\0")  # one byte changed
    assert render_all(ctx, cache=cache) == rendered
    assert entries[0].read_bytes() == blob  # drawn again, and the entry rewritten whole
