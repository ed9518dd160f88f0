"""The Helmandi Ishaqzai and Alizai networks: who has any tie to them, and how many
count as members under each coding choice."""

from __future__ import annotations

import pandas as pd

from .choices import HELMAND, HELMANDI_RULES, HELMANDI_TRIBES, all_choices
from .gaps import Context


def helmandi_ties(ctx: Context) -> pd.DataFrame:
    """Every evidence row tying one of the 33 to Helmand or its networks.

    A tie is a tribe of Ishaqzai or Alizai, a province of Helmand (any basis),
    or a network coded ``helmandi``. Columns: appointee_id, name, tie, field,
    value, basis, source_id, confidence, note.
    """
    c = ctx.ds.codings[ctx.ds.codings["appointee_id"].isin(ctx.ds.appointees["id"])]
    tribe = (c["field"] == "tribe") & c["value"].str.contains("|".join(HELMANDI_TRIBES), case=False, na=False)
    place = (c["field"] == "province") & (c["value"] == HELMAND)
    network = (c["field"] == "network") & (c["value"] == "helmandi")
    rows = c[tribe | place | network].copy()
    rows["tie"] = "network"
    rows.loc[tribe[rows.index], "tie"] = "tribe"
    rows.loc[place[rows.index], "tie"] = "origin"
    names = ctx.ds.appointees.set_index("id")["name"]
    rows["name"] = rows["appointee_id"].map(names)
    cols = ["appointee_id", "name", "tie", "field", "value", "basis", "source_id", "confidence", "note"]
    return rows[cols].sort_values(["appointee_id", "tie", "source_id"]).reset_index(drop=True)


def helmandi_counts(ctx: Context, scheme: str = "rusi") -> pd.DataFrame:
    """Members of the Helmandi networks under each membership rule and origin coding."""
    rows = []
    choices = sorted(all_choices([scheme], ["population"]), key=lambda c: HELMANDI_RULES.index(c.helmandi))
    for c in choices:
        people = ctx.people(c)
        members = people.loc[people["helmandi"], "id"].tolist()
        rows.append({"helmandi": c.helmandi, "origin": c.origin, "prefer": c.prefer, "members": len(members), "ids": ";".join(members)})
    return pd.DataFrame(rows)
