"""Tables as a reader sees them in a notebook: plain-English headings, no row index, shares as
percentages, p-values to two significant digits, persons by name and sources as links.

:func:`present` turns any table of the package into a :class:`Table`, which Jupyter shows as HTML
(pandas' Styler, with a fixed id so that re-running gives the same bytes) and everything else as
plain text (which nbval compares). The numbers themselves are never changed, only how they read;
``Table.data`` is the table as computed.
"""

from __future__ import annotations

import hashlib
import html
import math
from collections.abc import Callable
from typing import Any

import pandas as pd

from . import labels

P_VALUE = (
    "p_below_posterior",
    "p_under",
    "p_under_cadre",
    "p_over",
    "p_holm",
    "mc_p_value",
    "p_under_min",
    "p_under_max",
    "p_under_at_min",
    "p_under_at_max",
    "p_under_low",
    "p_under_central",
    "p_under_high",
    "p_over_low",
    "p_over_central",
    "p_over_high",
)
PERCENT = (
    "share",
    "baseline_share",
    "ci_low",
    "ci_high",
    "share_significant",
    "share_significant_holm",
    "population_share",
    "provinces_share",
    "cadre_share",
)
TWO_DECIMALS = ("ratio", "loosemore_hanby", "gallagher")
PERSON_LISTS = ("ids", "unknown_ids", "person_id", "from", "to")
SOURCE_LISTS = ("source_ids", "source_id")
VALUE_WORDS = {
    "group": {**labels.GROUPS, **labels.ETHNIC_GROUPS},
    "baseline": labels.YARDSTICKS,
    "tier": labels.TIERS,
    "government_id": labels.GOVERNMENTS,
}
LONG_TEXT = ("claim", "description", "figure", "note", "posts", "rounds_lacking", "values", "post", "place")
SHOWN_NAMES = 3  # a list of persons longer than this is folded to its count
WIDE_ROW = 8  # a one-row table with more columns than this is shown as a list of (heading, value)

# Which columns a named table shows (the rest stay in Table.data and in the report files).
SHOWN = {
    "focus_gaps": [
        "group",
        "observed",
        "n",
        "n_unknown",
        "expected",
        "gap_pp",
        "p_under",
        "p_holm",
        "ci_low",
        "ci_high",
        "observed_max",
        "ids",
    ],
    "region_gaps": [
        "scheme",
        "baseline",
        "group",
        "observed",
        "n",
        "share",
        "baseline_share",
        "expected",
        "gap_pp",
        "ratio",
        "p_under",
        "p_over",
    ],
}


class Table:
    """A table ready to show: ``data`` as computed, ``text`` and ``html_cells`` formatted for reading."""

    def __init__(
        self,
        data: pd.DataFrame,
        text: pd.DataFrame,
        html_cells: pd.DataFrame,
        uuid: str,
        numeric: list[str],
        wrapping: list[str],
        unbroken: list[str],
    ):
        self.data = data
        self.text = text
        self.html_cells = html_cells
        self.uuid = uuid
        self.numeric = numeric
        self.wrapping = wrapping
        self.unbroken = unbroken

    def __repr__(self) -> str:
        if self.text.empty:
            return "(no rows)"
        return self.text.to_string(index=False)

    def _repr_html_(self) -> str:
        styler = self.html_cells.style.hide(axis="index").set_uuid(self.uuid)
        # Per-cell properties only (the cells' own ids), so that a column's rule is never outweighed by a
        # table-wide one: left and wrapping by default, numbers right-aligned and dates on one line.
        styles = [
            {"selector": "td", "props": "vertical-align: top;"},
            {"selector": "th", "props": "text-align: left; vertical-align: bottom; white-space: normal;"},
        ]
        styler = styler.set_table_styles(styles).set_properties(
            **{"text-align": "left", "white-space": "normal"}
        )
        if self.numeric:
            styler = styler.set_properties(
                subset=self.numeric, **{"text-align": "right", "white-space": "nowrap"}
            )
        if self.unbroken:  # dates and other short codes stay on one line
            styler = styler.set_properties(subset=self.unbroken, **{"white-space": "nowrap"})
        if self.wrapping:  # prose and lists wrap within a readable width
            styler = styler.set_properties(subset=self.wrapping, **{"min-width": "12em", "max-width": "26em"})
        return styler.to_html()

    def __len__(self) -> int:
        return len(self.data)


