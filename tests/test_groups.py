"""The registry of Helmandi membership rules (``cabinet_analysis.coding.groups``): one definition read by the
classification and by the bounds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cabinet_analysis.coding.choices import HELMANDI_RULES
from cabinet_analysis.coding.groups import HELMANDI, Ties, helmandi_rule

BADRI = Ties("haqqani", ["haqqani"], "Ishaqzai", "Logar")
ZAKIR = Ties("helmandi", ["helmandi", "military_commission"], "Alizai", "Helmand")
UNKNOWN = Ties(None, [], None, None)


def test_the_switch_values_are_the_registry():
    assert HELMANDI_RULES == ("network", "any_network", "tribe", "tribe_and_helmand", "helmand_origin")
    with pytest.raises(ValueError, match="unknown helmandi rule 'clan'"):
        helmandi_rule("clan")


def test_membership_under_each_rule():
    assert {name: rule.member(BADRI) for name, rule in HELMANDI.items()} == {
        "network": False,
        "any_network": False,
        "tribe": True,
        "tribe_and_helmand": False,
        "helmand_origin": False,
    }
    assert all(rule.member(ZAKIR) for rule in HELMANDI.values())


def test_bounds_of_a_person_with_nothing_known():
    anywhere = frozenset({"Helmand", "Kandahar"})
    assert {name: rule.bounds(UNKNOWN, anywhere) for name, rule in HELMANDI.items()} == {
        "network": (0, 1),
        "any_network": (0, 1),
        "tribe": (0, 1),
        "tribe_and_helmand": (0, 1),
        "helmand_origin": (0, 1),
    }
    assert helmandi_rule("helmand_origin").bounds(UNKNOWN, frozenset({"Kandahar"})) == (0, 0)
    assert helmandi_rule("helmand_origin").bounds(UNKNOWN, frozenset({"Helmand"})) == (1, 1)


@given(
    st.sampled_from(["helmandi", "haqqani", "kandahari_core"]),
    st.sampled_from(["Ishaqzai", "Alizai", "Noorzai", "Kakar"]),
    st.sampled_from(["Helmand", "Kandahar", "Paktia"]),
    st.sampled_from(list(HELMANDI)),
)
def test_with_everything_known_the_bounds_are_the_membership(network, tribe, province, name):
    ties = Ties(network, [network], tribe, province)
    rule = HELMANDI[name]
    assert rule.bounds(ties, frozenset({province})) == (int(rule.member(ties)),) * 2
