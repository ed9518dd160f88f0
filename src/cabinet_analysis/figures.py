"""One function per figure: each takes tidy data and returns a matplotlib Figure.

:func:`figure_inputs` maps each figure's file name to its function and the data it draws, so
:func:`render_all` (the ``figures`` and ``build`` commands) and the notebooks draw exactly the
same figures. Files are written only after every figure has rendered.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from pathlib import Path

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.patches import Patch, PathPatch
from matplotlib.path import Path as MplPath

from . import paths
from .cadre import cadre
from .choices import DEFAULT, CodingChoice
from .claims import evaluate_claims
from .context import Context
from .data.boundaries import Boundaries
from .gaps import focus_gaps, region_gaps
from .helmandi import helmandi_counts
from .measures import jeffreys_interval
from .outputs import signals_held
from .regions import hazarajat_districts, hazarajat_places
from .render_cache import FigureCache, code_fingerprint, key
from .report import coverage_table, focus_gaps_by_baseline
from .sensitivity import focus_sensitivity
from .style import PALETTE, REGION_COLOURS, REGION_ORDER, SOURCE_LINE, VERDICT_COLOURS, figure_style, finish, to_bytes
from .timeline import coverage as timeline_coverage
from .timeline import seats_table, timeline_gaps, turnover

BASELINE_LABELS = {"population": "population", "provinces": "province (equal weight)",
                   "movement": "listed cadre", "emirate": "listed 1996-2001 office-holders"}
YARDSTICK_STYLE = {"population": ("D", PALETTE[3]), "movement": ("s", PALETTE[2]), "emirate": ("^", PALETTE[4])}
FOCUS_LABELS = {
    "west": "West",
    "southwest": "Southwest",
    "west_or_southwest": "West or southwest",
    "hazarajat": "Hazarajat",
    "helmandi_networks": "Helmandi networks",
}


def regions_observed_expected(table: pd.DataFrame) -> plt.Figure:
    """Observed share with its Jeffreys interval against the baseline share, one row per region."""
    t = table.sort_values("baseline_share")
    with figure_style():
        fig, ax = plt.subplots(figsize=(8, 4.8))
        y = np.arange(len(t))
        ax.errorbar(t["share"], y, xerr=[t["share"] - t["ci_low"], t["ci_high"] - t["share"]], fmt="o",
                    color=PALETTE[0], capsize=3, label="appointees (95% Jeffreys interval)")
        ax.scatter(t["baseline_share"], y, marker="D", color=PALETTE[3], zorder=3, label="population share")
        for yi, (obs, n) in enumerate(zip(t["observed"], t["n"])):
            ax.annotate(f"{obs}/{n}", (1.0, yi), xycoords=("axes fraction", "data"), xytext=(4, 0), textcoords="offset points", va="center", fontsize=8)
        ax.set_yticks(y, t["group"])
        ax.set_xlim(0, max(0.75, float(t["ci_high"].max()) + 0.02))
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
        ax.set_xlabel("share")
        ax.legend(loc="lower right", frameon=True)
        south = t.set_index("group")
        title = (f"The south holds {south.loc['south', 'share']:.0%} of appointees of known origin "
                 f"for {south.loc['south', 'baseline_share']:.0%} of the population")
        return finish(fig, title)


def focus_lollipop(table: pd.DataFrame) -> plt.Figure:
    """Gap in percentage points for the focus groups, with the exact p-value beside each."""
    t = table.iloc[::-1]
    with figure_style():
        fig, ax = plt.subplots(figsize=(10, 4))
        y = np.arange(len(t))
        ax.hlines(y, 0, t["gap_pp"], color="0.6", lw=2)
        ax.scatter(t["gap_pp"], y, s=70, color=[PALETTE[3] if g < 0 else PALETTE[2] for g in t["gap_pp"]], zorder=3)
        ax.axvline(0, color="0.2", lw=1)
        labels = [f"{FOCUS_LABELS[g]}  ({o} of {n}, expected {e:.1f})" for g, o, n, e in zip(t["group"], t["observed"], t["n"], t["expected"])]
        ax.set_yticks(y, labels)
        for yi, (gap, p, ph) in enumerate(zip(t["gap_pp"], t["p_under"], t["p_holm"])):
            ax.annotate(f"p = {p:.3f} (Holm {ph:.2f})", (gap, yi), xytext=(-8, 8), textcoords="offset points", ha="right", fontsize=8)
        yardstick = BASELINE_LABELS.get(str(t["baseline"].iloc[0]), "baseline") if "baseline" in t else "population"
        ax.set_xlabel(f"gap: share of appointees minus {yardstick} share (percentage points)")
        lo = min(-20.0, float(t["gap_pp"].min()) - 3)
        ax.set_xlim(lo, max(5.0, float(t["gap_pp"].max()) + 4))
        below = t.loc[t["p_under"] < 0.05, "group"].map(FOCUS_LABELS).tolist()
        holm = t.loc[t["p_holm"] < 0.05, "group"].map(FOCUS_LABELS).tolist()
        title = f"Every focus group falls short of its {yardstick} share" if (t["gap_pp"] < 0).all() else "Gaps of the focus groups"
        title += f"; p < 0.05: {', '.join(below[::-1]) or 'none'}"
        title += f" ({', '.join(holm[::-1]) or 'none'} after Holm's correction)" if below else ""
        return finish(fig, title)


def focus_yardsticks(table: pd.DataFrame) -> plt.Figure:
    """Each focus group's share of the appointees (dot, with its Jeffreys interval), the range it
    could take whatever the unknown origins are (grey band), and its share of the population, of
    the movement's listed cadre and of the cadre's 1996-2001 office-holders (markers), with
    Holm-adjusted p-values. ``table``: :func:`~cabinet_analysis.report.focus_gaps_by_baseline`."""
    groups = list(dict.fromkeys(table["group"]))[::-1]
    base = table[table["baseline"] == "population"].set_index("group")
    with figure_style():
        fig, ax = plt.subplots(figsize=(11, 5))
        for i, g in enumerate(groups):
            r = base.loc[g]
            lo, hi = r["observed_min"] / r["n_total"], r["observed_max"] / r["n_total"]
            ax.hlines(i, lo, hi, color="0.85", lw=11, zorder=1, label="range whatever the unknowns are" if i == 0 else None)
            share = r["observed"] / r["n"]
            ci = jeffreys_interval(int(r["observed"]), int(r["n"]))
            ax.errorbar(share, i, xerr=[[share - ci[0]], [ci[1] - share]], fmt="o", color=PALETTE[0], capsize=3, zorder=3,
                        label="appointees of known origin (95% interval)" if i == 0 else None)
            notes = []
            for b, (marker, colour) in YARDSTICK_STYLE.items():
                row = table[(table["baseline"] == b) & (table["group"] == g)].iloc[0]
                ax.scatter(row["baseline_share"], i, marker=marker, s=45, color=colour, zorder=4, edgecolor="white",
                           label=f"share of the {BASELINE_LABELS[b]}" if i == 0 else None)
                notes.append(f"{row['p_holm']:.2f}")
            ax.annotate("   ".join(notes), (1.0, i), xycoords=("axes fraction", "data"), xytext=(8, 0),
                        textcoords="offset points", va="center", fontsize=8, color="0.25", family="monospace")
        ax.annotate("Holm-adjusted p\npop.  cadre  1996-2001", (1.0, len(groups) - 0.4), xycoords=("axes fraction", "data"),
                    xytext=(8, 0), textcoords="offset points", va="bottom", fontsize=7.5, color="0.25")
        ax.set_yticks(range(len(groups)), [FOCUS_LABELS[g] for g in groups])
        ax.set_xlim(0, max(0.45, float(table["baseline_share"].max()) + 0.05))
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
        ax.set_xlabel("share")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=3, fontsize=7.5, frameon=False)
        short = {b: [FOCUS_LABELS[g] for g in table.loc[(table["baseline"] == b) & (table["p_holm"] < 0.05), "group"]]
                 for b in ("population", "movement")}
        if not short["population"] and not short["movement"]:
            title = "After Holm's correction no focus group is significantly short, of the population or of the listed cadre"
        else:
            title = ("Significantly short after Holm's correction: " + (", ".join(short["population"]) or "none") + " of the population; "
                     + (", ".join(short["movement"]) or "none") + " of the listed cadre")
        finish(fig, title, SOURCE_LINE + "; UN 1988 sanctions list")
        fig.subplots_adjust(right=0.78, bottom=0.3)
        return fig


def _region_colours(regions: pd.Series) -> dict[str, str]:
    """The fixed colour of each region; regions of other schemes take the palette in name order."""
    names = sorted(set(regions))
    spare = iter([c for c in PALETTE if c not in REGION_COLOURS.values()] + PALETTE)
    return {r: REGION_COLOURS[r] if r in REGION_COLOURS else next(spare) for r in names}


def _pale(colour: str, amount: float = 0.72) -> tuple[float, float, float]:
    """``colour`` blended towards white (for provinces with no appointee)."""
    rgb = np.asarray(mcolors.to_rgb(colour))
    return tuple(rgb + (1 - rgb) * amount)


def _province_paths(boundaries: Boundaries) -> dict[str, MplPath]:
    """One compound path per province (every ring of every polygon)."""
    out = {}
    for name, polys in boundaries.polygons.items():
        rings = [ring for poly in polys for ring in poly]
        out[name] = MplPath.make_compound_path(*[MplPath(r, closed=True) for r in rings])
    return out


def _draw_map(ax, boundaries: Boundaries, faces: dict[str, object], hatches: dict[str, str] | None = None) -> None:
    """Fill each province with its face colour (and hatch), with white borders and an equal-area-looking aspect."""
    hatches = hatches or {}
    for name, path in _province_paths(boundaries).items():
        ax.add_patch(PathPatch(path, facecolor=faces[name], edgecolor="white", lw=0.8, zorder=1))
        if name in hatches:
            ax.add_patch(PathPatch(path, facecolor="none", edgecolor="0.25", lw=0, hatch=hatches[name], zorder=2))
    x0, y0, x1, y1 = boundaries.bounds()
    ax.set_xlim(x0 - 0.2, x1 + 0.2)
    ax.set_ylim(y0 - 0.2, y1 + 0.2)
    ax.set_aspect(boundaries.aspect())
    ax.set_axis_off()


# Where a province's name goes relative to its centroid (offset in points, alignment), so that
# names and count discs in the crowded east do not collide. Others sit below their disc.
NAME_OFFSETS = {
    "Kabul": (-9, 6, "right"), "Logar": (9, -4, "left"), "Khost": (9, -6, "left"), "Paktia": (-9, -8, "right"),
    "Kapisa": (7, 5, "left"), "Panjshir": (0, 9, "center"), "Laghman": (9, 0, "left"), "Parwan": (-8, 6, "right"),
    "Wardak": (-9, -2, "right"), "Nuristan": (0, 11, "center"), "Kunar": (9, -8, "left"), "Nangarhar": (0, -12, "center"),
}


def _label_provinces(ax, provinces: pd.DataFrame, counts: pd.Series) -> None:
    """Every province's name; a count in a disc on each province that has appointees."""
    halo = [patheffects.withStroke(linewidth=2.2, foreground="white")]
    for row in provinces.itertuples(index=False):
        k = int(counts.get(row.province, 0))
        if k:
            ax.annotate(str(k), (row.lon, row.lat), ha="center", va="center", fontsize=9, fontweight="bold", zorder=6,
                        bbox={"boxstyle": "circle,pad=0.25", "facecolor": "white", "edgecolor": "0.2", "lw": 0.8})
        dx, dy, ha = NAME_OFFSETS.get(row.province, (0, -11 if k else 0, "center"))
        ax.annotate(row.province, (row.lon, row.lat), xytext=(dx, dy), textcoords="offset points",
                    ha=ha, va="center", fontsize=6.3, color="0.15", zorder=5, path_effects=halo)


