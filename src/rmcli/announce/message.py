"""Build the introduction of each person to their match as an email with their calendar.

The subject and body come from templates/announce/<language>/ (subject.txt.j2,
body.txt.j2), which a program's templates_dir may override like the agenda templates.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from rmcli.announce.attachment import person_ics
from rmcli.folder import OUTBOX_DIR
from rmcli.io import templates
from rmcli.models import Match, MatchesFile, Person, Program, Roster
from rmcli.models.sent import message_key
from rmcli.schedule.agenda import agenda_environment, render_agenda
from rmcli.schedule.calendar import describe_sessions
from rmcli.schedule.plan import PlannedSession

if TYPE_CHECKING:
    import jinja2

SUBJECT_TEMPLATE = "subject.txt.j2"
BODY_TEMPLATE = "body.txt.j2"
ATTACHMENT_NAME = "reverse-mentoring.ics"
ID_DOMAIN = "rmcli.invalid"  # when the organiser has no address: a name nobody owns
# Written out with CRLF as on the wire, headers folded only at RFC 5322's hard limit: Python's
# folding of a header with an encoded word ("Wölfle") leaves a doubled space after unfolding.
# The parts are built with the usual 78 columns, which keeps the body quoted-printable.
MAIL_POLICY = policy.SMTP.clone(max_line_length=998)


@dataclass(frozen=True)
class Introduction:
    """One person's message about one match."""

    match: str
    person: str  # id
    message_id: str
    recipient: str  # the email address; "" when the roster has none
    message: EmailMessage

    @property
    def key(self) -> str:
        """Return what the record of sent messages knows this message by."""
        return message_key(self.message_id)

    @property
    def file(self) -> Path:
        """Return where the message is written, relative to the program folder."""
        return Path(OUTBOX_DIR) / f"{self.match}-{self.person}.eml"

    def text(self) -> str:
        """Return the message as an .eml file holds it (RFC 5322, CRLF line ends)."""
        return self.message.as_string(policy=MAIL_POLICY)


def announce_environment(*, program: Program, program_folder: Path) -> jinja2.Environment:
    """Return the template environment for the program's introductions."""
    return templates.environment(
        area="announce",
        language=program.language,
        program_folder=program_folder,
        templates_dir=program.templates_dir,
    )


def message_id(*, program: Program, match: str, person: str) -> str:
    """Return a Message-ID that depends only on the program's name, the match and the person."""
    key = "\x1f".join((program.name, match, person))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    domain = program.organiser.email.rpartition("@")[2] or ID_DOMAIN
    return f"<{digest}@{domain}>"


def person_zone(person: Person | None, *, program: Program) -> str:
    """Return the zone a person reads times in: their own in the roster, else the program's."""
    if person is not None and "timezone" in person.model_fields_set:
        return person.timezone
    return program.calendar.timezone


def when(session: PlannedSession, *, zone: str, program: Program) -> dict[str, Any]:
    """Return a session's date and times in `zone`, and the program's time when it differs."""
    start = session.start.astimezone(ZoneInfo(zone))
    end = session.end.astimezone(ZoneInfo(zone))
    same = start.utcoffset() == session.start.utcoffset()
    return {
        "number": session.number,
        "total": session.total,
        "date": start.date(),
        "start": start.strftime("%H:%M"),
        "end": end.strftime("%H:%M"),
        "timezone": zone,
        "program_start": "" if same else session.start.strftime("%H:%M"),
        "program_date": session.date,
        "program_timezone": program.calendar.timezone,
        "minutes": session.minutes,
        "topic": session.topic.title if session.topic else None,
    }


def context(
    *,
    program: Program,
    roster: Roster,
    match: Match,
    person_id: str,
    sessions: list[PlannedSession],
    agenda: str,
) -> dict[str, Any]:
    """Return everything the subject and body templates may use, as plain data."""
    people = roster.by_id()
    juniors = set(match.juniors)

    def about(other_id: str) -> dict[str, str]:
        found = people.get(other_id)
        return {
            "id": other_id,
            "name": found.name if found else other_id,
            "role": "junior" if other_id in juniors else "senior",
            "title": found.title if found else "",
            "department": found.department if found else "",
        }

    zone = person_zone(people.get(person_id), program=program)
    own = [s for s in sessions if s.match == match.id and not s.cancelled]
    cohort = [
        s for s in sessions if s.kind == "cohort" and person_id in s.people and not s.cancelled
    ]
    project = next((p for p in program.projects if p.id == match.project), None)
    return {
        "program": {
            "name": program.name,
            "description": program.description,
            "months": program.months,
            "format": program.format,
            "confidential": program.confidential,
            "timezone": program.calendar.timezone,
        },
        "organiser": {"name": program.organiser.name, "email": program.organiser.email},
        "person": {**about(person_id), "timezone": zone},
        "partners": [about(p) for p in match.people if p != person_id],
        "match": {"id": match.id, "reasons": list(match.reasons)},
        "project": None if project is None else {"title": project.title},
        "sessions": [when(s, zone=zone, program=program) for s in own],
        "cohort": [when(s, zone=zone, program=program) for s in cohort],
        "agenda": agenda,
        "attachment": ATTACHMENT_NAME,
    }


