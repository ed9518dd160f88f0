"""Each focus group's seats at cabinet rank and below on every event date, as steps."""

from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd

from ..coding.choices import DEFAULT, CodingChoice
from ..report.labels import GROUPS
from ._text import join
from .style import GROUPS_OVER_TIME, MIN_FONT, figure_style, finish, palette, source_line

ALT = (
    "Five small step charts, one per focus group (west, southwest, Hazarajat, Helmandi networks, Hazaras by "
    "ethnicity): how many holders from the group were in office on every event date from September 2021, at "
    "cabinet rank and at deputy or other rank, with a note of how many more the holders of unknown origin and the "
    "persons the data do not name could add"
)
SHORT = {
    "west": "the west",
    "southwest": "the southwest",
    "hazarajat": "Hazarajat",
    "helmandi_networks": "the Helmandi networks",
    "hazara": "Hazaras",
}


def data(ctx, choice: CodingChoice = DEFAULT) -> tuple:
    from ..analysis.timeline import seats_table

    return (seats_table(ctx, choice),)


def seats_over_time(seats: pd.DataFrame) -> plt.Figure:
    """Each focus group's seats at cabinet rank and below on every event date, as steps.

    ``seats`` is :func:`cabinet_analysis.analysis.timeline.seats_table` (every event date, every rank).
    Each panel notes how much higher the latest count at cabinet rank could be if the holders of
    unknown origin (ethnicity, network) belonged to the group (``observed_max``)."""
    dates = pd.to_datetime(sorted(seats["date"].unique()))
    end = dates.max() + pd.Timedelta(days=45)
    top = max(3, int(seats.loc[seats["rank"] != "all", "observed"].max()) + 1)
    p = palette()
    with figure_style():
        fig, axes = plt.subplots(2, 3, figsize=(10, 6.6), sharey=True)
        for ax, g in zip(axes.flat, GROUPS_OVER_TIME):
            for rank, colour, style in (("cabinet rank", p[0], "-"), ("deputy or other", p[1], "--")):
                sub = (
                    seats[(seats["group"] == g) & (seats["rank"] == rank)]
                    .set_index("date")
                    .loc[[d.strftime("%Y-%m-%d") for d in dates]]
                )
                xs = list(dates) + [end]
                ys = list(sub["observed"]) + [sub["observed"].iloc[-1]]
                ax.step(
                    xs,
                    ys,
                    where="post",
                    color=colour,
                    ls=style,
                    lw=2.2 if rank == "cabinet rank" else 1.4,
                    label=rank,
                )
                if rank == "cabinet rank":
                    last = sub.iloc[-1]
                    more = int(last["observed_max"] - last["observed"])
                    what = {"hazara": "ethnicities", "helmandi_networks": "networks"}.get(g, "origins")
                    ax.text(
                        0.03,
                        0.97,
                        f"at cabinet rank, {dates.max():%b %Y}:\n{more} of unknown {what} and\n"
                        f"{int(last['missing'])} not named could add",
                        transform=ax.transAxes,
                        va="top",
                        fontsize=MIN_FONT + 0.5,
                        color="0.35",
                    )
            for year in range(dates.min().year + 1, end.year + 1):
                ax.axvline(pd.Timestamp(f"{year}-01-01"), color="0.8", lw=0.8)
            ax.set_title(GROUPS[g], fontsize=10)
            ax.set_xlim(dates.min(), end)
            ax.xaxis.set_major_locator(mdates.YearLocator())
            ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
            ax.tick_params(axis="x", rotation=45, labelsize=8)
            ax.grid(axis="x", visible=False)
        for ax in axes[:, 0]:
            ax.set_ylabel("holders in office")
        axes[0, 0].set_ylim(-0.15, top + 1.6)
        axes[0, 0].yaxis.set_major_locator(plt.MaxNLocator(integer=True))
        legend_ax = axes.flat[-1]
        legend_ax.set_axis_off()
        handles, labels = axes.flat[0].get_legend_handles_labels()
        legend_ax.legend(handles, labels, loc="center", title="posts", fontsize=9)
        cab = seats[seats["rank"] == "cabinet rank"]
        peak = cab.groupby("group")["observed"].max()
        never = [SHORT[g] for g in GROUPS_OVER_TIME if peak.get(g, 0) == 0]
        some = [f"{SHORT[g]} at most {int(peak[g])}" for g in GROUPS_OVER_TIME if peak.get(g, 0) > 0]
        title = (
            f"{dates.min():%b %Y} to {dates.max():%b %Y}: no seat at cabinet rank for {join(never, 'and')}"
        )
        title += f"; {', '.join(some)}" if some else ""
        first, last = seats["date"].min(), seats["date"].max()
        source = source_line(
            f"appointments.csv, events {first} to {last}; rounds the data lack: the coverage table"
        )
        return finish(fig, title, source, ALT)
