"""Drawing shared by the maps: province shapes, faces, names and count discs."""

from __future__ import annotations

from collections.abc import Mapping

import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from ..data.boundaries import Boundaries
from .style import MIN_FONT, palette, region_colours

# Where a province's name goes relative to its centroid (offset in points, alignment), so that
# names and count discs in the crowded east do not collide. Others sit below their disc.
NAME_OFFSETS = {
    "Kabul": (-9, 6, "right"),
    "Logar": (9, -4, "left"),
    "Khost": (9, -6, "left"),
    "Paktia": (-9, -8, "right"),
    "Kapisa": (7, 6, "left"),
    "Panjshir": (0, 10, "center"),
    "Laghman": (9, 0, "left"),
    "Parwan": (-8, 6, "right"),
    "Wardak": (-9, -2, "right"),
    "Nuristan": (0, 12, "center"),
    "Kunar": (9, -9, "left"),
    "Nangarhar": (0, -12, "center"),
}


def scheme_colours(regions: pd.Series) -> dict[str, str]:
    """The fixed colour of each region; regions of other schemes take the palette in name order."""
    fixed = region_colours()
    names = sorted(set(regions))
    spare = iter([c for c in palette() if c not in fixed.values()] + palette())
    return {r: fixed[r] if r in fixed else next(spare) for r in names}


def pale(colour, amount: float = 0.72) -> tuple[float, float, float]:
    """``colour`` blended towards white (for provinces with no appointee)."""
    rgb = np.asarray(mcolors.to_rgb(colour))
    return tuple(rgb + (1 - rgb) * amount)


def province_paths(boundaries: Boundaries) -> dict[str, MplPath]:
    """One compound path per province (every ring of every polygon)."""
    out = {}
    for name, polys in boundaries.polygons.items():
        rings = [ring for poly in polys for ring in poly]
        out[name] = MplPath.make_compound_path(*[MplPath(r, closed=True) for r in rings])
    return out


def draw_map(
    ax, boundaries: Boundaries, faces: Mapping[str, object], hatches: dict[str, str] | None = None
) -> None:
    """Fill each province with its face colour (and hatch), with white borders and an equal-area-looking aspect."""
    hatches = hatches or {}
    for name, path in province_paths(boundaries).items():
        ax.add_patch(PathPatch(path, facecolor=faces[name], edgecolor="white", lw=0.8, zorder=1))
        if name in hatches:
            ax.add_patch(
                PathPatch(path, facecolor="none", edgecolor="0.25", lw=0, hatch=hatches[name], zorder=2)
            )
    x0, y0, x1, y1 = boundaries.bounds()
    ax.set_xlim(x0 - 0.2, x1 + 0.2)
    ax.set_ylim(y0 - 0.2, y1 + 0.2)
    ax.set_aspect(boundaries.aspect())
    ax.set_axis_off()


def label_provinces(ax, provinces: pd.DataFrame, counts: pd.Series) -> None:
    """Every province's name; a count in a disc on each province that has any."""
    halo = [patheffects.withStroke(linewidth=2.2, foreground="white")]
    for row in provinces.itertuples(index=False):
        k = int(counts.get(row.province, 0))
        if k:
            ax.annotate(
                str(k),
                (row.lon, row.lat),
                ha="center",
                va="center",
                fontsize=9,
                fontweight="bold",
                zorder=6,
                bbox={"boxstyle": "circle,pad=0.25", "facecolor": "white", "edgecolor": "0.2", "lw": 0.8},
            )
        dx, dy, ha = NAME_OFFSETS.get(row.province, (0, -11 if k else 0, "center"))
        ax.annotate(
            row.province,
            (row.lon, row.lat),
            xytext=(dx, dy),
            textcoords="offset points",
            ha=ha,
            va="center",
            fontsize=MIN_FONT,
            color="0.15",
            zorder=5,
            path_effects=halo,
        )
