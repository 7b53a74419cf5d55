"""Placement: nobody in two sessions at once, every session inside its people's working hours."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from rmcli.models import Match, MatchesFile, Person, Program, Roster, SessionRecord, SessionsFile
from rmcli.models.zones import parse_hours
from rmcli.schedule import place
from rmcli.schedule.plan import PlannedSession, describe_unplaced, plan_schedule

ZONES = ("Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC", "Australia/Sydney")
HOURS = ("09:00-17:00", "08:00-12:00", "13:00-18:00", "07:30-15:30", "10:00-19:00")


def program(**changes: Any) -> Program:
    """Return a small program; keyword arguments override its fields."""
    data: dict[str, Any] = {
        "name": "Test program",
        "start": dt.date(2027, 1, 11),
        "months": 4,
        "calendar": {"weekday": "tuesday", "time": "10:00", "timezone": "Europe/Berlin"},
    }
    data.update(changes)
    return Program.model_validate(data, strict=False)


def person(pid: str, role: str, **extra: Any) -> Person:
    return Person.model_validate({"id": pid, "name": pid.title(), "role": role, **extra})


def overlaps(sessions: list[PlannedSession]) -> list[tuple[str, PlannedSession, PlannedSession]]:
    """Return every (person, a, b) where a person has two sessions at the same time."""
    by_person: dict[str, list[PlannedSession]] = defaultdict(list)
    for s in sessions:
        for p in s.people:
            by_person[p].append(s)
    found = []
    for p, own in by_person.items():
        own.sort(key=lambda s: s.start)
        for a, b in itertools.pairwise(own):
            if b.start < a.end:
                found.append((p, a, b))
    return found


def in_hours(session: PlannedSession, *, people: dict[str, Person], prog: Program) -> bool:
    """Return whether the session lies in every person's working hours, on a working day."""
    for pid in session.people:
        found = people[pid]
        start_min, end_min = parse_hours(found.hours or prog.schedule.hours)
        local = session.start.astimezone(ZoneInfo(found.timezone))
        local_end = session.end.astimezone(ZoneInfo(found.timezone))
        begin = local.hour * 60 + local.minute
        if local.weekday() >= 5 or local.date() in prog.holidays():
            return False
        if not (start_min <= begin and begin + session.minutes <= end_min):
            return False
        if local_end.date() != local.date():
            return False
    return True


@st.composite
def programs(draw: st.DrawFn) -> tuple[Program, Roster, MatchesFile]:
    juniors = [
        person(
            f"j{i}",
            "junior",
            capacity=draw(st.integers(1, 3)),
            timezone=draw(st.sampled_from(ZONES[:3])),
            hours=draw(st.sampled_from(("", *HOURS))),
        )
        for i in range(draw(st.integers(1, 5)))
    ]
    seniors = [
        person(
            f"s{i}",
            "senior",
            timezone=draw(st.sampled_from(ZONES[:3])),
            hours=draw(st.sampled_from(("", *HOURS))),
        )
        for i in range(draw(st.integers(1, 8)))
    ]
    matches = []
    slots = {j.id: j.capacity for j in juniors}
    for index, senior in enumerate(seniors):
        free = [j for j, left in slots.items() if left]
        if not free:
            break
        chosen = draw(st.lists(st.sampled_from(free), min_size=1, max_size=2, unique=True))
        for j in chosen:
            slots[j] -= 1
        matches.append(Match(id=f"m{index}", juniors=chosen, seniors=[senior.id]))
    prog = program(
        cadence={
            "one_to_one": draw(st.sampled_from(["monthly", "biweekly"])),
            "group": draw(st.sampled_from(["quarterly", "none"])),
        },
        session_minutes=draw(st.sampled_from([30, 60, 90])),
        schedule={"holidays": [dt.date(2027, 1, 12), dt.date(2027, 2, 9)]},
    )
    return prog, Roster(people=[*juniors, *seniors]), MatchesFile(matches=matches)


@given(programs())
def test_no_person_is_in_two_sessions_at_once(drawn: tuple[Program, Roster, MatchesFile]) -> None:
    prog, roster, matches = drawn
    planned = plan_schedule(program=prog, matches=matches, roster=roster)
    unplaced = {u.key for u in planned.unplaced}
    placed = [s for s in planned.sessions if (s.match, s.number) not in unplaced]
    assert overlaps(placed) == []
    people = roster.by_id()
    assert all(in_hours(s, people=people, prog=prog) for s in placed)
    for s in placed:
        earliest, latest = s.window or (s.date, s.date)
        assert earliest <= s.date <= latest
    # Every session is accounted for: placed, or named in what `schedule` reports.
    assert len(describe_unplaced(planned.unplaced)) >= min(1, len(unplaced))


