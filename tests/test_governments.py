"""The governments before it, on the same yardstick, and the posterior over the unknowns."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from cabinet_analysis.analysis.governments import (
    calibration,
    coverage,
    governments_table,
    posterior_shares,
)


def test_every_government_and_its_members_coded(ctx):
    c = coverage(ctx).set_index("government_id")
    assert c["members"].to_dict() == {
        "gov_1996_2001": 56,
        "gov_2001_12_22": 30,
        "gov_2002_06_19": 31,
        "gov_2004_12_23": 22,
        "gov_2015_04": 29,
        "gov_2021_07": 30,
        "taliban_2021_09_07": 33,
        "taliban_today": 43,
    }
    assert c.loc["gov_2001_12_22", ["with_province", "with_ethnicity"]].tolist() == [16, 23]


def test_the_table_counts_known_members_and_bounds_the_unknowns(ctx):
    t = governments_table(ctx).set_index(["government_id", "group"])
    assert t.loc[("gov_1996_2001", "west"), ["observed", "n_known", "size"]].tolist() == [0, 51, 56]
    assert t.loc[
        ("gov_2001_12_22", "hazara"), ["observed", "n_known", "observed_min", "observed_max"]
    ].tolist() == [5, 23, 5, 12]
    assert t.loc[
        ("taliban_2021_09_07", "west"), ["observed", "n_known", "observed_min", "observed_max"]
    ].tolist() == [0, 24, 0, 7]
    assert ((t["observed_min"] <= t["observed"]) & (t["observed"] <= t["observed_max"])).all()
    assert t["p_below_posterior"].between(0, 1).all()
    # the caretaker's west: as in notebook 03 (0 of 24, p 0.042)
    assert round(float(t.loc[("taliban_2021_09_07", "west"), "p_under"]), 3) == 0.042


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 30), st.integers(0, 30), st.integers(0, 15), st.floats(0.01, 0.9))
def test_the_posterior_share_lies_in_what_the_unknowns_allow(k, extra, unknown, p):
    n = k + extra
    if n == 0:
        return
    shares = posterior_shares(k, n, np.full(unknown, p), draws=500)
    assert ((shares >= 0) & (shares <= 1)).all()
    # with every unknown surely out of the group, the share can never exceed the known members' share at most
    out = posterior_shares(k, n, np.zeros(unknown), draws=500)
    assert (out <= n / (n + unknown) + 1e-12).all()


def test_calibration_on_200_cabinets():
    """The benchmark (benchmarks/calibration.py) runs 1,000; this is the fast, exact version of it."""
    covered = calibration(200)
    assert 0.93 <= covered <= 0.97
    assert covered == calibration(200)  # seeded
