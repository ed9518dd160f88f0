"""One shared look for every figure, and byte-reproducible saving.

The theme is seaborn's: its ``whitegrid`` style, its ``notebook`` context and its colour-blind
palette (Waskom 2021, after Wong 2011), with our sizes on top. seaborn is imported only when a figure
is drawn (:func:`figure_style`, :func:`palette`), so a run served from the render cache never pays for
the import.

Legibility: every figure is at most :data:`MAX_WIDTH` inches wide, so that a notebook shows it at full
size in an output pane of about 1,000 px (the inline backend draws 100 px per inch), and no text is
smaller than :data:`MIN_FONT` points (9 px or more on screen).
"""

from __future__ import annotations

import io
import textwrap
from contextlib import contextmanager

import matplotlib.pyplot as plt

MAX_WIDTH = 10.0  # inches: 1,000 px in a notebook
MIN_FONT = 7.0  # points: 9.7 px at the notebook's 100 dpi
SOURCE_CHARS_PER_INCH = 15  # the source line at MIN_FONT + 0.5 points wraps to the figure's width
TITLE_CHARS_PER_INCH = 10.5  # and the title, in bold at 11.5 points

# Region colours: a fixed index into the palette, so a region has the same colour in every figure
# (no grey: grey marks empty provinces).
REGION_ORDER = [
    "south",
    "southeast",
    "east",
    "central",
    "north",
    "northeast",
    "southwest",
    "west",
    "Hazarajat",
]
REGION_SHADES = dict(zip(REGION_ORDER, (0, 1, 2, 3, 4, 5, 6, 9, 8)))
VERDICT_SHADES = {"supported": 2, "contradicted": 3, "sensitive to coding": 1}
NOT_TESTABLE_COLOUR = (0.7, 0.7, 0.7)

# Where each yardstick's numbers come from, for the source line at a figure's foot.
DATA_SOURCE = "Source: cabinet-analysis, data/"
YARDSTICK_SOURCES = {
    "population": "NSIA 2021-22 settled population",
    "provinces": "34 provinces, equal weight",
    "movement": "UN 1988 sanctions list, individual entries",
    "emirate": "UN 1988 sanctions list, entries with a 1996-2001 post",
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
    "legend.title_fontsize": 9,
}

# The groups the dated figures follow (timeline, seats_over_time): the focus groups but their union, and Hazaras
# by ethnicity.
GROUPS_OVER_TIME = ["west", "southwest", "hazarajat", "helmandi_networks", "hazara"]


def palette() -> list[str]:
    """seaborn's colour-blind palette, as hex colours."""
    import seaborn as sns

    return sns.color_palette("colorblind").as_hex()


def region_colours() -> dict[str, str]:
    """The fixed colour of each region of the commentary's schemes (and of the UN's and ISAF's names)."""
    p = palette()
    return {region: p[i] for region, i in REGION_SHADES.items()}


def verdict_colour(verdict: str):
    """The colour of a verdict; "supported on the known" is the supported green, lightened."""
    import matplotlib.colors as mcolors

    p = palette()
    if verdict == "supported on the known":
        rgb = mcolors.to_rgb(p[VERDICT_SHADES["supported"]])
        return tuple(c + (1 - c) * 0.55 for c in rgb)
    return p[VERDICT_SHADES[verdict]] if verdict in VERDICT_SHADES else NOT_TESTABLE_COLOUR


def theme() -> dict:
    """seaborn's whitegrid style and notebook context, its palette as the colour cycle, and our sizes."""
    import seaborn as sns
    from cycler import cycler

    return {
        **sns.axes_style("whitegrid"),
        **sns.plotting_context("notebook"),
        "axes.prop_cycle": cycler(color=palette()),
        **RC,
    }


@contextmanager
def figure_style():
    """The project's theme for the figures drawn in the block, restored afterwards."""
    with plt.rc_context(theme()):
        yield


def source_line(*parts: str, yardsticks=()) -> str:
    """The source line at a figure's foot: the data files read and the source of each yardstick shown."""
    cited = list(parts) + [YARDSTICK_SOURCES[y] for y in dict.fromkeys(yardsticks)]
    return DATA_SOURCE + (f" ({'; '.join(cited)})" if cited else "")


def finish(fig, title: str, source: str, alt: str):
    """Title that states the finding, the source line at the foot, alt text, and the figure handed back
    detached from pyplot.

    ``alt`` says what the figure shows (its kind, axes and marks); the alt text a reader gets is that
    and the title's finding (``fig.alt_text``: notebooks carry it as the PNG's ``alt`` metadata, SVG
    files as their description). The figure is removed from pyplot's registry (``plt.close``) so that
    Jupyter's inline backend renders it once, as the cell's value; it stays fully usable. This module
    never chooses a matplotlib backend: the CLI and the tests do.
    """
    width, height = fig.get_size_inches()
    heading = textwrap.wrap(title, int(width * TITLE_CHARS_PER_INCH))
    fig.suptitle("\n".join(heading), x=0.01, ha="left", fontsize=11.5, fontweight="bold")
    lines = textwrap.wrap(source, int(width * SOURCE_CHARS_PER_INCH))
    fig.text(0.01, 0.01, "\n".join(lines), ha="left", va="bottom", fontsize=MIN_FONT + 0.5, color="0.35")
    fig.tight_layout(
        rect=(0, (0.1 + 0.16 * len(lines)) / height, 1, 1 - (0.12 + 0.2 * len(heading)) / height)
    )
    fig.alt_text = f"{alt.rstrip('.')}. {title}."
    plt.close(fig)
    return fig


def to_bytes(fig, fmt: str) -> bytes:
    """Render a figure to PNG or SVG bytes with no dates or software versions inside (an SVG carries
    the figure's alt text as its title and description)."""
    buf = io.BytesIO()
    if fmt == "png":
        metadata = {"Software": None}
    else:
        metadata = {"Date": None, "Creator": None}
        alt = getattr(fig, "alt_text", "")
        if alt:
            metadata.update(Title=fig._suptitle.get_text() if fig._suptitle else alt, Description=alt)
    with plt.rc_context({"svg.hashsalt": RC["svg.hashsalt"], "svg.fonttype": "path"}):
        fig.savefig(buf, format=fmt, metadata=metadata, dpi=RC["savefig.dpi"])
    return buf.getvalue()
