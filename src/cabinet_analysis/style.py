"""One shared look for every figure, and byte-reproducible saving."""

from __future__ import annotations

import io
from contextlib import contextmanager

import matplotlib.pyplot as plt
from cycler import cycler

# seaborn's "colorblind" palette (Waskom 2021, after Wong 2011) and its "whitegrid" style with the
# "notebook" context, as constants so that drawing a figure does not import seaborn (about 0.4 s);
# tests check both against seaborn itself.
PALETTE = ["#0173b2", "#de8f05", "#029e73", "#d55e00", "#cc78bc", "#ca9161", "#fbafe4", "#949494", "#ece133", "#56b4e9"]
SOURCE_LINE = "Source: cabinet-analysis, data/ (33 appointees of 7 Sept 2021; NSIA 2021-22 population)"
# Region colours: fixed, so a region has the same colour in every figure.
REGION_ORDER = ["south", "southeast", "east", "central", "north", "northeast", "southwest", "west", "Hazarajat"]
REGION_COLOURS = dict(zip(REGION_ORDER, [PALETTE[i] for i in (0, 1, 2, 3, 4, 5, 6, 9, 8)]))  # no grey: grey marks empty provinces
VERDICT_COLOURS = {
    "supported": PALETTE[2],
    "contradicted": PALETTE[3],
    "sensitive to coding": PALETTE[1],
    "not testable with this data": (0.7, 0.7, 0.7),
}

SEABORN_WHITEGRID = {  # seaborn.axes_style("whitegrid"), without its default colormap "rocket"
    "figure.facecolor": "white", "axes.labelcolor": ".15", "xtick.direction": "out", "ytick.direction": "out",
    "xtick.color": ".15", "ytick.color": ".15", "axes.axisbelow": True, "grid.linestyle": "-", "text.color": ".15",
    "font.family": ["sans-serif"], "font.sans-serif": ["Arial", "DejaVu Sans", "Liberation Sans", "Bitstream Vera Sans", "sans-serif"],
    "lines.solid_capstyle": "round", "patch.edgecolor": "w", "patch.force_edgecolor": True, "xtick.top": False,
    "ytick.right": False, "axes.grid": True, "axes.facecolor": "white", "axes.edgecolor": ".8", "grid.color": ".8",
    "axes.spines.left": True, "axes.spines.bottom": True, "axes.spines.right": True, "axes.spines.top": True,
    "xtick.bottom": False, "ytick.left": False,
}
SEABORN_NOTEBOOK = {  # seaborn.plotting_context("notebook")
    "axes.linewidth": 1.25, "grid.linewidth": 1, "lines.linewidth": 1.5, "lines.markersize": 6, "patch.linewidth": 1,
    "xtick.major.width": 1.25, "ytick.major.width": 1.25, "xtick.minor.width": 1, "ytick.minor.width": 1,
    "xtick.major.size": 6, "ytick.major.size": 6, "xtick.minor.size": 4, "ytick.minor.size": 4, "font.size": 12,
    "axes.labelsize": 12, "axes.titlesize": 12, "xtick.labelsize": 11, "ytick.labelsize": 11, "legend.fontsize": 11,
    "legend.title_fontsize": 12,
}

RC = {
    "svg.hashsalt": "cabinet-analysis",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
}


THEME = {**SEABORN_WHITEGRID, **SEABORN_NOTEBOOK, "axes.prop_cycle": cycler(color=PALETTE), **RC}


@contextmanager
def figure_style():
    """The project's theme (seaborn's whitegrid, its colour-blind palette, our sizes), restored afterwards."""
    with plt.rc_context(THEME):
        yield


def finish(fig, title: str, source: str = SOURCE_LINE):
    """Title that states the finding, a source line at the foot, and the figure handed back
    detached from pyplot.

    The figure is removed from pyplot's registry (``plt.close``) so that Jupyter's
    inline backend renders it once, as the cell's value, and never a second time
    when the cell ends; it stays fully usable (``savefig``, display). This module
    never chooses a matplotlib backend: the CLI and the tests do.
    """
    fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold")
    fig.text(0.01, 0.01, source, ha="left", va="bottom", fontsize=7.5, color="0.35")
    fig.tight_layout(rect=(0, 0.04, 1, 0.95))
    plt.close(fig)
    return fig


def to_bytes(fig, fmt: str) -> bytes:
    """Render a figure to PNG or SVG bytes with no dates or software versions inside."""
    buf = io.BytesIO()
    metadata = {"Software": None} if fmt == "png" else {"Date": None, "Creator": None}
    with plt.rc_context({"svg.hashsalt": RC["svg.hashsalt"], "svg.fonttype": "path"}):
        fig.savefig(buf, format=fmt, metadata=metadata, dpi=RC["savefig.dpi"])
    return buf.getvalue()
