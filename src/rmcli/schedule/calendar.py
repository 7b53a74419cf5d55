"""Write the schedule as RFC 5545 calendars with the icalendar library.

With an organiser email in program.toml the calendars are iTIP requests (METHOD:REQUEST):
every event has an ORGANIZER and its people as named ATTENDEEs, so a client shows an
invitation the person can accept, and a later file with the same UID and a higher SEQUENCE
updates (or cancels) the event instead of adding a second one. Without an organiser email a
request cannot be made; the calendar is then published (METHOD:PUBLISH) without attendees,
which RFC 5546 forbids in a PUBLISH.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from pathlib import Path

from rmcli import __version__
from rmcli.escape import ics
from rmcli.models import MatchesFile, Person, Program, Roster
from rmcli.progress import Progress, due, quiet
from rmcli.schedule.plan import PlannedSession
from rmcli.words import N_, say, translation

PRODID = f"-//rmcli//rmcli {__version__}//EN"
UID_DOMAIN = "rmcli.invalid"  # a reserved name: UIDs must look like addresses, none is owned
SUMMARY: dict[str, str] = {
    "match": N_("Reverse mentoring {n}/{total}"),
    "cohort": N_("Reverse mentoring cohort meeting {n}/{total}"),
}
WITH = N_("{title} with {people}")
Key = tuple[str, int]  # (match, number)


def event_uid(*, program: Program, session: PlannedSession) -> str:
    """Return a UID that depends only on the program's name, the match and the number."""
    key = "\x1f".join((program.name, session.match, str(session.number)))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def summary(
    *, program: Program, session: PlannedSession, people: Mapping[str, Person] | None = None
) -> str:
    """Return the event title: the series position, who meets (not the cohort) and the topic."""
    words = translation(program.language)
    text = words.gettext(SUMMARY[session.kind]).format(n=session.number, total=session.total)
    if people is not None and session.kind == "match":
        names = ", ".join(people[p].name if p in people else p for p in session.people)
        text = words.gettext(WITH).format(title=text, people=names)
    return f"{text}: {session.topic.title}" if session.topic else text


def is_request(program: Program) -> bool:
    """Return whether calendars are invitations (an organiser email is known) or published."""
    return bool(program.organiser.email)


def describe_sessions(
    *,
    program: Program,
    roster: Roster,
    matches: MatchesFile,
    sessions: list[PlannedSession],
    folder: Path,
    progress: Progress = quiet,
) -> dict[Key, str]:
    """Return each session's event description: topic, questions and timed outline."""
    from rmcli.schedule.agenda import (  # noqa: PLC0415 (kept out of start-up)
        agenda_environment,
        lookup,
        outline_key,
        render_outline,
    )

    env = agenda_environment(program=program, program_folder=folder)
    found = lookup(roster=roster, matches=matches)
    rendered: dict[tuple[object, ...], str] = {}
    texts: dict[Key, str] = {}
    phase = say("event descriptions")
    for done, session in enumerate(sessions, start=1):
        if due(done, len(sessions)):
            progress(phase, done, len(sessions))
        key = outline_key(session, program=program, people=found.people)
        if key not in rendered:
            rendered[key] = render_outline(
                env=env,
                program=program,
                roster=roster,
                matches=matches,
                session=session,
                found=found,
            )
        texts[(session.match, session.number)] = rendered[key]
    return texts


