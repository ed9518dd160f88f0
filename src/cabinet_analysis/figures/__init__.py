"""Every figure of the package: one module per figure, named as the file it writes.

Each module ``figures/<name>.py`` holds the drawing function ``<name>(...)``, which takes tidy tables
and returns a matplotlib Figure (never choosing a backend), its alt text ``ALT``, and
``data(ctx, choice)``: the tables it draws under a coding. That pairing is the one wiring from a figure
to its data: ``build`` (:func:`~cabinet_analysis.build.render.render_all`), the notebooks
(:func:`draw`) and the explorer all go through it. Adding a figure is one module and one name in
:data:`NAMES`.
"""

from __future__ import annotations

import importlib

import matplotlib.pyplot as plt

from ..coding.choices import DEFAULT, CodingChoice
from .cadre_map import cadre_map
from .claims_ledger import claims_ledger
from .coverage import coverage, first_round_evidence
from .dated_claims import dated_claims
from .focus_gaps import focus_gaps
from .focus_yardsticks import focus_yardsticks
from .governments import governments
from .hazarajat_map import hazarajat_map
from .helmandi_networks import helmandi_networks
from .network_composition import network_composition
from .origins_map import origins_map
from .regions_observed_expected import regions_observed_expected
from .seats_over_time import seats_over_time
from .sensitivity_grid import sensitivity_grid
from .sensitivity_ranges import sensitivity_ranges
from .timeline import timeline
from .turnover import turnover

NAMES = (
    "origins_map",
    "hazarajat_map",
    "focus_yardsticks",
    "cadre_map",
    "focus_gaps",
    "regions_observed_expected",
    "claims_ledger",
    "sensitivity_ranges",
    "sensitivity_grid",
    "helmandi_networks",
    "network_composition",
    "coverage",
    "timeline",
    "seats_over_time",
    "turnover",
    "governments",
    "dated_claims",
)


def module(name: str):
    """The module of figure ``name`` (its drawing function, ``ALT`` and ``data``)."""
    if name not in NAMES:
        raise ValueError(f"no figure named {name!r}; the figures are {', '.join(NAMES)}")
    return importlib.import_module(f"{__name__}.{name}")


def inputs(name: str, ctx, choice: CodingChoice = DEFAULT) -> tuple:
    """(drawing function, *the tables it draws) for figure ``name`` under ``choice`` (the tables are kept
    between runs)."""
    mod = module(name)
    return (
        getattr(mod, name),
        *ctx.memo(("figure_data", name, choice), lambda: tuple(mod.data(ctx, choice)), keep=True),
    )


def figure_inputs(ctx, choice: CodingChoice = DEFAULT) -> dict[str, tuple]:
    """Every figure, by file stem: its function and the tables it draws under ``choice``."""
    return {name: inputs(name, ctx, choice) for name in NAMES}


def draw(name: str, ctx, choice: CodingChoice = DEFAULT) -> plt.Figure:
    """Figure ``name`` drawn from ``ctx`` under ``choice``: exactly what ``build`` writes for the default."""
    fn, *args = inputs(name, ctx, choice)
    return fn(*args)


def build_all(ctx) -> dict[str, plt.Figure]:
    """Every figure, by file stem, from one context (default coding)."""
    return {name: spec[0](*spec[1:]) for name, spec in figure_inputs(ctx).items()}


__all__ = [
    "NAMES",
    "build_all",
    "cadre_map",
    "claims_ledger",
    "coverage",
    "dated_claims",
    "governments",
    "draw",
    "figure_inputs",
    "first_round_evidence",
    "focus_gaps",
    "focus_yardsticks",
    "hazarajat_map",
    "helmandi_networks",
    "inputs",
    "module",
    "network_composition",
    "origins_map",
    "regions_observed_expected",
    "seats_over_time",
    "sensitivity_grid",
    "sensitivity_ranges",
    "timeline",
    "turnover",
]
