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
from rmcli.models.program import Topic
from rmcli.schedule.place import Unplaced
from rmcli.schedule.plan import PlannedSession, Schedule, copied

# A session's own fields; the others repeat across matches. The topic is the month's.
_OWN = ("match", "number", "people", "topic")


def encode(schedule: Schedule, program: Program) -> str | None:
    """Return the compact JSON of a schedule (None: it holds what the entry cannot carry).

    The fields besides a session's own (match, number, people) repeat across matches, so
    each distinct set is written once; the topic is the program's topic of the month.
    """
    common = _common()
    shared = operator.attrgetter(*common)
    sessions = schedule.sessions
    shapes: dict[tuple[Any, ...], int] = {}
    first: list[PlannedSession] = []  # the first session of each shape
    topics = {m: program.topic_for_month(m) for m in set(map(_month, sessions))}
    # a session placed as drafted has its number's shape, bar its own fields: looked up once
    slots: dict[tuple[str, int, str, bool], int] = {}
    drafted = map(operator.is_, sessions, map(schedule.drafted.get, map(id, sessions)))
    column: list[int] = []
    for session, plain, slot in zip(sessions, drafted, map(_slot, sessions), strict=True):
        shape = slots.get(slot) if plain else None
        if shape is None:
            shape = _shape_index(session, topics, shared, shapes, first)
            if shape is None:
                return None
            if plain:
                slots[slot] = shape
        column.append(shape)
    # the other columns by `map`, without a Python step a session
    crowds = list(map(_people, sessions))
    people = {crowd: index for index, crowd in enumerate(dict.fromkeys(crowds))}
    rows = {
        "match": list(map(_match, sessions)),
        "number": list(map(_number, sessions)),
        "crowd": list(map(people.__getitem__, crowds)),
        "shape": column,
    }
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


_month = operator.attrgetter("month")
_slot = operator.attrgetter("kind", "number", "project", "project_plan")
_people = operator.attrgetter("people")
_match = operator.attrgetter("match")
_number = operator.attrgetter("number")


def _shape_index(
    session: PlannedSession,
    topics: dict[int, Topic | None],
    shared: Callable[[PlannedSession], tuple[Any, ...]],
    shapes: dict[tuple[Any, ...], int],
    first: list[PlannedSession],
) -> int | None:
    """Return the number of a session's shape, added when new (None: no entry holds it).

    An entry holds a session whose topic is its month's, starting in a zone it can name.
    """
    topic = topics[session.month]
    if session.topic is not topic and session.topic != topic:
        return None
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
        shapes = [_unshape(shape, program) for shape in data["shapes"]]
        people = [tuple(p) for p in data["people"]]
        rows = data["rows"]
        columns = (rows["match"], rows["number"], rows["crowd"], rows["shape"])
        sessions = [
            copied(shapes[shape], {"match": match, "number": number, "people": people[crowd]})
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


def _unshape(shape: dict[str, Any], program: Program) -> PlannedSession:
    """Return a session of an entry's shape, its own fields but the topic left blank."""
    naive, zone, fold = shape["start"]
    window = shape["window"]
    fields = {
        **shape,
        "date": dt.date.fromisoformat(shape["date"]),
        "start": dt.datetime.fromisoformat(naive).replace(tzinfo=ZoneInfo(zone), fold=fold),
        "window": None if window is None else tuple(dt.date.fromisoformat(d) for d in window),
    }
    topic = program.topic_for_month(shape["month"])
    return PlannedSession(**fields, match="", number=0, people=(), topic=topic)
