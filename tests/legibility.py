"""How a figure reads at the width a notebook shows it: the smallest text in screen pixels, and
labels drawn over markers. Used by tests/test_figures_legible.py."""

from __future__ import annotations

import io
import struct

import numpy as np
from matplotlib.collections import PathCollection
from matplotlib.text import Text

PANE = 1000  # px: a notebook's output pane in JupyterLab at a common window size
INLINE_DPI = 100  # cabinet_analysis.report.inline.DPI


def shown_width(fig) -> int:
    """Width in px of the PNG the inline backend shows (bbox_inches="tight" at the inline dpi)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=INLINE_DPI, bbox_inches="tight")
    return struct.unpack(">I", buf.getvalue()[16:20])[0]


def smallest_text_px(fig) -> tuple[float, str]:
    """The smallest text of the figure in screen px at the notebook's width, and that text."""
    scale = min(1.0, PANE / shown_width(fig))
    sizes = [
        (t.get_fontsize() * INLINE_DPI / 72 * scale, t.get_text())
        for t in fig.findobj(Text)
        if t.get_visible() and t.get_text().strip()
    ]
    return min(sizes)


def labels_over_markers(fig) -> list[str]:
    """Texts inside an axes whose box covers the centre of a marker of that axes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)  # the figure may be detached from pyplot (no canvas of its own)
    canvas.draw()
    renderer = canvas.get_renderer()
    hits = []
    for ax in fig.axes:
        points, radii = [], []  # marker centres and half-widths, in display px
        px_per_pt = fig.dpi / 72
        for line in ax.get_lines():
            if (
                line.get_visible()
                and line.get_marker() not in (None, "", "None", " ")
                and line.get_markersize() > 0
            ):
                xy = ax.transData.transform(np.column_stack(line.get_data()).astype(float))
                points.append(xy)
                radii.append(np.full(len(xy), line.get_markersize() * px_per_pt / 2))
        for coll in ax.collections:
            if isinstance(coll, PathCollection) and coll.get_visible() and len(coll.get_offsets()):
                xy = coll.get_offset_transform().transform(coll.get_offsets())
                sizes = np.resize(coll.get_sizes() if len(coll.get_sizes()) else [36.0], len(xy))
                points.append(xy)
                radii.append(np.sqrt(sizes) * px_per_pt / 2)
        if not points:
            continue
        pts, rad = np.concatenate(points), np.concatenate(radii)
        keep = np.isfinite(pts).all(axis=1)
        pts, rad = pts[keep], rad[keep]
        for t in ax.texts:
            if not (t.get_visible() and t.get_text().strip()):
                continue
            box = t.get_window_extent(renderer)
            inside = (
                (pts[:, 0] + rad > box.x0)
                & (pts[:, 0] - rad < box.x1)
                & (pts[:, 1] + rad > box.y0)
                & (pts[:, 1] - rad < box.y1)
            )
            if inside.any():
                hits.append(t.get_text())
    return hits