def origins_map(people: pd.DataFrame, provinces: pd.DataFrame, regions: pd.DataFrame, boundaries: Boundaries,
                what: str = "appointees", source: str = SOURCE_LINE) -> plt.Figure:
    """Province choropleth: each province in its region's colour (``regions``: one scheme), full where
    it has appointees (count in a disc) and pale where it has none; Hazarajat's whole provinces hatched."""
    counts = people.dropna(subset=["province"]).groupby("province").size()
    region = regions.set_index("province")["region"]
    colours = _region_colours(region)
    scheme = str(regions["scheme"].iloc[0]) if "scheme" in regions.columns else ""
    faces = {p: colours[region[p]] if counts.get(p, 0) else _pale(colours[region[p]]) for p in boundaries.polygons}
    with figure_style():
        fig, ax = plt.subplots(figsize=(11.5, 7))
        _draw_map(ax, boundaries, faces)
        _label_provinces(ax, provinces, counts)
        order = [r for r in REGION_ORDER if r in colours] + [r for r in colours if r not in REGION_ORDER]
        handles = [Patch(facecolor=colours[r], label=r) for r in order]
        handles.append(Patch(facecolor=_pale(PALETTE[7], 0.6), label="pale shade: province with none"))
        ax.legend(handles=handles, title=f"region ({scheme})", loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=True)
        unknown = int(people["province"].isna().sum())
        empty = [r for r in order if not any(counts.get(p, 0) for p in region.index[region == r])]
        title = f"Where the {len(people) - unknown} {what} of known origin come from ({unknown} unknown)"
        title += f"; none from: {', '.join(empty)}" if empty else ""
        finish(fig, title, source)
        fig.subplots_adjust(left=0.01, right=0.80)  # room for the legend beside the map
        return fig


