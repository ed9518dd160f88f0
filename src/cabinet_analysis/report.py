"""Tables for people: the summary of the 33, the gap table and the claims ledger."""

from __future__ import annotations

import json
from dataclasses import replace

import pandas as pd

from .baselines import ethnic_gaps, ethnic_sensitivity
from .cadre import cadre_summary
from .choices import DEFAULT, CodingChoice
from .claims import evaluate_claims
from .concordance import concordance
from .context import Context
from .gaps import focus_gaps, focus_table, region_gaps, whole_table_grid
from .helmandi import helmandi_counts, helmandi_ties
from .sensitivity import focus_sensitivity, summarise
from .timeline import cabinet_persons, period_summary, post_status_table, round_sources, timeline_gaps, turnover, year_end_gaps
from .timeline import coverage as timeline_coverage
from .wide import appointees_table

FORMATS = ("text", "csv", "markdown", "json")


COVERED_FIELDS = ["province", "district", "ethnicity", "tribe", "network", "un_1988_ref", "emirate_1996_2001"]


def summary_table(ctx: Context) -> pd.DataFrame:
    """The 33 in announcement order with their main coded fields ("?" = unknown)."""
    a = appointees_table(ctx)
    cols = ["seq", "name", "tier", "province", "origin_basis", "ethnicity", "tribe", "network"]
    return a[cols].replace("", "?")


def coverage_table(ctx: Context) -> pd.DataFrame:
    """How many of the 33 have a sourced value for each coded field under the default reading,
    and who lacks one; ``imputed`` counts the ethnicities that only an imputation would fill."""
    a = appointees_table(ctx)
    imputed = ctx.appointees(replace(DEFAULT, ethnicity="imputed"))["ethnicity"].notna().sum() - (a["ethnicity"] != "").sum()
    rows = []
    for field in COVERED_FIELDS:
        missing = a.loc[a[field] == "", "person_id"].tolist()
        rows.append({"field": field, "known": len(a) - len(missing), "unknown": len(missing),
                     "imputed": int(imputed) if field == "ethnicity" else 0, "unknown_ids": ";".join(missing)})
    return pd.DataFrame(rows)


def tier_counts(ctx: Context) -> pd.DataFrame:
    """How many of the 33 hold each tier of post."""
    return ctx.first_round["tier"].value_counts().rename_axis("tier").reset_index(name="appointees")


def first_round_disagreements(ctx: Context, fields=("province", "ethnicity", "tribe")) -> pd.DataFrame:
    """Where sources disagree about one of the 33 (:func:`~cabinet_analysis.evidence.disagreements`)."""
    from .evidence import disagreements

    d = disagreements(ctx.ds.evidence, fields=fields)
    return d[d["person_id"].isin(ctx.first_round["person_id"])][["person_id", "field", "values"]].reset_index(drop=True)


def ethnicity_counts(ctx: Context) -> pd.DataFrame:
    """Appointees per ethnicity under each ``ethnicity`` switch: direct evidence only, and with values
    imputed from the cabinet-wide count; ``unknown`` counts those left without a value."""
    cols = {}
    for rule in ("direct", "imputed"):
        eth = ctx.appointees(replace(DEFAULT, ethnicity=rule))["ethnicity"].fillna("unknown")
        cols[rule] = eth.value_counts()
    t = pd.DataFrame(cols).fillna(0).astype(int)
    order = [g for g in t.sort_values("imputed", ascending=False, kind="stable").index if g != "unknown"] + ["unknown"]
    return t.reindex([g for g in order if g in t.index]).rename_axis("ethnicity").reset_index()


TITLE = "Who the Taliban appointed, and who was left out"
# The report's sections in reading order, each a title and its tables; every table has a plain title.
SECTIONS = (
    ("The commentary's claims", ("claims_ledger",)),
    ("The focus groups against their yardsticks", ("focus_gaps", "focus_gaps_by_baseline", "focus_gaps_provinces_baseline",
                                                   "movement_baseline")),
    ("Every region", ("region_gaps_rusi", "region_gaps_rusi_movement", "region_gaps_unama", "whole_table_tests")),
    ("How much the coding matters", ("sensitivity", "ethnic_gaps", "ethnic_sensitivity", "helmandi_ties", "helmandi_counts")),
    ("The government over time", ("period_summary", "timeline", "year_end_gaps", "post_status", "timeline_coverage", "rounds",
                                  "turnover", "cabinet_rank_persons")),
    ("Against every published tally", ("concordance",)),
)
TABLE_TITLES = {
    "appointees": "The 33 appointees of 7 September 2021 (? = unknown)",
    "coverage": "How many of the 33 have a sourced value for each field",
    "claims_ledger": "The claims ledger: each claim under every coding, and whatever the unknowns are",
    "focus_gaps": "The focus groups among the 33, against the population",
    "focus_gaps_by_baseline": "The focus groups against the population, the listed cadre and its 1996-2001 office-holders",
    "focus_gaps_provinces_baseline": "The focus groups against equal weight per province",
    "movement_baseline": "What the cadre yardsticks rest on",
    "region_gaps_rusi": "Every region of the commentary's scheme, against the population",
    "region_gaps_rusi_movement": "Every region of the commentary's scheme, against the listed cadre",
    "region_gaps_unama": "The UN's eight regions, against the population",
    "whole_table_tests": "The whole table: disproportionality and a simulated test",
    "sensitivity": "How far the coding moves each focus group",
    "ethnic_gaps": "Ethnic groups among the 33 of known ethnicity",
    "ethnic_sensitivity": "Hazaras, with and without imputed ethnicities",
    "helmandi_ties": "Every tie of the 33 to Helmand or its networks",
    "helmandi_counts": "Members of the Helmandi networks under each rule",
    "period_summary": "September 2021 to the last event held",
    "timeline": "The focus groups after each round of 2021",
    "year_end_gaps": "The focus groups at every year end",
    "timeline_coverage": "What the data hold, year by year",
    "post_status": "The posts at every year end: held by someone named, reported vacant, or of unknown holder",
    "concordance": "Every published tally beside the data's own figure on the same scope and date",
    "rounds": "Every known round, with its sources",
    "turnover": "Posts of cabinet rank changing hands",
    "cabinet_rank_persons": "Everyone who held cabinet rank",
}