def introductions(
    *,
    program: Program,
    roster: Roster,
    matches: MatchesFile,
    sessions: list[PlannedSession],
    folder: Path,
    stamp: dt.datetime,
    sent: set[str],
    only: str | None = None,
) -> list[Introduction]:
    """Return the messages of every match (or `only` one) that have not been sent yet.

    `sent` holds the keys of the messages sent already; `stamp` dates the messages and
    their calendars, so that the same files give the same outbox.
    """
    people = roster.by_id()
    env = announce_environment(program=program, program_folder=folder)
    agenda_env = agenda_environment(program=program, program_folder=folder)
    # Every calendar event's description, each rendered once for all the calendars.
    descriptions = describe_sessions(
        program=program, roster=roster, matches=matches, sessions=sessions, folder=folder
    )
    found: list[Introduction] = []
    for match in matches.matches:
        if only is not None and match.id != only:
            continue
        waiting = [
            (p, mid)
            for p in match.people
            if message_key(mid := message_id(program=program, match=match.id, person=p)) not in sent
        ]
        first = next((s for s in sessions if s.match == match.id and not s.cancelled), None)
        if not waiting or first is None:
            continue
        agenda = render_agenda(
            env=agenda_env, program=program, roster=roster, matches=matches, session=first
        )
        for person_id, mid in waiting:
            data = context(
                program=program,
                roster=roster,
                match=match,
                person_id=person_id,
                sessions=sessions,
                agenda=agenda,
            )
            ics = person_ics(
                person=person_id,
                program=program,
                roster=roster,
                matches=matches,
                sessions=sessions,
                folder=folder,
                descriptions=descriptions,
                stamp=stamp,
            )
            person = people.get(person_id)
            recipient = person.email if person else ""
            message = compose(
                subject=templates.render(env, SUBJECT_TEMPLATE, data),
                body=templates.render(env, BODY_TEMPLATE, data),
                sender=_address(program.organiser.name, program.organiser.email),
                recipient=_address(person.name, recipient) if person else None,
                message_id=mid,
                ics=ics,
                language=program.language,
                date=stamp,
            )
            found.append(
                Introduction(
                    match=match.id,
                    person=person_id,
                    message_id=mid,
                    recipient=recipient,
                    message=message,
                )
            )
    return found


def compose(
    *,
    subject: str,
    body: str,
    sender: Address | None,
    recipient: Address | None,
    message_id: str,
    ics: bytes,
    language: str,
    date: dt.datetime,
) -> EmailMessage:
    """Return a plain-text message with the calendar attached as text/calendar."""
    message = EmailMessage(policy=policy.SMTP)
    if sender is not None:
        message["From"] = sender
    if recipient is not None:
        message["To"] = recipient
    message["Subject"] = " ".join(subject.split())  # one line, whatever the template did
    message["Date"] = format_datetime(date)
    message["Message-ID"] = message_id
    message.set_content(body)
    message["Content-Language"] = language  # after set_content, which clears Content-* headers
    # A file to open, not an iMIP invitation (no method= parameter): an iTIP request holds
    # one event, and this calendar holds every session of the person.
    message.add_attachment(
        ics,
        maintype="text",
        subtype="calendar",
        filename=ATTACHMENT_NAME,
        params={"charset": "utf-8"},
    )
    message.policy = MAIL_POLICY  # what smtplib and text() write it with
    message.set_boundary(_boundary(message))
    return message


def _boundary(message: EmailMessage) -> str:
    """Return a MIME boundary drawn from the message itself, so the same files give the same bytes.

    The email package draws a random one; this is a digest of the parts, lengthened until
    no part holds it (RFC 2046, 5.1.1), as the package's own does.
    """
    parts = [part.as_bytes() for part in message.iter_parts()]
    stem = "=_rmcli_" + hashlib.sha256(b"\0".join(parts)).hexdigest()[:32]
    boundary, extra = stem, 0
    while any(boundary.encode() in part for part in parts):
        extra += 1
        boundary = f"{stem}.{extra}"
    return boundary


def _address(name: str, email: str) -> Address | None:
    if not email:
        return None
    user, _, domain = email.rpartition("@")
    return Address(display_name=name, username=user, domain=domain)
