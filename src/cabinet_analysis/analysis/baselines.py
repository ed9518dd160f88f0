"""Baselines: what share of the 33 each group would get under a fair draw.

Named baselines for region partitions and focus groups:

- ``population``: share of the settled population (NSIA 2021-22 estimate),
  summed over the provinces of each region.
- ``provinces``: equal weight per province (each of the 34 counts 1/34).
- ``movement``: share of the movement's listed cadre (every individual of the UN
  1988 sanctions list whose province can be read), read under the same coding
  switches as the appointees (:mod:`cabinet_analysis.analysis.cadre`).
- ``emirate``: the same for the listed individuals who held a post in the
  1996-2001 Emirate, as the list states.

For ethnic groups, ``data/ethnic_shares.csv`` gives a low, central and high
estimate across sources; :func:`ethnic_gaps` tests against each level by name.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ..coding import regions
from ..coding.choices import BASELINES, DEFAULT, ETHNICITY_RULES, CodingChoice
from ..coding.groups import FOCUS
from ..context import Context
from ..vocab import HAZARAJAT, RUSI_SCHEMES
from .cadre import CADRE_BASELINES, cadre

REGION_BASELINES = BASELINES
POPULATION_BASELINES = ("population", "provinces")
ETHNIC_LEVELS = ("low", "central", "high")


def province_weights(provinces: pd.DataFrame, baseline: str) -> pd.Series:
    """Weight of each province (summing to 1) under ``population`` or ``provinces``."""
    if baseline == "population":
        w = provinces.set_index("province")["population_nsia_2021_22"].astype(float)
    elif baseline == "provinces":
        w = pd.Series(1.0, index=provinces["province"])
    else:
        raise ValueError(f"province weights exist for {', '.join(POPULATION_BASELINES)}, not {baseline!r}")
    return w / w.sum()


def _key(choice: CodingChoice) -> CodingChoice:
    """What a baseline depends on, as a choice with every other switch at its default (the memo key):
    the scheme, the yardstick and which districts are Hazarajat, and for the cadre how origins are read."""
    if choice.baseline in CADRE_BASELINES:
        return CodingChoice(
            origin=choice.origin,
            prefer=choice.prefer,
            scheme=choice.scheme,
            baseline=choice.baseline,
            hazarajat=choice.hazarajat,
        )
    return CodingChoice(scheme=choice.scheme, baseline=choice.baseline, hazarajat=choice.hazarajat)


def hazarajat_fractions(ctx: Context, reading: str) -> dict[str, float]:
    """Province -> the fraction of its people in Hazarajat under ``reading`` (memoised;
    :func:`cabinet_analysis.coding.regions.hazarajat_fractions`)."""
    ds = ctx.ds
    return ctx.memo(
        ("hazarajat_fractions", reading),
        lambda: regions.hazarajat_fractions(
            ds.hazarajat, ds.districts, ds.provinces, ds.hazara_shares, reading
        ),
    )


def region_baseline(ctx: Context, choice: CodingChoice = DEFAULT) -> pd.Series:
    """Share of each region of ``choice.scheme`` under ``choice.baseline`` (index: region, sums to 1).

    Under ``population`` and ``provinces``, Hazarajat (a region of the ``rusi`` schemes) counts its
    districts' people (``choice.hazarajat`` says which districts), taken from the regions of their
    provinces. The cadre baselines place each listed person by district too, as the appointees are
    placed.
    """
    return _region_baseline(ctx, _key(choice)).copy()


def _region_baseline(ctx: Context, choice: CodingChoice) -> pd.Series:
    return ctx.memo(("region_baseline", choice), lambda: _compute_region_baseline(ctx, choice))


def _compute_region_baseline(ctx: Context, choice: CodingChoice) -> pd.Series:
    mapping = ctx.region_map(choice.scheme)
    if choice.baseline in POPULATION_BASELINES:
        weights = province_weights(ctx.ds.provinces, choice.baseline)
        shares = weights.groupby(weights.index.map(mapping)).sum()
        if choice.scheme in RUSI_SCHEMES:
            fractions = hazarajat_fractions(ctx, choice.hazarajat)
            moved = pd.Series({p: weights[p] * f for p, f in fractions.items()})
            shares = shares.sub(moved.groupby(moved.index.map(mapping)).sum(), fill_value=0.0)
            shares[HAZARAJAT] = shares.get(HAZARAJAT, 0.0) + float(moved.sum())
        return shares.sort_index()
    names = set(mapping.values()) | ({HAZARAJAT} if choice.scheme in RUSI_SCHEMES else set())
    known = cadre(ctx, choice, choice.baseline)["region"].dropna()
    return known.value_counts(normalize=True).reindex(sorted(names), fill_value=0.0).astype(float)


def region_baselines_compared(
    ctx: Context, baselines=("population", "movement", "emirate"), scheme: str = "rusi"
) -> pd.DataFrame:
    """Each region's share under several yardsticks, side by side (one column per baseline)."""
    cols = {b: region_baseline(ctx, replace(DEFAULT, scheme=scheme, baseline=b)) for b in baselines}
    return pd.DataFrame(cols).fillna(0.0).rename_axis("region").reset_index()


def focus_baselines(ctx: Context, choice: CodingChoice = DEFAULT) -> dict[str, float]:
    """Baseline share of each focus group under ``choice`` (memoised; a copy).

    The Helmandi networks' baseline is Helmand's share (its population, or the share of the
    listed cadre born there), as a proxy."""
    key = _key(choice)
    return dict(ctx.memo(("focus_baselines", key), lambda: _focus_baselines(ctx, key)))


def _focus_baselines(ctx: Context, choice: CodingChoice) -> dict[str, float]:
    if choice.baseline in POPULATION_BASELINES:
        weights = province_weights(ctx.ds.provinces, choice.baseline)
        own_region = choice.scheme in RUSI_SCHEMES
        region_shares = _region_baseline(ctx, choice) if own_region else {}
        fractions = hazarajat_fractions(ctx, choice.hazarajat)
        mapping = ctx.region_map(choice.scheme)
        return {
            name: group.population_share(weights, mapping, region_shares, fractions, own_region)
            for name, group in FOCUS.items()
        }
    c = cadre(ctx, choice, choice.baseline)
    c = c[c["province"].notna()]
    return {name: group.cadre_share(c) for name, group in FOCUS.items()}


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
        row = {
            "group": g.group,
            "observed": k,
            "n": n,
            "n_unknown": int(people["ethnicity"].isna().sum()),
            "share": k / n if n else float("nan"),
        }
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
    cols = ["ethnicity", "group", "observed", "n", "n_unknown"] + [
        f"{m}_{lvl}" for lvl in ETHNIC_LEVELS for m in ("expected", "p_under")
    ]
    return pd.concat(frames, ignore_index=True)[cols]