def gap_report(ctx: Context) -> dict[str, pd.DataFrame]:
    """Every table the ``report`` command prints, by name, in the report's order (:data:`SECTIONS`)."""
    sens = focus_sensitivity(ctx)
    tables = {
        "claims_ledger": evaluate_claims(ctx),
        "focus_gaps": focus_gaps(ctx),
        "focus_gaps_by_baseline": focus_gaps_by_baseline(ctx),
        "focus_gaps_provinces_baseline": focus_gaps(ctx, ctx_choice(baseline="provinces")),
        "movement_baseline": cadre_summary(ctx),
        "region_gaps_rusi": region_gaps(ctx),
        "region_gaps_rusi_movement": region_gaps(ctx, ctx_choice(baseline="movement")),
        "region_gaps_unama": region_gaps(ctx, ctx_choice(scheme="unama")),
        "whole_table_tests": whole_table_grid(ctx, ("rusi", "unama"), ("population", "provinces", "movement", "emirate")),
        "sensitivity": summarise(sens),
        "ethnic_gaps": ethnic_gaps(ctx.appointees(), ctx.ds.ethnic_shares),
        "ethnic_sensitivity": ethnic_sensitivity(ctx),
        "helmandi_ties": helmandi_ties(ctx).drop(columns=["note"]),
        "helmandi_counts": helmandi_counts(ctx),
        "period_summary": period_summary(ctx),
        "timeline": timeline_gaps(ctx).drop(columns=["baseline_share"]),
        "year_end_gaps": year_end_gaps(ctx).drop(columns=["baseline_share"]),
        "timeline_coverage": timeline_coverage(ctx),
        "post_status": post_status_table(ctx),
        "concordance": concordance(ctx),
        "rounds": round_sources(ctx),
        "turnover": turnover(ctx),
        "cabinet_rank_persons": cabinet_persons(ctx),
    }
    return {name: tables[name] for _, names in SECTIONS for name in names}


YARDSTICKS = ("population", "movement", "emirate")
BY_BASELINE_COLUMNS = ["baseline", "group", "observed", "n", "baseline_share", "expected", "gap_pp", "p_under", "p_holm",
                       "n_total", "observed_min", "observed_max", "p_under_at_max"]


def focus_gaps_by_baseline(ctx: Context, baselines=YARDSTICKS) -> pd.DataFrame:
    """The focus-group gaps against the population and against the movement's listed cadre
    (all of it, and its 1996-2001 office-holders), side by side, default coding otherwise."""
    table = focus_table(ctx, [ctx_choice(baseline=b) for b in baselines])
    return table[BY_BASELINE_COLUMNS]


def ctx_choice(**changes) -> CodingChoice:
    """The default coding with some switches changed."""
    return replace(DEFAULT, **changes)


_ROUND = {"share": 3, "baseline_share": 3, "expected": 2, "gap_pp": 1, "ratio": 2, "p_under": 4, "p_over": 4,
          "ci_low": 3, "ci_high": 3, "loosemore_hanby": 3, "gallagher": 3, "mc_p_value": 4,
          "gap_pp_min": 1, "gap_pp_max": 1, "p_under_min": 4, "p_under_max": 4, "share_significant": 3, "share_significant_holm": 3,
          "gap_pp_central": 1, "p_holm": 4, "p_under_at_max": 4, "p_under_at_min": 4, "gap_pp_at_min": 1, "gap_pp_at_max": 1, **{f"{m}_{lvl}": 4 for m in ("p_under", "p_over") for lvl in ("low", "central", "high")},
          **{f"expected_{lvl}": 2 for lvl in ("low", "central", "high")}}

FOCUS_COLUMNS = ["group", "observed", "n", "n_unknown", "expected", "gap_pp", "ratio", "p_under", "p_holm", "ci_low", "ci_high",
                 "n_total", "observed_min", "observed_max", "ids"]
