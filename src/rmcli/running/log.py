"""The core of `rmcli log`: build, check and store one session record."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rmcli.errors import ActionNeeded, InputError, Problem
from rmcli.io.toml import locate
from rmcli.models import MatchesFile, Program, SessionRecord, SessionsFile
from rmcli.models.sessions import SESSION_STATUSES, SessionArea
from rmcli.schedule.kept import sessions_of
from rmcli.schedule.plan import PlannedSession
from rmcli.words import did_you_mean, say

if TYPE_CHECKING:
    from rmcli.folder import Snapshot

AREAS: tuple[SessionArea, ...] = ("technology", "workplace", "culture", "retrospective")
MAX_NUMBER = 200


class AlreadyLogged(ActionNeeded):
    """The session is logged already and may only be replaced on purpose."""


def planned_of(snapshot: Snapshot, *, match_id: str) -> list[PlannedSession]:
    """Return the planned 1:1 (or group) sessions of one match, by number.

    Planned in the program's hours from the program and matches alone (kept in the cache
    for a big program), so that logging one session does not change the plan of the next.
    """
    matches = snapshot.matches
    if match_id not in matches.by_id():
        raise InputError(
            "--match: " + say("unknown match id {id}", id=repr(match_id)),
            hint=did_you_mean(match_id, matches.by_id()),
        )
    planned = sessions_of(snapshot, placed=False)
    return sorted(
        (p for p in planned if p.match == match_id and p.kind == "match"), key=lambda p: p.number
    )


def next_number(*, plan: list[PlannedSession], sessions: SessionsFile, match_id: str) -> int:
    """Return the number of the first planned session not logged yet (or one past the last)."""
    logged = {r.number for r in sessions.of_match(match_id)}
    free = [p.number for p in plan if p.number not in logged]
    if free:
        return free[0]
    return max([*logged, len(plan)], default=0) + 1


def number_on(
    *, plan: list[PlannedSession], sessions: SessionsFile, match_id: str, day: dt.date
) -> int:
    """Return the number of the planned session nearest a day that is not logged yet.

    Ties go to the earlier session; with every planned session logged, the next number.
    """
    logged = {r.number for r in sessions.of_match(match_id)}
    free = [p for p in plan if p.number not in logged]
    if not free:
        return next_number(plan=plan, sessions=sessions, match_id=match_id)
    return min(free, key=lambda p: (abs((p.date - day).days), p.number)).number


def logged_on(*, sessions: SessionsFile, match_id: str, day: dt.date) -> list[SessionRecord]:
    """Return the sessions of a match logged for one day (a second record is likely a repeat)."""
    return [r for r in sessions.of_match(match_id) if r.date == day]


def check_date(*, program: Program, plan: list[PlannedSession], day: dt.date) -> None:
    """Raise InputError when a day is outside the program (its start to its last session)."""
    last = last_day(program=program, plan=plan)
    if not program.start <= day <= last:
        message = say(
            "{date} is outside the program ({start} to {end})",
            date=day.isoformat(),
            start=program.start.isoformat(),
            end=last.isoformat(),
        )
        raise InputError("--date: " + message)


def check_to(*, program: Program, status: str, to: dt.datetime | dt.date | None) -> None:
    """Raise InputError for a --to without --status moved, or one outside the program."""
    if to is None:
        return
    if status != "moved":
        raise InputError(say("--to: only with --status moved"))
    day = to.date() if isinstance(to, dt.datetime) else to
    if not program.start <= day < program.end():
        raise InputError(
            say(
                "--to: {day} is outside the program ({start} to {end})",
                day=day.isoformat(),
                start=program.start.isoformat(),
                end=(program.end() - dt.timedelta(days=1)).isoformat(),
            )
        )


def check_held(*, status: str, day: dt.date, as_of: dt.date) -> None:
    """Raise InputError for a session recorded as held on a day still to come."""
    if status == "held" and day > as_of:
        raise InputError(
            say(
                "--date: {day} is after {as_of}: a session in the future cannot be held yet",
                day=day.isoformat(),
                as_of=as_of.isoformat(),
            ),
            hint=say("record it once it took place, or use --status moved or cancelled"),
        )


def check_number(number: int) -> None:
    """Refuse a session number outside 1 to MAX_NUMBER (before anything is asked about it)."""
    if not 1 <= number <= MAX_NUMBER:
        message = say("expected a session number from 1 to {n}", n=MAX_NUMBER)
        raise InputError("--number: " + message)


def last_day(*, program: Program, plan: list[PlannedSession]) -> dt.date:
    """Return the last day a session may be logged on: the program's end or its last session."""
    end = program.end()
    return max([end, *(p.date for p in plan)])


