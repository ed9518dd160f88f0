"""The Helmandi Ishaqzai and Alizai networks: who has any tie to them, and how many
count as members under each coding choice."""

from __future__ import annotations

import pandas as pd

from ..coding.choices import HELMANDI_RULES, all_choices
from ..context import Context
from ..vocab import HELMAND, HELMANDI_TRIBES


def helmandi_ties(ctx: Context) -> pd.DataFrame:
    """Every evidence row tying one of the 33 to Helmand or its networks.

    A tie is a tribe of Ishaqzai or Alizai, a province of Helmand (any basis),
    or a network coded ``helmandi``. Columns: person_id, name, tie, field,
    value, basis, source_id, confidence, note.
    """
    e = ctx.ds.evidence
    e = e[e["person_id"].isin(ctx.first_round["person_id"])]
    tribe = (e["field"] == "tribe") & e["value"].str.contains("|".join(HELMANDI_TRIBES), case=False, na=False)
    place = (e["field"] == "province") & (e["value"] == HELMAND)
    network = (e["field"] == "network") & (e["value"] == "helmandi")
    rows = e[tribe | place | network].copy()
    rows["tie"] = "network"
    rows.loc[tribe[rows.index], "tie"] = "tribe"
    rows.loc[place[rows.index], "tie"] = "origin"
    rows["name"] = rows["person_id"].map(ctx.first_round.set_index("person_id")["name"])
    cols = ["person_id", "name", "tie", "field", "value", "basis", "source_id", "confidence", "note"]
    return rows[cols].sort_values(["person_id", "tie", "source_id"]).reset_index(drop=True)


def helmandi_counts(ctx: Context, scheme: str = "rusi") -> pd.DataFrame:
    """Members of the Helmandi networks under each membership rule and origin coding."""
    rows = []
    choices = sorted(
        all_choices([scheme], ["population"], ["majority"]), key=lambda c: HELMANDI_RULES.index(c.helmandi)
    )
    for c in choices:
        people = ctx.appointees(c)
        members = people.loc[people["helmandi"], "person_id"].tolist()
        rows.append(
            {
                "helmandi": c.helmandi,
                "origin": c.origin,
                "prefer": c.prefer,
                "members": len(members),
                "ids": ";".join(members),
            }
        )
    return pd.DataFrame(rows)