CADRE_SOURCE = "Source: cabinet-analysis, data/ (UN 1988 sanctions list, individual entries; places of birth as listed)"


def cadre_map(cadre_people: pd.DataFrame, provinces: pd.DataFrame, regions: pd.DataFrame, boundaries: Boundaries) -> plt.Figure:
    """Where the movement's listed cadre comes from (:func:`~cabinet_analysis.cadre.cadre`), on the same map."""
    return origins_map(cadre_people, provinces, regions, boundaries, what="listed individuals", source=CADRE_SOURCE)


# Where the district names of each partly-Hazarajat province go: empty ground beyond the border (lon, lat).
CALLOUTS = {"Ghor": (60.6, 37.6), "Parwan": (70.6, 38.4), "Wardak": (70.4, 31.9), "Ghazni": (69.4, 30.2)}


def hazarajat_map(people: pd.DataFrame, provinces: pd.DataFrame, hazarajat: pd.DataFrame, boundaries: Boundaries) -> plt.Figure:
    """Hazarajat on the map: its whole provinces filled, provinces with Hazarajat districts hatched and
    the districts named (no district boundaries are shipped), and where the appointees come from."""
    whole, _ = hazarajat_places(hazarajat)
    districts = hazarajat_districts(hazarajat)
    counts = people.dropna(subset=["province"]).groupby("province").size()
    colour = REGION_COLOURS["Hazarajat"]
    faces = {p: colour if p in whole else _pale(colour, 0.55) if p in districts.index else "0.9" for p in boundaries.polygons}
    hatches = {p: "///" for p in districts.index}
    with figure_style():
        fig, ax = plt.subplots(figsize=(11.5, 7))
        _draw_map(ax, boundaries, faces, hatches)
        _label_provinces(ax, provinces, counts)
        p = provinces.set_index("province")
        for prov, names in districts.items():
            ax.annotate(f"{prov}: " + ", ".join(names), (p.loc[prov, "lon"], p.loc[prov, "lat"]),
                        xytext=CALLOUTS.get(prov, (p.loc[prov, "lon"], p.loc[prov, "lat"] - 1)), textcoords="data",
                        ha="left", va="center", fontsize=7, style="italic", color="0.1", zorder=7,
                        bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "0.6", "lw": 0.6},
                        arrowprops={"arrowstyle": "-", "color": "0.3", "lw": 0.7, "shrinkA": 0, "shrinkB": 4})
        handles = [Patch(facecolor=colour, label="whole province"),
                   Patch(facecolor=_pale(colour, 0.55), hatch="///", edgecolor="0.25", label="some districts (named)"),
                   Patch(facecolor="0.9", label="outside")]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=True, title="Hazarajat")
        inside = int(people["hazarajat"].sum())
        known = int(people["province"].notna().sum())
        title = (f"None of the {known} appointees of known origin comes from Hazarajat" if inside == 0 else
                 f"{inside} of the {known} appointees of known origin come from Hazarajat")
        finish(fig, title + " (discs: appointees per province)")
        fig.subplots_adjust(left=0.01, right=0.84)
        return fig


