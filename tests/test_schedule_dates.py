"""The date rules of plan_sessions: weekdays, month ends, skip dates, biweekly, cohort meetings."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rmcli.folder import load
from rmcli.models import Match, MatchesFile, Program, SessionsFile
from rmcli.models.sessions import SessionRecord
from rmcli.schedule.changes import changes_of
from rmcli.schedule.plan import (
    cohort_months,
    logged_statuses,
    next_session,
    plan_sessions,
    status_of,
    working_day,
)
from schedule_helpers import PAIRS, pair_id, sessions_of

ONE = MatchesFile(matches=[Match(id="helga-aylin", juniors=["aylin"], seniors=["helga"])])
TWO = MatchesFile(
    matches=[
        Match(id="helga-aylin", juniors=["aylin"], seniors=["helga"]),
        Match(id="markus-jonas", juniors=["jonas", "noah"], seniors=["markus"]),
    ]
)


def program(**changes: Any) -> Program:
    """Return a small program; keyword arguments override its fields."""
    data: dict[str, Any] = {
        "name": "Test program",
        "start": dt.date(2027, 1, 11),
        "months": 6,
        "calendar": {"weekday": "tuesday", "time": "10:00", "timezone": "Europe/Berlin"},
    }
    data.update(changes)
    return Program.model_validate(data, strict=False)


def month_bounds(start: dt.date, months: int) -> list[tuple[dt.date, dt.date]]:
    """Return [first day, first day of next month) of each program month, clamped by hand."""
    import calendar

    bounds = []
    for i in range(months + 1):
        year, month = divmod(start.month - 1 + i, 12)
        year += start.year
        last = calendar.monthrange(year, month + 1)[1]
        bounds.append(dt.date(year, month + 1, min(start.day, last)))
    return list(itertools.pairwise(bounds))


def test_example_program_has_six_tuesday_sessions_per_match_and_two_cohort_meetings(
    example: Path,
) -> None:
    prog = load(example).program
    sessions = plan_sessions(program=prog, matches=TWO)
    own = sessions_of(sessions, match="helga-aylin")
    assert [s.number for s in own] == [1, 2, 3, 4, 5, 6]
    assert [s.date for s in own] == [
        dt.date(2027, 1, 12),
        dt.date(2027, 2, 16),
        dt.date(2027, 3, 16),
        dt.date(2027, 4, 13),
        dt.date(2027, 5, 11),
        dt.date(2027, 6, 15),
    ]
    assert all(s.date.weekday() == 1 for s in own)
    assert [s.first for s in own] == [True, False, False, False, False, False]
    assert [s.last for s in own] == [False, False, False, False, False, True]
    assert [s.topic.month if s.topic else None for s in own] == [1, 2, 3, 4, 5, 6]
    assert own[0].people == ("aylin", "helga")
    cohort = sessions_of(sessions, match="cohort")
    assert [s.month for s in cohort] == [3, 6]
    assert cohort[0].people == ("aylin", "jonas", "noah", "helga", "markus")
    assert all(s.minutes >= prog.session_minutes for s in cohort)


def test_sessions_are_sorted_by_date_match_number() -> None:
    sessions = plan_sessions(program=program(), matches=TWO)
    keys = [(s.date, s.match, s.number) for s in sessions]
    assert keys == sorted(keys)
    assert len(sessions) == 2 * 6 + 2


def test_skip_date_moves_the_session_to_the_next_working_day_of_that_week() -> None:
    # 2027-04-06 is the last Tuesday of month 3 (11 Mar to 10 Apr): the cohort meeting's day.
    prog = program(calendar={"timezone": "UTC", "skip": [dt.date(2027, 4, 6)]})
    cohort = sessions_of(plan_sessions(program=prog, matches=ONE), match="cohort")
    assert cohort[0].date == dt.date(2027, 4, 7)
    plain = sessions_of(plan_sessions(program=program(), matches=ONE), match="cohort")
    assert plain[0].date == dt.date(2027, 4, 6)


def test_a_skipped_week_moves_the_session_into_the_next_week() -> None:
    week = [dt.date(2027, 2, 15) + dt.timedelta(days=i) for i in range(5)]
    prog = program(calendar={"skip": week})
    own = sessions_of(plan_sessions(program=prog, matches=ONE), match="helga-aylin")
    assert own[1].date == dt.date(2027, 2, 22)  # the Monday after the closed week
    assert not {s.date for s in own} & set(week)


def test_working_day_prefers_later_then_earlier_days_of_the_same_week() -> None:
    tuesday = dt.date(2027, 3, 16)
    skip = frozenset({tuesday, tuesday + dt.timedelta(days=1)})
    assert working_day(tuesday, skip=skip, not_before=tuesday) == dt.date(2027, 3, 18)
    friday = dt.date(2027, 3, 19)
    assert working_day(friday, skip=frozenset({friday}), not_before=dt.date(2027, 3, 15)) == (
        dt.date(2027, 3, 18)
    )
    assert working_day(friday, skip=frozenset({friday}), not_before=friday) == dt.date(2027, 3, 22)


def test_month_ends_a_program_starting_on_the_31st() -> None:
    start = dt.date(2027, 1, 31)
    prog = program(start=start, months=5, calendar={"weekday": "friday"})
    own = sessions_of(plan_sessions(program=prog, matches=ONE), match="helga-aylin")
    assert len(own) == 5
    for session, (low, high) in zip(own, month_bounds(start, 5), strict=True):
        assert low <= session.date < high
        assert session.date.weekday() == 4
    # Month 2 starts on 28 February (clamped), a Sunday: the first Friday after it is 5 March.
    assert own[1].date == dt.date(2027, 3, 5)


def test_biweekly_gives_two_sessions_a_month_two_weeks_apart_with_the_same_topic() -> None:
    prog = program(cadence={"one_to_one": "biweekly"}, topics=[{"month": 2, "title": "Tools"}])
    own = sessions_of(plan_sessions(program=prog, matches=ONE), match="helga-aylin")
    assert len(own) == 12
    assert [s.month for s in own] == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]
    assert [s.part for s in own[:4]] == [1, 2, 1, 2]
    for first, second in zip(own[::2], own[1::2], strict=True):
        assert (second.date - first.date).days == 14
    assert own[2].topic is not None and own[3].topic is own[2].topic
    assert own[-1].last and own[-1].number == 12 and not own[-2].last


def test_cohort_months_every_third_month_and_the_end() -> None:
    assert cohort_months(program(months=6)) == [3, 6]
    assert cohort_months(program(months=7)) == [3, 6, 7]
    assert cohort_months(program(months=2)) == [2]
    assert cohort_months(program(months=6, cadence={"group": "none"})) == []
    none = plan_sessions(program=program(cadence={"group": "none"}), matches=ONE)
    assert {s.kind for s in none} == {"match"}


def test_no_matches_means_no_sessions_at_all() -> None:
    assert plan_sessions(program=program(), matches=MatchesFile()) == []


def test_start_is_timezone_aware_and_follows_daylight_saving() -> None:
    own = sessions_of(plan_sessions(program=program(), matches=ONE), match="helga-aylin")
    assert own[0].start.utcoffset() == dt.timedelta(hours=1)  # January: CET
    assert own[4].start.utcoffset() == dt.timedelta(hours=2)  # May: CEST
    assert (own[0].start.hour, own[0].start.minute) == (10, 0)


def test_status_and_next_follow_the_log() -> None:
    sessions = plan_sessions(program=program(), matches=ONE)
    own = sessions_of(sessions, match="helga-aylin")
    log = SessionsFile(
        sessions=[
            SessionRecord(match="helga-aylin", number=1, date=own[0].date, status="held"),
            SessionRecord(match="helga-aylin", number=2, date=own[1].date, status="cancelled"),
        ]
    )
    as_of = own[3].date
    assert [status_of(s, log=log, as_of=as_of) for s in own] == [
        "held",
        "cancelled",
        "passed",
        "upcoming",
        "upcoming",
        "upcoming",
    ]
    following = next_session(sessions, match="helga-aylin", log=log)
    assert following is not None and following.number == 2  # cancelled is not held


@settings(max_examples=40)
@given(
    start=st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2035, 12, 31)),
    months=st.integers(min_value=1, max_value=18),
    weekday=st.sampled_from(["monday", "tuesday", "wednesday", "thursday", "friday"]),
    cadence=st.sampled_from(["monthly", "biweekly"]),
    skip_offsets=st.lists(st.integers(min_value=0, max_value=560), max_size=40),
)
def test_every_session_is_on_a_usable_day_inside_its_month(
    start: dt.date, months: int, weekday: str, cadence: str, skip_offsets: list[int]
) -> None:
    skip = sorted({start + dt.timedelta(days=d) for d in skip_offsets})
    prog = program(
        start=start,
        months=months,
        cadence={"one_to_one": cadence},
        calendar={"weekday": weekday, "skip": skip},
    )
    matches = MatchesFile(
        matches=[Match(id=pair_id(j, s), juniors=[j], seniors=[s]) for j, s in PAIRS]
    )
    sessions = plan_sessions(program=prog, matches=matches)
    bounds = month_bounds(start, months)
    parts = 2 if cadence == "biweekly" else 1
    for session in sessions:
        assert session.date.weekday() < 5
        assert session.date not in skip
        assert session.date >= bounds[session.month - 1][0]
        assert session.start.date() == session.date
    for match in matches.matches:
        own = sessions_of(sessions, match=match.id)
        assert len(own) == months * parts
        assert all(a.date < b.date for a, b in itertools.pairwise(own))
        assert own[0].first and own[-1].last
    assert len(sessions_of(sessions, match="cohort")) == len(cohort_months(prog))


def test_a_long_closure_never_puts_two_sessions_of_a_match_on_one_day() -> None:
    # Both biweekly sessions of month 1 (5 and 19 January) fall into a three-week shutdown.
    closure = [dt.date(2027, 1, 4) + dt.timedelta(days=i) for i in range(19)]
    prog = program(
        start=dt.date(2027, 1, 4),
        cadence={"one_to_one": "biweekly"},
        calendar={"skip": closure},
    )
    own = sessions_of(plan_sessions(program=prog, matches=ONE), match="helga-aylin")
    dates = [s.date for s in own]
    assert dates[:2] == [dt.date(2027, 1, 25), dt.date(2027, 1, 26)]
    assert all(a < b for a, b in itertools.pairwise(dates))


def test_a_session_logged_twice_reads_as_its_last_record_for_status_and_planning() -> None:
    """Planning takes the last record's move; the status shown takes the last record too."""
    day = dt.date(2026, 3, 3)
    first = SessionRecord(match="a-b", number=1, date=day, status="cancelled", sequence=1)
    moved = dt.date(2026, 3, 5)
    last = SessionRecord(match="a-b", number=1, date=day, status="moved", to=moved, sequence=2)
    log = SessionsFile(sessions=[first, last])
    assert logged_statuses(log) == {("a-b", 1): "moved"}
    change = changes_of(log)[("a-b", 1)]
    assert (change.to, change.cancelled) == (moved, False)
