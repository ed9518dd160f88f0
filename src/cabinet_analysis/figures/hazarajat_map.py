"""Hazarajat on the map: its whole provinces, the provinces with Hazarajat districts (named), and where
the appointees come from."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from ..choices import DEFAULT, CodingChoice
from ..data.boundaries import Boundaries
from ..regions import hazarajat_districts, hazarajat_places
from ..style import figure_style, finish, region_colours, source_line
from ._maps import draw_map, label_provinces, pale

ALT = ("Map of Afghanistan's 34 provinces: Hazarajat's whole provinces filled, provinces with Hazarajat districts "
       "hatched and their districts named in callouts, and the number of appointees of known origin per province in a disc")
# Where the district names of each partly-Hazarajat province go: empty ground beyond the border (lon, lat).
CALLOUTS = {"Ghor": (60.6, 37.6), "Parwan": (70.3, 38.4), "Wardak": (70.4, 31.9), "Ghazni": (69.4, 30.2)}


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    return (ctx.appointees(choice), ctx.ds.provinces, ctx.ds.hazarajat, ctx.ds.boundaries)


def hazarajat_map(people: pd.DataFrame, provinces: pd.DataFrame, hazarajat: pd.DataFrame, boundaries: Boundaries) -> plt.Figure:
    """Hazarajat on the map: its whole provinces filled, provinces with Hazarajat districts hatched and
    the districts named (no district boundaries are shipped), and where the appointees come from."""
    whole, _ = hazarajat_places(hazarajat)
    districts = hazarajat_districts(hazarajat)
    counts = people.dropna(subset=["province"]).groupby("province").size()
    colour = region_colours()["Hazarajat"]
    faces = {p: colour if p in whole else pale(colour, 0.55) if p in districts.index else "0.9" for p in boundaries.polygons}
    hatches = {p: "///" for p in districts.index}
    with figure_style():
        fig, ax = plt.subplots(figsize=(10, 7.2))
        draw_map(ax, boundaries, faces, hatches)
        label_provinces(ax, provinces, counts)
        p = provinces.set_index("province")
        for prov, names in districts.items():
            ax.annotate(f"{prov}: " + ", ".join(names), (p.loc[prov, "lon"], p.loc[prov, "lat"]),
                        xytext=CALLOUTS.get(prov, (p.loc[prov, "lon"], p.loc[prov, "lat"] - 1)), textcoords="data",
                        ha="left", va="center", fontsize=7.5, style="italic", color="0.1", zorder=7,
                        bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": "0.6", "lw": 0.6},
                        arrowprops={"arrowstyle": "-", "color": "0.3", "lw": 0.7, "shrinkA": 0, "shrinkB": 4})
        handles = [Patch(facecolor=colour, label="whole province"),
                   Patch(facecolor=pale(colour, 0.55), hatch="///", edgecolor="0.25", label="some districts (named)"),
                   Patch(facecolor="0.9", label="outside")]
        ax.legend(handles=handles, loc="lower left", frameon=True, title="Hazarajat", fontsize=8)
        inside = int(people["hazarajat"].sum())
        known = int(people["province"].notna().sum())
        title = (f"None of the {known} appointees of known origin comes from Hazarajat" if inside == 0 else
                 f"{inside} of the {known} appointees of known origin come from Hazarajat")
        source = source_line("the 33 appointees of 7 Sept 2021; Hazarajat: data/hazarajat.csv; boundaries: geoBoundaries")
        finish(fig, title + " (discs: appointees per province)", source, ALT)
        fig.subplots_adjust(left=0.01, right=0.99)
        return fig