def coverage_figure(coverage: pd.DataFrame, evidence: pd.DataFrame) -> plt.Figure:
    """Left: how many of the 33 have a value for each coded field. Right: the evidence rows behind
    each field, by confidence."""
    fields = list(coverage["field"])[::-1]
    c = coverage.set_index("field").loc[fields]
    ev = evidence[evidence["field"].isin(fields)].groupby(["field", "confidence"]).size().unstack(fill_value=0)
    ev = ev.reindex(index=fields, columns=[k for k in ("high", "medium", "low", "imputed") if k in ev.columns], fill_value=0)
    with figure_style():
        fig, (a1, a2) = plt.subplots(1, 2, figsize=(10, 4.6), sharey=True)
        y = np.arange(len(fields))
        a1.barh(y, c["known"], color=PALETTE[0], label="known")
        a1.barh(y, c["imputed"], left=c["known"], color="0.7", hatch="///", edgecolor="white", label="known only by imputation")
        a1.barh(y, c["unknown"] - c["imputed"], left=c["known"] + c["imputed"], color="0.88", label="unknown")
        for yi, k in enumerate(c["known"]):
            a1.annotate(f"{k}", (k, yi), xytext=(-4, 0), textcoords="offset points", ha="right", va="center", fontsize=8, color="white")
        a1.set_yticks(y, fields)
        a1.set_xlim(0, int(c["known"].iloc[0] + c["unknown"].iloc[0]))
        a1.set_xlabel("appointees with a value")
        a1.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=8, frameon=False)
        left = np.zeros(len(fields))
        shades = {"high": PALETTE[2], "medium": PALETTE[1], "low": PALETTE[3], "imputed": "0.75"}
        for conf in ev.columns:
            a2.barh(y, ev[conf], left=left, color=shades[conf], label=conf)
            left += ev[conf].to_numpy()
        a2.set_xlabel("evidence rows (evidence.csv), by confidence")
        a2.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=4, fontsize=8, frameon=False)
        origin, eth = c.loc["province"], c.loc["ethnicity"]
        total = int(origin["known"] + origin["unknown"])
        title = (f"Every value has a source: origin known for {origin['known']} of {total}, "
                 f"ethnicity for {eth['known']} ({eth['imputed']} more only by imputation)")
        return finish(fig, title)


def network_composition(people: pd.DataFrame) -> plt.Figure:
    """Primary network of each appointee, split into cabinet rank and deputy rank."""
    from .vocab import CABINET_TIERS

    d = people.assign(network=people["networks"].map(lambda n: n[0] if n else "unknown"),
                      rank=np.where(people["tier"].isin(CABINET_TIERS), "cabinet rank", "deputy or other"))
    table = d.groupby(["network", "rank"]).size().unstack(fill_value=0)
    known = table.drop(index="unknown", errors="ignore")
    order = (["unknown"] if "unknown" in table.index else []) + list(known.sum(axis=1).sort_values(kind="stable").index)
    table = table.loc[order]
    with figure_style():
        fig, ax = plt.subplots(figsize=(8, 4.4))
        left = np.zeros(len(table))
        for i, col in enumerate(["cabinet rank", "deputy or other"]):
            if col in table:
                ax.barh(table.index, table[col], left=left, color=PALETTE[i], label=col)
                left += table[col].to_numpy()
        for yi, total in enumerate(left):
            ax.annotate(str(int(total)), (total, yi), xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)
        ax.set_xlabel("appointees")
        ax.legend(loc="upper right")
        helmandi = int((d["network"] == "helmandi").sum())
        top = known.sum(axis=1).sort_values(ascending=False, kind="stable")
        title = f"Main network: {top.index[0]} ({top.iloc[0]}), {top.index[1]} ({top.iloc[1]}); Helmandi: {helmandi}"
        return finish(fig, title)


