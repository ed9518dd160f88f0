"""Exact facts of the shipped data: who the 33 are, their posts, and the evidence behind every value."""

from __future__ import annotations

import pandas as pd

from cabinet_analysis.dataset import EVIDENCED_COLUMNS, split_list

POSTS = {
    "mohammad_hassan_akhund": "Prime Minister",
    "abdul_ghani_baradar": "First Deputy Prime Minister",
    "abdul_salam_hanafi": "Second Deputy Prime Minister",
    "mohammad_yaqoob": "Minister of Defence",
    "sirajuddin_haqqani": "Minister of Interior",
    "amir_khan_muttaqi": "Minister of Foreign Affairs",
    "hedayatullah_badri": "Minister of Finance",
    "nurullah_munir": "Minister of Education",
    "khairullah_khairkhwa": "Minister of Information and Culture",
    "din_mohammad_hanif": "Minister of Economy",
    "noor_mohammad_saqib": "Minister of Hajj and Religious Affairs",
    "abdul_hakim_sharaee": "Minister of Justice",
    "noorullah_noori": "Minister of Borders and Tribal Affairs",
    "yunus_akhundzada": "Minister of Rural Rehabilitation and Development",
    "abdul_manan_omari": "Minister of Public Works",
    "mohammad_esa_akhund": "Minister of Mines and Petroleum",
    "abdul_latif_mansoor": "Minister of Water and Energy",
    "hamidullah_akhundzada": "Minister of Civil Aviation and Transport",
    "abdul_baqi_haqqani": "Minister of Higher Education",
    "najibullah_haqqani": "Minister of Communications and Information Technology",
    "khalil_haqqani": "Minister of Refugees and Repatriation",
    "khalid_hanafi": "Minister of Invitation, Guidance, Promotion of Virtue and Prevention of Vice",
    "abdul_haq_wasiq": "Director of Intelligence",
    "mohammad_idris": "Governor of Da Afghanistan Bank (central bank)",
    "ahmad_jan_ahmady": "Head of the Administrative Office",
    "fasihuddin_fitrat": "Chief of Army Staff",
    "mohammad_fazl": "Deputy Minister of Defence",
    "sher_mohammad_abbas_stanikzai": "Deputy Minister of Foreign Affairs",
    "noor_jalal": "Deputy Minister of Interior",
    "zabihullah_mujahid": "Deputy Minister of Information and Culture",
    "tajmir_jawad": "First Deputy Director of Intelligence",
    "rahmatullah_najib": "Administrative Deputy Director of Intelligence",
    "abdul_haq_akhund_hamkar": "Deputy Minister of Interior for Counter-Narcotics",
}


def test_exactly_the_33_in_announcement_order(ctx):
    a = ctx.ds.appointees
    assert len(a) == 33
    assert list(a["id"]) == list(POSTS)
    assert list(a["seq"]) == list(range(1, 34))
    assert a["id"].is_unique


def test_posts_as_announced(ctx):
    assert dict(zip(ctx.ds.appointees["id"], ctx.ds.appointees["post"])) == POSTS


def test_tier_counts(ctx):
    counts = ctx.ds.appointees["tier"].value_counts().to_dict()
    assert counts == {
        "minister": 19,
        "deputy_minister": 7,
        "acting_head_of_agency": 3,
        "deputy_prime_minister": 2,
        "prime_minister": 1,
        "other_senior": 1,
    }


def test_all_announced_on_7_september(ctx):
    assert set(ctx.ds.appointees["announced_on"].dt.strftime("%Y-%m-%d")) == {"2021-09-07"}


def test_every_coded_value_has_evidence_whose_source_exists(ctx):
    """Re-checks the loader's rule independently: a codings row with the same field and
    value (and basis, for origin) exists for every non-empty value, and its source is listed."""
    a, c = ctx.ds.appointees, ctx.ds.codings
    sources = set(ctx.ds.sources["source_id"])
    assert set(c["source_id"]) <= sources
    checked = 0
    for p in a.itertuples(index=False):
        ev = c[c["appointee_id"] == p.id]
        for col in EVIDENCED_COLUMNS:
            value = getattr(p, col)
            if pd.isna(value):
                continue
            if col == "announced_on":
                value = value.strftime("%Y-%m-%d")
            if col == "guantanamo":
                value = "true" if value else "false"
            rows = ev[(ev["field"] == col) & (ev["value"].str.casefold() == str(value).casefold())]
            if col in ("province", "district"):
                rows = rows[rows["basis"] == p.origin_basis]
            assert len(rows) >= 1, (p.id, col, value)
            checked += 1
        for item in split_list(p.affiliations if isinstance(p.affiliations, str) else ""):
            assert ((ev["field"] == "network") & (ev["value"] == item)).any(), (p.id, item)
    assert checked == 33 + 33 + 24 + 15 + 33 + 15 + 21 + 4 + 19 + 18  # post, announced_on, province, ... emirate


