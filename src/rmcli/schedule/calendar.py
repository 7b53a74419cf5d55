"""Write the schedule as RFC 5545 calendars with the icalendar library."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from rmcli import __version__
from rmcli.models import Program, Roster
from rmcli.schedule.plan import PlannedSession
from rmcli.words import N_, translation

PRODID = f"-//rmcli//rmcli {__version__}//EN"
UID_DOMAIN = "rmcli.invalid"  # a reserved name: UIDs must look like addresses, none is owned
SUMMARY: dict[str, str] = {
    "match": N_("Reverse mentoring {n}/{total}"),
    "cohort": N_("Reverse mentoring cohort meeting {n}/{total}"),
}


def event_uid(*, program: Program, session: PlannedSession) -> str:
    """Return a UID that depends only on the program's name, the match and the number."""
    key = "\x1f".join((program.name, session.match, str(session.number)))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def summary(*, program: Program, session: PlannedSession) -> str:
    """Return the event title: the series position and the month's topic."""
    words = translation(program.language).gettext(SUMMARY[session.kind])
    text = words.format(n=session.number, total=session.total)
    return f"{text}: {session.topic.title}" if session.topic else text


def build_calendar(
    *,
    program: Program,
    roster: Roster,
    sessions: list[PlannedSession],
    describe: Callable[[PlannedSession], str],
    stamp: dt.datetime,
) -> bytes:
    """Return one calendar with an event per session; `stamp` is the DTSTAMP of every event."""
    from icalendar import Calendar, Event, vCalAddress, vText  # noqa: PLC0415 (kept out of start-up)

    people = roster.by_id()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", program.name)
    for session in sessions:
        event = Event()
        event.add("uid", event_uid(program=program, session=session))
        event.add("dtstamp", stamp)
        event.add("dtstart", session.start)
        event.add("duration", dt.timedelta(minutes=session.minutes))
        event.add("summary", summary(program=program, session=session))
        event.add("description", describe(session))
        event.add("categories", ["reverse-mentoring"])
        event.add("class", "CONFIDENTIAL" if program.confidential else "PUBLIC")
        for person_id in session.people:
            person = people.get(person_id)
            if person is None or not person.email:
                continue
            attendee = vCalAddress(f"mailto:{person.email}")
            attendee.params["cn"] = vText(person.name)
            attendee.params["role"] = vText("REQ-PARTICIPANT")
            attendee.params["partstat"] = vText("NEEDS-ACTION")
            event.add("attendee", attendee, encode=False)
        calendar.add_component(event)
    if sessions and hasattr(calendar, "add_missing_timezones"):  # icalendar >= 6.1
        # One VTIMEZONE per TZID, with rules only for the years the program spans.
        first = min(s.date for s in sessions)
        last = max(s.date for s in sessions)
        calendar.add_missing_timezones(
            first_date=first.replace(month=1, day=1),
            last_date=last.replace(year=last.year + 1, month=1, day=1),
        )
    data: bytes = calendar.to_ical()
    return data


def without_email(*, roster: Roster, sessions: list[PlannedSession]) -> list[str]:
    """Return the ids of participants who cannot be invited because they have no email."""
    people = roster.by_id()
    ids = dict.fromkeys(p for s in sessions for p in s.people)
    return [p for p in ids if p not in people or not people[p].email]
