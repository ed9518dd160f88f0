"""Column contracts of the data files, expressed as pandera schemas.

Files are read as strings (see :mod:`cabinet_analysis.csvfile`), so every
check here works on text; an empty string means "unknown". Conversion to
typed columns happens after validation, in :mod:`cabinet_analysis.dataset`.
"""

from __future__ import annotations

import datetime as _dt

import pandera.pandas as pa

from . import vocab


def _one_of(values, *, empty_ok: bool) -> pa.Check:
    allowed = list(values) + ([""] if empty_ok else [])
    shown = ", ".join(values)
    return pa.Check.isin(allowed, error=f"must be one of: {shown}" + (" (or empty)" if empty_ok else ""))


def _matches(pattern: str, what: str, *, empty_ok: bool) -> pa.Check:
    pat = f"({pattern})|(^$)" if empty_ok else pattern
    return pa.Check.str_matches(pat, error=f"must be {what}" + (" (or empty)" if empty_ok else ""))


def _not_empty() -> pa.Check:
    return pa.Check(lambda s: s != "", element_wise=False, error="must not be empty")


def _is_real_date(value: str) -> bool:
    if value == "":
        return True
    parts = value.split("-")
    try:
        if len(parts) == 3:
            _dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        elif len(parts) == 2:
            _dt.date(int(parts[0]), int(parts[1]), 1)
        else:
            int(parts[0])
    except ValueError:
        return False
    return True


def _real_date() -> pa.Check:
    return pa.Check(_is_real_date, element_wise=True, error="is not a real calendar date")


def _number(lo: float, hi: float, *, empty_ok: bool) -> pa.Check:
    def ok(value: str) -> bool:
        if value == "":
            return empty_ok
        try:
            x = float(value)
        except ValueError:
            return False
        return lo <= x <= hi

    return pa.Check(ok, element_wise=True, error=f"must be a number from {lo:g} to {hi:g}" + (" (or empty)" if empty_ok else ""))


def _col(*checks: pa.Check) -> pa.Column:
    return pa.Column(str, checks=list(checks), nullable=False, coerce=False)


def _text() -> pa.Column:
    return _col()


def _required_text() -> pa.Column:
    return _col(_not_empty())


APPOINTEES = pa.DataFrameSchema(
    {
        "id": _col(_not_empty(), _matches(vocab.SLUG_PATTERN, "a lowercase slug (a-z, 0-9, _)", empty_ok=False)),
        "seq": _col(_matches(r"^[1-9]\d*$", "a positive whole number", empty_ok=False)),
        "name": _required_text(),
        "name_variants": _text(),
        "post": _required_text(),
        "tier": _col(_one_of(vocab.TIERS, empty_ok=False)),
        "announced_on": _col(_matches(vocab.DATE_PATTERN, "a date YYYY-MM-DD", empty_ok=False), _real_date()),
        "province": _text(),
        "origin_basis": _col(_one_of(vocab.ORIGIN_BASES, empty_ok=False)),
        "district": _text(),
        "ethnicity": _col(_one_of(vocab.ETHNICITIES, empty_ok=True)),
        "tribe": _text(),
        "network": _col(_one_of(vocab.NETWORKS, empty_ok=True)),
        "affiliations": _text(),
        "guantanamo": _col(_one_of(("true", "false"), empty_ok=True)),
        "un_1988_ref": _col(_matches(vocab.UN_REF_PATTERN, "a UN 1988 list reference like TAi.026", empty_ok=True)),
        "emirate_1996_2001": _text(),
        "notes": _text(),
    },
    strict=True,
    name="appointees",
)

CODINGS = pa.DataFrameSchema(
    {
        "appointee_id": _col(_not_empty()),
        "field": _col(_one_of(vocab.CODING_FIELDS, empty_ok=False)),
        "value": _required_text(),
        "basis": _col(_one_of(vocab.EVIDENCE_BASES, empty_ok=True)),
        "source_id": _col(_not_empty()),
        "confidence": _col(_one_of(vocab.CONFIDENCES, empty_ok=False)),
        "note": _text(),
    },
    strict=True,
    name="codings",
)

SOURCES = pa.DataFrameSchema(
    {
        "source_id": _col(_matches(vocab.SLUG_PATTERN, "a lowercase slug (a-z, 0-9, _)", empty_ok=False)),
        "publisher": _required_text(),
        "title": _required_text(),
        "date": _col(_matches(vocab.PARTIAL_DATE_PATTERN, "a date YYYY, YYYY-MM or YYYY-MM-DD", empty_ok=True), _real_date()),
        "url": _col(_matches(r"^https?://\S+$", "an http(s) address", empty_ok=False)),
        "kind": _col(_one_of(vocab.SOURCE_KINDS, empty_ok=False)),
    },
    strict=True,
    name="sources",
)

PROVINCES = pa.DataFrameSchema(
    {
        "province": _required_text(),
        "variants": _text(),
        "iso_code": _col(_matches(r"^AF-[A-Z]{3}$", "an ISO 3166-2 code like AF-KAN", empty_ok=False)),
        "capital": _required_text(),
        "lat": _col(_number(29.0, 39.0, empty_ok=False)),
        "lon": _col(_number(60.0, 75.0, empty_ok=False)),
        "population_nsia_2021_22": _col(_matches(r"^[1-9]\d*$", "a whole number", empty_ok=False)),
        "population_exact": _col(_one_of(("true", "false"), empty_ok=False)),
        "population_source_id": _col(_not_empty()),
        "note": _text(),
    },
    strict=True,
    name="provinces",
)


# People beyond the 33 (later rounds): coded like the 33, without the post columns,
# which live in appointments.csv.
PEOPLE = pa.DataFrameSchema(
    {name: col for name, col in APPOINTEES.columns.items() if name not in ("seq", "post", "tier", "announced_on")},
    strict=True,
    name="people",
)

APPOINTMENTS = pa.DataFrameSchema(
    {
        "person_id": _col(_not_empty()),
        "post": _required_text(),
        "tier": _col(_one_of(vocab.TIERS, empty_ok=False)),
        "announced_on": _col(_matches(vocab.DATE_PATTERN, "a date YYYY-MM-DD", empty_ok=False), _real_date()),
        "source_ids": _col(_not_empty()),
        "confidence": _col(_one_of(vocab.CONFIDENCES, empty_ok=False)),
        "note": _text(),
    },
    strict=True,
    name="appointments",
)