def default_topic(*, plan: list[PlannedSession], number: int) -> tuple[str, SessionArea]:
    """Return the planned topic title and area of a session, or ("", "") beyond the plan."""
    session = next((p for p in plan if p.number == number), None)
    if session is None or session.topic is None:
        return "", ""
    return session.topic.title, session.topic.area


def area_of(*, program: Program, topic: str) -> SessionArea:
    """Return the area of a topic that names a planned topic (title or tag), else ""."""
    wanted = topic.strip().casefold()
    for planned in program.topics:
        if wanted == planned.title.casefold() or wanted in planned.tags:
            return planned.area
    return ""


def build_record(
    *,
    program: Program,
    matches: MatchesFile,
    plan: list[PlannedSession],
    match: str,
    number: int,
    date: dt.date,
    minutes: int,
    status: str,
    as_of: dt.date,
    topic: str = "",
    area: str = "",
    led_by: str = "",
    senior_shared: bool | None = None,
    note: str = "",
    to: dt.datetime | dt.date | None = None,
) -> SessionRecord:
    """Return a checked record, or raise InputError naming the flag that is wrong."""
    found = matches.by_id().get(match)
    if found is None:
        raise InputError("--match: " + say("unknown match id {id}", id=repr(match)))
    check_number(number)
    check_to(program=program, status=status, to=to)
    check_date(program=program, plan=plan, day=date)
    check_held(status=status, day=date, as_of=as_of)
    if not 0 <= minutes <= 600:
        raise InputError("--minutes: " + say("expected a number of minutes from 0 to 600"))
    if status not in SESSION_STATUSES:
        message = say("expected one of {choices}", choices=", ".join(SESSION_STATUSES))
        raise InputError("--status: " + message)
    if area and area not in AREAS:
        raise InputError("--area: " + say("expected one of {choices}", choices=", ".join(AREAS)))
    if led_by and led_by not in found.people:
        message = say("{id} is not in match {match}", id=repr(led_by), match=repr(match))
        raise InputError("--led-by: " + message)
    if len(topic) > 300:
        raise InputError("--topic: " + say("expected at most {n} characters", n=300))
    if len(note) > 20000:
        raise InputError("--note: " + say("expected at most {n} characters", n=20000))
    return SessionRecord.model_validate(
        {
            "match": match,
            "number": number,
            "date": date,
            "minutes": minutes,
            "status": status,
            "topic": topic,
            "area": area,
            "led_by": led_by,
            "senior_shared": senior_shared,
            "note": note,
            "to": to,
        }
    )


def parse_to(value: str) -> dt.datetime | dt.date:
    """Return a --to value, YYYY-MM-DD or YYYY-MM-DDTHH:MM, or raise InputError."""
    text = value.strip()
    try:
        if "T" in text:
            moment = dt.datetime.fromisoformat(text)
            if moment.tzinfo is None and len(text) == len("YYYY-MM-DDTHH:MM"):
                return moment
        else:
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise InputError(say("--to: expected YYYY-MM-DD or YYYY-MM-DDTHH:MM (the program's time zone)"))


