"""Every path the project uses, in one place.

In a checkout (the repository, or an editable install of it) the data, the
outputs and the notebooks are the repository's own folders. Installed from a
wheel, the data come from the copy shipped inside the package and the outputs
go to the current directory. ``$CABINET_ANALYSIS_DATA`` overrides the data
folder in both cases.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
REPO = PACKAGE.parents[1]
SHIPPED_DATA = PACKAGE / "shipped_data"  # where the wheel puts data/ (see pyproject.toml)
DATA_ENV = "CABINET_ANALYSIS_DATA"
DESCRIPTOR = "datapackage.json"


def in_checkout() -> bool:
    """True when running from the repository (its data/ and pyproject.toml are beside the package)."""
    return (REPO / "pyproject.toml").is_file() and (REPO / "data" / DESCRIPTOR).is_file()


def data_dir() -> Path:
    """The data folder: $CABINET_ANALYSIS_DATA, else the repository's data/, else the shipped copy."""
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    return REPO / "data" if in_checkout() else SHIPPED_DATA


def output_root() -> Path:
    """Where reports/ and figures/ go by default: the repository, or the current directory."""
    return REPO if in_checkout() else Path.cwd()


def reports_dir() -> Path:
    return output_root() / "reports"


def figures_dir() -> Path:
    return output_root() / "figures"


def notebooks_dir() -> Path:
    return REPO / "notebooks"


def codebook() -> Path:
    return REPO / "docs" / "codebook.md"


def result_cache() -> Path | None:
    """Where computed results are kept between runs (a checkout's .cache/results), or None."""
    return REPO / ".cache" / "results" if in_checkout() else None


def figure_cache() -> Path | None:
    """Where rendered figures are kept between runs (a checkout's .cache/figures), or None."""
    return REPO / ".cache" / "figures" if in_checkout() else None
