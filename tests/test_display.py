"""Figures and tables as a notebook user sees them: no backend chosen by the library,
each figure rendered once, the explorer's switches, deterministic inline PNGs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from cabinet_analysis import figures
from cabinet_analysis.analysis.gaps import focus_gaps
from cabinet_analysis.coding.choices import CodingChoice
from cabinet_analysis.report.explore import Explorer

ROOT = Path(__file__).resolve().parents[1]


def test_the_library_never_chooses_a_backend():
    code = (
        "import matplotlib; from cabinet_analysis import figures; from cabinet_analysis.figures import style; from cabinet_analysis.report import explore, inline; "
        "from cabinet_analysis.context import load_context; ctx = load_context(); "
        "figures.draw('focus_gaps', ctx); print(matplotlib.get_backend())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"MPLBACKEND": "svg", "PATH": ""},
        cwd=ROOT / "tests",
    )
    assert out.stdout.strip() == "svg"
    assert "matplotlib.use(" not in "".join(p.read_text() for p in (ROOT / "src").rglob("*.py"))


def test_figures_are_detached_from_pyplot(ctx):
    from cabinet_analysis.figures import figure_inputs

    inputs = figure_inputs(ctx)
    assert sorted(inputs) == [
        "cadre_map",
        "claims_ledger",
        "coverage",
        "dated_claims",
        "focus_gaps",
        "focus_yardsticks",
        "governments",
        "hazarajat_map",
        "helmandi_networks",
        "network_composition",
        "origins_map",
        "regions_observed_expected",
        "seats_over_time",
        "sensitivity_grid",
        "sensitivity_ranges",
        "timeline",
        "turnover",
    ]
    plt.close("all")
    for name in ("focus_gaps", "network_composition", "helmandi_networks"):
        fn, *args = inputs[name]
        assert isinstance(fn(*args), plt.Figure)
    assert plt.get_fignums() == [], (
        "a figure function left its figure in pyplot's registry (it would render twice)"
    )


def test_origins_map_title_states_the_empty_regions(ctx):
    fig = figures.draw("origins_map", ctx)
    assert (
        fig._suptitle.get_text()
        == "Where the 24 appointees of known origin come from (9 unknown); none from: west, Hazarajat"
    )


@pytest.mark.parametrize(
    ("baseline", "axis", "source"),
    [
        ("population", "population share", "NSIA 2021-22 settled population"),
        ("provinces", "province (equal weight) share", "34 provinces, equal weight"),
        ("movement", "listed cadre share", "UN 1988 sanctions list, individual entries"),
        (
            "emirate",
            "listed 1996-2001 office-holders share",
            "UN 1988 sanctions list, entries with a 1996-2001 post",
        ),
    ],
)
def test_lollipop_names_and_cites_its_yardstick(ctx, baseline, axis, source):
    fig = figures.draw("focus_gaps", ctx, CodingChoice(baseline=baseline))
    assert axis in fig.axes[0].get_xlabel()
    footer = fig.texts[-1].get_text().replace("\n", " ")
    assert source in footer
    others = {"NSIA", "equal weight", "UN 1988"} - {
        w for w in ("NSIA", "equal weight", "UN 1988") if w in source
    }
    assert not any(w in footer for w in others), footer


def test_every_figure_has_alt_text_that_states_its_finding(ctx):
    assert set(figures.NAMES) < set(figures.__all__)
    for name in figures.NAMES:
        fig = figures.draw(name, ctx)
        assert fig.alt_text.startswith(figures.module(name).ALT), name
        assert fig.alt_text.endswith(fig._suptitle.get_text().replace("\n", " ") + "."), name


def test_explorer_opens_at_the_default_and_resets(ctx):
    ex = Explorer(ctx)
    assert ex.label() == "default coding" and ex.choice() == CodingChoice()
    choice = ex.set(origin="family", helmandi="tribe")
    assert choice == CodingChoice(origin="family", helmandi="tribe")
    assert ex.controls["origin"].value == "family"
    assert ex.reset() == CodingChoice() and ex.controls["helmandi"].value == "network"


def test_explorer_shows_a_coding_without_moving_its_controls(ctx):
    ex = Explorer(ctx)
    family = CodingChoice(origin="family", helmandi="tribe")
    t = ex.table(family).data.set_index("group")
    expected = focus_gaps(ctx, family).set_index("group")
    assert t.loc["southwest", "observed"] == expected.loc["southwest", "observed"] == 0
    assert (
        t.loc["helmandi_networks", "ids"] == expected.loc["helmandi_networks", "ids"] == "hedayatullah_badri"
    )
    assert "Hedayatullah Badri" in repr(ex.table(family))
    assert isinstance(ex.map(family), plt.Figure) and isinstance(ex.lollipop(family), plt.Figure)
    assert ex.choice() == CodingChoice(), "showing a coding moved the live controls"


def test_the_explorer_table_is_narrow_with_who_is_counted(ctx):
    t = Explorer(ctx).table()
    assert list(t.text.columns) == [
        "Group",
        "In the group",
        "Counted",
        "Unknown",
        "Expected",
        "Gap (points)",
        "p (too few)",
        "p (Holm)",
        "Who",
    ]
    assert max(len(line) for line in repr(t).splitlines()) <= 110


def test_explorer_rejects_unknown_switches(ctx):
    ex = Explorer(ctx)
    with pytest.raises(ValueError, match="unknown switch 'colour'"):
        ex.set(colour="red")
    with pytest.raises(ValueError, match="scheme must be one of rusi, rusi_farah_southwest, not 'unama'"):
        ex.set(scheme="unama")


def test_inline_setup_sets_pandas_options_outside_ipython():
    from cabinet_analysis.report import inline

    with pd.option_context("display.max_colwidth", 50):
        inline.setup()
        assert pd.get_option("display.max_colwidth") is None


def test_tables_read_as_prose_numbers(ctx):
    from cabinet_analysis.report.display import present

    t = present(focus_gaps(ctx), "focus_gaps", ctx)
    row = t.text.set_index("Group").loc["West"]
    assert row["p (too few)"] == "0.042" and row["p (Holm)"] == "0.21"
    assert row["95% interval from"] == "0.0%" and row["to"] == "9.8%"
    assert row["Gap (points)"] == "-12.4" and row["Expected"] == "3.0"
    assert t.text.set_index("Group").loc["Southwest", "Who"] == "Amir Khan Muttaqi"
    html = t._repr_html_()
    assert html == present(focus_gaps(ctx), "focus_gaps", ctx)._repr_html_(), (
        "the HTML changes from run to run"
    )
    assert html.count('<table id="T_ca_') == 1 and "row_heading" not in html
    assert t.data.equals(focus_gaps(ctx)[list(t.data.columns)]), "the numbers themselves were changed"


def test_long_lists_fold_to_a_count_and_sources_are_links(ctx):
    from cabinet_analysis.analysis.timeline import round_sources
    from cabinet_analysis.report.display import present
    from cabinet_analysis.report.tables import coverage_table

    cov = present(coverage_table(ctx)[["field", "unknown_ids"]], ctx=ctx)
    assert cov.text.set_index("Field").loc["province", "Unknown for"] == "9 persons"
    assert "<details><summary>9 persons</summary>" in cov._repr_html_()
    rounds = present(round_sources(ctx), ctx=ctx)
    first = rounds.text.iloc[0]
    assert first["Sources"].endswith(" sources") and "source_ids" not in rounds.text.columns
    assert 'href="https://' in rounds._repr_html_()