def test_coverage_of_coded_fields(ctx):
    a = ctx.ds.appointees
    known = {col: int(a[col].notna().sum()) for col in ["province", "district", "ethnicity", "tribe", "network", "un_1988_ref", "emirate_1996_2001"]}
    assert known == {"province": 24, "district": 15, "ethnicity": 33, "tribe": 15, "network": 21, "un_1988_ref": 19, "emirate_1996_2001": 18}
    assert int(a["guantanamo"].eq(True).sum()) == 4
    assert sorted(a.loc[a["guantanamo"].eq(True), "id"]) == ["abdul_haq_wasiq", "khairullah_khairkhwa", "mohammad_fazl", "noorullah_noori"]


def test_origin_basis_matches_province(ctx):
    a = ctx.ds.appointees
    assert (a["province"].isna() == a["origin_basis"].eq("unknown")).all()
    assert a["origin_basis"].value_counts().to_dict() == {"birth": 20, "unknown": 9, "family": 4}


def test_ethnicity_counts_match_published_30_2_1(ctx):
    """USIP and SATP count 30 Pashtuns, 2 Tajiks and 1 Uzbek among the 33."""
    assert ctx.ds.appointees["ethnicity"].value_counts().to_dict() == {"Pashtun": 30, "Tajik": 2, "Uzbek": 1}


def test_competing_values_are_kept(ctx):
    c = ctx.ds.codings
    muttaqi = c[(c["appointee_id"] == "amir_khan_muttaqi") & (c["field"] == "province")]
    assert {(v, b) for v, b in zip(muttaqi["value"], muttaqi["basis"])} >= {("Helmand", "birth"), ("Paktia", "family")}
    hanafi = c[(c["appointee_id"] == "abdul_salam_hanafi") & (c["field"] == "province")]
    assert set(hanafi["value"]) == {"Jowzjan", "Faryab"}
    # The UN entry gives Hamidullah Akhundzada two alternative birthplaces: the wide table leaves him unknown.
    hamid = c[(c["appointee_id"] == "hamidullah_akhundzada") & (c["field"] == "province")]
    assert set(hamid["value"]) == {"Helmand", "Kandahar"}
    a = ctx.ds.appointees.set_index("id")
    assert pd.isna(a.loc["hamidullah_akhundzada", "province"])
    assert a.loc["hamidullah_akhundzada", "origin_basis"] == "unknown"


def test_provinces_table(ctx):
    p = ctx.ds.provinces
    assert len(p) == 34
    assert p["province"].is_unique
    assert int(p["population_nsia_2021_22"].sum()) == 32_068_666
    assert sorted(p.loc[~p["population_exact"], "province"]) == ["Bamyan", "Kunduz", "Sar-e Pol"]
    assert p["lat"].between(29, 39).all() and p["lon"].between(60, 75).all()


def test_spelling_variants_resolve(ctx):
    from cabinet_analysis.provinces import ProvinceIndex

    index, clashes = ProvinceIndex.build(ctx.ds.provinces)
    assert clashes == []
    assert index.resolve("Hilmand") == "Helmand"
    assert index.resolve("sar-i-pul") == "Sar-e Pol"
    assert index.resolve("Maidan Wardak") == "Wardak"
    assert index.resolve("Atlantis") is None


def test_public_loaders_return_typed_frames():
    from cabinet_analysis.dataset import load_appointees, load_codings, load_provinces, load_sources

    a = load_appointees()
    assert len(a) == 33 and str(a["seq"].dtype) == "Int64" and str(a["guantanamo"].dtype) == "boolean"
    assert a["announced_on"].dtype.kind == "M"
    c = load_codings()
    assert {"appointee_id", "field", "value", "basis", "source_id", "confidence", "note", "line"} <= set(c.columns)
    s = load_sources()
    assert s["source_id"].is_unique and set(s["kind"]) <= {"official", "un_list", "news", "analysis", "encyclopedia", "dataset"}
    p = load_provinces()
    assert len(p) == 34 and p["population_nsia_2021_22"].dtype == "int64" and p["lat"].dtype == float
