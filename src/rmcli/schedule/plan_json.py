"""Write a schedule as compact JSON and read it back as equal sessions, for the plan cache.

A big program's sessions differ mostly in their match, number and people; every other field
repeats across matches, so each distinct set of them (a "shape") is written once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import operator
import zoneinfo
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

from rmcli.models import Program
from rmcli.schedule.place import Unplaced
from rmcli.schedule.plan import PlannedSession, Schedule, built

# A session's own fields; the others repeat across matches. The topic is the month's.
_OWN = ("match", "number", "people", "topic")


def encode(schedule: Schedule, program: Program) -> str | None:
    """Return the compact JSON of a schedule (None: it holds what the entry cannot carry).

    The fields besides a session's own (match, number, people) repeat across matches, so
    each distinct set is written once; the topic is the program's topic of the month.
    """
    common = _common()
    shared = operator.attrgetter(*common)
    shapes: dict[tuple[Any, ...], int] = {}
    first: list[PlannedSession] = []  # the first session of each shape
    people: dict[tuple[str, ...], int] = {}
    rows: dict[str, list[Any]] = {"match": [], "number": [], "crowd": [], "shape": []}
    topics = {m: program.topic_for_month(m) for m in {s.month for s in schedule.sessions}}
    drafted = schedule.drafted
    slots: dict[tuple[str, int, str, bool], int | None] = {}  # of drafted ones
    for session in schedule.sessions:
        topic = topics[session.month]
        if session.topic is not topic and session.topic != topic:
            return None
        if drafted.get(id(session)) is session:  # its shape is its number's, bar its own fields
            mine = (session.kind, session.number, session.project, session.project_plan)
            shape = slots.get(mine)
            if shape is None:
                shape = slots[mine] = _shape_index(session, shared, shapes, first)
        else:
            shape = _shape_index(session, shared, shapes, first)
        if shape is None:
            return None
        rows["match"].append(session.match)
        rows["number"].append(session.number)
        rows["crowd"].append(people.setdefault(session.people, len(people)))
        rows["shape"].append(shape)
    data = {
        "fields": common,
        "shapes": [_shape({n: getattr(s, n) for n in common}) for s in first],
        "people": [list(p) for p in people],
        "rows": rows,  # a list per field: a tenth of the time to write and read back
        "unplaced": [
            [*u.key, u.earliest.isoformat(), u.latest.isoformat(), *_sizes(u)]
            for u in schedule.unplaced
        ],
    }
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def _shape_index(
    session: PlannedSession,
    shared: Callable[[PlannedSession], tuple[Any, ...]],
    shapes: dict[tuple[Any, ...], int],
    first: list[PlannedSession],
) -> int | None:
    """Return the number of a session's shape, added when new (None: a zone no entry holds)."""
    # equal starts in other zone objects or folds are other starts
    values = (shared(session), id(session.start.tzinfo), session.start.fold)
    shape = shapes.get(values)
    if shape is None:
        zone = session.start.tzinfo
        if not (isinstance(zone, ZoneInfo) and ZoneInfo(zone.key) is zone):
            return None
        shape = shapes[values] = len(first)
        first.append(session)
    return shape


def _sizes(unplaced: Unplaced) -> tuple[int, int, bool]:
    """Return what an unplaced session holds besides its key and window."""
    return unplaced.shared_minutes, unplaced.minutes, unplaced.moved


def _shape(values: dict[str, Any]) -> dict[str, Any]:
    """Return the JSON of the fields a session shares with others."""
    start: dt.datetime = values["start"]
    window = values["window"]
    return {
        **values,
        "date": values["date"].isoformat(),
        "start": [start.replace(tzinfo=None).isoformat(), str(start.tzinfo), start.fold],
        "window": None if window is None else [d.isoformat() for d in window],
    }


def decode(body: bytes, program: Program) -> Schedule | None:
    """Return the schedule of an entry (None: an entry of other fields)."""
    try:
        data = json.loads(body)
        if data["fields"] != _common():
            return None
        shapes = [_unshape(shape) for shape in data["shapes"]]
        people = [tuple(p) for p in data["people"]]
        topics = [program.topic_for_month(s["month"]) for s in shapes]
        rows = data["rows"]
        columns = (rows["match"], rows["number"], rows["crowd"], rows["shape"])
        sessions = [
            built(
                shapes[shape],
                {"match": match, "number": number, "people": people[crowd], "topic": topics[shape]},
            )
            for match, number, crowd, shape in zip(*columns, strict=True)
        ]
        unplaced = [
            Unplaced(
                (match, number),
                dt.date.fromisoformat(earliest),
                dt.date.fromisoformat(latest),
                shared,
                minutes,
                moved,
            )
            for match, number, earliest, latest, shared, minutes, moved in data["unplaced"]
        ]
    except (ValueError, KeyError, IndexError, TypeError, zoneinfo.ZoneInfoNotFoundError):
        return None  # a damaged entry: plan again
    return Schedule(sessions=sessions, unplaced=unplaced)


def _common() -> list[str]:
    """Return the fields a session may share with others, in their order."""
    return [f.name for f in dataclasses.fields(PlannedSession) if f.name not in _OWN]


def _unshape(shape: dict[str, Any]) -> dict[str, Any]:
    """Return the shared fields of an entry's shape as a session holds them."""
    naive, zone, fold = shape["start"]
    window = shape["window"]
    return {
        **shape,
        "date": dt.date.fromisoformat(shape["date"]),
        "start": dt.datetime.fromisoformat(naive).replace(tzinfo=ZoneInfo(zone), fold=fold),
        "window": None if window is None else tuple(dt.date.fromisoformat(d) for d in window),
    }
