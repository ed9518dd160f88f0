"""Hazarajat at district level: which places count under each reading, how many people they hold, and
how the appointees and the listed cadre are placed (``cabinet_analysis.coding.regions``)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cabinet_analysis.analysis.cadre import cadre
from cabinet_analysis.analysis.gaps import hazarajat_readings
from cabinet_analysis.coding import regions
from cabinet_analysis.coding.choices import CodingChoice

MIXED = [
    "Qarabagh",
    "Khwaja Umari",
    "Day Mirdad",
    "Jalrez",
    "Khas Uruzgan",
    "Gizab",
    "Dara-i-Suf Bala",
    "Dara-i-Suf Payin",
]


def national_share(ctx, reading: str) -> float:
    ds = ctx.ds
    fractions = regions.hazarajat_fractions(
        ds.hazarajat, ds.districts, ds.provinces, ds.hazara_shares, reading
    )
    total = ds.provinces.set_index("province")["population_nsia_2021_22"]
    return sum(f * total[p] for p, f in fractions.items()) / total.sum()


def test_majority_reading_leaves_out_the_mixed_districts(ctx):
    whole, majority = regions.hazarajat_places(ctx.ds.hazarajat, "majority")
    _, listed = regions.hazarajat_places(ctx.ds.hazarajat, "listed")
    assert whole == {"Bamyan", "Daykundi"}
    assert ("Uruzgan", "khasuruzgan") in listed - majority
    assert ("Ghor", "lalwasarjangal") in majority
    assert majority < listed
    assert regions.hazarajat_places(ctx.ds.hazarajat, "weighted")[1] == listed


def test_unknown_reading_is_refused(ctx):
    with pytest.raises(ValueError, match="hazarajat must be one of majority, listed, weighted"):
        regions.hazarajat_places(ctx.ds.hazarajat, "broad")


def test_district_people_sum_to_their_province(ctx):
    people = regions.district_people(ctx.ds.districts, ctx.ds.provinces)
    assert people.groupby("province")["share_of_province"].sum().round(9).eq(1).all()
    totals = ctx.ds.provinces.set_index("province")["population_nsia_2021_22"]
    by_province = people.groupby("province")["people"].sum()
    assert (by_province - totals[by_province.index]).abs().max() < 1e-6


def test_hazarajat_share_of_the_population_under_each_reading(ctx):
    assert national_share(ctx, "majority") == pytest.approx(0.058045, abs=1e-6)
    assert national_share(ctx, "listed") == pytest.approx(0.075289, abs=1e-6)
    assert national_share(ctx, "weighted") == pytest.approx(0.069913, abs=1e-6)


def test_province_fractions(ctx):
    ds = ctx.ds
    frac = {
        r: regions.hazarajat_fractions(ds.hazarajat, ds.districts, ds.provinces, ds.hazara_shares, r)
        for r in regions.READINGS
    }
    assert {p: round(f, 4) for p, f in frac["majority"].items()} == {
        "Bamyan": 1.0,
        "Daykundi": 1.0,
        "Ghazni": 0.3434,
        "Ghor": 0.1656,
        "Parwan": 0.0627,
        "Wardak": 0.2676,
    }
    assert set(frac["listed"]) - set(frac["majority"]) == {"Samangan", "Uruzgan"}
    # weighted = listed, each district by its Hazara share: Ghazni and Wardak have shares below 1
    assert frac["weighted"]["Ghazni"] == pytest.approx(0.4058, abs=1e-4)
    assert frac["weighted"]["Wardak"] == pytest.approx(0.3031, abs=1e-4)
    assert frac["weighted"]["Uruzgan"] == frac["listed"]["Uruzgan"]  # no share found: counted whole


def test_district_table_names_every_listed_district_once(ctx):
    t = regions.hazarajat_district_people(ctx.ds.hazarajat, ctx.ds.districts, ctx.ds.provinces)
    assert len(t) == 19
    assert sorted(t.loc[t["kind"] == "mixed", "district"]) == sorted(MIXED)
    assert t.set_index("district").loc["Lal wa Sarjangal", "people"] == 128845
    assert t.set_index("district").loc["(whole province)", "people"].tolist() == [504000, 525529]


def test_lowest_share_wins_where_sources_disagree():
    shares = pd.DataFrame(
        {
            "province": ["Ghazni", "Ghazni", "Wardak"],
            "district": ["Jaghatu", "Jaghatu", "Jalrez"],
            "hazara_share": [0.9, 0.6, 0.5],
            "source_id": ["a", "b", "a"],
        }
    )
    assert regions.lowest_shares(shares) == {("Ghazni", "jaghatu"): 0.6, ("Wardak", "jalrez"): 0.5}


@settings(max_examples=60, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["Jaghatu", "Qarabagh", "Jalrez", "Day Mirdad"]), st.floats(min_value=0, max_value=1)
    )
)
def test_weighted_never_exceeds_listed_and_majority_never_exceeds_listed(ctx, drawn):
    ds = ctx.ds
    province = {"Jaghatu": "Ghazni", "Qarabagh": "Ghazni", "Jalrez": "Wardak", "Day Mirdad": "Wardak"}
    shares = pd.DataFrame(
        [
            {"province": province[d], "district": d, "hazara_share": s, "source_id": "x"}
            for d, s in drawn.items()
        ],
        columns=["province", "district", "hazara_share", "source_id"],
    )
    frac = {
        r: regions.hazarajat_fractions(ds.hazarajat, ds.districts, ds.provinces, shares, r)
        for r in regions.READINGS
    }
    for p, f in frac["listed"].items():
        assert frac["weighted"][p] <= f + 1e-12
        assert frac["majority"].get(p, 0.0) <= f + 1e-12


def test_appointees_counted_per_reading(ctx):
    t = hazarajat_readings(ctx).set_index("reading")
    assert t["observed"].tolist() == [0, 0, 0]
    assert t["n"].tolist() == [24, 24, 24]
    assert t["observed_max"].tolist() == [7, 7, 7]
    assert t["p_under"].round(6).to_dict() == {"majority": 0.238081, "listed": 0.152808, "weighted": 0.175615}
    assert t["provinces_share"].round(6).to_dict() == {
        "majority": 0.08351,
        "listed": 0.109728,
        "weighted": 0.104427,
    }


def test_cadre_born_in_mixed_districts_count_only_under_the_broad_readings(ctx):
    def from_hazarajat(reading):
        c = cadre(ctx, CodingChoice(hazarajat=reading))
        return sorted(c.loc[c["region"] == "Hazarajat", "person_id"])

    assert from_hazarajat("majority") == []
    assert from_hazarajat("listed") == ["ahmed_jan_wazir", "mohammad_abbas_akhund"]  # Qarabagh, Khas Uruzgan
    assert from_hazarajat("weighted") == from_hazarajat("listed")
    assert hazarajat_readings(ctx).set_index("reading")["cadre_share"].round(6).tolist() == [
        0.0,
        0.017857,
        0.017857,
    ]
