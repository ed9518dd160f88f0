"""Spells in office, replayed from the events of ``appointments.csv``: the one replay that the timeline
reads and that the data checks use to find events that cannot be replayed (a departure from a post not
held, two holders of a single-holder post at once)."""

from __future__ import annotations

import pandas as pd

from .problems import Problem

TENURE_COLUMNS = ["person_id", "post_id", "post", "tier", "start", "end", "started_by", "ended_by"]
TAKES = ("appointed", "attested")
EVENTS = ("appointed", "acting", "attested", "left", "vacant")
NAMING_EVENTS = ("appointed", "acting", "attested")  # the events that hold a name a round announced
APPOINTMENTS = "appointments.csv"


def tenures(
    appointments: pd.DataFrame, posts: pd.DataFrame, problems: list[Problem] | None = None
) -> pd.DataFrame:
    """Every spell in office: person, post (id, name, tier), start, end (NaT while open), how it started
    (the event) and ended (``left``, ``moved``, ``replaced``, ``vacated``, ``abolished``; empty while open).

    Events that the replay cannot make sense of are appended to ``problems`` (when given): a ``left``
    from a post the person does not hold at that date, a second holder of a single-holder post on the
    day another took it, and a former holder attested again after someone else replaced him."""
    events = appointments.sort_values(["announced_on", "line"], kind="stable")
    single = set(posts.loc[posts["single_holder"], "post_id"])
    spells: list[dict] = []
    open_of: dict[str, list[int]] = {}  # person -> open spells
    holder_of: dict[str, list[int]] = {}  # single-holder post -> open spells (not acting)
    replaced: dict[tuple[str, str], dict] = {}  # (post, person) -> the spell that replaced his
    report = problems.append if problems is not None else (lambda p: None)
    conflicted: set[tuple[str, str]] = (
        set()
    )  # (post, person) already reported: their later events follow from it

    def close(i: int, when, how: str) -> None:
        spells[i]["end"], spells[i]["ended_by"] = when, how
        open_of[spells[i]["person_id"]].remove(i)
        if i in holder_of.get(spells[i]["post_id"], []):
            holder_of[spells[i]["post_id"]].remove(i)

    columns = ["person_id", "post_id", "post", "tier", "announced_on", "event", "line"]
    for pid, post_id, post, tier, when, event, line in events[columns].itertuples(index=False, name=None):
        day = f"{when:%Y-%m-%d}"
        if event == "vacant":
            for i in [i for spells_ in open_of.values() for i in spells_ if spells[i]["post_id"] == post_id]:
                close(i, when, "vacated")
            continue
        mine = open_of.setdefault(pid, [])
        if event == "left":
            held = [i for i in mine if spells[i]["post_id"] == post_id]
            # A departure on the day a successor took the post (or he moved) was already closed by that event.
            closed_today = any(
                s["person_id"] == pid and s["post_id"] == post_id and s["end"] == when for s in spells
            )
            if not held and not closed_today and (post_id, pid) not in conflicted:
                report(
                    Problem(
                        APPOINTMENTS,
                        int(line),
                        "event",
                        f"{pid!r} leaves {post_id!r} on {day} without holding it then "
                        "(no earlier appointed, acting or attested event for it)",
                    )
                )
            for i in held:
                close(i, when, "left")
            continue
        if any(spells[i]["post_id"] == post_id for i in mine):
            continue  # already holds it (attested again, or re-announced)
        if event in TAKES and post_id in single:
            for i in holder_of.get(post_id, []):
                if spells[i]["start"] == when and spells[i]["person_id"] != pid:
                    conflicted.add((post_id, spells[i]["person_id"]))
                    report(
                        Problem(
                            APPOINTMENTS,
                            int(line),
                            "person_id",
                            f"{post_id!r} holds one person at a time, but {spells[i]['person_id']!r} and {pid!r} both take it "
                            f"on {day}; mark one as acting, or date them apart",
                        )
                    )
            back = replaced.get((post_id, pid))
            if event == "attested" and back is not None and back["end"] is pd.NaT:
                report(
                    Problem(
                        APPOINTMENTS,
                        int(line),
                        "event",
                        f"{pid!r} is attested in {post_id!r} on {day}, after {back['person_id']!r} replaced him on "
                        f"{back['start']:%Y-%m-%d}: two holders at once; record the return as appointed, "
                        "mark one as acting, or drop the stale attestation",
                    )
                )
        if event in TAKES:
            for i in list(mine):
                close(i, when, "moved")
            if post_id in single:  # the new holder replaces the previous one, and any acting holder
                for i in list(holder_of.get(post_id, [])) + [
                    i
                    for spells_ in open_of.values()
                    for i in spells_
                    if spells[i]["post_id"] == post_id and spells[i]["started_by"] == "acting"
                ]:
                    if spells[i]["end"] is pd.NaT:
                        close(i, when, "replaced")
        spells.append(
            {
                "person_id": pid,
                "post_id": post_id,
                "post": post,
                "tier": tier,
                "start": when,
                "end": pd.NaT,
                "started_by": event,
                "ended_by": "",
            }
        )
        mine.append(len(spells) - 1)
        if post_id in single and event != "acting":
            for i in [
                i
                for i, s in enumerate(spells)
                if s["post_id"] == post_id and s["ended_by"] == "replaced" and s["end"] == when
            ]:
                replaced[(post_id, spells[i]["person_id"])] = spells[-1]
            holder_of.setdefault(post_id, []).append(len(spells) - 1)
    out = pd.DataFrame(spells, columns=TENURE_COLUMNS)
    out["end"] = pd.to_datetime(out["end"])
    abolished = out["post_id"].map(dict(zip(posts["post_id"], posts["abolished"]))).astype("datetime64[ns]")
    ends = abolished.notna() & (out["end"].isna() | (out["end"] > abolished))
    if ends.any():
        out.loc[ends, "end"] = abolished[ends]
        out.loc[ends, "ended_by"] = "abolished"
    return out
