"""Where the appointees come from: a province map in the colours of the regions."""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Patch

from ..coding.choices import DEFAULT, CodingChoice
from ..data.boundaries import Boundaries
from ._maps import draw_map, label_provinces, pale, scheme_colours
from .style import REGION_ORDER, figure_style, finish, palette, source_line

ALT = (
    "Map of Afghanistan's 34 provinces, each in the colour of its region, full where the province has someone of "
    "known origin (the count in a disc) and pale where it has none"
)
SOURCE = source_line(
    "the 33 appointees of 7 Sept 2021; boundaries: geoBoundaries, public domain; Hazarajat's people: NSIA "
    "2019-20 district shares",
    yardsticks=["population"],
)


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..analysis.baselines import focus_baselines
    from ..coding.regions import hazarajat_district_people

    regions = ctx.ds.regions[ctx.ds.regions["scheme"] == choice.scheme]
    ds = ctx.ds
    parts = hazarajat_district_people(ds.hazarajat, ds.districts, ds.provinces)
    counted = parts[
        (parts["district"] != "(whole province)")
        & ((parts["kind"] == "majority") | (choice.hazarajat != "majority"))
    ]
    note = (
        f"Hazarajat ({choice.hazarajat} reading): {focus_baselines(ctx, choice)['hazarajat']:.1%} of the population; "
        f"Bamyan and Daykundi whole, and {len(counted)} districts of {counted['province'].nunique()} other provinces "
        "(figure hazarajat_map names them)"
    )
    return (ctx.appointees(choice), ds.provinces, regions, ds.boundaries, "appointees", SOURCE, ALT, note)


def origins_map(
    people: pd.DataFrame,
    provinces: pd.DataFrame,
    regions: pd.DataFrame,
    boundaries: Boundaries,
    what: str = "appointees",
    source: str = SOURCE,
    alt: str = ALT,
    note: str = "",
) -> plt.Figure:
    """Province choropleth: each province in its region's colour (``regions``: one scheme), full where
    it has ``people`` of known origin (count in a disc) and pale where it has none; ``note`` is printed in the
    top-left corner."""
    counts = people.dropna(subset=["province"]).groupby("province").size()
    region = regions.set_index("province")["region"]
    colours = scheme_colours(region)
    scheme = str(regions["scheme"].iloc[0]) if "scheme" in regions.columns else ""
    faces = {
        p: colours[region[p]] if counts.get(p, 0) else pale(colours[region[p]]) for p in boundaries.polygons
    }
    with figure_style():
        fig, ax = plt.subplots(figsize=(10, 7.2))
        draw_map(ax, boundaries, faces)
        label_provinces(ax, provinces, counts)
        order = [r for r in REGION_ORDER if r in colours] + [r for r in colours if r not in REGION_ORDER]
        handles = [Patch(facecolor=colours[r], label=r) for r in order]
        handles.append(Patch(facecolor=pale(palette()[7], 0.6), label="pale: province with none"))
        ax.legend(
            handles=handles, title=f"region ({scheme})", loc="lower right", ncol=2, frameon=True, fontsize=8
        )
        if note:
            ax.text(
                0.01,
                0.99,
                textwrap.fill(note, 52),
                transform=ax.transAxes,
                ha="left",
                va="top",
                fontsize=8,
                color="0.2",
                bbox={"boxstyle": "round,pad=0.4", "facecolor": "white", "edgecolor": "0.7", "lw": 0.6},
            )
        unknown = int(people["province"].isna().sum())
        empty = [r for r in order if not any(counts.get(p, 0) for p in region.index[region == r])]
        title = f"Where the {len(people) - unknown} {what} of known origin come from ({unknown} unknown)"
        title += f"; none from: {', '.join(empty)}" if empty else ""
        finish(fig, title, source, alt)
        fig.subplots_adjust(left=0.01, right=0.99)
        return fig
