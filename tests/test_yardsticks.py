"""The movement's cadre as a baseline, bounds for the unknowns, and Holm's correction (pinned)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cabinet_analysis.analysis.baselines import focus_baselines, region_baseline
from cabinet_analysis.analysis.bounds import ALL, group_bounds
from cabinet_analysis.analysis.cadre import cadre_ids, cadre_summary
from cabinet_analysis.analysis.claims import evaluate_claims
from cabinet_analysis.analysis.gaps import focus_gaps
from cabinet_analysis.analysis.measures import holm
from cabinet_analysis.coding.choices import CodingChoice
from cabinet_analysis.report.render import render
from cabinet_analysis.report.tables import focus_gaps_by_baseline


def test_every_listed_individual_is_coded(ctx):
    s = cadre_summary(ctx).set_index("baseline")
    assert s.loc["movement"].to_dict() == {
        "entries": 136,
        "with_a_province_in_the_evidence": 131,
        "with_a_province_default_reading": 112,
        "among_the_33": 19,
    }
    assert s.loc["emirate"].to_dict() == {
        "entries": 89,
        "with_a_province_in_the_evidence": 89,
        "with_a_province_default_reading": 75,
        "among_the_33": 16,
    }
    assert set(cadre_ids(ctx, "emirate")) <= set(cadre_ids(ctx))


def test_cadre_baseline_shares(ctx):
    mov = region_baseline(ctx, CodingChoice(baseline="movement"))
    assert mov.sum() == pytest.approx(1.0)
    assert round(mov["south"] * 112) == 45 and round(mov["west"] * 112) == 2 and mov["Hazarajat"] == 0
    shares = focus_baselines(ctx, CodingChoice(baseline="movement"))
    assert shares == pytest.approx(
        {
            "west": 2 / 112,
            "southwest": 8 / 112,
            "west_or_southwest": 10 / 112,
            "hazarajat": 0.0,
            "helmandi_networks": 7 / 112,
        }
    )
    emi = focus_baselines(ctx, CodingChoice(baseline="emirate"))
    assert emi["west"] == pytest.approx(1 / 75) and emi["helmandi_networks"] == pytest.approx(3 / 75)
    # Family origin first moves some of the cadre too (the switches apply to the yardstick).
    fam = region_baseline(ctx, CodingChoice(baseline="movement", origin="family"))
    assert fam.sum() == pytest.approx(1.0) and not fam.equals(mov)


def test_focus_gaps_under_the_three_yardsticks(ctx):
    t = focus_gaps_by_baseline(ctx).set_index(["baseline", "group"])
    assert t.loc[("population", "west"), "p_under"] == pytest.approx(0.041977, abs=1e-6)
    assert t.loc[("population", "west"), "p_holm"] == pytest.approx(5 * 0.041977, abs=1e-5)
    assert t.loc[("movement", "west"), "p_under"] == pytest.approx((1 - 2 / 112) ** 24, abs=1e-9)
    assert (
        t.loc[("movement", "hazarajat"), "p_under"] == 1.0
        and t.loc[("movement", "hazarajat"), "expected"] == 0
    )
    assert t.loc[("movement", "helmandi_networks"), "p_under"] == pytest.approx((1 - 7 / 112) ** 33, abs=1e-9)
    assert (t["p_holm"] < 0.05).sum() == 0


def test_bounds_on_the_real_data(ctx):
    t = focus_gaps(ctx).set_index("group")
    assert t[["observed_min", "observed_max"]].to_dict("index") == {
        "west": {"observed_min": 0, "observed_max": 7},
        "southwest": {"observed_min": 1, "observed_max": 9},
        "west_or_southwest": {"observed_min": 1, "observed_max": 9},
        "hazarajat": {"observed_min": 0, "observed_max": 7},
        "helmandi_networks": {"observed_min": 0, "observed_max": 15},
    }
    assert (t["n_total"] == 33).all()
    assert t.loc["west", "p_under_at_max"] == pytest.approx(0.956, abs=1e-3)


def toy_people(rows):
    cols = [
        "person_id",
        "province",
        "district",
        "region",
        "hazarajat",
        "helmandi",
        "tribe",
        "network",
        "networks",
    ]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


def test_bounds_by_hand_on_a_toy_table():
    region_map = {
        "Herat": "west",
        "Helmand": "southwest",
        "Kandahar": "south",
        "Bamyan": "Hazarajat",
        "Ghazni": "southeast",
    }
    places = (frozenset({"Bamyan"}), frozenset({("Ghazni", "jaghori")}))
    people = toy_people(
        [
            ("a", "Herat", None, "west", False, False, None, "other", ["other"]),  # known, west
            ("b", "Kandahar", None, "south", False, False, "Popalzai", "kandahari_core", ["kandahari_core"]),
            ("c", None, None, None, False, False, None, None, []),  # no evidence: anywhere
            ("d", None, None, None, False, False, "Alizai", "other", ["other"]),  # UN: Helmand or Kandahar
            (
                "e",
                "Ghazni",
                None,
                "southeast",
                False,
                False,
                None,
                "other",
                ["other"],
            ),  # district unknown: maybe Jaghori
        ]
    )
    possible = {"c": ALL, "d": frozenset({"Helmand", "Kandahar"})}
    b = group_bounds(people, possible, region_map, places, "rusi", "tribe_and_helmand")
    # west: a for sure, c perhaps -> 1..2; southwest: c or d -> 0..2; both: 1..3
    assert b["west"] == (1, 2) and b["southwest"] == (0, 2) and b["west_or_southwest"] == (1, 3)
    # Hazarajat: c (Bamyan or Ghazni) perhaps, e (Ghazni, district unknown) perhaps -> 0..2
    assert b["hazarajat"] == (0, 2)
    # Helmandi by tribe and Helmand: d is Alizai and may be from Helmand; c's tribe and place unknown -> 0..2
    assert b["helmandi_networks"] == (0, 2)
    assert group_bounds(people, possible, region_map, places, "rusi", "helmand_origin")[
        "helmandi_networks"
    ] == (0, 2)
    assert group_bounds(people, possible, region_map, places, "rusi", "network")["helmandi_networks"] == (
        0,
        1,
    )


@given(st.lists(st.floats(min_value=0, max_value=1, allow_nan=False), min_size=1, max_size=12))
def test_holm_is_monotone_and_never_below_the_raw_p(p):
    adjusted = holm(p)
    assert all(a >= r - 1e-12 for a, r in zip(adjusted, p)) and all(a <= 1.0 for a in adjusted)
    order = np.argsort(p, kind="stable")
    assert all(adjusted[order[i]] <= adjusted[order[i + 1]] + 1e-12 for i in range(len(p) - 1))


def test_holm_by_hand():
    assert holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])


def test_ledger_robustness_and_the_iran_claims(ctx):
    ledger = evaluate_claims(ctx).set_index("claim_id")
    robust = ledger.loc["c03_west", "robust_to_unknowns"]
    assert robust is not None and not robust and bool(robust) is False
    assert not ledger.loc[
        ["c03_west", "c06_hazarajat", "c07_only_empty_regions", "c08_helmandi_networks"], "robust_to_unknowns"
    ].any()
    assert ledger.loc["c11_iran_clients", "verdict"] == "not testable with this data"
    assert ledger.loc["c15_sadr_first_pro_iran", "verdict"] == "supported"
    assert ledger.loc["c15_sadr_first_pro_iran", "figure"] == (
        "joint first appointed with a recorded iran_ties: abdul_qayum_zakir, "
        "ibrahim_sadr (announced 2021-09-21)"
    )
    e = ctx.ds.evidence
    ties = e[e["field"] == "iran_ties"]
    assert sorted(set(ties["person_id"])) == ["abdul_qayum_zakir", "ibrahim_sadr"]
    assert "rusi_giustozzi_2021" not in set(ties["source_id"])  # the commentary is not evidence for itself


def test_report_json_carries_the_new_measures(tables):
    data = json.loads(render(tables, "json"))
    by_baseline = data["focus_gaps_by_baseline"]
    assert {r["baseline"] for r in by_baseline} == {"population", "movement", "emirate"}
    row = next(r for r in data["focus_gaps"] if r["group"] == "west")
    assert {"p_holm", "observed_min", "observed_max"} <= set(row)
    assert all("robust_to_unknowns" in r for r in data["claims_ledger"])
    assert data["movement_baseline"][0]["entries"] == 136
