"""Committed outputs are up to date: regenerating them gives the same bytes."""

from __future__ import annotations

from pathlib import Path

from cabinet_analysis.outputs import write_outputs

ROOT = Path(__file__).resolve().parents[1]


def test_committed_reports_are_current(ctx, tables, tmp_path):
    written = write_outputs(ctx, tmp_path, tables)
    assert [p.name for p in written] == ["summary.txt", "report.txt", "report.md", "report.json", "report.csv"]
    for path in written:
        committed = ROOT / "reports" / path.name
        assert committed.read_bytes() == path.read_bytes(), f"reports/{path.name} is stale: run `python3 tasks.py build`"


def test_committed_figures_are_current(ctx, tmp_path):
    """Regenerate every figure into a scratch folder and compare bytes with figures/."""
    from cabinet_analysis.figures import write_figures

    written = write_figures(ctx, tmp_path)
    names = sorted(p.name for p in written)
    assert names == sorted(p.name for p in (ROOT / "figures").iterdir() if p.suffix in (".png", ".svg"))
    assert len(names) == 20
    for path in written:
        assert (ROOT / "figures" / path.name).read_bytes() == path.read_bytes(), f"figures/{path.name} is stale: run `python3 tasks.py build`"


def test_palette_is_seaborns_colorblind():
    import seaborn as sns

    from cabinet_analysis.style import PALETTE

    as_hex = ["#" + "".join(f"{round(c * 255):02x}" for c in col) for col in sns.color_palette("colorblind")]
    assert PALETTE == as_hex
