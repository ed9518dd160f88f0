"""Figures and tables as a notebook user sees them: no backend chosen by the library,
each figure rendered once, the explorer's switches, deterministic inline PNGs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from cabinet_analysis.choices import CodingChoice
from cabinet_analysis.explore import Explorer
from cabinet_analysis.figures import focus_lollipop, origins_map
from cabinet_analysis.gaps import focus_gaps

ROOT = Path(__file__).resolve().parents[1]


def test_the_library_never_chooses_a_backend():
    code = ("import matplotlib; from cabinet_analysis import figures, style, explore, inline; "
            "from cabinet_analysis.context import load_context; ctx = load_context(); "
            "figures.focus_lollipop(figures.focus_gaps(ctx)); print(matplotlib.get_backend())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"MPLBACKEND": "svg", "PATH": ""}, cwd=ROOT / "tests")
    assert out.stdout.strip() == "svg"
    assert "matplotlib.use(" not in "".join(p.read_text() for p in (ROOT / "src").rglob("*.py"))


def test_figures_are_detached_from_pyplot(ctx):
    from cabinet_analysis.figures import figure_inputs

    inputs = figure_inputs(ctx)
    assert sorted(inputs) == ["cadre_map", "claims_ledger", "coverage", "dated_claims", "focus_gaps", "focus_yardsticks", "hazarajat_map",
                              "helmandi_networks", "network_composition", "origins_map", "regions_observed_expected", "seats_over_time",
                              "sensitivity_ranges", "timeline", "turnover"]
    plt.close("all")
    for name in ("focus_gaps", "network_composition", "helmandi_networks"):
        fn, *args = inputs[name]
        assert isinstance(fn(*args), plt.Figure)
    assert plt.get_fignums() == [], "a figure function left its figure in pyplot's registry (it would render twice)"


def test_origins_map_title_states_the_empty_regions(ctx):
    fig = origins_map(ctx.appointees(), ctx.ds.provinces, ctx.ds.regions[ctx.ds.regions["scheme"] == "rusi"], ctx.ds.boundaries)
    assert fig._suptitle.get_text() == "Where the 24 appointees of known origin come from (9 unknown); none from: west, Hazarajat"


def test_lollipop_names_its_baseline(ctx):
    fig = focus_lollipop(focus_gaps(ctx, CodingChoice(baseline="provinces")))
    assert "province (equal weight) share" in fig.axes[0].get_xlabel()


def test_explorer_switches_match_the_library(ctx):
    ex = Explorer(ctx)
    assert ex.label() == "default coding"
    choice = ex.set(origin="family", helmandi="tribe")
    assert choice == CodingChoice(origin="family", helmandi="tribe")
    assert ex.controls["origin"].value == "family"
    t = ex.table().set_index("group")
    expected = focus_gaps(ctx, choice).set_index("group")
    assert t.loc["southwest", "observed"] == expected.loc["southwest", "observed"] == 0
    assert t.loc["helmandi_networks", "ids"] == expected.loc["helmandi_networks", "ids"] == "hedayatullah_badri"
    assert isinstance(ex.map(), plt.Figure) and isinstance(ex.lollipop(), plt.Figure)


def test_explorer_rejects_unknown_switches(ctx):
    ex = Explorer(ctx)
    with pytest.raises(ValueError, match="unknown switch 'colour'"):
        ex.set(colour="red")
    with pytest.raises(ValueError, match="scheme must be one of rusi, rusi_farah_southwest, not 'unama'"):
        ex.set(scheme="unama")


def test_inline_setup_sets_pandas_options_outside_ipython():
    from cabinet_analysis import inline

    with pd.option_context("display.max_colwidth", 50):
        inline.setup()
        assert pd.get_option("display.max_colwidth") is None