def helmandi_rules(counts: pd.DataFrame) -> plt.Figure:
    """Members of the Helmandi networks under each membership rule and origin coding."""
    t = counts.assign(coding=counts["origin"] + np.where(counts["origin"] == "as_coded", "", " / " + counts["prefer"]))
    grid = t.pivot(index="helmandi", columns="coding", values="members").loc[list(dict.fromkeys(t["helmandi"]))]
    with figure_style():
        fig, ax = plt.subplots(figsize=(8, 4))
        im = ax.imshow(grid.to_numpy(), cmap="Blues", vmin=0, vmax=max(3, int(grid.to_numpy().max())), aspect="auto")
        ax.set_xticks(range(grid.shape[1]), grid.columns, rotation=20, ha="right")
        ax.set_yticks(range(grid.shape[0]), grid.index)
        ax.grid(False)
        for (i, j), v in np.ndenumerate(grid.to_numpy()):
            ax.text(j, i, str(v), ha="center", va="center", color="white" if v >= 2 else "black", fontsize=10)
        ax.set_xlabel("origin coding / source preference")
        ax.set_ylabel("membership rule")
        fig.colorbar(im, ax=ax, label="appointees counted")
        lo, hi = int(grid.to_numpy().min()), int(grid.to_numpy().max())
        return finish(fig, f"Helmandi-network members among the 33: from {lo} to {hi}, depending on the rule")


def claims_graphic(ledger: pd.DataFrame) -> plt.Figure:
    """Each claim of the commentary with its verdict and the share of codings that support it
    (the dated claims, one per year end, are drawn by :func:`dated_claims`)."""
    ledger = ledger[~ledger["claim_id"].str.contains("@", regex=False)]
    t = ledger.iloc[::-1].reset_index(drop=True)
    share = t["holds_in"].map(lambda s: int(s.split("/")[0]) / int(s.split("/")[1]) if s else np.nan)
    with figure_style():
        fig, ax = plt.subplots(figsize=(11, 1.6 + 0.5 * len(t)))
        for i, (verdict, sh) in enumerate(zip(t["verdict"], share)):
            colour = VERDICT_COLOURS[verdict]
            ax.barh(i, 1.0, color="0.93", height=0.7)
            if not np.isnan(sh):
                ax.barh(i, sh, color=colour, height=0.7)
            ax.text(1.02, i, verdict, va="center", fontsize=8.5, color=colour if verdict != "not testable with this data" else "0.4")
        ax.set_yticks(range(len(t)), [_wrap(c, 58) for c in t["claim"]], fontsize=7.5)
        ax.set_xlim(0, 1)
        ax.xaxis.set_major_formatter(plt.FuncFormatter(lambda v, _: f"{v:.0%}"))
        combos = next((int(h.split("/")[1]) for h in t["holds_in"] if h), 0)
        ax.set_xlabel(f"share of the {combos} coding combinations under which the claim holds")
        ax.grid(axis="y", visible=False)
        n = ledger["verdict"].value_counts()
        finish(fig, f"{n.get('supported', 0)} claims supported, {n.get('sensitive to coding', 0)} sensitive to coding, "
               f"{n.get('contradicted', 0)} contradicted, {n.get('not testable with this data', 0)} not testable")
        fig.subplots_adjust(left=0.34, right=0.80)
        return fig


def dated_claims(ledger: pd.DataFrame) -> plt.Figure:
    """The dated claims of the ledger: one cell per claim and year end, coloured by verdict, with the
    share of coding combinations under which it holds and whether it holds whatever the unknowns are."""
    dated = ledger[ledger["claim_id"].str.contains("@", regex=False)]
    base = dated["claim_id"].str.split("@").str[0]
    dates = sorted(dated["claim_id"].str.split("@").str[1].unique())
    claims = list(dict.fromkeys(base))
    with figure_style():
        fig, ax = plt.subplots(figsize=(11, 1.9 + 0.75 * len(claims)))
        for i, cid in enumerate(claims):
            for j, date in enumerate(dates):
                row = dated[dated["claim_id"] == f"{cid}@{date}"]
                if row.empty:
                    continue
                r = row.iloc[0]
                ax.add_patch(plt.Rectangle((j - 0.45, i - 0.4), 0.9, 0.8, color=VERDICT_COLOURS[r["verdict"]], lw=0))
                robust = "robust to unknowns" if r["robust_to_unknowns"] is True else "not robust to unknowns"
                ax.text(j, i, f"{r['verdict']}\n{r['holds_in']}\n{robust}", ha="center", va="center", fontsize=7, color="white")
        first = {cid: dated.loc[base == cid, "claim"].iloc[0] for cid in claims}
        labels = [_wrap(first[cid].replace(first[cid].split(",")[0], "As of each year end"), 40) for cid in claims]
        ax.set_yticks(range(len(claims)), labels, fontsize=8)
        ax.set_xticks(range(len(dates)), dates, fontsize=8)
        ax.set_xlim(-0.5, len(dates) - 0.5)
        ax.set_ylim(len(claims) - 0.5, -0.5)
        ax.grid(False)
        always = sum((dated.loc[base == cid, "verdict"] == "supported").all() for cid in claims)
        robust = "none" if not dated["robust_to_unknowns"].any() else "some"
        finish(fig, f"{always} of {len(claims)} dated claims hold at every year end under every coding; "
               f"{robust} whatever the unknown origins are",
               "Source: cabinet-analysis, data/claims.csv and data/appointments.csv (the last column is the last event held)")
        return fig


