"""The wide table ``data/appointees.csv``: the 33 under the default reading, one row each.

It is generated, never kept by hand: :func:`appointees_table` reads persons,
appointments and evidence through the one reading rule of
:mod:`cabinet_analysis.coding.reading` (the default coding), and ``build`` writes it
with :func:`appointees_csv`. A test checks that the committed file is current.
"""

from __future__ import annotations

import pandas as pd

from ..coding.choices import DEFAULT
from ..context import Context

COLUMNS = [
    "person_id",
    "seq",
    "name",
    "name_variants",
    "post",
    "tier",
    "announced_on",
    "province",
    "origin_basis",
    "district",
    "ethnicity",
    "tribe",
    "network",
    "affiliations",
    "guantanamo",
    "un_1988_ref",
    "emirate_1996_2001",
    "note",
]
FILE = "appointees.csv"


def appointees_table(ctx: Context) -> pd.DataFrame:
    """The 33 in announcement order under the default coding, as text cells ("" = unknown)."""
    a = ctx.appointees(DEFAULT)
    out = pd.DataFrame(
        {
            "person_id": a["person_id"],
            "seq": a["seq"].astype(int).astype(str),
            "name": a["name"],
            "name_variants": a["name_variants"],
            "post": a["post"],
            "tier": a["tier"],
            "announced_on": a["announced_on"].dt.strftime("%Y-%m-%d"),
            "province": a["province"],
            "origin_basis": a["origin_basis"],
            "district": a["district"],
            "ethnicity": a["ethnicity"],
            "tribe": a["tribe"],
            "network": a["network"],
            "affiliations": a["networks"].map(lambda n: ";".join(n[1:])),
            "guantanamo": a["guantanamo"].map({True: "true", False: "false"}),
            "un_1988_ref": a["un_1988_ref"],
            "emirate_1996_2001": a["emirate_1996_2001"].map(";".join),
            "note": a["note"],
        }
    )
    # With the main network unknown (a tie), every network is listed as an affiliation.
    no_main = a["network"].isna()
    out.loc[no_main, "affiliations"] = a.loc[no_main, "networks"].map(";".join)
    return out[COLUMNS].fillna("").astype(str)


def appointees_csv(ctx: Context) -> bytes:
    return appointees_table(ctx).to_csv(index=False, lineterminator="\n").encode("utf-8")
