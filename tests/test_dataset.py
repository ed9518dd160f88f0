"""Exact facts of the shipped data: who the 33 are, their posts, and the evidence behind every value."""

from __future__ import annotations

import pandas as pd

from cabinet_analysis.data.provinces import ProvinceIndex
from cabinet_analysis.report.tables import ethnicity_counts
from cabinet_analysis.report.wide import appointees_table

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
    a = ctx.first_round
    assert len(a) == 33
    assert list(a["person_id"]) == list(POSTS)
    assert list(a["seq"]) == list(range(1, 34))
    assert a["person_id"].is_unique


def test_posts_as_announced(ctx):
    assert dict(zip(ctx.first_round["person_id"], ctx.first_round["post"])) == POSTS


def test_tier_counts(ctx):
    counts = ctx.first_round["tier"].value_counts().to_dict()
    assert counts == {
        "minister": 19,
        "deputy_minister": 7,
        "acting_head_of_agency": 3,
        "deputy_prime_minister": 2,
        "prime_minister": 1,
        "other_senior": 1,
    }


def test_all_announced_on_7_september(ctx):
    assert set(ctx.first_round["announced_on"].dt.strftime("%Y-%m-%d")) == {"2021-09-07"}


def test_posts_live_only_in_appointments(ctx):
    assert not ctx.ds.evidence["field"].isin(["post", "announced_on", "tier"]).any()
    assert "post" not in ctx.ds.persons.columns


def test_every_default_value_rests_on_evidence(ctx):
    """Re-checks the reading rule independently: every value of the wide table is the value of at
    least one evidence row of medium or high confidence with the same field (and basis, for origin)."""
    a = appointees_table(ctx)
    e = ctx.ds.evidence[ctx.ds.evidence["confidence"].isin(["high", "medium"])]
    checked = 0
    for row in a.itertuples(index=False):
        ev = e[e["person_id"] == row.person_id]
        wanted = [
            (f, getattr(row, f))
            for f in ("province", "district", "ethnicity", "tribe", "network", "guantanamo", "un_1988_ref")
        ]
        wanted += [("network", n) for n in row.affiliations.split(";") if n]
        wanted += [("emirate_1996_2001", p) for p in row.emirate_1996_2001.split(";") if p]
        for field, value in wanted:
            if not value:
                continue
            rows = ev[(ev["field"] == field) & (ev["value"].str.casefold() == value.casefold())]
            if field in ("province", "district"):
                rows = rows[rows["basis"] == row.origin_basis]
            assert len(rows) >= 1, (row.person_id, field, value)
            checked += 1
    assert checked == 24 + 18 + 13 + 16 + 18 + 6 + 19 + 9 + 45  # fields, then affiliations and posts


def test_coverage_of_coded_fields(ctx):
    a = appointees_table(ctx)
    known = {
        col: int((a[col] != "").sum())
        for col in [
            "province",
            "district",
            "ethnicity",
            "tribe",
            "network",
            "un_1988_ref",
            "emirate_1996_2001",
        ]
    }
    assert known == {
        "province": 24,
        "district": 18,
        "ethnicity": 13,
        "tribe": 16,
        "network": 18,
        "un_1988_ref": 19,
        "emirate_1996_2001": 18,
    }
    assert int((a["guantanamo"] == "true").sum()) == 4
    assert sorted(a.loc[a["guantanamo"] == "true", "person_id"]) == [
        "abdul_haq_wasiq",
        "khairullah_khairkhwa",
        "mohammad_fazl",
        "noorullah_noori",
    ]


def test_origin_basis_matches_province(ctx):
    a = appointees_table(ctx)
    assert ((a["province"] == "") == (a["origin_basis"] == "unknown")).all()
    assert a["origin_basis"].value_counts().to_dict() == {"birth": 21, "unknown": 9, "family": 3}


def test_ethnicity_direct_and_imputed(ctx):
    """Direct evidence names 13 ethnicities; the published 30/2/1 count would fill 20 more, recorded as imputed."""
    t = ethnicity_counts(ctx).set_index("ethnicity")
    assert t["direct"].to_dict() == {"Pashtun": 10, "Tajik": 2, "Pashai": 0, "Uzbek": 1, "unknown": 20}
    assert t["imputed"].to_dict() == {"Pashtun": 29, "Tajik": 2, "Pashai": 1, "Uzbek": 1, "unknown": 0}
    e = ctx.ds.evidence
    assert int((e["confidence"] == "imputed").sum()) == 30
    assert set(e.loc[e["confidence"] == "imputed", "field"]) == {"ethnicity"}


