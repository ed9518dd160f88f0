"""Each government's share of each group against the group's population share, with the range the
unknowns allow: was the Taliban's government unusual?"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from ..report.labels import ETHNIC_GROUPS, GOVERNMENTS, GROUPS
from .style import figure_style, finish, palette, source_line

TALIBAN = ("gov_1996_2001", "taliban_2021_09_07", "taliban_today")
ALT = (
    "Five panels, one per group (west, southwest, Hazarajat, Hazaras and Pashtuns by ethnicity), one row per "
    "government from the Taliban's of 1996-2001 to the Taliban's of today: a dot at the group's share of all members "
    "with the unknown origins drawn as their evidence allows, a grey bar for every share the unknowns allow, and a line "
    "at the group's population share"
)


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..analysis.governments import governments_table

    return (governments_table(ctx, choice),)


def governments(table: pd.DataFrame) -> plt.Figure:
    """Shares by government and group (``table``: :func:`~cabinet_analysis.analysis.governments.governments_table`)."""
    order = list(dict.fromkeys(table["government_id"]))[::-1]
    groups = list(dict.fromkeys(table["group"]))
    p = palette()
    with figure_style():
        fig, axes = plt.subplots(1, len(groups), figsize=(10, 4.6), sharey=True)
        for ax, group in zip(axes, groups):
            t = table[table["group"] == group].set_index("government_id").loc[order]
            y = np.arange(len(t))
            lo, hi = t["observed_min"] / t["size"], t["observed_max"] / t["size"]
            ax.hlines(y, 100 * lo, 100 * hi, color="0.82", lw=7, zorder=1)
            below = t["p_below_posterior"] >= 0.9
            ax.scatter(100 * t["share_median"], y, s=36, zorder=3, color=[p[3] if b else p[0] for b in below])
            ax.axvline(100 * float(t["baseline_share"].iloc[0]), color="0.2", lw=1, ls="--")
            ax.set_title(
                {**GROUPS, **ETHNIC_GROUPS}.get(group, group).replace(" (ethnicity)", ""), fontsize=10
            )
            ax.set_xlim(0, 100 if group == "pashtun" else 60)
            ax.set_xticks([0, 50, 100] if group == "pashtun" else [0, 25, 50])
            ax.tick_params(labelsize=9)
        axes[0].set_yticks(np.arange(len(order)), [GOVERNMENTS.get(g, g) for g in order], fontsize=9)
        axes[len(groups) // 2].set_xlabel(
            "share of all members (%): dot, unknowns drawn as their evidence allows; bar, every share they allow;\n"
            "dashed, the population's share; red, below it with probability 0.9 or more",
            fontsize=9,
        )
        west = table[table["group"] == "west"].set_index("government_id")["observed"]
        taliban = [g for g in west.index if g in TALIBAN]
        others = [g for g in west.index if g not in TALIBAN]
        none_taliban = all(west[g] == 0 for g in taliban)
        some = sum(int(west[g] > 0) for g in others)
        title = (
            f"{'No' if none_taliban else 'Not every'} Taliban government had a member of known origin from the west; "
            f"{some} of the {len(others)} others had one or more"
        )
        return finish(fig, title, source_line("members of eight Afghan governments, 1996-2026"), ALT)
