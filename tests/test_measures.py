"""Measures on small hand-made tables with known answers, and invariants on random tables."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cabinet_analysis.analysis import measures

COUNTS = pd.Series({"a": 2, "b": 1, "c": 0})
BASE = pd.Series({"a": 0.5, "b": 0.3, "c": 0.2})


def test_gap_table_hand_computed():
    t = measures.gap_table(COUNTS, BASE).set_index("group")
    assert list(t.index) == ["a", "b", "c"]
    assert t["observed"].tolist() == [2, 1, 0]
    assert t["n"].tolist() == [3, 3, 3]
    assert t["share"].tolist() == pytest.approx([2 / 3, 1 / 3, 0.0])
    assert t["expected"].tolist() == pytest.approx([1.5, 0.9, 0.6])
    assert t["gap_pp"].tolist() == pytest.approx([100 * (2 / 3 - 0.5), 100 * (1 / 3 - 0.3), -20.0])
    assert t["ratio"].tolist() == pytest.approx([(2 / 3) / 0.5, (1 / 3) / 0.3, 0.0])
    # P(X <= 0) for X ~ Bin(3, 0.2) is 0.8^3
    assert t.loc["c", "p_under"] == pytest.approx(0.8**3)
    # P(X >= 2) for X ~ Bin(3, 0.5) is 0.5
    assert t.loc["a", "p_over"] == pytest.approx(0.5)
    assert t["share"].sum() == pytest.approx(1.0)
    assert t["gap_pp"].sum() == pytest.approx(0.0, abs=1e-12)


def test_indices_hand_computed():
    assert measures.loosemore_hanby(COUNTS, BASE) == pytest.approx(0.2)
    d = np.array([2 / 3 - 0.5, 1 / 3 - 0.3, -0.2])
    assert measures.gallagher(COUNTS, BASE) == pytest.approx(math.sqrt(0.5 * (d**2).sum()))
    assert measures.gallagher(COUNTS, BASE) == pytest.approx(0.185592, abs=1e-6)


def test_indices_zero_when_proportional():
    counts = pd.Series({"x": 6, "y": 3, "z": 1})
    base = counts / counts.sum()
    assert measures.loosemore_hanby(counts, base) == pytest.approx(0.0, abs=1e-15)
    assert measures.gallagher(counts, base) == pytest.approx(0.0, abs=1e-15)


def test_known_p_values():
    # The west under the population baseline: 0 of 21, share 0.12785 -> 0.87215^21.
    assert measures.p_under(0, 21, 0.12785) == pytest.approx(0.87215**21)
    assert measures.p_under(0, 21, 0.12785) == pytest.approx(0.0565477, abs=1e-6)
    # Anchors note: P(at most 1 of 33) with p = 0.18 is about 0.0118.
    assert measures.p_under(1, 33, 0.18) == pytest.approx(0.0118029, abs=1e-6)
    assert measures.p_over(0, 10, 0.3) == pytest.approx(1.0)


def test_jeffreys_interval_edges():
    lo, hi = measures.jeffreys_interval(0, 33)
    assert lo == 0.0
    assert hi == pytest.approx(0.0727587, abs=1e-6)
    lo, hi = measures.jeffreys_interval(33, 33)
    assert hi == 1.0 and lo > 0.9
    assert all(math.isnan(x) for x in measures.jeffreys_interval(0, 0))


def test_multinomial_test_is_seeded_and_sensible():
    counts = pd.Series({"a": 10, "b": 0, "c": 0})
    base = pd.Series({"a": 1 / 3, "b": 1 / 3, "c": 1 / 3})
    first = measures.multinomial_test(counts, base, draws=2000, seed=7)
    again = measures.multinomial_test(counts, base, draws=2000, seed=7)
    assert first == again
    assert first["observed"] == pytest.approx(2 / 3)
    assert first["p_value"] == pytest.approx(1 / 2001)
    fair = measures.multinomial_test(pd.Series({"a": 4, "b": 3, "c": 3}), base, draws=2000, seed=7)
    assert fair["p_value"] > 0.5


def test_bad_baselines_are_refused():
    with pytest.raises(ValueError, match="sum to 1"):
        measures.gap_table(COUNTS, pd.Series({"a": 0.5, "b": 0.3, "c": 0.1}))
    with pytest.raises(ValueError, match="without a baseline"):
        measures.gap_table(pd.Series({"a": 1, "zz": 1}), BASE)


tables = st.integers(min_value=2, max_value=9).flatmap(
    lambda g: st.tuples(
        st.lists(st.integers(min_value=0, max_value=40), min_size=g, max_size=g).filter(lambda c: sum(c) > 0),
        st.lists(st.floats(min_value=0.01, max_value=10), min_size=g, max_size=g),
    )
)


def _series(counts, weights):
    idx = [f"g{i}" for i in range(len(counts))]
    w = np.array(weights)
    return pd.Series(counts, index=idx), pd.Series(w / w.sum(), index=idx)


@settings(max_examples=60, deadline=None)
@given(tables)
def test_invariants_on_random_tables(table):
    counts, base = _series(*table)
    t = measures.gap_table(counts, base)
    assert t["share"].sum() == pytest.approx(1.0)
    assert t["gap_pp"].sum() == pytest.approx(0.0, abs=1e-9)
    assert t["expected"].sum() == pytest.approx(counts.sum())
    assert ((t["p_under"] >= 0) & (t["p_under"] <= 1 + 1e-12)).all()
    assert ((t["ci_low"] <= t["share"] + 1e-12) & (t["share"] <= t["ci_high"] + 1e-12)).all()
    lh = measures.loosemore_hanby(counts, base)
    lsq = measures.gallagher(counts, base)
    assert 0 <= lh <= 1
    assert 0 <= lsq <= math.sqrt(2) * lh + 1e-12


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1, max_value=60), st.floats(min_value=0.001, max_value=0.999))
def test_p_under_is_monotone_in_k(n, p):
    values = [measures.p_under(k, n, p) for k in range(n + 1)]
    assert all(a <= b + 1e-12 for a, b in zip(values, values[1:]))
    assert values[-1] == pytest.approx(1.0)
