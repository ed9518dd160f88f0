"""The tables of the report: the 33, the coverage of each field, and every analysis table by name, in the
report's order (:func:`gap_report`). How they are written out is :mod:`cabinet_analysis.report.render`."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from ..analysis.baselines import ethnic_gaps, ethnic_sensitivity
from ..analysis.cadre import cadre_summary
from ..analysis.claims import evaluate_claims
from ..analysis.concordance import concordance
from ..analysis.gaps import focus_gaps, focus_table, region_gaps, whole_table_grid
from ..analysis.governments import coverage as government_coverage
from ..analysis.governments import governments_table
from ..analysis.helmandi import helmandi_counts, helmandi_ties
from ..analysis.sensitivity import focus_sensitivity, summarise
from ..analysis.timeline import (
    cabinet_persons,
    period_summary,
    post_status_table,
    round_sources,
    timeline_gaps,
    turnover,
    year_end_gaps,
)
from ..analysis.timeline import coverage as timeline_coverage
from ..coding.choices import DEFAULT, CodingChoice
from ..context import Context
from .wide import appointees_table

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
    imputed = (
        ctx.appointees(replace(DEFAULT, ethnicity="imputed"))["ethnicity"].notna().sum()
        - (a["ethnicity"] != "").sum()
    )
    rows = []
    for field in COVERED_FIELDS:
        missing = a.loc[a[field] == "", "person_id"].tolist()
        rows.append(
            {
                "field": field,
                "known": len(a) - len(missing),
                "unknown": len(missing),
                "imputed": int(imputed) if field == "ethnicity" else 0,
                "unknown_ids": ";".join(missing),
            }
        )
    return pd.DataFrame(rows)


def tier_counts(ctx: Context) -> pd.DataFrame:
    """How many of the 33 hold each tier of post."""
    return ctx.first_round["tier"].value_counts().rename_axis("tier").reset_index(name="appointees")


def first_round_disagreements(ctx: Context, fields=("province", "ethnicity", "tribe")) -> pd.DataFrame:
    """Where sources disagree about one of the 33 (:func:`~cabinet_analysis.coding.evidence.disagreements`)."""
    from ..coding.evidence import disagreements

    d = disagreements(ctx.ds.evidence, fields=fields)
    return d[d["person_id"].isin(ctx.first_round["person_id"])][["person_id", "field", "values"]].reset_index(
        drop=True
    )


def ethnicity_counts(ctx: Context) -> pd.DataFrame:
    """Appointees per ethnicity under each ``ethnicity`` switch: direct evidence only, and with values
    imputed from the cabinet-wide count; ``unknown`` counts those left without a value."""
    cols = {}
    for rule in ("direct", "imputed"):
        eth = ctx.appointees(replace(DEFAULT, ethnicity=rule))["ethnicity"].fillna("unknown")
        cols[rule] = eth.value_counts()
    t = pd.DataFrame(cols).fillna(0).astype(int)
    order = [g for g in t.sort_values("imputed", ascending=False, kind="stable").index if g != "unknown"] + [
        "unknown"
    ]
    return t.reindex([g for g in order if g in t.index]).rename_axis("ethnicity").reset_index()


TITLE = "Who the Taliban appointed, and who was left out"
# The report's sections in reading order, each a title and its tables; every table has a plain title.
SECTIONS = (
    ("The commentary's claims", ("claims_ledger",)),
    (
        "The focus groups against their yardsticks",
        ("focus_gaps", "focus_gaps_by_baseline", "focus_gaps_provinces_baseline", "movement_baseline"),
    ),
    (
        "Every region",
        ("region_gaps_rusi", "region_gaps_rusi_movement", "region_gaps_unama", "whole_table_tests"),
    ),
    (
        "How much the coding matters",
        ("sensitivity", "ethnic_gaps", "ethnic_sensitivity", "helmandi_ties", "helmandi_counts"),
    ),
    (
        "The government over time",
        (
            "period_summary",
            "timeline",
            "year_end_gaps",
            "post_status",
            "timeline_coverage",
            "rounds",
            "turnover",
            "cabinet_rank_persons",
        ),
    ),
    ("Against every published tally", ("concordance",)),
    ("Compared with what: the governments before it", ("governments", "governments_coverage")),
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
    "governments": "Eight governments on one yardstick: counts, gaps, ranges, p-values, posterior",
    "governments_coverage": "How many members of each government have a sourced province and ethnicity",
    "rounds": "Every known round, with its sources",
    "turnover": "Posts of cabinet rank changing hands",
    "cabinet_rank_persons": "Everyone who held cabinet rank",
}


def gap_report(ctx: Context) -> dict[str, pd.DataFrame]:
    """Every table the ``report`` command prints, by name, in the report's order (:data:`SECTIONS`; kept
    between runs)."""
    tables = ctx.memo(("gap_report",), lambda: _gap_report(ctx), keep=True)
    return {name: table.copy() for name, table in tables.items()}


def _gap_report(ctx: Context) -> dict[str, pd.DataFrame]:
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
        "whole_table_tests": whole_table_grid(
            ctx, ("rusi", "unama"), ("population", "provinces", "movement", "emirate")
        ),
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
        "governments": governments_table(ctx),
        "governments_coverage": government_coverage(ctx),
        "rounds": round_sources(ctx),
        "turnover": turnover(ctx),
        "cabinet_rank_persons": cabinet_persons(ctx),
    }
    return {name: tables[name] for _, names in SECTIONS for name in names}


YARDSTICKS = ("population", "movement", "emirate")
BY_BASELINE_COLUMNS = [
    "baseline",
    "group",
    "observed",
    "n",
    "baseline_share",
    "expected",
    "gap_pp",
    "p_under",
    "p_holm",
    "n_total",
    "observed_min",
    "observed_max",
    "p_under_at_max",
]


def focus_gaps_by_baseline(ctx: Context, baselines=YARDSTICKS) -> pd.DataFrame:
    """The focus-group gaps against the population and against the movement's listed cadre
    (all of it, and its 1996-2001 office-holders), side by side, default coding otherwise."""
    table = focus_table(ctx, [ctx_choice(baseline=b) for b in baselines])
    return table[BY_BASELINE_COLUMNS]


def ctx_choice(**changes) -> CodingChoice:
    """The default coding with some switches changed."""
    return replace(DEFAULT, **changes)