def build_calendar(
    *,
    program: Program,
    roster: Roster,
    sessions: list[PlannedSession],
    descriptions: Mapping[Key, str],
    stamp: dt.datetime,
) -> str:
    """Return one calendar with an event per session; `stamp` is the DTSTAMP of every event.

    The events are written line by line (RFC 5545 escaping and folding below): icalendar's
    property objects made a year of a large program too slow. The time zones come from
    icalendar, and the tests read every calendar back with icalendar and vobject.
    """
    people = roster.by_id()
    request = is_request(program)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{_text(PRODID)}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'REQUEST' if request else 'PUBLISH'}",
        f"X-WR-CALNAME:{_text(program.name)}",
        f"X-WR-TIMEZONE:{program.calendar.timezone}",
    ]
    lines.extend(_zones(sessions))
    organiser = ""
    if request:
        name = f";CN={_param(program.organiser.name)}" if program.organiser.name else ""
        organiser = f"ORGANIZER{name}:mailto:{program.organiser.email}"
    stamp_text = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    for session in sessions:
        zone = str(session.start.tzinfo)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event_uid(program=program, session=session)}",
            f"DTSTAMP:{stamp_text}",
            f"SEQUENCE:{session.sequence}",
            f"DTSTART;TZID={zone}:{session.start.strftime('%Y%m%dT%H%M%S')}",
            f"DURATION:{_duration(session.minutes)}",
            f"SUMMARY:{_text(summary(program=program, session=session, people=people))}",
            f"DESCRIPTION:{_text(descriptions[(session.match, session.number)])}",
            f"STATUS:{'CANCELLED' if session.cancelled else 'CONFIRMED'}",
            "TRANSP:OPAQUE",
            "CATEGORIES:reverse-mentoring",
            f"CLASS:{'CONFIDENTIAL' if program.confidential else 'PUBLIC'}",
        ]
        if request:
            lines.append(organiser)
            for person_id in session.people:
                person = people.get(person_id)
                if person is None or not person.email:
                    continue
                lines.append(
                    f"ATTENDEE;CN={_param(person.name)};CUTYPE=INDIVIDUAL;"
                    f"PARTSTAT=NEEDS-ACTION;ROLE=REQ-PARTICIPANT;RSVP=TRUE:mailto:{person.email}"
                )
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    short = 75  # octets; most lines are ASCII and shorter, and need no folding
    return "".join(
        (line if len(line) <= short and line.isascii() else _fold(line)) + "\r\n" for line in lines
    )


def person_calendar(
    *,
    program: Program,
    roster: Roster,
    matches: MatchesFile,
    sessions: list[PlannedSession],
    person: str,
    folder: Path,
    stamp: dt.datetime,
    descriptions: Mapping[Key, str] | None = None,
) -> str:
    """Return the .ics text of one person's calendar: only the sessions they are in.

    `sessions` is the program's whole schedule (`plan_schedule(...).sessions`); `folder` is
    the program folder, for the organiser's own agenda templates. Pass `descriptions` (from
    `describe_sessions`) when writing many calendars, so each outline is rendered once.
    """
    own = [s for s in sessions if person in s.people]
    if descriptions is None:
        descriptions = describe_sessions(
            program=program, roster=roster, matches=matches, sessions=own, folder=folder
        )
    return build_calendar(
        program=program, roster=roster, sessions=own, descriptions=descriptions, stamp=stamp
    )


def _zones(sessions: list[PlannedSession]) -> list[str]:
    """Return one VTIMEZONE per TZID, with rules only for the years the program spans."""
    from icalendar import Timezone  # noqa: PLC0415 (kept out of start-up)

    if not sessions:
        return []
    first = min(s.date for s in sessions)
    last = max(s.date for s in sessions)
    lines: list[str] = []
    for zone in sorted({str(s.start.tzinfo) for s in sessions}):
        component = Timezone.from_tzid(
            zone,
            first_date=first.replace(month=1, day=1),
            last_date=last.replace(year=last.year + 1, month=1, day=1),
        )
        text: bytes = component.to_ical()
        lines.extend(_unfold(text.decode("utf-8")))
    return lines


def _unfold(text: str) -> list[str]:
    return text.replace("\r\n ", "").replace("\r\n\t", "").splitlines()


def _text(value: str) -> str:
    """Return a TEXT value escaped as RFC 5545 3.3.11 asks (control bytes dropped first)."""
    return (
        ics(value, lines=True)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _param(value: str) -> str:
    """Return a quoted parameter value; a double quote cannot appear in one (RFC 5545 3.1)."""
    return '"' + ics(value) + '"'


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{rest}M" if rest else "")


def _fold(line: str) -> str:
    """Return a content line folded at 75 octets, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts = []
    start, limit = 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:
            end -= 1  # a continuation byte: break before the character instead
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines start with a space
    return "\r\n ".join(parts)


def without_email(*, roster: Roster, sessions: list[PlannedSession]) -> list[str]:
    """Return the ids of participants who cannot be invited because they have no email."""
    people = roster.by_id()
    ids = dict.fromkeys(p for s in sessions for p in s.people)
    return [p for p in ids if p not in people or not people[p].email]