def test_capacity_two_junior_meets_each_senior_at_another_time() -> None:
    roster = Roster(
        people=[person("ana", "junior", capacity=2), person("bo", "senior"), person("cy", "senior")]
    )
    matches = MatchesFile(
        matches=[
            Match(id="bo-ana", juniors=["ana"], seniors=["bo"]),
            Match(id="cy-ana", juniors=["ana"], seniors=["cy"]),
        ]
    )
    planned = plan_schedule(program=program(), matches=matches, roster=roster)
    assert planned.unplaced == []
    assert overlaps(planned.sessions) == []
    first = {s.match: s.start for s in planned.sessions if s.number == 1}
    assert first["bo-ana"].date() == first["cy-ana"].date()  # same wanted day, other hour
    assert first["bo-ana"] != first["cy-ana"]


def test_a_session_across_midnight_utc_blocks_its_people_on_both_days() -> None:
    """Evening sessions in New York end after midnight UTC: the next one waits for the end."""
    roster = Roster(
        people=[
            person("ana", "junior", capacity=2, timezone="America/New_York", hours="18:00-22:00"),
            person("bo", "senior", timezone="America/New_York", hours="18:00-22:00"),
            person("cy", "senior", timezone="America/New_York", hours="18:00-22:00"),
        ]
    )
    matches = MatchesFile(
        matches=[
            Match(id="bo-ana", juniors=["ana"], seniors=["bo"]),
            Match(id="cy-ana", juniors=["ana"], seniors=["cy"]),
        ]
    )
    prog = program(
        calendar={"weekday": "tuesday", "time": "18:30", "timezone": "America/New_York"},
        session_minutes=90,
    )
    planned = plan_schedule(program=prog, matches=matches, roster=roster)
    assert planned.unplaced == []
    assert overlaps(planned.sessions) == []
    first = sorted(s.start for s in planned.sessions if s.number == 1 and s.kind == "match")
    assert [t.astimezone(dt.UTC).date() for t in first] == [
        first[0].date(),
        first[0].date() + dt.timedelta(days=1),
    ]  # the first starts before midnight UTC, the second after the first has ended
    assert first[1] == first[0] + dt.timedelta(minutes=90)


def test_new_york_senior_meets_in_the_shared_afternoon() -> None:
    roster = Roster(
        people=[
            person("ana", "junior", timezone="Europe/Berlin"),
            person("ned", "senior", timezone="America/New_York"),
        ]
    )
    matches = MatchesFile(matches=[Match(id="ned-ana", juniors=["ana"], seniors=["ned"])])
    planned = plan_schedule(program=program(), matches=matches, roster=roster)
    assert planned.unplaced == []
    for s in planned.sessions:
        berlin = s.start.astimezone(ZoneInfo("Europe/Berlin"))
        new_york = s.start.astimezone(ZoneInfo("America/New_York"))
        assert new_york.hour >= 9 and berlin.hour + s.minutes / 60 <= 17
        assert in_hours(s, people=roster.by_id(), prog=program())


def test_own_hours_override_the_program_hours() -> None:
    roster = Roster(people=[person("ana", "junior", hours="14:00-18:00"), person("bo", "senior")])
    matches = MatchesFile(matches=[Match(id="bo-ana", juniors=["ana"], seniors=["bo"])])
    prog = program(calendar={"time": "10:00", "timezone": "UTC"})
    planned = plan_schedule(program=prog, matches=matches, roster=roster)
    assert {s.start.time() for s in planned.sessions} == {dt.time(14, 0)}


def test_no_shared_hours_is_reported_with_the_shortfall() -> None:
    roster = Roster(
        people=[
            person("ana", "junior", timezone="Europe/Berlin"),
            person("kai", "senior", timezone="Pacific/Honolulu"),
        ]
    )
    matches = MatchesFile(matches=[Match(id="kai-ana", juniors=["ana"], seniors=["kai"])])
    planned = plan_schedule(program=program(), matches=matches, roster=roster)
    lines = describe_unplaced(planned.unplaced)
    assert len(lines) == 2  # one line per match (and the cohort), not one per session
    assert lines[0].startswith("match kai-ana: its people share 0 min")
    assert "60 min short" in lines[0]
    assert lines[1].startswith("cohort meetings: the whole cohort shares 0 min")


