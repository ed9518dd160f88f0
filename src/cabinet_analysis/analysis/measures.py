"""Representation measures: small pure functions on counts and baseline shares.

Notation used in every docstring: ``n`` appointees with a known group, group
``g`` has ``k_g`` appointees (observed share ``s_g = k_g / n``) and a baseline
share ``v_g`` (population, provinces or ethnic share; the ``v_g`` sum to 1).
Formulas and references are collected in ``docs/methods.md``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import special

GAP_COLUMNS = [
    "group",
    "observed",
    "n",
    "share",
    "baseline_share",
    "expected",
    "gap_pp",
    "ratio",
    "p_under",
    "p_over",
    "ci_low",
    "ci_high",
]


def jeffreys_interval(k: int, n: int, level: float = 0.95) -> tuple[float, float]:
    """Jeffreys interval for a binomial share: quantiles of Beta(k + 1/2, n - k + 1/2)
    (scipy.special.betaincinv, the inverse regularised incomplete beta function).

    By convention the lower bound is 0 when k = 0 and the upper bound 1 when
    k = n (Brown, Cai & DasGupta 2001, Statistical Science 16:101-133).
    """
    if n <= 0:
        return (float("nan"), float("nan"))
    alpha = 1.0 - level
    lo = 0.0 if k == 0 else float(special.betaincinv(k + 0.5, n - k + 0.5, alpha / 2))
    hi = 1.0 if k == n else float(special.betaincinv(k + 0.5, n - k + 0.5, 1 - alpha / 2))
    return lo, hi


def p_under(k: int, n: int, p: float) -> float:
    """Exact one-sided binomial p-value for under-representation: P(X <= k), X ~ Bin(n, p).

    Computed with scipy.special.bdtr (the binomial CDF via the regularised
    incomplete beta function), which is what scipy.stats.binom.cdf uses."""
    if k >= n:
        return 1.0
    return float(special.bdtr(k, n, p))


def p_over(k: int, n: int, p: float) -> float:
    """Exact one-sided binomial p-value for over-representation: P(X >= k), X ~ Bin(n, p)."""
    if k <= 0:
        return 1.0
    return float(special.bdtrc(k - 1, n, p))


def group_gap(group: str, k: int, n: int, v: float, level: float = 0.95) -> dict:
    """One row of a gap table for a group with k of n appointees and baseline share v.

    - share ``s = k / n``; expected count ``n * v``
    - gap in percentage points ``100 * (s - v)``
    - representation ratio ``s / v`` (Francois, Rainer & Trebbi 2015 compare
      cabinet and population shares the same way); NaN when ``v = 0``
    - exact binomial tails ``P(X <= k)`` and ``P(X >= k)`` with ``X ~ Bin(n, v)``
    - Jeffreys interval for the share
    """
    share = k / n if n else float("nan")
    lo, hi = jeffreys_interval(k, n, level)
    return {
        "group": group,
        "observed": int(k),
        "n": int(n),
        "share": share,
        "baseline_share": float(v),
        "expected": n * v,
        "gap_pp": 100.0 * (share - v),
        "ratio": share / v if v > 0 else float("nan"),
        "p_under": p_under(k, n, v),
        "p_over": p_over(k, n, v),
        "ci_low": lo,
        "ci_high": hi,
    }


def holm(p_values) -> list[float]:
    """Holm's step-down adjustment for testing several hypotheses at once (Holm 1979,
    Scandinavian Journal of Statistics 6:65-70): sort the m p-values, multiply the i-th
    smallest (i = 0..m-1) by m - i, carry the running maximum forward, cap at 1. Valid under any
    dependence between the tests; controls the family-wise error rate."""
    p = np.asarray(list(p_values), dtype=float)
    m = len(p)
    order = np.argsort(p, kind="stable")
    adjusted = np.empty(m)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        adjusted[i] = running
    return adjusted.tolist()


def gap_table(counts: pd.Series, baseline: pd.Series, level: float = 0.95) -> pd.DataFrame:
    """Gap table for a partition: one row per group of ``baseline``.

    ``counts`` maps group -> observed count (missing groups count 0; a group
    absent from the baseline raises ValueError); ``baseline`` maps group ->
    share and must sum to 1. Shares then sum to 1 and gaps to 0.
    """
    _check_baseline(baseline)
    unknown = set(counts.index) - set(baseline.index)
    if unknown:
        raise ValueError(f"groups without a baseline share: {sorted(unknown)}")
    counts = counts.reindex(baseline.index, fill_value=0).astype(int)
    n = int(counts.sum())
    rows = [group_gap(g, int(counts[g]), n, float(baseline[g]), level) for g in baseline.index]
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


def _check_baseline(baseline: pd.Series) -> None:
    if (baseline < 0).any():
        raise ValueError("baseline shares must not be negative")
    if not np.isclose(baseline.sum(), 1.0, atol=1e-9):
        raise ValueError(f"baseline shares must sum to 1, not {baseline.sum():.6f}")


def _aligned(counts: pd.Series, baseline: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    _check_baseline(baseline)
    k = counts.reindex(baseline.index, fill_value=0).to_numpy(dtype=float)
    if k.sum() <= 0:
        raise ValueError("no appointees to measure")
    return k / k.sum(), baseline.to_numpy(dtype=float)


def loosemore_hanby(counts: pd.Series, baseline: pd.Series) -> float:
    """Loosemore-Hanby index: D = 1/2 * sum_g |s_g - v_g| (Loosemore & Hanby 1971,
    British Journal of Political Science 1:467-477). 0 when proportional, at most 1."""
    s, v = _aligned(counts, baseline)
    return float(0.5 * np.abs(s - v).sum())


def gallagher(counts: pd.Series, baseline: pd.Series) -> float:
    """Gallagher least-squares index: LSq = sqrt(1/2 * sum_g (s_g - v_g)^2)
    (Gallagher 1991, Electoral Studies 10:33-51), on shares in [0, 1]."""
    s, v = _aligned(counts, baseline)
    return float(np.sqrt(0.5 * ((s - v) ** 2).sum()))


def multinomial_test(
    counts: pd.Series, baseline: pd.Series, draws: int = 20_000, seed: int = 20210907
) -> dict:
    """Seeded Monte Carlo test of the whole table against a fair draw.

    Draws ``draws`` cabinets of the same size from Multinomial(n, v) and
    compares their Loosemore-Hanby index with the observed one. The p-value is
    (1 + #{simulated >= observed}) / (1 + draws) (Davison & Hinkley 1997, eq. 4.11),
    so it is never 0. The seed makes the result reproducible.
    """
    if not isinstance(draws, (int, np.integer)) or draws < 1:
        raise ValueError(f"draws must be a whole number of at least 1, not {draws!r}")
    s, v = _aligned(counts, baseline)
    n = int(counts.reindex(baseline.index, fill_value=0).sum())
    observed = 0.5 * np.abs(s - v).sum()
    rng = np.random.default_rng(seed)
    sims = rng.multinomial(n, v, size=draws) / n
    stat = 0.5 * np.abs(sims - v).sum(axis=1)
    # Tolerance so that ties from floating point count as ties.
    exceed = int((stat >= observed - 1e-12).sum())
    return {
        "statistic": "loosemore_hanby",
        "observed": float(observed),
        "simulated_mean": float(stat.mean()),
        "p_value": (1 + exceed) / (1 + draws),
        "draws": draws,
        "seed": seed,
        "n": n,
    }
