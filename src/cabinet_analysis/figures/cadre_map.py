"""Where the movement's listed cadre comes from, on the same map as the appointees."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from ..data.boundaries import Boundaries
from .origins_map import origins_map
from .style import source_line

ALT = (
    "Map of Afghanistan's 34 provinces, each in the colour of its region, full where an individual of the UN 1988 "
    "sanctions list was born there (the count in a disc) and pale where none was"
)
SOURCE = source_line("places of birth as listed; boundaries: geoBoundaries", yardsticks=["movement"])


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..analysis.cadre import cadre

    regions = ctx.ds.regions[ctx.ds.regions["scheme"] == choice.scheme]
    return (cadre(ctx, choice), ctx.ds.provinces, regions, ctx.ds.boundaries)


def cadre_map(
    cadre_people: pd.DataFrame, provinces: pd.DataFrame, regions: pd.DataFrame, boundaries: Boundaries
) -> plt.Figure:
    """Where the movement's listed cadre comes from (:func:`~cabinet_analysis.analysis.cadre.cadre`), on the same map."""
    return origins_map(
        cadre_people, provinces, regions, boundaries, what="listed individuals", source=SOURCE, alt=ALT
    )
