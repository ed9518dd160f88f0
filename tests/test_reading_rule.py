"""The reading rule (``cabinet_analysis.coding.choices``), on small hand-made evidence: ties, confidence,
agreement, source kind, the UN list preference, imputed values, birth against family origin."""

from __future__ import annotations

from cabinet_analysis.coding.choices import CodingChoice
from cabinet_analysis.coding.reading import best_value, read_ethnicity, read_field, read_origin, read_person


def row(value, basis="", conf="medium", kind="news", source="s", line=1):
    return (value, basis, conf, kind, source, line)


def test_higher_confidence_wins():
    assert best_value([row("Kandahar", conf="medium"), row("Helmand", conf="high")]) == "Helmand"


def test_agreement_breaks_a_confidence_tie():
    cands = [row("Kandahar", source="a"), row("Helmand", source="b"), row("helmand", source="c", line=3)]
    assert (
        best_value(cands) == "Helmand"
    )  # two medium sources against one; case is ignored, first spelling kept


def test_source_kind_breaks_a_tie_of_confidence_and_agreement():
    assert best_value([row("Kandahar", kind="news"), row("Helmand", kind="official")]) == "Helmand"


def test_a_full_tie_is_unknown():
    assert best_value([row("Kandahar", source="a"), row("Helmand", source="b")]) is None
    assert best_value([]) is None


def test_un_list_preference_reads_the_list_and_its_alternatives_tie():
    cands = [
        row("Kandahar", conf="high", kind="official"),
        row("Uruzgan", kind="un_list"),
        row("Helmand", kind="un_list"),
    ]
    assert best_value(cands) == "Kandahar"
    assert best_value(cands, prefer="un_list") is None
    assert best_value(cands[:2], prefer="un_list") == "Uruzgan"


def test_floor_drops_low_confidence_rows():
    index = {("p", "tribe"): [row("Ishaqzai", conf="low")]}
    assert read_field(index, "p", "tribe") is None
    assert read_field(index, "p", "tribe", floor="low") == "Ishaqzai"


def test_birth_first_and_a_tie_at_birth_does_not_fall_back_to_family():
    index = {
        ("p", "province"): [row("Helmand", "birth", source="a"), row("Paktia", "family", "high", source="b")],
        ("q", "province"): [
            row("Helmand", "birth", source="a"),
            row("Kandahar", "birth", source="b"),
            row("Paktia", "family", "high", source="c"),
        ],
    }
    assert read_origin(index, "p", ("birth", "family"), "confidence", "medium")[:2] == ("Helmand", "birth")
    assert read_origin(index, "p", ("family", "birth"), "confidence", "medium")[:2] == ("Paktia", "family")
    assert read_origin(index, "q", ("birth", "family"), "confidence", "medium") == (None, None, None)


def test_district_only_from_sources_that_name_the_same_province():
    index = {
        ("p", "province"): [
            row("Helmand", "birth", source="a"),
            row("Helmand", "birth", source="b"),
            row("Kandahar", "birth", "low", source="c"),
        ],
        ("p", "district"): [
            row("Nad Ali", "birth", source="a"),
            row("Spin Boldak", "birth", "high", source="c"),
        ],
    }
    assert read_origin(index, "p", ("birth", "family"), "confidence", "medium") == (
        "Helmand",
        "birth",
        "Nad Ali",
    )


def test_imputed_ethnicity_only_under_the_imputed_switch_and_only_without_direct_evidence():
    index = {
        ("p", "ethnicity"): [row("Pashtun", conf="imputed", kind="analysis")],
        ("q", "ethnicity"): [row("Tajik", conf="low"), row("Pashtun", conf="imputed", kind="analysis")],
    }
    assert read_ethnicity(index, "p", "direct") is None
    assert read_ethnicity(index, "p", "imputed") == "Pashtun"
    assert read_ethnicity(index, "q", "direct") is None  # low is below the direct floor
    assert (
        read_ethnicity(index, "q", "imputed") == "Tajik"
    )  # direct evidence, even weak, beats an imputed value


def test_as_coded_reads_at_medium_and_birth_admits_low():
    index = {("p", "province"): [row("Paktia", "birth", "low")]}
    assert read_person(index, "p")["province"] is None
    assert read_person(index, "p", CodingChoice(origin="birth"))["province"] == "Paktia"
    assert read_person(index, "p")["origin_basis"] == "unknown"
