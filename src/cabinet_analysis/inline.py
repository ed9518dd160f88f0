"""How results show inline in Jupyter: tables as HTML, figures as deterministic PNG.

Call :func:`setup` once at the top of a notebook. It sets pandas' display
options so that long cells (claims, evidence notes) are not cut, and asks the
inline backend for PNGs at a fixed dpi with no software version in their
metadata, so that re-running a notebook gives byte-identical outputs. It does
not choose a matplotlib backend: in a Jupyter kernel that is the kernel's own
(inline) backend; outside IPython only the pandas options are set.
"""

from __future__ import annotations

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


def setup() -> None:
    """Pandas display options for notebooks; deterministic inline PNGs when running under IPython."""
    for key, value in PANDAS_OPTIONS.items():
        pd.set_option(key, value)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency through ipykernel
        return
    shell = get_ipython()
    if shell is None:
        return
    from matplotlib_inline.backend_inline import set_matplotlib_formats
    from matplotlib_inline.config import InlineBackend

    # Stored in the config too, so the backend keeps them when it activates later.
    InlineBackend.instance().print_figure_kwargs = dict(PRINT_FIGURE_KWARGS)
    InlineBackend.instance().figure_formats = {"png"}
    set_matplotlib_formats("png", **PRINT_FIGURE_KWARGS)
