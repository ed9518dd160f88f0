"""The panel holds what the government announced (issue 16): posts as records, the names each round
announced against the names held, the missing counted as unknowns, every published tally beside the
data's own figure, and the two standard exports."""

from __future__ import annotations

import pandas as pd
import pytest

from cabinet_analysis.analysis.concordance import concordance
from cabinet_analysis.analysis.timeline import (
    holders,
    missing_at,
    post_status,
    post_status_table,
    round_names,
    tenures,
)
from cabinet_analysis.report.exports import july_dates, person_months, whogov_july


def test_every_post_of_cabinet_rank_is_held_vacant_or_of_unknown_holder(ctx):
    s = post_status(ctx, "2025-02-01")
    cab = s[s["group"] == "cabinet"]
    assert set(cab["status"]) <= {"held", "vacant", "unknown"}
    # The political deputy prime minister's post is reported empty from 9 January 2025.
    assert cab.set_index("post_id").loc["political_deputy_prime_minister", "status"] == "vacant"
    assert cab.set_index("post_id").loc["minister_of_foreign_affairs", "holders"] == "amir_khan_muttaqi"
    # The State Ministry for Disaster Management no longer exists, so Mohammad Abbas Akhund no longer holds it.
    assert "minister_of_state_for_disaster_management" not in set(s["post_id"])
    assert "mohammad_abbas_akhund" not in set(holders(ctx, "2025-02-01")["person_id"])
    t = post_status_table(ctx).set_index(["date", "rank"])
    assert t.loc[("2026-02-14", "cabinet rank")].to_dict() == {
        "posts": 44,
        "held": 43,
        "vacant": 1,
        "unknown": 0,
    }


def test_the_names_of_each_round_held_and_not_held(ctx):
    r = round_names(ctx).set_index("round_id")
    assert r.loc["r2021_09_07", ["names_announced", "names_held", "unheld"]].tolist() == [33, 33, 0]
    assert r.loc["r2021_10_04", ["names_announced", "names_held", "unheld"]].tolist() == [38, 10, 28]
    assert (
        r.loc["r2021_10_04", "unheld_ranks"] == "deputy;military"
    )  # the rest: corps officers and deputies, as the sources say
    # The umbrella count of eleven lists holds the names of the three lists found, and leaves unheld only what they do not account for.
    assert r.loc["r2023_09_to_2024_05", ["names_announced", "names_held", "unheld"]].tolist() == [37, 13, 22]
    assert r.loc["r2024_02", ["names_announced", "names_held", "unheld"]].tolist() == [7, 5, 2]


def test_the_missing_are_counted_at_their_rank(ctx):
    # Posts the data list with no holder named on 21 September 2021 (agriculture, labour, martyrs, urban development,
    # several agencies): vacant, or held by someone the data do not name. No round was short yet.
    assert missing_at(ctx, "2021-09-21", "cabinet rank") == (15, 0)
    # After 4 October 2021 the 28 unheld names can only be deputies or corps officers.
    assert missing_at(ctx, "2021-10-04", "cabinet rank")[1] == 0
    assert missing_at(ctx, "2021-10-04", "provincial or military")[1] == 28
    assert missing_at(ctx, "2021-10-04", "deputy or other")[1] == 28
    # At cabinet rank the unheld names are at most the posts of that rank (each would sit in one of them).
    unnamed, unheld = missing_at(ctx, "2026-02-14", "cabinet rank")
    assert (unnamed, unheld) == (0, 44)


def test_vacancies_and_abolished_posts_end_spells(ctx):
    s = tenures(ctx.ds.appointments, ctx.ds.posts)
    kabir = s[(s["person_id"] == "abdul_kabir") & (s["post_id"] == "political_deputy_prime_minister")]
    assert kabir["end"].iloc[0] == pd.Timestamp("2025-01-09")
    abbas = s[
        (s["person_id"] == "mohammad_abbas_akhund")
        & (s["post_id"] == "minister_of_state_for_disaster_management")
    ]
    assert abbas["ended_by"].iloc[0] == "abolished" and abbas["end"].iloc[0] == pd.Timestamp("2024-07-06")


def test_concordance_with_published_tallies(ctx):
    c = concordance(ctx).set_index("tally_id")
    usip = c.loc["usip_2021_33_pashtun"]
    assert (usip["low"], usip["high"], usip["agreement"]) == (10, 30, "within the unknowns")
    assert (
        c.loc["prothomalo_2021_33_north", "agreement"] == "outside"
    )  # Prothom Alo counts 3 from the north; the data, 4
    assert (
        c.loc["morningstar_2021_33_unsanctioned", "agreement"] == "within the unknowns"
    )  # "at least 14"; the data: 19
    assert c.loc["aamaj_2022_cabinet_pashtun", "agreement"] == "within the unknowns"
    assert c.loc["usip_2021_33_women", "agreement"] == "not comparable"
    assert set(c["agreement"]) == {"within the unknowns", "outside", "not comparable"}
    assert c["source_id"].isin(ctx.ds.sources["source_id"]).all()


def test_person_months_follow_the_spells(ctx):
    pm = person_months(ctx)
    assert not pm.duplicated(["person_id", "post_id", "month"]).any()
    assert pm["month"].min() == "2021-09" and pm["month"].max() == "2026-02"
    for day in ("2022-07-15", "2024-07-15", "2026-02-14"):
        month = day[:7]
        on = holders(ctx, day)
        held = set(pm.loc[pm["month"] == month, "person_id"])
        assert set(on["person_id"]) <= held, month  # everyone in office that day has a row for the month
    badri = pm[(pm["person_id"] == "hedayatullah_badri")].set_index(["post_id", "month"])["status"]
    assert badri[("minister_of_finance", "2023-03")] == "moved"
    assert badri[("minister_of_mines_and_petroleum", "2024-07")] == "new"


@pytest.mark.parametrize("day", ["2022-07-01", "2023-07-01", "2024-07-01", "2025-07-01"])
def test_whogov_snapshots_equal_the_holders_on_1_july(ctx, day):
    w = whogov_july(ctx)
    assert [d.strftime("%Y-%m-%d") for d in july_dates(ctx)] == [
        "2022-07-01",
        "2023-07-01",
        "2024-07-01",
        "2025-07-01",
    ]
    snap = w[w["year"] == int(day[:4])].set_index("id")
    h = holders(ctx, day)
    h = h[
        h["tier"].isin(
            [
                "prime_minister",
                "deputy_prime_minister",
                "minister",
                "acting_head_of_agency",
                "deputy_minister",
            ]
        )
    ]
    assert set(snap.index) == set(h["person_id"])
    h = h.set_index("person_id")
    assert (snap["position"] == h.loc[snap.index, "post"]).all()
    assert (snap["core"] == "1").sum() == int((h["rank"] == "cabinet rank").sum())
    assert list(w.columns[:9]) == [
        "country_isocode",
        "year",
        "country_name",
        "id",
        "name",
        "title",
        "gender",
        "birthyear",
        "position",
    ]