@dataclass(frozen=True)
class Planned:
    """One match's planned sessions with the program and matches they were planned from."""

    program: Program
    matches: MatchesFile
    sessions: list[PlannedSession]


def recheck(
    snapshot: Snapshot, record: SessionRecord, *, as_of: dt.date, planned: Planned | None = None
) -> SessionRecord:
    """Check a record built before the lock again against the files as they are now.

    The match's sessions are planned again only if the program or the matches changed since
    `planned` was made: planning a big program takes a while.
    """
    program, matches = snapshot.program, snapshot.matches
    if planned is not None and planned.program == program and planned.matches == matches:
        plan = planned.sessions
    else:
        plan = planned_of(snapshot, match_id=record.match)
    checked = build_record(
        program=snapshot.program,
        matches=snapshot.matches,
        plan=plan,
        as_of=as_of,
        **record.model_dump(exclude={"sequence"}),
    )
    return checked.model_copy(update={"sequence": record.sequence})


def put_record(*, sessions: SessionsFile, record: SessionRecord, replace: bool) -> SessionsFile:
    """Return the log with `record` added, or replacing the same session when `replace`."""
    old = sessions.find(record.match, record.number)
    if old is not None and not replace:
        raise AlreadyLogged(
            say(
                "session {number} of match {match} is logged already",
                number=record.number,
                match=repr(record.match),
            ),
            hint=say("add --replace to overwrite it, or give another --number"),
        )
    kept = [s for s in sessions.sessions if s is not old]
    kept.append(_carried(record, old))
    kept.sort(key=lambda s: (s.match, s.number))
    return SessionsFile(sessions=kept)


def _carried(record: SessionRecord, old: SessionRecord | None) -> SessionRecord:
    """Return `record` with the moved time kept and SEQUENCE counted up when the time changes.

    Calendars use the count as the event's SEQUENCE: a client that imported the old time
    updates the event when the number grows.
    """
    sequence = (old.sequence or 0) if old else 0
    to = record.to if record.to is not None else (old.to if old else None)
    changed = record.status == "cancelled" or to != (old.to if old else None)
    if old is not None and old.status == "cancelled" and record.status != "cancelled":
        changed = True  # a cancelled session that happens after all
    sequence = sequence + 1 if changed else sequence
    return record.model_copy(update={"to": to, "sequence": sequence or None})


def session_file_problems(snapshot: Snapshot) -> list[Problem]:
    """Return problems of sessions.toml beyond its schema: a session logged twice."""
    loaded = snapshot.sessions_file.loaded
    if loaded is None:
        return []  # schema errors are reported by the main check already
    seen: Counter[tuple[str, int]] = Counter()
    problems: list[Problem] = []
    for index, record in enumerate(loaded.model.sessions):
        seen[(record.match, record.number)] += 1
        if seen[(record.match, record.number)] == 2:
            line = locate(loaded.text, ("sessions", index, "number"))
            msg = say("the same session of a match is logged twice; keep one")
            problems.append(Problem(loaded.file, msg, "sessions.number", line))
    program = snapshot.program_file.loaded
    if program is not None:
        problems.extend(_moved_outside(loaded.model, loaded.text, loaded.file, program.model))
    return problems


def _moved_outside(log: SessionsFile, text: str, file: str, program: Program) -> list[Problem]:
    """Return an error for every session moved to a day outside the program."""
    problems = []
    for index, record in enumerate(log.sessions):
        if record.to is None:
            continue
        day = record.to.date() if isinstance(record.to, dt.datetime) else record.to
        if not program.start <= day < program.end():
            line = locate(text, ("sessions", index, "to"))
            msg = say(
                "moved to a day outside the program ({start} to {end})",
                start=program.start.isoformat(),
                end=(program.end() - dt.timedelta(days=1)).isoformat(),
            )
            problems.append(Problem(file, msg, "sessions.to", line))
    return problems
