"""The claim test kinds: what each reads, checked at load, and what the ledger takes from them."""

from __future__ import annotations

import pytest

from cabinet_analysis.analysis.claim_kinds import KINDS, Known, check_claims
from cabinet_analysis.analysis.claims import evaluate_claims
from cabinet_analysis.coding.choices import DEFAULT, CodingChoice
from cabinet_analysis.data.package import load_package
from cabinet_analysis.paths import data_dir

KNOWN = Known(
    frozenset({"ibrahim_sadr", "amir_khan_muttaqi"}),
    frozenset({"west", "southwest", "Hazarajat"}),
    ("province", "iran_ties"),
)


def test_the_descriptor_declares_every_kind_and_no_other():
    assert sorted(load_package(data_dir())["claims"].field("test").enum) == sorted(KINDS)


def test_each_kind_declares_what_its_cells_hold():
    held = {
        name: (type(k.group).__name__, type(k.expected).__name__, k.coding_free, k.counts_unknowns)
        for name, k in KINDS.items()
    }
    assert held == {
        "appointee_count": ("Blank", "Count", True, False),
        "announcement_date": ("Blank", "Date", True, False),
        "group_empty": ("Group", "Blank", False, True),
        "group_only": ("Group", "Persons", False, True),
        "only_empty_regions": ("Persons", "Regions", False, True),
        "persons_absent": ("Blank", "Spellings", True, False),
        "later_appointment": ("Person", "PostName", True, False),
        "first_with_tie": ("Person", "EvidenceField", True, False),
        "group_empty_as_of": ("Group", "Rank", False, True),
        "not_testable": ("Blank", "Blank", False, False),
    }


@pytest.mark.parametrize(
    ("test", "group", "expected", "problem"),
    [
        ("appointee_count", "", "33", None),
        (
            "appointee_count",
            "",
            "33.0",
            ("expected", "test appointee_count: '33.0' must be a whole number written in digits"),
        ),
        ("appointee_count", "", "", ("expected", "test appointee_count: needs a whole number (in digits)")),
        (
            "announcement_date",
            "",
            "2021-02-29",
            ("expected", "test announcement_date: '2021-02-29' must be a real date written YYYY-MM-DD"),
        ),
        (
            "announcement_date",
            "",
            "7 September 2021",
            ("expected", "test announcement_date: '7 September 2021' must be a real date written YYYY-MM-DD"),
        ),
        (
            "group_empty",
            "West",
            "",
            (
                "group",
                "test group_empty: 'West' must be one of the focus groups: "
                "west, southwest, west_or_southwest, hazarajat, helmandi_networks",
            ),
        ),
        (
            "group_only",
            "southwest",
            "amir_khan_mutaqi",
            ("expected", "test group_only: unknown person(s) 'amir_khan_mutaqi' (not in persons.csv)"),
        ),
        ("only_empty_regions", "", "west;Hazarajat", None),
        (
            "only_empty_regions",
            "",
            "west;hazarajat",
            (
                "expected",
                "test only_empty_regions: unknown region(s) 'hazarajat': "
                "the commentary's scheme has Hazarajat, southwest, west",
            ),
        ),
        (
            "first_with_tie",
            "ibrahim_sadr",
            "iran",
            ("expected", "test first_with_tie: 'iran' must be a field of evidence.csv: province, iran_ties"),
        ),
        (
            "group_empty_as_of",
            "west",
            "ministers",
            (
                "expected",
                "test group_empty_as_of: 'ministers' must be a rank: "
                "all, cabinet rank, deputy or other, provincial or military",
            ),
        ),
        (
            "not_testable",
            "west",
            "",
            ("group", "test not_testable: must be blank for this test, found 'west'"),
        ),
    ],
)
def test_a_cell_is_checked_against_its_kind(test, group, expected, problem):
    import pandas as pd

    claims = pd.DataFrame([{"claim_id": "x", "test": test, "group": group, "expected": expected}], index=[7])
    got = [(p.column, p.message) for p in check_claims(claims, KNOWN)]
    assert got == ([] if problem is None else [problem])
    assert all(str(p).startswith("claims.csv:7:") for p in check_claims(claims, KNOWN))


def test_a_coding_free_kind_gives_the_same_result_under_any_coding(ctx):
    other = CodingChoice(
        origin="family",
        prefer="un_list",
        helmandi="tribe",
        scheme="unama",
        baseline="emirate",
        hazarajat="listed",
    )
    for claim in ctx.ds.claims.to_dict("records"):
        kind = KINDS[claim["test"]]
        if kind.coding_free:
            assert kind.evaluate(ctx, claim, DEFAULT, {}) == kind.evaluate(ctx, claim, other, {}), claim[
                "claim_id"
            ]


def test_the_ledger_counts_unknowns_only_for_kinds_that_read_origins(ctx):
    ledger = evaluate_claims(ctx).set_index("claim_id")
    tests = ctx.ds.claims.set_index("claim_id")["test"]
    for cid, row in ledger.iterrows():
        kind = KINDS[tests[cid.split("@")[0]]]
        assert pd_isna(row["unknowns"]) == (not kind.counts_unknowns), cid


def pd_isna(v) -> bool:
    import pandas as pd

    return bool(pd.isna(v))
