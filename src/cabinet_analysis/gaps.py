"""Representation gaps of the appointees, by region and for the focus groups.

Everything here takes a resolved people table (:func:`choices.resolve_people`)
and returns tidy DataFrames built by :mod:`cabinet_analysis.measures`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace

import numpy as np
import pandas as pd

from . import measures
from .baselines import group_baseline, region_baseline
from .choices import DEFAULT, HELMAND, CodingChoice, evidence_index, resolve_people
from .dataset import Dataset
from .geo import Boundaries

FOCUS_GROUPS = ("west", "southwest", "west_or_southwest", "hazarajat", "helmandi_networks")


@dataclass(frozen=True)
class Context:
    """Everything the analysis reads: the validated dataset plus region tables."""

    ds: Dataset
    regions: pd.DataFrame
    hazarajat: pd.DataFrame
    ethnic_shares: pd.DataFrame | None = None
    claims: pd.DataFrame | None = None
    appointments: pd.DataFrame | None = None
    boundaries: Boundaries | None = None
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def people(self, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
        """Resolved people under ``choice`` (cached; the baseline does not affect them)."""
        key = (choice.origin, choice.prefer, choice.helmandi, choice.scheme)
        if key not in self._cache:
            if "index" not in self._cache:
                self._cache["index"] = evidence_index(self.ds)
            self._cache[key] = resolve_people(self.ds, self.regions, self.hazarajat, choice, self._cache["index"])
        return self._cache[key].copy()

    def provinces_in(self, scheme: str, region_names: set[str]) -> set[str]:
        r = self.regions[self.regions["scheme"] == scheme]
        return set(r.loc[r["region"].isin(region_names), "province"])


def region_counts(people: pd.DataFrame) -> pd.Series:
    """Appointees per region, over those whose origin is known."""
    return people["region"].dropna().value_counts().sort_index()


def region_gaps(ctx: Context, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """Gap table over every region of ``choice.scheme`` against ``choice.baseline``."""
    people = ctx.people(choice)
    baseline = region_baseline(ctx.ds.provinces, ctx.regions, choice.scheme, choice.baseline)
    table = measures.gap_table(region_counts(people), baseline)
    table.insert(0, "scheme", choice.scheme)
    table.insert(1, "baseline", choice.baseline)
    table["n_unknown"] = int(people["region"].isna().sum())
    return table


def whole_table_tests(ctx: Context, choice: CodingChoice = DEFAULT, draws: int = 20_000, seed: int = 20210907) -> pd.DataFrame:
    """Loosemore-Hanby, Gallagher and the seeded multinomial test for one scheme and baseline."""
    people = ctx.people(choice)
    counts = region_counts(people)
    baseline = region_baseline(ctx.ds.provinces, ctx.regions, choice.scheme, choice.baseline)
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
    frames = [whole_table_tests(ctx, replace(DEFAULT, scheme=s, baseline=b)) for s in schemes for b in baselines]
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
    """Gap rows for the five focus groups (cached per choice; see :func:`compute_focus_gaps`)."""
    key = ("focus", choice)
    if key not in ctx._cache:
        ctx._cache[key] = compute_focus_gaps(ctx, choice)
    return ctx._cache[key].copy()


def compute_focus_gaps(ctx: Context, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """Gap rows for the five focus groups of the commentary.

    West and southwest follow the regions of ``choice.scheme`` (a ``rusi``
    scheme). Hazarajat follows the district table. The Helmandi networks
    follow ``choice.helmandi``; their baseline is Helmand's share, as a proxy.
    Region groups are measured over appointees of known origin (``n``), with
    ``n_unknown`` and ``observed_max`` (if every unknown were in the group)
    reported beside them.
    """
    people = ctx.people(choice)
    known = people["region"].notna().to_numpy()
    ids = people["id"].to_numpy()
    members = focus_members(people)
    shares = _focus_baselines(ctx, choice.scheme, choice.baseline)
    rows = []
    for group in FOCUS_GROUPS:
        pool = known if group != "helmandi_networks" else np.ones(len(people), dtype=bool)
        member = members[group] & pool
        k, n = int(member.sum()), int(pool.sum())
        row = measures.group_gap(group, k, n, shares[group])
        row["n_unknown"] = int((~pool).sum())
        row["observed_max"] = k + row["n_unknown"]
        row["ids"] = ";".join(ids[member])
        rows.append(row)
    table = pd.DataFrame(rows)
    for name, value in choice.__dict__.items():
        table[name] = value
    return table


def focus_members(people: pd.DataFrame) -> dict[str, np.ndarray]:
    """Boolean membership of each focus group for a resolved people table."""
    region = people["region"].to_numpy()
    return {
        "west": region == "west",
        "southwest": region == "southwest",
        "west_or_southwest": (region == "west") | (region == "southwest"),
        "hazarajat": people["hazarajat"].to_numpy(dtype=bool),
        "helmandi_networks": people["helmandi"].to_numpy(dtype=bool),
    }


def _focus_baselines(ctx: Context, scheme: str, baseline: str) -> dict[str, float]:
    """Baseline share of each focus group (cached per scheme and baseline)."""
    key = ("focus_baselines", scheme, baseline)
    if key not in ctx._cache:
        provinces = ctx.ds.provinces
        groups = {
            "west": ctx.provinces_in(scheme, {"west"}),
            "southwest": ctx.provinces_in(scheme, {"southwest"}),
            "west_or_southwest": ctx.provinces_in(scheme, {"west", "southwest"}),
            "hazarajat": set(ctx.hazarajat.loc[ctx.hazarajat["district"] == "", "province"]),
            "helmandi_networks": {HELMAND},
        }
        ctx._cache[key] = {g: group_baseline(provinces, p, baseline) for g, p in groups.items()}
    return ctx._cache[key]
