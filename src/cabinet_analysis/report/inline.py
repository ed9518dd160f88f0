"""How results show inline in Jupyter: tables as HTML, figures as deterministic PNG with alt text.

Call :func:`setup` once at the top of a notebook. It sets pandas' display options so that long cells
(claims, evidence notes) are not cut, and asks IPython for PNGs at a fixed dpi with no software
version in their metadata, so that re-running a notebook gives byte-identical outputs, each carrying
the figure's alt text as the PNG's ``alt`` metadata (nbconvert writes it into the page's ``<img>``).
It does not choose a matplotlib backend: in a Jupyter kernel that is the kernel's own (inline)
backend; outside IPython only the pandas options are set.
"""

from __future__ import annotations

from typing import Any, cast

import pandas as pd

DPI = 100
PANDAS_OPTIONS = {
    "display.max_colwidth": None,
    "display.max_rows": 200,
    "display.max_columns": 40,
    "display.width": 250,
    "display.precision": 4,
}
PRINT_FIGURE_KWARGS = {"bbox_inches": "tight", "dpi": DPI, "metadata": {"Software": None}}


def png(fig):
    """A figure as IPython shows it: base64 PNG, and its alt text as metadata where it has one."""
    from IPython.core.pylabtools import print_figure

    data = print_figure(fig, "png", base64=True, **PRINT_FIGURE_KWARGS)
    alt = getattr(fig, "alt_text", None)
    return (data, {"alt": alt}) if alt else data


def setup() -> None:
    """Pandas display options for notebooks; deterministic inline PNGs with alt text under IPython."""
    for key, value in PANDAS_OPTIONS.items():
        pd.set_option(key, value)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency through ipykernel
        return
    shell = get_ipython()
    if shell is None:
        return
    from matplotlib.figure import Figure
    from matplotlib_inline.backend_inline import set_matplotlib_formats
    from matplotlib_inline.config import InlineBackend

    # Stored in the config too, so the backend keeps them when it activates later.
    InlineBackend.instance().print_figure_kwargs = cast(Any, dict(PRINT_FIGURE_KWARGS))
    InlineBackend.instance().figure_formats = {"png"}
    set_matplotlib_formats("png", **PRINT_FIGURE_KWARGS)
    shell.display_formatter.formatters["image/png"].for_type(Figure, png)