def test_a_count_never_overrides_an_explicit_claim(ctx):
    """Khalid Hanafi: two weak sources say Nuristani and Pashai (the rule takes the news report over the
    encyclopedia mirror); the cabinet-wide count would say Pashtun, and never wins over either."""
    from dataclasses import replace

    from cabinet_analysis.coding.choices import DEFAULT

    a = ctx.appointees(replace(DEFAULT, ethnicity="imputed")).set_index("person_id")
    assert a.loc["khalid_hanafi", "ethnicity"] == "Pashai"
    assert pd.isna(ctx.appointees().set_index("person_id").loc["khalid_hanafi", "ethnicity"])


def test_competing_values_are_kept(ctx):
    e = ctx.ds.evidence
    muttaqi = e[(e["person_id"] == "amir_khan_muttaqi") & (e["field"] == "province")]
    assert {(v, b) for v, b in zip(muttaqi["value"], muttaqi["basis"])} >= {
        ("Helmand", "birth"),
        ("Paktia", "family"),
    }
    hanafi = e[(e["person_id"] == "abdul_salam_hanafi") & (e["field"] == "province")]
    assert set(hanafi["value"]) == {"Jowzjan", "Faryab"}
    # The UN entry gives Hamidullah Akhundzada two alternative birthplaces: the default reading leaves him unknown.
    hamid = e[(e["person_id"] == "hamidullah_akhundzada") & (e["field"] == "province")]
    assert set(hamid["value"]) == {"Helmand", "Kandahar"}
    a = appointees_table(ctx).set_index("person_id")
    assert a.loc["hamidullah_akhundzada", ["province", "origin_basis"]].tolist() == ["", "unknown"]
    # Sirajuddin Haqqani: four alternative UN birthplaces, so unknown by birth (Paktia by family).
    assert a.loc["sirajuddin_haqqani", ["province", "origin_basis"]].tolist() == ["", "unknown"]


def test_justice_minister_from_his_ministry_biography(ctx):
    a = appointees_table(ctx).set_index("person_id")
    assert a.loc["abdul_hakim_sharaee", ["province", "origin_basis", "tribe"]].tolist() == [
        "Khost",
        "birth",
        "Laken",
    ]
    e = ctx.ds.evidence
    bio = e[(e["person_id"] == "abdul_hakim_sharaee") & e["source_id"].str.startswith("moj_sharaee_bio")]
    assert set(bio["source_id"]) == {"moj_sharaee_bio_en", "moj_sharaee_bio_en2", "moj_sharaee_bio_dr"}
    assert (
        ctx.ds.sources.set_index("source_id")
        .loc[sorted(set(bio["source_id"])), "url"]
        .str.contains("moj.gov.af")
    ).all()


def test_provinces_table(ctx):
    p = ctx.ds.provinces
    assert len(p) == 34
    assert p["province"].is_unique
    assert int(p["population_nsia_2021_22"].sum()) == 32_068_666
    assert sorted(p.loc[~p["population_exact"], "province"]) == ["Bamyan", "Kunduz", "Sar-e Pol"]
    assert p["lat"].between(29, 39).all() and p["lon"].between(60, 75).all()


def test_spelling_variants_resolve(ctx):
    index, clashes = ProvinceIndex.build(ctx.ds.provinces)
    assert clashes == []
    assert index.resolve("Hilmand") == "Helmand"
    assert index.resolve("sar-i-pul") == "Sar-e Pol"
    assert index.resolve("Maidan Wardak") == "Wardak"
    assert index.resolve("Ghanzi") == "Ghazni"
    assert index.resolve("Atlantis") is None


def test_one_key_and_one_separator_everywhere(ctx):
    import csv
    from pathlib import Path

    data = Path(ctx.ds.data_dir)
    for path in data.glob("*.csv"):
        header = next(csv.reader(path.open(encoding="utf-8")))
        if path.name != "whogov_july.csv":  # WhoGov's own column names, by design
            assert not {"id", "appointee_id", "notes"} & set(header), path.name
        assert "|" not in path.read_text(encoding="utf-8").replace("\\|", ""), (
            f"{path.name} uses | as a separator"
        )


def test_typed_frames(ctx):
    ds = ctx.ds
    assert ds.appointments["announced_on"].dtype.kind == "M" and str(ds.appointments["seq"].dtype) == "Int64"
    assert {"person_id", "field", "value", "basis", "source_id", "confidence", "note", "line", "kind"} <= set(
        ds.evidence.columns
    )
    assert ds.sources["source_id"].is_unique and set(ds.sources["kind"]) <= {
        "official",
        "un_list",
        "news",
        "analysis",
        "encyclopedia",
        "dataset",
    }
    assert (
        len(ds.provinces) == 34
        and ds.provinces["population_nsia_2021_22"].dtype == "int64"
        and ds.provinces["lat"].dtype == float
    )
