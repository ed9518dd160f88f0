"""Baselines: what share of the 33 each group would get under a fair draw.

Named baselines for region partitions:

- ``population``: share of the settled population (NSIA 2021-22 estimate),
  summed over the provinces of each region.
- ``provinces``: equal weight per province (each of the 34 counts 1/34).

For ethnic groups, ``data/ethnic_shares.csv`` gives a low, central and high
estimate across sources; :func:`ethnic_gaps` tests against each level by name.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from .choices import BASELINES, DEFAULT, ETHNICITY_RULES

REGION_BASELINES = BASELINES
ETHNIC_LEVELS = ("low", "central", "high")


def province_weights(provinces: pd.DataFrame, baseline: str) -> pd.Series:
    """Weight of each province (summing to 1) under a named region baseline."""
    if baseline == "population":
        w = provinces.set_index("province")["population_nsia_2021_22"].astype(float)
    elif baseline == "provinces":
        w = pd.Series(1.0, index=provinces["province"])
    else:
        raise ValueError(f"unknown baseline {baseline!r}; choose one of {REGION_BASELINES}")
    return w / w.sum()


def region_baseline(provinces: pd.DataFrame, regions: pd.DataFrame, scheme: str, baseline: str) -> pd.Series:
    """Share of each region of ``scheme`` under ``baseline`` (index: region, sums to 1).

    Hazarajat's baseline counts its whole provinces only (Bamyan, Daykundi):
    no district populations are shipped, so listed districts elsewhere add
    appointees to Hazarajat but nothing to its baseline (see docs/methods.md).
    """
    weights = province_weights(provinces, baseline)
    mapping = regions[regions["scheme"] == scheme].set_index("province")["region"]
    if mapping.empty:
        raise ValueError(f"unknown region scheme {scheme!r}")
    shares = weights.groupby(mapping.reindex(weights.index)).sum()
    return shares.sort_index()


def group_baseline(provinces: pd.DataFrame, province_set: set[str], baseline: str) -> float:
    """Baseline share of a group of provinces."""
    weights = province_weights(provinces, baseline)
    return float(weights[weights.index.isin(province_set)].sum())


def ethnic_gaps(people: pd.DataFrame, shares: pd.DataFrame) -> pd.DataFrame:
    """Per ethnic group: observed count among appointees of known ethnicity, and
    expected count, gap and exact under/over-representation p-values at the
    low, central and high estimate of the group's population share.

    ``people`` is read under one ``ethnicity`` switch (see :func:`ethnic_sensitivity`
    for both); ``n_unknown`` says how many are left out for want of evidence."""
    from . import measures

    known = people["ethnicity"].dropna()
    n = len(known)
    named = set(shares["group"]) - {"Other"}
    observed = known.where(known.isin(named), "Other").value_counts()
    rows = []
    for g in shares.itertuples(index=False):
        k = int(observed.get(g.group, 0))
        row = {"group": g.group, "observed": k, "n": n, "n_unknown": int(people["ethnicity"].isna().sum()),
               "share": k / n if n else float("nan")}
        for level in ETHNIC_LEVELS:
            v = float(getattr(g, level))
            row[f"expected_{level}"] = n * v
            row[f"p_under_{level}"] = measures.p_under(k, n, v)
            row[f"p_over_{level}"] = measures.p_over(k, n, v)
        row["gap_pp_central"] = 100 * (row["share"] - g.central)
        rows.append(row)
    return pd.DataFrame(rows)


def ethnic_sensitivity(ctx, groups=("Hazara",)) -> pd.DataFrame:
    """The ethnic gaps of ``groups`` under each ``ethnicity`` switch (direct evidence only, or with
    imputed values) at each level of the population share: the ethnic part of the sensitivity grid."""
    frames = []
    for rule in ETHNICITY_RULES:
        t = ethnic_gaps(ctx.appointees(replace(DEFAULT, ethnicity=rule)), ctx.ds.ethnic_shares)
        frames.append(t[t["group"].isin(groups)].assign(ethnicity=rule))
    cols = ["ethnicity", "group", "observed", "n", "n_unknown"] + [f"{m}_{lvl}" for lvl in ETHNIC_LEVELS for m in ("expected", "p_under")]
    return pd.concat(frames, ignore_index=True)[cols]