def sensitivity_ranges(sens: pd.DataFrame, default: pd.DataFrame) -> plt.Figure:
    """Range of each focus group's gap across all coding combinations, with the default coding marked."""
    groups = list(dict.fromkeys(default["group"]))[::-1]
    with figure_style():
        fig, ax = plt.subplots(figsize=(9, 4))
        for i, g in enumerate(groups):
            sub = sens[sens["group"] == g]["gap_pp"]
            ax.hlines(i, sub.min(), sub.max(), color=PALETTE[0], lw=6, alpha=0.5)
            ax.scatter(sub, np.full(len(sub), i), s=8, color=PALETTE[0], zorder=3)
            d = float(default.set_index("group").loc[g, "gap_pp"])
            ax.scatter([d], [i], marker="|", s=300, color="black", zorder=4)
        ax.axvline(0, color="0.2", lw=1)
        ax.set_yticks(range(len(groups)), [FOCUS_LABELS[g] for g in groups])
        combos = int((sens["group"] == groups[0]).sum())
        ax.set_xlabel(f"gap (percentage points) across {combos} coding combinations; black tick = default")
        spread = sens.groupby("group")["gap_pp"].agg(lambda g: g.max() - g.min())
        positive = [FOCUS_LABELS[g] for g in groups[::-1] if (sens.loc[sens["group"] == g, "gap_pp"] > 0).any()]
        title = f"Coding moves a gap by up to {spread.max():.0f} points"
        title += f"; only {', '.join(positive)} can turn positive" if positive else "; none turns positive"
        return finish(fig, title)


TIMELINE_LABELS = {**FOCUS_LABELS, "hazara": "Hazaras (ethnicity)"}


def timeline_figure(table: pd.DataFrame) -> plt.Figure:
    """Each focus group's gap after every round, for cabinet-rank and deputy-or-other posts.

    The two ranks are drawn side by side at each date so that equal values stay visible;
    labels give appointees over holders of known origin (or ethnicity).
    """
    groups = ["west", "southwest", "hazarajat", "helmandi_networks", "hazara"]
    ranks = ["cabinet rank", "deputy or other"]
    dates = sorted(table["date"].unique())
    x = np.arange(len(dates))
    lo = float(np.nanmin(table["gap_pp"])) - 4
    hi = max(5.0, float(np.nanmax(table["gap_pp"])) + 4)
    with figure_style():
        fig, axes = plt.subplots(1, len(groups), figsize=(13, 4.4), sharey=True)
        for ax, g in zip(axes, groups):
            subs = [table[(table["group"] == g) & (table["rank"] == r)].set_index("date").loc[dates] for r in ranks]
            for i, (rank, sub) in enumerate(zip(ranks, subs)):
                xs = x + (-0.12 if i == 0 else 0.12)
                ax.plot(xs, sub["gap_pp"], marker="o", ms=5, color=PALETTE[i], label=rank)
                other = subs[1 - i]["gap_pp"].to_numpy()
                for xi, o, n, gap, oth in zip(xs, sub["observed"], sub["n"], sub["gap_pp"], other):
                    above = gap > oth or (gap == oth and i == 0)  # keep each label away from the other line
                    ax.annotate(f"{o}/{n}", (xi, gap), xytext=(0, 7 if above else -13), textcoords="offset points",
                                ha="center", fontsize=6.5, color=PALETTE[i])
            ax.axhline(0, color="0.2", lw=1)
            ax.set_title(TIMELINE_LABELS[g], fontsize=10)
            ax.set_xticks(x, [d[5:] for d in dates], rotation=45, ha="right")
            ax.set_xlim(-0.5, len(dates) - 0.5)
            ax.set_ylim(lo, hi)
        axes[0].set_ylabel("gap (percentage points)")
        axes[0].legend(loc="upper left", fontsize=8)
        first, last = dates[0], dates[-1]
        gained = {}
        for rank in ranks:
            t = table[(table["rank"] == rank) & table["group"].isin(groups)].set_index(["date", "group"])["observed"]
            gained[rank] = [TIMELINE_LABELS[g] for g in groups if t[(last, g)] > t[(first, g)]]
        title = "Later rounds added " + (", ".join(gained["deputy or other"]) or "nothing") + " at deputy level only"
        title += "; nothing at cabinet rank" if not gained["cabinet rank"] else f"; at cabinet rank: {', '.join(gained['cabinet rank'])}"
        return finish(fig, title)


SEAT_GROUPS = ["west", "southwest", "hazarajat", "helmandi_networks", "hazara"]


def timeline_source(seats: pd.DataFrame) -> str:
    first, last = seats["date"].min(), seats["date"].max()
    return (f"Source: cabinet-analysis, data/appointments.csv (events {first} to {last}; rounds the data lack are "
            "listed in the coverage table)")