REGION_COLUMNS = ["scheme", "baseline", "group", "observed", "n", "share", "baseline_share", "expected", "gap_pp", "ratio", "p_under", "p_over"]


def _shown(name: str, table: pd.DataFrame) -> pd.DataFrame:
    if name.startswith("focus_gaps") and name != "focus_gaps_by_baseline":
        table = table[FOCUS_COLUMNS]
    elif name.startswith("region_gaps"):
        table = table[REGION_COLUMNS]
    return table.round({k: v for k, v in _ROUND.items() if k in table.columns})


TEXT_WIDTH = 100  # columns: a terminal table wraps its columns into blocks no wider than this
TEXT_CELL = 44  # characters: a longer text cell is cut (the CSV and JSON forms keep it whole)


def render(tables: dict[str, pd.DataFrame], fmt: str = "text", ctx: Context | None = None) -> str:
    """Render named tables as plain text, CSV (with a ``table`` column), Markdown or JSON.

    CSV and JSON keep every column and full precision (rounded as :data:`_ROUND`), for machines. Text
    and Markdown are for readers: plain headings, persons by name (given ``ctx``), shares as
    percentages and p-values to two significant digits (:func:`~cabinet_analysis.display.present`);
    Markdown is a document with a title and sections, text fits a 100-column terminal."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}")
    if fmt == "json":
        shown = {name: _shown(name, t) for name, t in tables.items()}
        return json.dumps({n: json.loads(t.to_json(orient="records")) for n, t in shown.items()}, indent=2, ensure_ascii=False) + "\n"
    if fmt == "csv":
        shown = {name: _shown(name, t) for name, t in tables.items()}
        parts = [inert_cells(t.assign(table=n)[["table"] + list(t.columns)]) for n, t in shown.items()]
        return "".join(p.to_csv(index=False, lineterminator="\n") for p in parts)
    from .display import present

    if fmt == "markdown":
        out = [f"# {TITLE}\n", "Generated by `cabinet-analysis build` from `data/`; do not edit. Methods: `docs/methods.md`; "
               "every column of the data: `docs/codebook.md`. The same tables in full precision: `report.csv`, `report.json`.\n"]
        placed = set()
        for section, names in SECTIONS:
            here = [n for n in names if n in tables]
            if not here:
                continue
            out.append(f"## {section}\n")
            for name in here:
                out.append(f"### {TABLE_TITLES.get(name, name)}\n\n{_markdown(present(tables[name], name, ctx, fold=False).text)}\n")
                placed.add(name)
        for name in tables:
            if name not in placed:
                out.append(f"### {TABLE_TITLES.get(name, name)}\n\n{_markdown(present(tables[name], name, ctx, fold=False).text)}\n")
        return "\n".join(out)
    out = []
    for name, t in tables.items():
        text = present(t, name, ctx).text
        body = text.to_string(index=False, line_width=TEXT_WIDTH, max_colwidth=TEXT_CELL) if len(text) else "(no rows)"
        out.append(f"== {TABLE_TITLES.get(name, name.replace('_', ' '))} ==\n{body}\n")
    return "\n".join(out)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert_cells(table: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would read as a formula (starting with =, +, -, @, tab or
    carriage return) get a leading apostrophe, which spreadsheets show as text; numbers,
    negative ones included, are left as they are."""
    out = table.copy()
    for col in out.columns:
        if out[col].dtype != object and not pd.api.types.is_string_dtype(out[col]):
            continue
        text = out[col].map(lambda v: v if isinstance(v, str) else None)
        risky = text.str.startswith(FORMULA_START, na=False) & pd.to_numeric(text, errors="coerce").isna()
        out.loc[risky, col] = "'" + text[risky]
    return out


def report_files(ctx: Context, tables: dict | None = None) -> dict[str, bytes]:
    """Every file of ``reports/``, rendered in memory: summary.txt and report.txt/.md/.json/.csv."""
    tables = gap_report(ctx) if tables is None else tables
    contents = {
        "summary.txt": render({"appointees": summary_table(ctx), "coverage": coverage_table(ctx)}, "text", ctx),
        "report.txt": render(tables, "text", ctx),
        "report.md": render(tables, "markdown", ctx),
        "report.json": render(tables, "json"),
        "report.csv": render(tables, "csv"),
    }
    return {name: text.encode("utf-8") for name, text in contents.items()}


def _markdown(t: pd.DataFrame) -> str:
    cols = [str(c) for c in t.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in t.map(lambda v: "" if v is None or (not isinstance(v, (list, tuple)) and pd.isna(v)) else str(v)).itertuples(index=False):
        lines.append("| " + " | ".join(v.replace("|", "\\|") for v in row) + " |")
    return "\n".join(lines)


def present(table: pd.DataFrame, name: str = "", ctx: Context | None = None):
    """A table as a reader sees it (:func:`cabinet_analysis.display.present`; kept here for notebooks of
    earlier versions)."""
    from .display import present as show

    return show(table, name, ctx)
