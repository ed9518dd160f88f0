"""Where sources disagree: the competing values kept in codings.csv."""

from __future__ import annotations

import pandas as pd

DISPUTABLE = ("province", "district", "ethnicity", "tribe", "un_1988_ref")


def disagreements(codings: pd.DataFrame, fields: tuple[str, ...] = DISPUTABLE) -> pd.DataFrame:
    """One row per appointee and field where sources give more than one value.

    Columns: person_id, field, values (``value [basis, confidence, source]`` joined by `` | ``), n_values.
    The same place on two bases (born in X, family from X) is agreement, not disagreement.
    """
    c = codings[codings["field"].isin(fields)].copy()
    c["basis"] = c["basis"].fillna("")
    c["key"] = c["value"].str.casefold()
    rows = []
    for (pid, field), sub in c.groupby(["person_id", "field"], sort=False):
        if sub["key"].nunique() < 2:
            continue
        shown = []
        for (value, basis), grp in sub.groupby(["value", "basis"], sort=True):
            label = f"{value} [{basis + ', ' if basis else ''}{'/'.join(sorted(set(grp['confidence'])))}, {len(grp)} source{'s' if len(grp) > 1 else ''}]"
            shown.append(label)
        rows.append({"person_id": pid, "field": field, "values": " | ".join(shown), "n_values": len(shown)})
    return pd.DataFrame(rows, columns=["person_id", "field", "values", "n_values"])


def values_of(evidence: pd.DataFrame, person_id: str, field: str) -> pd.DataFrame:
    """Every value the sources give for one person's field: value, basis, source and confidence."""
    rows = evidence[(evidence["person_id"] == person_id) & (evidence["field"] == field)]
    return rows[["value", "basis", "source_id", "confidence"]].reset_index(drop=True)
