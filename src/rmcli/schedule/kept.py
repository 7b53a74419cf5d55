"""Keep a big program's plan in the cache, so a command need not place its sessions again.

Placing the sessions of a big program takes about as long as the rest of `rmcli status`,
and the plan is a pure function of the program, roster, matches and sessions files, the
zone data and rmcli's code. The entry's key is made of exactly these, so a plan is used
only for the bytes and code it was made from; an entry whose files changed while it was
written is removed again (`cache.keep_entry`). Like the parse cache, entries are 0600 in
`.rmcli-cache/`, and `rmcli forget` removes the folder.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import operator
import sys
import zoneinfo
from importlib import resources
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from rmcli.folder import FileRead, Loaded, Snapshot
from rmcli.io import cache
from rmcli.models import Program
from rmcli.schedule.place import Unplaced
from rmcli.schedule.plan import PlannedSession, Schedule, plan_schedule

KEPT_FROM = 1000  # fewer sessions are planned in milliseconds: not worth an entry
_FORMAT = b"rmcli-plan 1\n"
_SOURCES = ("schedule", "models", "folder.py", "dates.py")
# A session's own fields; the others repeat across matches. The topic is the month's.
_OWN = ("match", "number", "people", "topic")


def schedule_of(snapshot: Snapshot, *, placed: bool = True) -> Schedule:
    """Return the program's schedule: kept for exactly these files, else planned (and kept).

    `placed` plans as `status` does, in the roster's working hours with the log's moves;
    without it, as `log` does, in the program's hours from the program and matches alone.
    """
    program, matches = snapshot.program, snapshot.matches
    roster, log = (snapshot.roster, snapshot.sessions) if placed else (None, None)
    name = "schedule.placed" if placed else "schedule.drafted"
    files: list[FileRead[Any]] = [snapshot.program_file, snapshot.matches_file]
    if placed:
        files += [snapshot.roster_file, snapshot.sessions_file]
    inputs = {Path(f.file).name: f.strict() for f in files}
    zones = {program.calendar.timezone}
    if roster is not None:
        zones.update(p.timezone for p in roster.people)
    key = _key(name, inputs=inputs, zones=zones)
    body = None if key is None else cache.recall_entry(snapshot.folder, name, key)
    if body is not None:
        with_program = decode(body, program)
        if with_program is not None:
            return with_program
    found = plan_schedule(program=program, matches=matches, roster=roster, log=log)
    if key is not None and len(found.sessions) >= KEPT_FROM:
        encoded = encode(found, program)
        if encoded is not None:
            seen = {file: loaded.seen for file, loaded in inputs.items() if loaded.seen}
            cache.keep_entry(snapshot.folder, name, key, encoded, inputs=seen)
    return found


def sessions_of(snapshot: Snapshot, *, placed: bool = True) -> list[PlannedSession]:
    """Return every session of the program's schedule (see `schedule_of`)."""
    return schedule_of(snapshot, placed=placed).sessions


def _key(name: str, *, inputs: dict[str, Loaded[Any]], zones: set[str]) -> str | None:
    """Return the key of a plan of these files' bytes (None: a file was not read whole)."""
    digest = hashlib.blake2b(_FORMAT, digest_size=20)
    digest.update(name.encode() + b"\0" + sys.version.encode() + b"\0")
    digest.update(cache.source_digest(_SOURCES))
    for file, loaded in sorted(inputs.items()):
        if loaded.seen is None:
            return None
        digest.update(f"{file}\0{loaded.seen.digest}\0".encode())
    for zone in sorted(zones):
        data = _zone_data(zone)
        if data is None:
            return None
        digest.update(zone.encode() + b"\0" + hashlib.blake2b(data).digest())
    return digest.hexdigest()


def _zone_data(zone: str) -> bytes | None:
    """Return the bytes of a zone's file, where `ZoneInfo` finds it (None: not found)."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / zone
        if path.is_file():
            return path.read_bytes()
    try:
        return resources.files("tzdata.zoneinfo").joinpath(*zone.split("/")).read_bytes()
    except (ModuleNotFoundError, OSError, ValueError):
        return None


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
    rows = []
    topics = {m: program.topic_for_month(m) for m in {s.month for s in schedule.sessions}}
    for session in schedule.sessions:
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
        crowd = people.setdefault(session.people, len(people))
        rows.append([session.match, session.number, crowd, shape])
    data = {
        "fields": common,
        "shapes": [_shape({n: getattr(s, n) for n in common}) for s in first],
        "people": [list(p) for p in people],
        "rows": rows,
        "unplaced": [
            [*u.key, u.earliest.isoformat(), u.latest.isoformat(), *_sizes(u)]
            for u in schedule.unplaced
        ],
    }
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


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
        topics = {s["month"]: program.topic_for_month(s["month"]) for s in shapes}
        sessions = [
            _session(
                shapes[shape],
                match=match,
                number=number,
                people=people[crowd],
                topic=topics[shapes[shape]["month"]],
            )
            for match, number, crowd, shape in data["rows"]
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
    except (ValueError, KeyError, TypeError, zoneinfo.ZoneInfoNotFoundError):
        return None  # a damaged entry: plan again
    return Schedule(sessions=sessions, unplaced=unplaced)


def _common() -> list[str]:
    """Return the fields a session may share with others, in their order."""
    return [f.name for f in dataclasses.fields(PlannedSession) if f.name not in _OWN]


def _session(shared: dict[str, Any], **own: Any) -> PlannedSession:
    """Return a session of these fields, as `PlannedSession(**shared, **own)` would make it.

    Its frozen `__init__` sets its 22 fields one by one: a tenth of a second for a 10,000
    people program; a session has no other state, and the round-trip test compares them.
    """
    session: PlannedSession = object.__new__(PlannedSession)
    vars(session).update(shared, **own)
    return session


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