def present(table: pd.DataFrame, name: str = "", ctx=None, fold: bool = True) -> Table:
    """``table`` as a reader sees it (the columns ``name`` shows, if it names a table of :data:`SHOWN`).

    With a context, person ids read as names and source ids as links to the page read. Lists of more
    than :data:`SHOWN_NAMES` persons, and of several sources, fold to their count in the text form
    (in HTML: a count that opens to the list); ``fold=False`` keeps every item (the Markdown report)."""
    data = table.reset_index(drop=True)
    kind = "focus_gaps" if name.startswith("focus_gaps") and name != "focus_gaps_by_baseline" else name
    if kind.startswith("region_gaps"):
        kind = "region_gaps"
    if kind in SHOWN:
        data = data[[c for c in SHOWN[kind] if c in data.columns]]
    persons = dict(zip(ctx.ds.persons["person_id"], ctx.ds.persons["name"])) if ctx is not None else {}
    sources = (
        {
            sid: (pub, title, url)
            for sid, pub, title, url in ctx.ds.sources[["source_id", "publisher", "title", "url"]].itertuples(
                index=False, name=None
            )
        }
        if ctx is not None
        else {}
    )
    text, cells, numeric, wrapping, unbroken = {}, {}, [], [], []
    for col in data.columns:
        fmt_text, fmt_html, is_number = _formatter(col, data[col], persons, sources, fold)
        heading = labels.column(col)
        if heading in text:  # two columns may not share a heading: the second is named by its column
            heading = f"{heading} ({col})"
        text[heading] = data[col].map(fmt_text)
        cells[heading] = data[col].map(fmt_html)
        if is_number:
            numeric.append(heading)
        elif (
            col in LONG_TEXT
            or col in PERSON_LISTS
            or col in SOURCE_LISTS
            or data[col].map(lambda v: len(str(v))).max() > 40
        ):
            wrapping.append(heading)
        elif text[heading].str.fullmatch(r"\d{4}(-\d{2}){0,2}|").all():
            unbroken.append(heading)
    text_frame = pd.DataFrame(text)
    if len(data) == 1 and len(text_frame.columns) > WIDE_ROW:  # one wide row reads better as a list of values
        text_frame = pd.DataFrame({"What": list(text_frame.columns), "Value": text_frame.iloc[0].tolist()})
        cells = {
            "What": [html.escape(c) for c in text_frame["What"]],
            "Value": [cells[c].iloc[0] for c in text],
        }
        numeric, wrapping, unbroken = [], [], []
    # A fixed id (so re-running gives the same bytes) that differs between tables (the page's styles are per id).
    uuid = "ca_" + hashlib.sha1(text_frame.to_csv(index=False).encode("utf-8")).hexdigest()[:12]
    return Table(data, text_frame, pd.DataFrame(cells), uuid, numeric, wrapping, unbroken)


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT


def _formatter(
    col: str, values: pd.Series, persons: dict, sources: dict, fold: bool
) -> tuple[Callable, Callable, bool]:
    """(text form, HTML form, is it a number) for the cells of one column."""

    def plain(fn: Callable[[Any], str], number: bool = True):
        def text(v) -> str:
            return "" if _missing(v) else fn(v)

        return text, lambda v: html.escape(text(v)), number

    if col in P_VALUE:
        return plain(lambda v: f"{v:.2g}")
    if col in PERCENT:
        return plain(lambda v: f"{v:.1%}")
    if col.startswith("gap_pp"):
        return plain(lambda v: f"{v:+.1f}")
    if col.startswith("expected"):
        return plain(lambda v: f"{v:.1f}")
    if col in TWO_DECIMALS:
        return plain(lambda v: f"{v:.2f}")
    if col in PERSON_LISTS:
        return _person_list(persons, fold)
    if col in SOURCE_LISTS:
        return _source_list(sources, fold)
    if col in VALUE_WORDS:
        words = VALUE_WORDS[col]
        return plain(lambda v: words.get(v, str(v)[:1].upper() + str(v)[1:]), number=False)
    if pd.api.types.is_bool_dtype(values) or values.map(lambda v: isinstance(v, bool)).any():
        return plain(lambda v: "yes" if v is True else "no" if v is False else str(v), number=False)
    if pd.api.types.is_datetime64_any_dtype(values):
        return plain(lambda v: v.strftime("%Y-%m-%d"), number=False)
    if pd.api.types.is_float_dtype(values):
        return plain(lambda v: f"{v:.3g}")
    if pd.api.types.is_integer_dtype(values):
        return plain(lambda v: str(int(v)))
    return plain(lambda v: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v), number=False)


def _items(v) -> list[str]:
    if _missing(v):
        return []
    if isinstance(v, (list, tuple)):
        return [str(i) for i in v]
    return [i.strip() for i in str(v).split(";") if i.strip()]


def _person_list(persons: dict, fold: bool) -> tuple[Callable, Callable, bool]:
    def names(v) -> list[str]:
        return [persons.get(i, i) for i in _items(v)]

    def text(v) -> str:
        n = names(v)
        return ", ".join(n) if len(n) <= SHOWN_NAMES or not fold else f"{len(n)} persons"

    def cell(v) -> str:
        n = [html.escape(x) for x in names(v)]
        if len(n) <= SHOWN_NAMES:
            return ", ".join(n)
        return f"<details><summary>{len(n)} persons</summary>{', '.join(n)}</details>"

    return text, cell, False


def _source_list(sources: dict, fold: bool) -> tuple[Callable, Callable, bool]:
    def text(v) -> str:
        ids = _items(v)
        if not fold:
            return "; ".join(ids)
        return ids[0] if len(ids) == 1 else f"{len(ids)} sources" if ids else ""

    def link(i: int, sid: str) -> str:
        if sid not in sources:
            return html.escape(sid)
        pub, title, url = sources[sid]
        return f'<a href="{html.escape(url)}" title="{html.escape(pub)}: {html.escape(title)}">{i}</a>'

    def cell(v) -> str:
        ids = _items(v)
        if not ids:
            return ""
        if len(ids) == 1 and ids[0] in sources:
            pub, title, url = sources[ids[0]]
            return f'<a href="{html.escape(url)}" title="{html.escape(title)}">{html.escape(pub)}</a>'
        return f"{len(ids)} sources: " + " ".join(link(i, s) for i, s in enumerate(ids, start=1))

    return text, cell, False