SHORT_LABELS = {"west": "the west", "southwest": "the southwest", "west_or_southwest": "the west or southwest",
                "hazarajat": "Hazarajat", "helmandi_networks": "the Helmandi networks", "hazara": "Hazaras"}


def seats_over_time(seats: pd.DataFrame) -> plt.Figure:
    """Each focus group's seats at cabinet rank and below on every event date, as steps.

    ``seats`` is :func:`cabinet_analysis.timeline.seats_table` (every event date, every rank).
    Each panel notes how much higher the latest count at cabinet rank could be if the holders of
    unknown origin (ethnicity, network) belonged to the group (``observed_max``)."""
    dates = pd.to_datetime(sorted(seats["date"].unique()))
    end = dates.max() + pd.Timedelta(days=45)
    top = max(3, int(seats.loc[seats["rank"] != "all", "observed"].max()) + 1)
    with figure_style():
        fig, axes = plt.subplots(1, len(SEAT_GROUPS), figsize=(13, 4.2), sharey=True)
        for ax, g in zip(axes, SEAT_GROUPS):
            for rank, colour, style in (("cabinet rank", PALETTE[0], "-"), ("deputy or other", PALETTE[1], "--")):
                sub = seats[(seats["group"] == g) & (seats["rank"] == rank)].set_index("date").loc[[d.strftime("%Y-%m-%d") for d in dates]]
                xs = list(dates) + [end]
                ys = list(sub["observed"]) + [sub["observed"].iloc[-1]]
                ax.step(xs, ys, where="post", color=colour, ls=style, lw=2.2 if rank == "cabinet rank" else 1.4, label=rank)
                if rank == "cabinet rank":
                    more = int(sub["observed_max"].iloc[-1] - sub["observed"].iloc[-1])
                    what = {"hazara": "ethnicities", "helmandi_networks": "networks"}.get(g, "origins")
                    ax.text(0.03, 0.97, f"unknown {what} at cabinet rank\ncould add up to {more} ({dates.max():%b %Y})",
                            transform=ax.transAxes, va="top", fontsize=7, color="0.35")
            for year in range(dates.min().year + 1, end.year + 1):
                ax.axvline(pd.Timestamp(f"{year}-01-01"), color="0.8", lw=0.8)
            ax.set_title(TIMELINE_LABELS[g], fontsize=10)
            ax.set_xlim(dates.min(), end)
            ax.xaxis.set_major_locator(plt.matplotlib.dates.YearLocator())
            ax.xaxis.set_major_formatter(plt.matplotlib.dates.DateFormatter("%Y"))
            ax.tick_params(axis="x", rotation=45)
            ax.grid(axis="x", visible=False)
        axes[0].set_ylabel("holders in office")
        axes[0].set_ylim(-0.15, top + 0.6)
        axes[0].yaxis.set_major_locator(plt.MaxNLocator(integer=True))
        axes[-1].legend(loc="center right", fontsize=7.5)
        cab = seats[seats["rank"] == "cabinet rank"]
        peak = cab.groupby("group")["observed"].max()
        never = [SHORT_LABELS[g] for g in SEAT_GROUPS if peak.get(g, 0) == 0]
        some = [f"{SHORT_LABELS[g]} at most {int(peak[g])}" for g in SEAT_GROUPS if peak.get(g, 0) > 0]
        title = f"{dates.min():%b %Y} to {dates.max():%b %Y}: no seat at cabinet rank for {_join(never, 'and')}"
        title += f"; {', '.join(some)}" if some else ""
        return finish(fig, title, timeline_source(seats))


def turnover_figure(changes: pd.DataFrame, coverage: pd.DataFrame) -> plt.Figure:
    """How posts of cabinet rank changed hands each year: to a newcomer or by a reassignment."""
    years = coverage["year"].tolist()
    counts = changes.groupby(["year", "kind"]).size().unstack(fill_value=0).reindex(index=years, columns=["newcomer", "reassignment"],
                                                                                    fill_value=0)
    with figure_style():
        fig, ax = plt.subplots(figsize=(8, 4))
        bottom = np.zeros(len(years))
        for kind, colour in (("newcomer", PALETTE[2]), ("reassignment", PALETTE[4])):
            ax.bar(years, counts[kind], bottom=bottom, color=colour, width=0.6, label=f"to a {kind}" if kind == "newcomer" else "by a reassignment")
            bottom += counts[kind].to_numpy()
        for x, total in zip(years, bottom):
            ax.annotate(f"{int(total)}", (x, total), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=9)
        last_year = coverage.iloc[-1]
        labels = [f"{y}\n({e} events held)" for y, e in zip(years, coverage["events"])]
        labels[-1] = f"{last_year['year']} to {pd.Timestamp(last_year['last_event']):%d %b}\n({last_year['events']} events held)"
        ax.set_xticks(years, labels, fontsize=8)
        ax.set_ylabel("posts of cabinet rank changing hands")
        ax.yaxis.set_major_locator(plt.MaxNLocator(integer=True))
        ax.set_ylim(0, max(2.0, float(bottom.max()) + 1))
        ax.legend(loc="upper left", fontsize=8)
        n = counts.sum()
        title = (f"{int(n.sum())} changes of hands at cabinet rank: {int(n['reassignment'])} reassignments, "
                 f"{int(n['newcomer'])} newcomers")
        source = "Source: cabinet-analysis, data/appointments.csv (the 2021 appointments filling posts are not changes of hands)"
        return finish(fig, title, source)


