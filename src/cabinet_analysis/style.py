"""One shared look for every figure, and byte-reproducible saving."""

from __future__ import annotations

import io
from contextlib import contextmanager

import matplotlib.pyplot as plt

# seaborn's "colorblind" palette (Waskom 2021, after Wong 2011), as hex so that
# importing this module does not import seaborn; figure_style() applies seaborn's theme.
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


@contextmanager
def figure_style():
    """The project's seaborn theme and rc settings, restored afterwards."""
    import seaborn as sns

    with plt.rc_context():
        sns.set_theme(style="whitegrid", palette=PALETTE, rc=RC)
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