def test_too_many_sessions_for_the_shared_hours_are_reported() -> None:
    # One junior works an hour on Tuesdays: five Tuesdays in the month, six seniors.
    seniors = [person(f"s{i}", "senior") for i in range(6)]
    roster = Roster(people=[person("ana", "junior", capacity=6, hours="09:00-10:00"), *seniors])
    matches = MatchesFile(
        matches=[Match(id=f"{s.id}-ana", juniors=["ana"], seniors=[s.id]) for s in seniors]
    )
    prog = program(cadence={"group": "none"}, months=1, schedule={"days": ["tuesday"]})
    planned = plan_schedule(program=prog, matches=matches, roster=roster)
    assert len(planned.unplaced) == 1
    lines = describe_unplaced(planned.unplaced)
    assert lines == [
        f"session 1 of match {planned.unplaced[0].key[0]}: no time shared by all its people "
        "from 2027-01-11 to 2027-02-10 without overlapping another of their sessions"
    ]
    unplaced = {u.key for u in planned.unplaced}
    placed = [s for s in planned.sessions if (s.match, s.number) not in unplaced]
    assert len(placed) == 5 and overlaps(placed) == []
    assert {s.start.weekday() for s in placed} == {1}


def test_a_moved_session_keeps_its_new_time_and_counts_up() -> None:
    roster = Roster(people=[person("ana", "junior"), person("bo", "senior")])
    matches = MatchesFile(matches=[Match(id="bo-ana", juniors=["ana"], seniors=["bo"])])
    log = SessionsFile(
        sessions=[
            SessionRecord(
                match="bo-ana",
                number=2,
                date=dt.date(2027, 2, 18),
                status="moved",
                to=dt.datetime(2027, 2, 18, 14, 30),
                sequence=1,
            ),
            SessionRecord(
                match="bo-ana", number=3, date=dt.date(2027, 3, 9), status="cancelled", sequence=1
            ),
        ]
    )
    planned = plan_schedule(program=program(), matches=matches, roster=roster, log=log)
    own = {s.number: s for s in planned.sessions if s.match == "bo-ana"}
    assert own[2].start == dt.datetime(2027, 2, 18, 14, 30, tzinfo=ZoneInfo("Europe/Berlin"))
    assert (own[2].sequence, own[2].cancelled) == (1, False)
    assert (own[3].sequence, own[3].cancelled) == (1, True)
    assert (own[1].sequence, own[1].cancelled) == (0, False)


@pytest.mark.parametrize("hours", ["17:00-09:00", "9-17", "09:00-25:00", "09:00"])
def test_hours_that_are_not_a_day_are_refused(hours: str) -> None:
    with pytest.raises(ValueError, match="09:00-17:00"):
        parse_hours(hours)


def test_two_sessions_moved_onto_each_other_are_reported_not_written() -> None:
    roster = Roster(
        people=[person("ana", "junior", capacity=2), person("bo", "senior"), person("cy", "senior")]
    )
    matches = MatchesFile(
        matches=[
            Match(id="bo-ana", juniors=["ana"], seniors=["bo"]),
            Match(id="cy-ana", juniors=["ana"], seniors=["cy"]),
        ]
    )
    at = dt.datetime(2027, 2, 18, 14, 30)
    log = SessionsFile(
        sessions=[
            SessionRecord(match=m, number=2, date=at.date(), status="moved", to=at, sequence=1)
            for m in ("bo-ana", "cy-ana")
        ]
    )
    planned = plan_schedule(program=program(), matches=matches, roster=roster, log=log)
    assert len(planned.unplaced) == 1 and planned.unplaced[0].moved
    (line,) = describe_unplaced(planned.unplaced)
    assert line.startswith("session 2 of match ")
    assert "was moved to 2027-02-18, when one of its people has another session" in line


@given(
    zone=st.sampled_from(
        ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC"]
    ),
    day=st.dates(dt.date(1975, 1, 1), dt.date(2199, 12, 31)),
    hour=st.integers(-14, 14),
)
@example(zone="Europe/Berlin", day=dt.date(2027, 3, 28), hour=-1)  # clocks go forward
@example(zone="Europe/Berlin", day=dt.date(2027, 10, 31), hour=-2)  # and back
@example(zone="America/New_York", day=dt.date(2027, 3, 14), hour=5)
@example(zone="Australia/Lord_Howe", day=dt.date(2027, 4, 4), hour=-11)  # half an hour
def test_a_day_in_a_zone_reads_as_each_moment_converted_alone(
    zone: str, day: dt.date, hour: int
) -> None:
    # the clock arithmetic of a whole day equals a conversion per quarter hour, DST days too
    base = int(dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.UTC).timestamp()) + hour * 3600
    count = 100  # a little over a day: 25-hour days exist
    expected = tuple(place._local(zone, base + i * place.STEP) for i in range(count))
    assert place._day_in_zone(zone, base, count) == expected
