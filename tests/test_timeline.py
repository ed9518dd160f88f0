"""Pinned counts of the focus groups after each round of appointments of 2021 (issue: timeline)."""

from __future__ import annotations

import pandas as pd
import pytest

from cabinet_analysis.analysis.timeline import holders, round_dates, timeline_gaps
from cabinet_analysis.coding.choices import CodingChoice

DATES = ["2021-09-07", "2021-09-21", "2021-10-04", "2021-11-22", "2021-12-25"]


@pytest.fixture(scope="module")
def table(ctx):
    return timeline_gaps(ctx)


def observed(table, group, rank):
    t = table[(table["group"] == group) & (table["rank"] == rank)].set_index("date")
    return [int(t.loc[d, "observed"]) for d in DATES]


def test_rounds_and_holders(ctx):
    assert [d.strftime("%Y-%m-%d") for d in round_dates(ctx, until="2021-12-31")] == DATES
    counts = [len(holders(ctx, d)) for d in DATES]
    assert counts == [33, 50, 60, 76, 78]
    a = ctx.ds.appointments[ctx.ds.appointments["announced_on"].dt.year == 2021]
    added = a.groupby(a["announced_on"].dt.strftime("%Y-%m-%d")).size().to_dict()
    assert added == {
        "2021-08-24": 1,
        "2021-09-07": 34,
        "2021-09-21": 17,
        "2021-10-04": 10,
        "2021-10-05": 1,
        "2021-10-20": 1,
        "2021-11-03": 1,
        "2021-11-11": 1,
        "2021-11-22": 17,
        "2021-11-30": 1,
        "2021-12-25": 1,
    }


def test_first_round_matches_the_33_analysis(ctx, table):
    from cabinet_analysis.analysis.gaps import focus_gaps

    first = table[(table["date"] == DATES[0]) & (table["rank"] == "all")].set_index("group")
    focus = focus_gaps(ctx).set_index("group")
    for g in focus.index:
        assert first.loc[g, "observed"] == focus.loc[g, "observed"]
        assert first.loc[g, "n"] == focus.loc[g, "n"]
        assert first.loc[g, "p_under"] == pytest.approx(focus.loc[g, "p_under"])


def test_focus_groups_after_each_round(table):
    assert observed(table, "west", "all") == [0, 0, 0, 0, 0]
    assert observed(table, "southwest", "cabinet rank") == [1, 1, 1, 1, 1]
    assert observed(table, "southwest", "deputy or other") == [0, 2, 2, 2, 2]
    assert observed(table, "hazarajat", "all") == [0, 0, 0, 0, 0]
    assert observed(table, "helmandi_networks", "cabinet rank") == [0, 0, 0, 0, 0]
    # Zakir's main network, read by the rule, is the Helmandi network (two sources of medium confidence)
    # rather than the military commission (one): agreement counts in the rule, never in a row's confidence.
    assert observed(table, "helmandi_networks", "deputy or other") == [0, 1, 1, 1, 1]
    assert observed(table, "hazara", "cabinet rank") == [0, 0, 0, 0, 0]
    assert observed(table, "hazara", "deputy or other") == [0, 1, 1, 1, 2]


def test_who_closed_the_gaps(table):
    nov = table[(table["date"] == "2021-11-22") & (table["rank"] == "all")].set_index("group")
    last = table[(table["date"] == DATES[-1]) & (table["rank"] == "all")].set_index("group")
    assert last.loc["southwest", "ids"] == "amir_khan_muttaqi;abdul_qayum_zakir;ibrahim_sadr"
    assert last.loc["helmandi_networks", "ids"] == "abdul_qayum_zakir"
    assert nov.loc["hazara", "ids"] == "mohammad_hassan_ghiasi"
    assert last.loc["hazara", "ids"] == "mohammad_hassan_ghiasi;abdul_latif_nazari"
    # Abdul Kabir's origin is now known (Baghlan, by the UN birthplace line); Gul Zarin (22 Nov) is not.
    assert nov.loc["west", "n"] == 36 and nov.loc["west", "n_unknown"] == 40
    assert nov.loc["west", "p_under"] == pytest.approx(0.008601, abs=1e-6)


def test_any_network_tie_counts_sadr_and_badri(ctx):
    t = timeline_gaps(ctx, CodingChoice(helmandi="any_network"))
    last = t[(t["date"] == DATES[-1]) & (t["group"] == "helmandi_networks")].set_index("rank")
    assert last.loc["all", "ids"] == "hedayatullah_badri;abdul_qayum_zakir;ibrahim_sadr"
    assert last.loc["cabinet rank", "observed"] == 1


def test_a_move_replaces_the_earlier_post(ctx):
    before = holders(ctx, "2021-10-04").set_index("person_id")
    after = holders(ctx, "2021-11-22").set_index("person_id")
    assert before.loc["mohammad_esa_akhund", "tier"] == "minister"
    assert after.loc["mohammad_esa_akhund", "tier"] == "deputy_minister"
    assert pd.Timestamp(after.loc["mohammad_esa_akhund", "since"]) == pd.Timestamp("2021-11-22")
