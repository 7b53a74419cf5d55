"""A match's figures in `compute_status` are those a plain pass per figure over its log finds."""

from __future__ import annotations

import datetime as dt
import statistics
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from rmcli.folder import load
from rmcli.models import SessionRecord, SessionsFile
from rmcli.models.checkins import CheckinsFile
from rmcli.schedule.plan import PlannedSession, plan_sessions
from rmcli.status import compute_status
from rmcli.status.log import Log, walk
from running_helpers import PAIRS, PLANNED, write_matches

GRACE = dt.timedelta(days=7)
START = dt.date(2027, 1, 11)

records = st.lists(
    st.tuples(
        st.sampled_from(list(PAIRS)),
        st.integers(1, 8),  # 7 and 8: sessions beyond the plan
        st.sampled_from(["held", "held", "cancelled", "moved"]),
        st.integers(-10, 40),  # days from the planned date: out of order, late, early
        st.sampled_from(["", "technology", "culture"]),
        st.sampled_from(["", "lena", "markus", "jonas"]),  # led_by
        st.sampled_from([None, True, False]),
        st.sampled_from([None, -40, 3, 45]),  # a moved session's new day, from its planned one
        st.integers(0, 90),
    ),
    max_size=30,  # matches and numbers repeat: sessions logged twice, in any order
)
# any day, or one at the edge of a planned session's day or grace days
days = st.one_of(
    st.integers(-5, 220).map(lambda offset: START + dt.timedelta(days=offset)),
    st.tuples(st.sampled_from(PLANNED), st.sampled_from([-1, 0, 1, 6, 7, 8])).map(
        lambda edge: edge[0] + dt.timedelta(days=edge[1])
    ),
)


def log_of(drawn: list[tuple[Any, ...]]) -> SessionsFile:
    """Return a sessions file of the drawn records, in the order drawn."""
    found = []
    for match, number, status, shift, area, led, shared, moved_to, minutes in drawn:
        planned = PLANNED[min(number, len(PLANNED)) - 1]
        data: dict[str, object] = {
            "match": match,
            "number": number,
            "date": planned + dt.timedelta(days=shift),
            "minutes": minutes,
            "status": status,
            "area": area,
            "led_by": led,
            "senior_shared": shared,
        }
        if status == "moved" and moved_to is not None:
            data["to"] = planned + dt.timedelta(days=moved_to)
        found.append(SessionRecord.model_validate(data))
    return SessionsFile(sessions=found)


def expected(
    match: str, *, planned: list[PlannedSession], sessions: SessionsFile, as_of: dt.date
) -> dict[str, Any]:
    """Return a match's figures and its share of the on-time counts, a pass per figure."""
    plan = sorted((p for p in planned if p.kind == "match" and p.match == match), key=_number)
    kept = [r for r in sessions.latest() if r.match == match and r.date <= as_of]
    kept.sort(key=_number)
    held = [r for r in kept if r.status == "held"]
    held_numbers = {r.number: r for r in held}
    done = {r.number for r in kept if r.status in ("held", "moved")}
    late = [p for p in plan if p.date + GRACE < as_of]
    streak = 0
    while streak < len(kept) and kept[len(kept) - 1 - streak].status == "held":
        streak += 1
    logged = {r.number for r in kept}
    upcoming = [p.date for p in plan if p.date >= as_of and p.number not in logged]
    return {
        "held": len(held),
        "due": sum(p.date <= as_of for p in plan),
        "planned": len(plan),
        "cancelled": sum(r.status == "cancelled" for r in kept),
        "moved": sum(r.status == "moved" for r in kept),
        "overdue": sum(p.number not in done for p in late),
        "last": max((r.date for r in held), default=None),
        "next": upcoming[0] if upcoming else None,
        "median_minutes": float(statistics.median(r.minutes for r in held)) if held else None,
        "areas": tuple(sorted({r.area for r in held if r.area})),
        "streak": streak,
        "all_held": bool(held) and all(p.number in held_numbers for p in late),
        "on_time": sum(
            p.number in held_numbers and held_numbers[p.number].date <= p.date + GRACE for p in plan
        ),
        "past_due": sum(p.number in held_numbers or p in late for p in plan),
    }


def _number(item: PlannedSession | SessionRecord) -> int:
    return item.number


@given(log=records, as_of=days, peer=st.booleans())
def test_figures_are_a_pass_per_figure(
    example: Path, log: list[tuple[Any, ...]], as_of: dt.date, peer: bool
) -> None:
    """Duplicates, records out of order, moves and sessions beyond the plan count as defined."""
    matches = write_matches(example)
    snapshot = load(example)
    program, roster = snapshot.program, snapshot.roster
    if peer:
        program = program.model_copy(update={"format": "peer"})
    sessions = log_of(log)
    planned = plan_sessions(program=program, matches=matches, roster=roster, log=sessions)
    status = compute_status(
        program=program,
        roster=roster,
        matches=matches,
        sessions=sessions,
        checkins=CheckinsFile(),
        as_of=as_of,
        planned=planned,
    )
    on_time = past_due = 0
    for found in status.matches:
        figures = expected(found.id, planned=planned, sessions=sessions, as_of=as_of)
        on_time += figures.pop("on_time")
        past_due += figures.pop("past_due")
        assert {key: getattr(found, key) for key in figures} == figures
    assert (status.on_time, status.past_due) == (on_time, past_due)


@given(log=records, as_of=days)
def test_a_walk_counts_as_adding_the_records_up_to_its_day(
    log: list[tuple[Any, ...]], as_of: dt.date
) -> None:
    """The log of `walk` is the log that `Log.add` grows from the records up to the day."""
    mine = sorted((r for r in log_of(log).sessions if r.match == "p-lena"), key=_number)
    teachers = {2: "junior", 3: "senior"}
    walked, kept = walk(mine, as_of=as_of, juniors=("lena",), teachers=teachers)
    added = Log(juniors=("lena",), teachers=teachers)
    for record in mine:
        if record.date <= as_of:
            added.add(record)
    assert vars(walked) == vars(added)
    last = {r.number: r for r in added.records}  # of a number logged twice: the last
    assert kept.logged == {number: r.status for number, r in last.items()}
    assert {n: kept.held_on[n] for n, s in kept.logged.items() if s == "held"} == {
        number: r.date for number, r in last.items() if r.status == "held"
    }
