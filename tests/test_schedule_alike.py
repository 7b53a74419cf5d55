"""Placing a match once per pattern (`schedule/apart.py`) places every session as one by one."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rmcli.io import toml
from rmcli.models import Match, MatchesFile, Person, Program, Roster, SessionRecord, SessionsFile
from rmcli.schedule import apart, place, plan
from rmcli.schedule.plan import Schedule, plan_schedule

# Few kinds of working hours, so that many matches are alike; the narrow ones make sessions
# collide, and move to other days when a person is booked already.
KINDS = (
    ("Europe/Berlin", ""),
    ("Europe/Berlin", "09:00-10:00"),
    ("America/New_York", "09:00-17:00"),
    ("UTC", "13:00-18:00"),
)


def person(pid: str, role: str, draw: st.DrawFn) -> Person:
    zone, hours = draw(st.sampled_from(KINDS))
    return Person.model_validate(
        {"id": pid, "name": pid.title(), "role": role, "timezone": zone, "hours": hours}
    )


@st.composite
def programs(draw: st.DrawFn) -> tuple[Program, Roster, MatchesFile, SessionsFile]:
    """Draw pairs that mostly meet alone, some sharing a person, some moved in the log."""
    pairs = draw(st.integers(1, 16))
    juniors = [person(f"j{i}", "junior", draw) for i in range(pairs)]
    seniors = [person(f"s{i}", "senior", draw) for i in range(pairs)]
    matches = []
    for i in range(pairs):
        team = [juniors[i].id]
        if draw(st.integers(0, 2)) == 0:  # a second junior, who may be in another match too
            team.append(juniors[draw(st.integers(0, pairs - 1))].id)
        matches.append(
            Match(id=f"m{i}", juniors=list(dict.fromkeys(team)), seniors=[seniors[i].id])
        )
    records = []
    for match in draw(st.lists(st.sampled_from(matches), max_size=3)):
        number = draw(st.integers(1, 4))
        day = dt.date(2027, 1, 11) + dt.timedelta(days=draw(st.integers(0, 100)))
        to: dt.date | dt.datetime = day
        if draw(st.booleans()):
            to = dt.datetime.combine(day, dt.time(draw(st.integers(8, 17)), 0))
        status = draw(st.sampled_from(["moved", "cancelled"]))
        records.append(
            SessionRecord(match=match.id, number=number, date=day, status=status, to=to, sequence=1)
        )
    data: dict[str, Any] = {
        "name": "Alike",
        "start": dt.date(2027, 1, 11),
        "months": 4,
        "calendar": {"weekday": "tuesday", "time": "10:00", "timezone": "Europe/Berlin"},
        "cadence": {
            "one_to_one": draw(st.sampled_from(["monthly", "biweekly"])),
            "group": draw(st.sampled_from(["quarterly", "none"])),
        },
        "session_minutes": draw(st.sampled_from([30, 60, 90])),
    }
    return (
        Program.model_validate(data, strict=False),
        Roster(people=[*juniors, *seniors]),
        MatchesFile(matches=matches),
        SessionsFile(sessions=records),
    )


def one_by_one(**files: Any) -> Schedule:
    """Return the schedule with every session placed one by one."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plan, "place", place.place_each)
        return plan_schedule(**files)


@given(programs())
def test_placing_each_pattern_once_places_as_one_by_one(
    drawn: tuple[Program, Roster, MatchesFile, SessionsFile],
) -> None:
    prog, roster, matches, log = drawn
    files = {"program": prog, "matches": matches, "roster": roster, "log": log}
    assert plan_schedule(**files) == one_by_one(**files)


def test_a_match_is_apart_when_all_who_share_its_people_come_before_it() -> None:
    days = [dt.date(2027, 1, 12) + dt.timedelta(days=7 * i) for i in range(3)]

    def series(match: str, people: tuple[str, ...], *on: dt.date) -> place.Series:
        spans = tuple(place.Span(n, 60, d, d, d) for n, d in enumerate(on, start=1))
        return place.Series(match, people, spans)

    listed = [
        series("a", ("j1", "s1"), days[0], days[2]),
        series("b", ("j2", "s2"), days[0], days[2]),
        series("c", ("j3", "s3"), days[0], days[2]),
        series("d", ("j3", "s4"), days[1]),  # j3 again, between c's sessions
        series("e", ("j5", "s5"), days[0]),
        series("f", ("j5", "s6"), days[1]),  # j5 again, after e's only session
        series("cohort", ("j1", "j2", "j3", "j5", "s1", "s2", "s3", "s4"), days[0]),
    ]
    ordered = sorted((one.wish(span) for one in listed for span in one.spans), key=apart.order)
    assert ordered[0].key == ("cohort", 1)  # the most people first
    # c and d wait for each other; e does not wait for f, so only f reads what e booked
    assert sorted(apart.apart(listed)) == ["a", "b", "f"]
    # a match twice: every session is placed one by one
    assert apart.apart([*listed, series("a", ("j9", "s9"), days[1])]) == {}


@given(
    text=st.lists(
        st.sampled_from(["[", "{", "]", "}", " ", "\n", "k = ", "'a b' = ", "1, "]), max_size=40
    ).map("".join),
    depth=st.integers(1, 4),
)
def test_the_nesting_pattern_finds_where_the_one_before_it_did(text: str, depth: int) -> None:
    # the pattern now starts at a bracket; the one it replaced tried every character
    before = re.compile(r"(?:[\[{]\s*(?:[\w\"'.-]+\s*=\s*)?){" + str(depth + 1) + "}")
    old, new = before.search(text), toml.nesting(depth).search(text)
    assert (old and old.start()) == (new and new.start())
