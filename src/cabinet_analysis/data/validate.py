"""Check a table against its schema in ``datapackage.json``: types, constraints, keys.

Every check works on whole columns (no row loops), so validating a panel of
many thousand rows stays fast. One message per bad cell: a cell that fails its
type is not checked again against its constraints.
"""

from __future__ import annotations

import re

import pandas as pd

from .package import FieldSpec, ResourceSpec
from .problems import Problem

_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TYPE_TEXT = {
    "integer": "a whole number",
    "number": "a number",
    "date": "a date YYYY-MM-DD",
    "boolean": "true or false",
}


def _problems(filename: str, column: str, lines, values, message) -> list[Problem]:
    if callable(message):
        return [Problem(filename, int(line), column, message(v)) for line, v in zip(lines, values)]
    return [Problem(filename, int(line), column, message) for line in lines]


def type_ok(values: pd.Series, spec: FieldSpec) -> pd.Series:
    """Boolean mask of non-empty cells that parse as ``spec.type``."""
    if spec.type == "integer":
        return values.str.match(_INTEGER)
    if spec.type == "number":
        return values.str.match(_NUMBER)
    if spec.type == "boolean":
        return values.isin(["true", "false"])
    if spec.type == "date":
        ok = values.str.match(_DATE)
        parsed = pd.to_datetime(values.where(ok), format="%Y-%m-%d", errors="coerce")
        return ok & parsed.notna()
    return pd.Series(True, index=values.index)


def check_fields(
    frame: pd.DataFrame, spec: ResourceSpec, filename: str
) -> tuple[list[Problem], set[tuple[int, str]]]:
    """Per-cell checks of every field; returns the problems and the (line, column) cells that failed."""
    problems: list[Problem] = []
    bad: set[tuple[int, str]] = set()
    for f in spec.fields:
        col = frame[f.name]
        empty = col == ""
        failed = pd.Series(False, index=col.index)
        if f.required:
            problems += _problems(filename, f.name, col.index[empty], None, "must not be empty")
            failed |= empty
        filled = col[~empty]
        ok = type_ok(filled, f)
        if not ok.all():
            bad_cells = filled[~ok]
            problems += _problems(
                filename,
                f.name,
                bad_cells.index,
                bad_cells,
                lambda v, t=_TYPE_TEXT[f.type]: f"{v!r} is not {t}",
            )
            failed[bad_cells.index] = True
        good = filled[ok]
        if f.enum is not None:
            off = good[~good.isin(f.enum)]
            problems += _problems(
                filename, f.name, off.index, off, lambda v, e=f.enum: f"{v!r} must be one of: {', '.join(e)}"
            )
            failed[off.index] = True
        if f.pattern is not None:
            off = good[~good.str.match(f.pattern)]
            problems += _problems(
                filename,
                f.name,
                off.index,
                off,
                lambda v, n=f.name: f"{v!r} does not have the form of {n} (see datapackage.json)",
            )
            failed[off.index] = True
        if f.minimum is not None or f.maximum is not None:
            num = pd.to_numeric(good, errors="coerce")
            lo = f.minimum if f.minimum is not None else float("-inf")
            hi = f.maximum if f.maximum is not None else float("inf")
            off = good[(num < lo) | (num > hi)]
            problems += _problems(
                filename, f.name, off.index, off, lambda v, a=lo, b=hi: f"{v!r} must be from {a:g} to {b:g}"
            )
            failed[off.index] = True
        bad |= {(int(line), f.name) for line in failed.index[failed]}
    return problems, bad


def check_keys(frame: pd.DataFrame, spec: ResourceSpec, filename: str) -> list[Problem]:
    """Unique fields and the primary key: one message per repeated value, naming the first line."""
    problems = []
    keys: list[tuple[str, ...]] = [(f.name,) for f in spec.fields if f.unique]
    if spec.primary_key and (tuple(spec.primary_key),) not in [(k,) for k in keys]:
        keys.append(tuple(spec.primary_key))
    seen = set()
    for key in keys:
        if key in seen:
            continue
        seen.add(key)
        cols = list(key)
        dup = frame.duplicated(cols, keep="first")
        if not dup.any():
            continue
        first = frame.reset_index().drop_duplicates(cols, keep="first").set_index(cols)["line"]
        for line, row in frame[dup].iterrows():
            value = tuple(row[c] for c in cols)
            shown = value[0] if len(value) == 1 else ", ".join(f"{c}={v}" for c, v in zip(cols, value))
            problems.append(
                Problem(
                    filename,
                    int(line),
                    cols[-1],
                    f"duplicate {'/'.join(cols)} {shown!r} (first on line {first.loc[value if len(value) > 1 else value[0]]})",
                )
            )
    return problems


def check_references(
    frame: pd.DataFrame,
    spec: ResourceSpec,
    filename: str,
    tables: dict[str, pd.DataFrame],
    specs: dict[str, ResourceSpec],
    skip: set[tuple[int, str]],
) -> list[Problem]:
    """Foreign keys and list items that must name a row of another file."""
    problems = []
    # Province keys are checked by the cross-file pass, which also recognises spelling variants.
    refs = [
        (fk.field, fk.resource, fk.reference, False) for fk in spec.foreign_keys if fk.resource != "provinces"
    ]
    refs += [(f.name, *f.list_reference, True) for f in spec.fields if f.list_reference]
    for field, resource, reference, is_list in refs:
        target = tables.get(resource)
        if target is None:
            continue
        known = set(target[reference])
        col = frame[field]
        col = col[[(int(line), field) not in skip for line in col.index]] if skip else col
        if is_list:
            sep = spec.field(field).list_separator or ";"
            items = col[col != ""].str.split(sep).explode().str.strip()
            items = items[items != ""]
        else:
            items = col[col != ""]
        off = items[~items.isin(known)]
        what = _REFERENCE_WORDS.get(resource, f"a {reference} of {specs[resource].path}")
        problems += _problems(
            filename,
            field,
            off.index,
            off,
            lambda v, w=what, p=specs[resource].path: f"unknown {w} {v!r} (not in {p})",
        )
    return problems


_REFERENCE_WORDS = {
    "sources": "source",
    "persons": "person",
    "provinces": "province",
    "posts": "post",
    "rounds": "round",
}