def _join(items: list[str], word: str = "or") -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}" if items else "no group"


def _wrap(text: str, width: int) -> str:
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


def first_round_evidence(ctx: Context) -> pd.DataFrame:
    """The evidence rows about the 33."""
    e = ctx.ds.evidence
    return e[e["person_id"].isin(ctx.first_round["person_id"])]


def figure_inputs(ctx: Context) -> dict[str, tuple]:
    """Every figure, by file stem: its function and the tables it draws (computed here, once)."""
    sens = focus_sensitivity(ctx)
    rusi = ctx.ds.regions[ctx.ds.regions["scheme"] == "rusi"]
    people = ctx.appointees()
    ledger = evaluate_claims(ctx)
    return {
        "regions_observed_expected": (regions_observed_expected, region_gaps(ctx)),
        "focus_gaps": (focus_lollipop, focus_gaps(ctx)),
        "origins_map": (origins_map, people, ctx.ds.provinces, rusi, ctx.ds.boundaries),
        "hazarajat_map": (hazarajat_map, people, ctx.ds.provinces, ctx.ds.hazarajat, ctx.ds.boundaries),
        "coverage": (coverage_figure, coverage_table(ctx), first_round_evidence(ctx)),
        "network_composition": (network_composition, people),
        "helmandi_networks": (helmandi_rules, helmandi_counts(ctx)),
        "claims_ledger": (claims_graphic, ledger),
        "dated_claims": (dated_claims, ledger),
        "sensitivity_ranges": (sensitivity_ranges, sens, focus_gaps(ctx)),
        "timeline": (timeline_figure, timeline_gaps(ctx)),
        "seats_over_time": (seats_over_time, seats_table(ctx)),
        "turnover": (turnover_figure, turnover(ctx), timeline_coverage(ctx)),
        "focus_yardsticks": (focus_yardsticks, focus_gaps_by_baseline(ctx)),
        "cadre_map": (cadre_map, cadre(ctx, DEFAULT), ctx.ds.provinces, rusi, ctx.ds.boundaries),
    }


def build_all(ctx: Context) -> dict[str, plt.Figure]:
    """Every figure, by file stem, from one context."""
    return {name: spec[0](*spec[1:]) for name, spec in figure_inputs(ctx).items()}


FORMATS = ("png", "svg")
_PENDING: dict[str, tuple] = {}  # the inputs handed to forked rendering processes


def _worker_signals() -> None:
    """Workers leave interrupts to the parent: Ctrl-C reaches the whole group and the parent handles
    it; SIGTERM (the parent terminating the pool) simply ends a worker."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})


def _render(name: str) -> dict[str, bytes]:
    fn, *args = _PENDING[name]
    fig = fn(*args)
    return {f"{name}.{fmt}": to_bytes(fig, fmt) for fmt in FORMATS}


def render_all(ctx: Context, workers: int | None = None, cache: Path | None | bool = True) -> dict[str, bytes]:
    """Every figure as PNG and SVG bytes, by file name.

    The tables are computed here. A figure whose inputs and drawing code are unchanged since
    it was last rendered comes from the render cache (:mod:`cabinet_analysis.render_cache`;
    ``cache=False`` ignores it, a path chooses its folder). The others are drawn and rendered in
    ``workers`` forked processes (default: up to two, one per core, when this process can fork
    safely), which gives the same bytes as drawing them one by one.
    """
    inputs = figure_inputs(ctx)
    folder = paths.figure_cache() if cache is True else (Path(cache) if cache else None)
    store = FigureCache(folder) if folder is not None else None
    code = code_fingerprint() if store else ""
    keys = {name: key(name, spec, code) for name, spec in inputs.items()} if store else {}
    files: dict[str, bytes] = {}
    todo = []
    for name in inputs:
        hit = store.get(name, keys[name], FORMATS) if store else None
        if hit is None:
            todo.append(name)
        else:
            files.update(hit)
    if workers is None:
        safe = hasattr(os, "fork") and threading.active_count() == 1 and threading.current_thread() is threading.main_thread()
        workers = min(2, os.cpu_count() or 1, len(todo)) if safe else 1
    _PENDING.clear()
    _PENDING.update(inputs)
    try:
        if workers <= 1:
            parts = [_render(name) for name in todo]
        else:
            with signals_held():  # a signal during a fork would be lost in fork handlers; take it after
                pool = multiprocessing.get_context("fork").Pool(workers, initializer=_worker_signals)
            with pool:  # on an interrupt, leaving the block terminates the workers at once
                parts = pool.map(_render, todo, chunksize=1)
    finally:
        _PENDING.clear()
    for name, part in zip(todo, parts):
        files.update(part)
        if store:
            store.put(name, keys[name], part)
    return {k: files[k] for k in sorted(files)}


__all__ = ["CodingChoice", "build_all", "figure_inputs", "render_all"]
