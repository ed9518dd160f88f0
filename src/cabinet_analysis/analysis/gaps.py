"""Representation gaps of the appointees, by region and for the focus groups.

Everything here reads the 33 under a coding choice (:meth:`Context.appointees`)
and returns tidy DataFrames built by :mod:`cabinet_analysis.analysis.measures`.
"""

from __future__ import annotations

from dataclasses import asdict, replace

import numpy as np
import pandas as pd

from ..coding.choices import DEFAULT, HAZARAJAT_READINGS, CodingChoice
from ..coding.groups import FOCUS, FOCUS_GROUPS
from ..context import Context
from . import measures
from .baselines import focus_baselines, region_baseline
from .bounds import bounds_under


def region_counts(people: pd.DataFrame) -> pd.Series:
    """Appointees per region, over those whose origin is known."""
    return people["region"].dropna().value_counts().sort_index()


def region_gaps(ctx: Context, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """Gap table over every region of ``choice.scheme`` against ``choice.baseline``."""
    people = ctx.appointees(choice)
    baseline = region_baseline(ctx, choice)
    table = measures.gap_table(region_counts(people), baseline)
    table.insert(0, "scheme", choice.scheme)
    table.insert(1, "baseline", choice.baseline)
    table["n_unknown"] = int(people["region"].isna().sum())
    return table


def whole_table_tests(
    ctx: Context, choice: CodingChoice = DEFAULT, draws: int = 20_000, seed: int = 20210907
) -> pd.DataFrame:
    """Loosemore-Hanby, Gallagher and the seeded multinomial test for one scheme and baseline."""
    counts = region_counts(ctx.appointees(choice))
    baseline = region_baseline(ctx, choice)
    mc = measures.multinomial_test(counts, baseline, draws=draws, seed=seed)
    return pd.DataFrame(
        [
            {
                "scheme": choice.scheme,
                "baseline": choice.baseline,
                "n": mc["n"],
                "loosemore_hanby": measures.loosemore_hanby(counts, baseline),
                "gallagher": measures.gallagher(counts, baseline),
                "mc_p_value": mc["p_value"],
                "mc_draws": draws,
                "mc_seed": seed,
            }
        ]
    )


def whole_table_grid(ctx: Context, schemes, baselines) -> pd.DataFrame:
    """:func:`whole_table_tests` for every scheme and baseline named (default switches otherwise)."""
    frames = [
        whole_table_tests(ctx, replace(DEFAULT, scheme=s, baseline=b)) for s in schemes for b in baselines
    ]
    return pd.concat(frames, ignore_index=True)


def focus_gaps_compared(ctx: Context, choices, groups=FOCUS_GROUPS) -> pd.DataFrame:
    """Focus-group gaps under several codings, one block per choice, labelled by the switches that
    differ from the default (``coding``)."""
    columns = ["coding", "group", "observed", "n", "n_unknown", "expected", "gap_pp", "p_under", "ids"]
    frames = []
    for choice in choices:
        t = focus_gaps(ctx, choice)
        changed = [f"{k}={v}" for k, v in asdict(choice).items() if getattr(DEFAULT, k) != v]
        frames.append(t[t["group"].isin(groups)].assign(coding=", ".join(changed) or "default"))
    return pd.concat(frames, ignore_index=True)[columns]


def focus_gaps(ctx: Context, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """Gap rows for the five focus groups of the commentary (see :func:`focus_rows`)."""
    return pd.DataFrame(focus_rows(ctx, choice))


def focus_table(ctx: Context, choices) -> pd.DataFrame:
    """:func:`focus_gaps` for many choices at once, as one long table."""
    return pd.DataFrame([row for c in choices for row in focus_rows(ctx, c)])


def focus_rows(ctx: Context, choice: CodingChoice = DEFAULT) -> list[dict]:
    """The focus-group gap rows under ``choice`` as records (memoised per context and choice; copies).

    West and southwest follow the regions of ``choice.scheme`` (a ``rusi``
    scheme). Hazarajat follows the district table. The Helmandi networks
    follow ``choice.helmandi``; their baseline is Helmand's share, as a proxy.
    Region groups are measured over appointees of known origin (``n``), with
    ``n_unknown`` beside them. ``observed_min`` and ``observed_max`` bound the count
    over every assignment of the unknowns the evidence allows, out of all appointees
    (``n_total``; :mod:`cabinet_analysis.analysis.bounds`), with the gaps and p-values at those
    extremes. ``p_holm`` is ``p_under`` adjusted by Holm's method across the five groups.
    """
    return [dict(r) for r in ctx.memo(("focus_rows", choice), lambda: _focus_rows(ctx, choice))]


def _bounds(ctx: Context, reading: CodingChoice) -> dict[str, tuple[int, int]]:
    """Bounds of the focus groups among the 33 (they do not depend on the baseline; memoised per reading)."""
    return ctx.memo(("bounds_33", reading), lambda: _compute_bounds(ctx, reading))


def _compute_bounds(ctx: Context, reading: CodingChoice) -> dict[str, tuple[int, int]]:
    return bounds_under(ctx, ctx.appointees(reading), reading)


def _members_33(ctx: Context, reading: CodingChoice) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """(person ids, known origin, membership of each group) of the 33 under a reading (memoised: the
    baseline does not change them)."""

    def compute():
        everyone = ctx.everyone(reading)  # indexed by person_id; the 33 are picked out by position
        ids = ctx.first_round["person_id"].to_numpy()
        at = everyone.index.get_indexer(ids)
        people = pd.DataFrame({c: everyone[c].to_numpy()[at] for c in ("region", "hazarajat", "helmandi")})
        return ids, people["region"].notna().to_numpy(), focus_members(people)

    return ctx.memo(("members_33", reading), compute)


def _focus_rows(ctx: Context, choice: CodingChoice) -> tuple[dict, ...]:
    ids, known, members = _members_33(ctx, choice.reading())
    everyone = np.ones(len(ids), dtype=bool)
    shares = focus_baselines(ctx, choice)
    bounds = _bounds(ctx, choice.reading())
    total = len(ids)
    switches = asdict(choice)
    rows = []
    for group in FOCUS_GROUPS:
        pool = known if FOCUS[group].pool == "known" else everyone
        member = members[group] & pool
        k, n = int(member.sum()), int(pool.sum())
        v = shares[group]
        row = measures.group_gap(group, k, n, v)
        row["n_unknown"] = int((~pool).sum())
        row["ids"] = ";".join(ids[member])
        lo, hi = bounds[group]
        row.update(
            n_total=total,
            observed_min=lo,
            observed_max=hi,
            gap_pp_at_min=100.0 * (lo / total - v),
            gap_pp_at_max=100.0 * (hi / total - v),
            p_under_at_min=measures.p_under(lo, total, v),
            p_under_at_max=measures.p_under(hi, total, v),
        )
        rows.append(row)
    for row, adjusted in zip(rows, measures.holm(r["p_under"] for r in rows)):
        row["p_holm"] = adjusted
    return tuple({**row, **switches} for row in rows)


def focus_members(people: pd.DataFrame) -> dict[str, np.ndarray]:
    """Boolean membership of each focus group for a table of persons read under a choice."""
    return {name: group.members(people) for name, group in FOCUS.items()}


def hazarajat_readings(ctx: Context) -> pd.DataFrame:
    """Hazarajat under each reading of which districts count (``hazarajat`` switch): its share of the
    population, of the provinces (equal weight) and of the listed cadre, and the appointees of known
    origin from it with the exact p-value against the population and against the cadre."""
    rows = []
    for reading in HAZARAJAT_READINGS:
        by = {
            b: {r["group"]: r for r in focus_rows(ctx, replace(DEFAULT, hazarajat=reading, baseline=b))}[
                "hazarajat"
            ]
            for b in ("population", "provinces", "movement")
        }
        pop = by["population"]
        rows.append(
            {
                "reading": reading,
                "population_share": pop["baseline_share"],
                "provinces_share": by["provinces"]["baseline_share"],
                "cadre_share": by["movement"]["baseline_share"],
                "observed": pop["observed"],
                "n": pop["n"],
                "expected": pop["expected"],
                "p_under": pop["p_under"],
                "p_under_cadre": by["movement"]["p_under"],
                "observed_max": pop["observed_max"],
            }
        )
    return pd.DataFrame(rows)
