"""How much each result depends on coding choices.

:func:`focus_sensitivity` recomputes the focus-group gaps under every
combination of switches and :func:`summarise` reports, per group, the range of
each measure and the switches that move it.
"""

from __future__ import annotations

import pandas as pd

from ..coding.choices import all_choices, choice_fields
from ..context import Context
from ..vocab import RUSI_SCHEMES
from .baselines import REGION_BASELINES
from .gaps import focus_table

ALPHA = 0.05


def focus_sensitivity(ctx: Context, schemes=RUSI_SCHEMES, baselines=REGION_BASELINES) -> pd.DataFrame:
    """Focus-group gap rows for every combination of switches (long table; kept between runs)."""
    key = ("focus_sensitivity", tuple(schemes), tuple(baselines))
    return ctx.memo(
        key, lambda: focus_table(ctx, all_choices(list(schemes), list(baselines))), keep=True
    ).copy()


def movers(table: pd.DataFrame, value: str, keys: list[str]) -> dict[tuple, list[str]]:
    """For each key group, the switches that change ``value`` when only they change.

    A switch moves a value if two rows that differ in that switch alone
    (every other switch held fixed) give different values.
    """
    switches = [f for f in choice_fields() if f in table.columns]
    records = table[keys + switches + [value]].itertuples(index=False, name=None)
    seen: dict[tuple, dict[str, dict[tuple, set]]] = {}
    for rec in records:
        key, sw, v = rec[: len(keys)], rec[len(keys) : -1], rec[-1]
        by_switch = seen.setdefault(key, {s: {} for s in switches})
        for i, s in enumerate(switches):
            by_switch[s].setdefault(sw[:i] + sw[i + 1 :], set()).add(v)
    return {
        key: [s for s in switches if any(len(vals) > 1 for vals in groups[s].values())]
        for key, groups in sorted(seen.items())
    }


def summarise(sens: pd.DataFrame, alpha: float = ALPHA) -> pd.DataFrame:
    """Per focus group: ranges of observed count, gap and p-value, and what moves them."""
    sens = sens.copy()
    sens["significant"] = sens["p_under"] < alpha
    sens["significant_holm"] = sens["p_holm"] < alpha
    obs_movers = movers(sens, "observed", ["group"])
    sig_movers = movers(sens, "significant", ["group"])
    rows = []
    for group, sub in sens.groupby("group", sort=False):
        rows.append(
            {
                "group": group,
                "combinations": len(sub),
                "observed_min": int(sub["observed"].min()),
                "observed_max": int(sub["observed"].max()),
                "gap_pp_min": float(sub["gap_pp"].min()),
                "gap_pp_max": float(sub["gap_pp"].max()),
                "p_under_min": float(sub["p_under"].min()),
                "p_under_max": float(sub["p_under"].max()),
                "share_significant": float(sub["significant"].mean()),
                "share_significant_holm": float(sub["significant_holm"].mean()),
                "observed_moved_by": ";".join(obs_movers[(group,)]),
                "significance_moved_by": ";".join(sig_movers[(group,)]),
            }
        )
    return pd.DataFrame(rows)
