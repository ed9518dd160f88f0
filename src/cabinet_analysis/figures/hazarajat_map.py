"""Hazarajat on the map: its whole provinces, its districts with their people (named; no district
boundaries are shipped), the share of the population each reading gives it, and where the appointees
come from."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from ..coding.choices import DEFAULT, HAZARAJAT_READINGS, CodingChoice
from ..data.boundaries import Boundaries
from ._maps import draw_map, label_provinces, pale
from .style import figure_style, finish, region_colours, source_line

ALT = (
    "Map of Afghanistan's 34 provinces: Hazarajat's whole provinces filled, provinces with Hazarajat districts "
    "hatched and their districts named in callouts with their people (Hazara-majority districts first, mixed ones "
    "after), the number of appointees of known origin per province in a disc, and Hazarajat's share of the "
    "population under each reading of which districts count"
)
# Where the district names of each partly-Hazarajat province go: empty ground beyond the border (lon, lat).
CALLOUTS = {
    "Ghor": (60.4, 37.2),
    "Samangan": (63.4, 39.2),
    "Parwan": (70.8, 39.2),
    "Wardak": (71.3, 33.9),
    "Ghazni": (71.0, 31.5),
    "Uruzgan": (60.4, 30.0),
}
PER_LINE = 3  # districts per line of a callout
READING_WORDS = {
    "majority": "Hazara-majority districts",
    "listed": "with the mixed districts",
    "weighted": "weighted by the Hazara share",
}


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..analysis.baselines import focus_baselines
    from ..coding.regions import hazarajat_district_people

    ds = ctx.ds
    shares = {r: focus_baselines(ctx, CodingChoice(hazarajat=r))["hazarajat"] for r in HAZARAJAT_READINGS}
    return (
        ctx.appointees(choice),
        ds.provinces,
        ds.hazarajat,
        ds.boundaries,
        hazarajat_district_people(ds.hazarajat, ds.districts, ds.provinces),
        shares,
    )


def _thousands(n: float) -> str:
    return f"{n / 1000:.0f}k"


def hazarajat_map(
    people: pd.DataFrame,
    provinces: pd.DataFrame,
    hazarajat: pd.DataFrame,
    boundaries: Boundaries,
    district_people: pd.DataFrame,
    shares: dict[str, float],
) -> plt.Figure:
    """Hazarajat on the map: whole provinces filled, provinces with Hazarajat districts hatched and the
    districts named with their people (``district_people``:
    :func:`~cabinet_analysis.coding.regions.hazarajat_district_people`), Hazarajat's population share under each
    reading (``shares``), and where the appointees come from."""
    parts = district_people[district_people["district"] != "(whole province)"]
    whole = set(district_people.loc[district_people["district"] == "(whole province)", "province"])
    counts = people.dropna(subset=["province"]).groupby("province").size()
    colour = region_colours()["Hazarajat"]
    partial = set(parts["province"])
    majority = set(parts.loc[parts["kind"] == "majority", "province"])
    faces = {
        p: colour
        if p in whole
        else pale(colour, 0.55)
        if p in majority
        else pale(colour, 0.8)
        if p in partial
        else "0.9"
        for p in boundaries.polygons
    }
    hatches = {p: "///" for p in partial}
    with figure_style():
        fig, ax = plt.subplots(figsize=(10, 7.6))
        draw_map(ax, boundaries, faces, hatches)
        label_provinces(ax, provinces, counts)
        p = provinces.set_index("province")
        for prov, sub in parts.groupby("province", sort=True):
            lines = [f"{prov}:"]
            for kind, label in (("majority", ""), ("mixed", "mixed: ")):
                rows = sub[sub["kind"] == kind]
                named = [f"{d} {_thousands(n)}" for d, n in zip(rows["district"], rows["people"])]
                for i in range(0, len(named), PER_LINE):
                    lines.append((label if i == 0 else "") + ", ".join(named[i : i + PER_LINE]))
            ax.annotate(
                "\n".join(lines),
                (p.loc[prov, "lon"], p.loc[prov, "lat"]),
                xytext=CALLOUTS.get(prov, (p.loc[prov, "lon"], p.loc[prov, "lat"] - 1)),
                textcoords="data",
                ha="left",
                va="center",
                fontsize=7.5,
                color="0.1",
                zorder=7,
                bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "0.6", "lw": 0.6},
                arrowprops={"arrowstyle": "-", "color": "0.3", "lw": 0.7, "shrinkA": 0, "shrinkB": 4},
            )
        handles = [
            Patch(facecolor=colour, label="whole province"),
            Patch(
                facecolor=pale(colour, 0.55),
                hatch="///",
                edgecolor="0.25",
                label="Hazara-majority districts (named)",
            ),
            Patch(facecolor=pale(colour, 0.8), hatch="///", edgecolor="0.25", label="mixed districts only"),
            Patch(facecolor="0.9", label="outside"),
        ]
        ax.legend(handles=handles, loc="lower right", frameon=True, title="Hazarajat", fontsize=8)
        ax.text(
            0.01,
            0.99,
            "Share of the population:\n"
            + "\n".join(f"{shares[r]:.1%} {READING_WORDS[r]}" for r in HAZARAJAT_READINGS),
            transform=ax.transAxes,
            ha="left",
            va="top",
            fontsize=8,
            bbox={"boxstyle": "round,pad=0.4", "facecolor": "white", "edgecolor": "0.6", "lw": 0.6},
        )
        inside = int(people["hazarajat"].sum())
        known = int(people["province"].notna().sum())
        title = (
            f"None of the {known} appointees of known origin comes from Hazarajat"
            if inside == 0
            else f"{inside} of the {known} appointees of known origin come from Hazarajat"
        )
        title += f", {shares['majority']:.1%} of the population (discs: appointees per province)"
        source = source_line(
            "the 33 appointees of 7 Sept 2021; Hazarajat: hazarajat.csv; district people: NSIA 2019-20 "
            "district shares of the NSIA 2021-22 province totals; boundaries: geoBoundaries"
        )
        finish(fig, title, source, ALT)
        fig.subplots_adjust(left=0.01, right=0.99)
        return fig
