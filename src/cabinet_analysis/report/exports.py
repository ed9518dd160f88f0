"""Two standard exports of the panel, written by ``build`` into ``data/`` (derived resources of the
data package, never edited by hand):

- ``person_months.csv``: one row per person, post and month from September 2021 to the month of the
  last event, with the status of that month (``new``, ``continuing``, ``moved``, ``left``), as in
  ACPED's minister-month data (Raleigh & Wigmore-Shepherd 2020);
- ``whogov_july.csv``: the government as it stood on 1 July of each year from 2022, in the layout of
  WhoGov (Nyrup & Bramwell 2020: its own column names), plus our origin, ethnicity and network with
  the confidence of the evidence the default reading takes.

Both read :func:`~cabinet_analysis.analysis.timeline.tenures` and :func:`~cabinet_analysis.analysis.timeline.holders`
under the default coding, so a test can check them against ``holders()`` on the same dates.
"""

from __future__ import annotations

import re

import pandas as pd

from ..analysis.timeline import _tenures, holders
from ..coding.choices import DEFAULT, MEDIUM
from ..coding.reading import CONFIDENCE_RANK, read_field
from ..context import Context
from ..data.tenures import NAMING_EVENTS
from ..vocab import CABINET_TIERS, FIRST_ROUND

PERSON_MONTHS = "person_months.csv"
WHOGOV = "whogov_july.csv"
MONTH_COLUMNS = ["person_id", "name", "post_id", "post", "tier", "month", "status"]
WHOGOV_COLUMNS = [
    "country_isocode",
    "year",
    "country_name",
    "id",
    "name",
    "title",
    "gender",
    "birthyear",
    "position",
    "classification",
    "core",
    "province",
    "province_confidence",
    "ethnicity",
    "ethnicity_confidence",
    "network",
    "network_confidence",
    "since",
]
WHOGOV_TIERS = (
    *CABINET_TIERS,
    "deputy_minister",
)  # the cabinet and its junior ministers, as WhoGov counts a cabinet
ENDED_BY_LEAVING = ("left", "replaced", "vacated", "abolished")


def person_months(ctx: Context) -> pd.DataFrame:
    """One row per person, post and calendar month in office (any day of the month), September 2021 to the
    month of the last event. Status: ``new`` in the month a spell starts, ``moved`` or ``left`` in the month it
    ends (moved: to another post; left: dismissed, replaced, died, post vacated or abolished), else
    ``continuing``."""
    spells = _tenures(ctx)
    spells = spells[spells["person_id"] != ""]
    last = ctx.ds.appointments["announced_on"].max().to_period("M")
    first = pd.Timestamp(FIRST_ROUND).to_period("M")
    names = ctx.ds.persons.set_index("person_id")["name"]
    rows = []
    for s in spells.itertuples(index=False):
        start = max(s.start.to_period("M"), first)
        end_month = s.end.to_period("M") if pd.notna(s.end) else last
        for month in pd.period_range(start, min(end_month, last), freq="M"):
            if pd.notna(s.end) and month == end_month:
                status = "moved" if s.ended_by == "moved" else "left"
            elif month == s.start.to_period("M"):
                status = "new"
            else:
                status = "continuing"
            rows.append(
                {
                    "person_id": s.person_id,
                    "name": names.get(s.person_id, ""),
                    "post_id": s.post_id,
                    "post": s.post,
                    "tier": s.tier,
                    "month": str(month),
                    "status": status,
                }
            )
    out = pd.DataFrame(rows, columns=MONTH_COLUMNS)
    return out.sort_values(["month", "person_id", "post_id"], kind="stable", ignore_index=True)


def july_dates(ctx: Context) -> list[pd.Timestamp]:
    """1 July of every year from 2022 to the year of the last event (if the last event is after 1 July)."""
    last = ctx.ds.appointments["announced_on"].max()
    return [
        pd.Timestamp(f"{y}-07-01") for y in range(2022, last.year + 1) if pd.Timestamp(f"{y}-07-01") <= last
    ]


def _confidence(ctx: Context, pid: str, field: str, value) -> str:
    """The best confidence of the evidence rows that give ``value`` for ``field`` (medium floor, as read)."""
    if not isinstance(value, str):
        return ""
    rows = [
        r
        for r in ctx.index.get((pid, field), [])
        if r[0].casefold() == value.casefold() and CONFIDENCE_RANK[r[2]] <= CONFIDENCE_RANK[MEDIUM]
    ]
    return min((r[2] for r in rows), key=lambda c: CONFIDENCE_RANK[c], default="")


def whogov_july(ctx: Context) -> pd.DataFrame:
    """The cabinet and its deputy ministers on 1 July of each year, one row per person (at the highest post),
    in WhoGov's column names, with origin, ethnicity and network (default reading) and their confidence."""
    rows = []
    for day in july_dates(ctx):
        h = holders(ctx, day, DEFAULT)
        h = h[h["tier"].isin(WHOGOV_TIERS)]
        for r in h.itertuples(index=False):
            birth = read_field(ctx.index, r.person_id, "birth_year")
            rows.append(
                {
                    "country_isocode": "AFG",
                    "year": day.year,
                    "country_name": "Afghanistan",
                    "id": r.person_id,
                    "name": r.name,
                    "title": "",
                    "gender": "",
                    "birthyear": birth if isinstance(birth, str) and re.fullmatch(r"\d{4}", birth) else "",
                    "position": r.post,
                    "classification": "Minister" if r.tier in CABINET_TIERS else "Junior minister",
                    "core": "1" if r.tier in CABINET_TIERS else "0",
                    "province": r.province or "",
                    "province_confidence": _confidence(ctx, r.person_id, "province", r.province),
                    "ethnicity": r.ethnicity or "",
                    "ethnicity_confidence": _confidence(ctx, r.person_id, "ethnicity", r.ethnicity),
                    "network": r.network or "",
                    "network_confidence": _confidence(ctx, r.person_id, "network", r.network),
                    "since": r.since.strftime("%Y-%m-%d"),
                }
            )
    return pd.DataFrame(rows, columns=WHOGOV_COLUMNS)


def export_files(ctx: Context) -> dict[str, bytes]:
    """Both exports as CSV bytes, by file name (for ``build``)."""
    frames = {PERSON_MONTHS: person_months(ctx), WHOGOV: whogov_july(ctx)}
    return {
        name: f.fillna("").astype(str).to_csv(index=False, lineterminator="\n").encode("utf-8")
        for name, f in frames.items()
    }


__all__ = ["NAMING_EVENTS", "export_files", "july_dates", "person_months", "whogov_july"]
