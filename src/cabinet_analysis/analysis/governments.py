"""Compared with what: the governments before the Taliban's, on the same codebook and yardsticks.

Each earlier government is its members in ``cabinet_members.csv``, read like everyone else through the
evidence (the default coding). Beside them stand the caretaker government of 7 September 2021 (the 33) and
the government of today (everyone of cabinet rank in office at the last event). For each, and each group
(the registry's west, southwest and Hazarajat; Hazaras and Pashtuns by ethnicity), :func:`governments_table`
gives the count among members of known origin (or ethnicity), the gap against the population, the range
the count could take over the unknowns, the exact p-value, and, from :func:`posterior_shares`, the probability that
the government's propensity to appoint from the group is below the group's population share, with the
unknowns drawn as their evidence allows. Published tallies stay facts about a government
(``tallies.csv``); they are never spread over persons.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from ..coding.groups import FOCUS
from ..context import Context
from ..vocab import CABINET_TIERS, HAZARAJAT, RUSI_SCHEMES
from . import measures
from .baselines import focus_baselines, hazarajat_fractions, province_weights, region_baseline
from .bounds import bounds_under

GROUPS = ("west", "southwest", "hazarajat", "hazara", "pashtun")
ETHNIC = {"hazara": "Hazara", "pashtun": "Pashtun"}
CARETAKER, TODAY = "taliban_2021_09_07", "taliban_today"
DRAWS = 2000
SEED = 20211207


def members(ctx: Context, government_id: str, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """The persons of one government, once each, read under ``choice`` (their coded origin and ethnicity)."""
    if government_id == CARETAKER:
        ids = list(ctx.first_round["person_id"])
    elif government_id == TODAY:
        from .timeline import holders

        last = ctx.ds.appointments["announced_on"].max()
        on = holders(ctx, last, choice)
        ids = list(on.loc[on["tier"].isin(CABINET_TIERS), "person_id"])
    else:
        m = ctx.ds.cabinet_members
        ids = list(dict.fromkeys(m.loc[m["government_id"] == government_id, "person_id"]))
    everyone = ctx.everyone(choice)
    return everyone.loc[ids].reset_index()


def governments(ctx: Context) -> pd.DataFrame:
    """Every government compared: the earlier ones in their order, then the caretaker of 2021 and today's."""
    g = ctx.ds.governments[["government_id", "period", "description"]].copy()
    last = ctx.ds.appointments["announced_on"].max()
    extra = pd.DataFrame(
        [
            {
                "government_id": CARETAKER,
                "period": "2021-09",
                "description": "Taliban caretaker government announced on 7 September 2021 (the 33)",
            },
            {
                "government_id": TODAY,
                "period": f"{last:%Y-%m}",
                "description": f"Taliban government: everyone of cabinet rank in office on {last:%Y-%m-%d}",
            },
        ]
    )
    return pd.concat([g, extra], ignore_index=True)


def _ethnic_share(ctx: Context, group: str) -> float:
    shares = ctx.ds.ethnic_shares.set_index("group")["central"].astype(float)
    return float(shares[ETHNIC[group]])


def group_counts(ctx: Context, people: pd.DataFrame, choice: CodingChoice = DEFAULT) -> dict[str, dict]:
    """For each group: members in it (k), members of known origin or ethnicity (n), the range over the
    unknowns (lo, hi, out of all), and the yardstick share."""
    shares = focus_baselines(ctx, choice)
    total = len(people)
    bounds = bounds_under(ctx, people, choice)
    known = people["region"].notna().to_numpy()
    out = {}
    for group in GROUPS:
        if group in ETHNIC:
            eth = people["ethnicity"]
            k_known = eth.notna()
            k = int((eth == ETHNIC[group]).sum())
            n = int(k_known.sum())
            lo, hi, share = k, k + (total - n), _ethnic_share(ctx, group)
        else:
            member = FOCUS[group].members(people) & known
            k, n = int(member.sum()), int(known.sum())
            lo, hi = bounds[group]
            share = shares[group]
        out[group] = {"k": k, "n": n, "total": total, "lo": int(lo), "hi": int(hi), "share": float(share)}
    return out


def unknown_chances(
    ctx: Context, people: pd.DataFrame, group: str, share: float, choice: CodingChoice = DEFAULT
) -> tuple[int, int, np.ndarray]:
    """(members of known origin or ethnicity in the group, members known, and for each unknown member the
    chance he is in the group): the share of the people of the provinces his evidence allows who are in it
    (each province weighted by its people; a Hazarajat district's people count for the Hazarajat, as in the
    yardstick), else of the whole population (or, for ethnicity, the ethnic share ``share``)."""
    if group in ETHNIC:
        eth = people["ethnicity"]
        return (
            int((eth == ETHNIC[group]).sum()),
            int(eth.notna().sum()),
            np.full(int(eth.isna().sum()), share),
        )
    known = people["region"].notna().to_numpy()
    weights = province_weights(ctx.ds.provinces, "population")  # province -> its share of the people
    region_of = ctx.region_map(choice.scheme)
    fractions = hazarajat_fractions(ctx, choice.hazarajat)  # province -> share of its people in Hazarajat
    own_region = (
        choice.scheme in RUSI_SCHEMES
    )  # Hazarajat a region of its own: its people leave their province's

    def in_group(province: str) -> float:
        """The chance that a person from ``province`` is in the group: the share of its people who are."""
        f = fractions.get(province, 0.0)
        group_ = FOCUS[group]
        if group_.by == "hazarajat":
            return f
        outside = group_.in_place(region_of[province], False)
        return (1 - f) * outside + f * group_.in_place(HAZARAJAT, True) if own_region else float(outside)

    def chance(provinces) -> float:
        w = weights.reindex(sorted(provinces)).fillna(0.0)
        w = w / w.sum() if w.sum() > 0 else pd.Series(1 / len(w), index=w.index)
        return float(sum(wi * in_group(p) for p, wi in w.items()))

    everywhere = chance(weights.index)
    chances = []
    for pid in people.loc[~known, "person_id"]:
        allowed = ctx.possible_provinces.get(pid)
        chances.append(chance([p for p in allowed if p in region_of]) if allowed else everywhere)
    return int((FOCUS[group].members(people) & known).sum()), int(known.sum()), np.array(chances, dtype=float)


def posterior_shares(
    known_k: int, n_known: int, chances: np.ndarray, draws: int = DRAWS, seed: int = SEED
) -> np.ndarray:
    """Draws of the government's share of the group: its propensity among members of known origin from the
    Beta(½ + k, ½ + n − k) posterior (the group-or-not margin of a Dirichlet(½ + counts)), and each unknown
    member drawn in or out of the group with his chance."""
    rng = np.random.default_rng(seed)
    theta = rng.beta(0.5 + known_k, 0.5 + n_known - known_k, size=draws)
    unknown = (rng.random((draws, len(chances))) < chances).sum(axis=1) if len(chances) else np.zeros(draws)
    return (n_known * theta + unknown) / (n_known + len(chances))


def governments_table(ctx: Context, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """One row per government and group: size, counts, share, yardstick, gap, p-value, range over the
    unknowns, posterior probability below the yardstick; and per government its Loosemore-Hanby index
    over the regions of the scheme (members of known origin against the population)."""

    def compute():
        rows = []
        baseline = region_baseline(ctx, choice)
        for gid in governments(ctx)["government_id"]:
            people = members(ctx, gid, choice)
            counts = group_counts(ctx, people, choice)
            by_region = people["region"].dropna().value_counts()
            lh = measures.loosemore_hanby(by_region, baseline) if len(by_region) else float("nan")
            for group, c in counts.items():
                k, n, v = c["k"], c["n"], c["share"]
                draws = posterior_shares(*unknown_chances(ctx, people, group, v, choice))
                rows.append(
                    {
                        "government_id": gid,
                        "group": group,
                        "size": c["total"],
                        "n_known": n,
                        "observed": k,
                        "share": k / n if n else float("nan"),
                        "baseline_share": v,
                        "gap_pp": 100.0 * (k / n - v) if n else float("nan"),
                        "p_under": measures.p_under(k, n, v) if n else float("nan"),
                        "observed_min": c["lo"],
                        "observed_max": c["hi"],
                        "p_below_posterior": float(np.mean(draws < v)),
                        "share_median": float(np.median(draws)),
                        "loosemore_hanby": lh,
                    }
                )
        return pd.DataFrame(rows)

    return ctx.memo(("governments_table", choice), compute, keep=True).copy()


def coverage(ctx: Context, choice: CodingChoice = DEFAULT) -> pd.DataFrame:
    """How many members of each government are coded: province and ethnicity, each with a source."""
    rows = []
    for gid in governments(ctx)["government_id"]:
        people = members(ctx, gid, choice)
        rows.append(
            {
                "government_id": gid,
                "members": len(people),
                "with_province": int(people["province"].notna().sum()),
                "with_ethnicity": int(people["ethnicity"].notna().sum()),
            }
        )
    return pd.DataFrame(rows)


def credible_interval(
    known_k: int, n_known: int, chances: np.ndarray, level: float = 0.95, draws: int = DRAWS, seed: int = SEED
) -> tuple[float, float]:
    """The equal-tailed ``level`` interval of the government's share (:func:`posterior_shares`)."""
    shares = posterior_shares(known_k, n_known, chances, draws, seed)
    a = (1 - level) / 2
    return float(np.quantile(shares, a)), float(np.quantile(shares, 1 - a))


def calibration(cabinets: int = 1000, seed: int = SEED, level: float = 0.95) -> float:
    """Share of ``cabinets`` synthetic cabinets whose interval covers the true share. Each cabinet: 20 to 60
    members, a propensity θ to appoint from the group and a population share v (both uniform on 0.02-0.5), up to
    40% of members of unknown origin, who are in the group with chance v (what the method assumes of a member
    whose evidence allows any province). The true share is that of a cabinet whose known members follow θ and
    whose unknown members are as they really are: (n_known θ + unknown members in the group) / n."""
    rng = np.random.default_rng(seed)
    hits = 0
    for i in range(cabinets):
        n = int(rng.integers(20, 61))
        v, theta = rng.uniform(0.02, 0.5, size=2)
        n_unknown = int(rng.integers(0, int(0.4 * n) + 1))
        n_known = n - n_unknown
        k = int(rng.binomial(n_known, theta))
        in_group = int(rng.binomial(n_unknown, v))
        lo, hi = credible_interval(k, n_known, np.full(n_unknown, v), level, draws=DRAWS, seed=seed + i + 1)
        hits += lo <= (n_known * theta + in_group) / n <= hi
    return hits / cabinets
