"""Build the agenda of a session from the program's plan, the match and the roster."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from rmcli import escape
from rmcli.errors import InputError
from rmcli.folder import AGENDAS_DIR
from rmcli.io import templates
from rmcli.io.labels import tag_labels
from rmcli.models import MatchesFile, Person, Program, Roster
from rmcli.progress import Progress, due, quiet
from rmcli.schedule.outline import Kind, kind_of, outline
from rmcli.schedule.plan import COHORT, PlannedSession
from rmcli.words import say

if TYPE_CHECKING:
    import jinja2

TEMPLATES: dict[Kind, str] = {
    "first": "first.md.j2",
    "regular": "regular.md.j2",
    "group": "group.md.j2",
    "kickoff": "kickoff.md.j2",
    "working": "working.md.j2",
    "handover": "handover.md.j2",
    "last": "last.md.j2",
    "cohort": "cohort.md.j2",
}
OUTLINE_TEMPLATE = "outline.txt.j2"
# Which of the guide's common mistakes each kind of session is most exposed to.
MISTAKES: dict[str, tuple[str, ...]] = {
    "first": ("hierarchy", "no-time"),
    "group": ("hierarchy", "one-way"),
    "kickoff": ("hierarchy", "no-time"),
    "working": ("one-way", "no-time"),
    "handover": ("alibi", "one-way"),
    "technology": ("only-technology", "one-way"),
    "workplace": ("one-way", "hierarchy"),
    "culture": ("one-way", "hierarchy"),
    "none": ("one-way", "no-time"),
    "last": ("alibi", "one-way"),
    "cohort": ("alibi", "only-technology"),
}


def agenda_environment(*, program: Program, program_folder: Path) -> jinja2.Environment:
    """Return the template environment for the program's agenda language."""
    return templates.environment(
        area="agenda",
        language=program.language,
        program_folder=program_folder,
        templates_dir=program.templates_dir,
    )


def agenda_file(session: PlannedSession) -> Path:
    """Return where a session's agenda is written, relative to the program folder."""
    return Path(AGENDAS_DIR) / f"{session.match}-{session.number}.md"


def mistakes_for(session: PlannedSession) -> tuple[str, ...]:
    """Return the keys of the common mistakes worth a reminder in this session."""
    kind = kind_of(session)
    if kind != "regular":
        return MISTAKES[kind]
    return MISTAKES[session.topic.area if session.topic else "none"]


def shared_interests(session: PlannedSession, *, people: dict[str, Person]) -> list[str]:
    """Return the topic's tags that a senior wants to learn and a junior knows or cares about."""
    if session.topic is None:
        return []
    wanted: set[str] = set()
    offered: set[str] = set()
    for person_id in session.people:
        person = people.get(person_id)
        if person is None:
            continue
        if person.role == "senior":
            wanted.update(person.interests)
        else:
            offered.update(person.expertise)
            offered.update(person.interests)
    return [tag for tag in session.topic.tags if tag in wanted and tag in offered]


@dataclass(frozen=True)
class Lookup:
    """The roster by id and the juniors' ids, built once for many sessions."""

    people: dict[str, Person]
    juniors: frozenset[str]


def lookup(*, roster: Roster, matches: MatchesFile) -> Lookup:
    """Return the lookups `context` needs; roles come from the matches, so people missing
    from the roster still land right."""
    return Lookup(roster.by_id(), frozenset(j for m in matches.matches for j in m.juniors))


def project_of(program: Program, session: PlannedSession) -> dict[str, str] | None:
    """Return the session's project with its goal and this month's milestone, if it has one."""
    found = next((p for p in program.projects if p.id == session.project), None)
    if found is None:
        return None
    return {
        "id": found.id,
        "title": found.title,
        "goal": found.goal,
        "milestone": found.milestone(session.month),
    }


def moderator_of(
    *, program: Program, session: PlannedSession, juniors: list[dict[str, str]]
) -> dict[str, str] | None:
    """Return who moderates a group's session: the juniors in turn; the organiser otherwise.

    Returns None when the organiser moderates (cohort meetings) or nobody needs to
    (one-to-one and peer sessions: the template decides from the session's kind).
    """
    if session.match == COHORT or program.format != "group" or not juniors:
        return None
    return juniors[(session.number - 1) % len(juniors)]


def context(
    *,
    program: Program,
    roster: Roster,
    matches: MatchesFile,
    session: PlannedSession,
    found: Lookup | None = None,
    text: Callable[[str], str] = str,
) -> dict[str, Any]:
    """Return everything a template may use, as plain data; `text` escapes what people typed."""
    found = found or lookup(roster=roster, matches=matches)
    people = found.people

    def person(person_id: str) -> dict[str, str]:
        who = people.get(person_id)
        name = who.name if who else person_id
        return {"id": person_id, "name": text(name), "title": text(who.title if who else "")}

    junior_ids = found.juniors
    steps = outline(session)
    topic = session.topic
    shared = shared_interests(session, people=people)
    named = tag_labels(program.labels, program.language)
    pairs = [
        {
            "id": m.id,
            "juniors": [person(p) for p in m.juniors],
            "seniors": [person(p) for p in m.seniors],
        }
        for m in (matches.matches if session.match == COHORT else [])
    ]
    juniors = [person(p) for p in session.people if p in junior_ids]
    seniors = [person(p) for p in session.people if p not in junior_ids]
    moderator = moderator_of(program=program, session=session, juniors=juniors)
    teachers, learners = (juniors, seniors) if session.teacher == "junior" else (seniors, juniors)
    return {
        "program": {
            "name": text(program.name),
            "months": program.months,
            "confidential": program.confidential,
            "organiser": text(program.organiser.name),
            "format": program.format,
            "topics": [{"month": t.month, "title": text(t.title)} for t in program.topics],
        },
        "session": {
            "match": session.match,
            "number": session.number,
            "total": session.total,
            "kind": kind_of(session),
            "date": session.date,
            "start": session.start.strftime("%H:%M"),
            "end": session.end.strftime("%H:%M"),
            "timezone": str(session.start.tzinfo),
            "minutes": session.minutes,
            "month": session.month,
            "part": session.part,
            "parts": session.parts,
        },
        "topic": None
        if topic is None
        else {
            "title": text(topic.title),
            "area": topic.area,
            "prompts": [text(p) for p in topic.prompts],
            "tags": topic.tags,
            "labels": [text(named(tag)) for tag in topic.tags],
        },
        "juniors": juniors,
        "seniors": seniors,
        "teacher": session.teacher,  # peer: "junior" or "senior" teaches; "" = both
        "project": _texts(project_of(program, session), text),
        "moderator": moderator,  # a person, or None: the organiser (organiser_name) moderates
        "organiser_name": text(program.organiser.name),
        "teachers": teachers if session.teacher else [],
        "learners": learners if session.teacher else [],
        "shared": shared,
        "shared_words": text(named.listed(shared)),
        "outline": [
            {
                "key": "hands-on-senior"
                if s.key == "hands-on" and session.teacher == "senior"
                else s.key,
                "minutes": s.minutes,
                "start": s.start.strftime("%H:%M"),
                "end": s.end.strftime("%H:%M"),
            }
            for s in steps
        ],
        "times": local_times(session, program=program, people=people),
        "mistakes": list(mistakes_for(session)),
        "pairs": pairs if session.match == COHORT else [],
        "feedback_command": "rmcli feedback",
    }


def _texts(values: dict[str, str] | None, text: Callable[[str], str]) -> dict[str, str] | None:
    """Return a dict of typed texts escaped (its id, a slug, as it is)."""
    if values is None:
        return None
    return {k: v if k == "id" else text(v) for k, v in values.items()}


def local_times(
    session: PlannedSession, *, program: Program, people: dict[str, Person]
) -> list[dict[str, Any]]:
    """Return the session's time in each zone of its people, the organiser's zone first."""
    zones: dict[str, list[str]] = {program.calendar.timezone: []}
    for person_id in session.people:
        person = people.get(person_id)
        zone = person.timezone if person else program.calendar.timezone
        zones.setdefault(zone, [])
    found = []
    for zone in zones:
        start = session.start.astimezone(ZoneInfo(zone))
        end = session.end.astimezone(ZoneInfo(zone))
        found.append(
            {
                "zone": zone,
                "date": start.date(),
                "start": start.strftime("%H:%M"),
                "end": end.strftime("%H:%M"),
                "organiser": zone == program.calendar.timezone,
            }
        )
    return found


def render_agenda(
    *,
    env: jinja2.Environment,
    program: Program,
    roster: Roster,
    matches: MatchesFile,
    session: PlannedSession,
    found: Lookup | None = None,
) -> str:
    """Return the Markdown agenda of one session."""
    data = context(
        program=program,
        roster=roster,
        matches=matches,
        session=session,
        text=escape.markdown,
        found=found,
    )
    return templates.render(env, TEMPLATES[kind_of(session)], data)


def render_agendas(
    *,
    env: jinja2.Environment,
    program: Program,
    roster: Roster,
    matches: MatchesFile,
    sessions: list[PlannedSession],
    progress: Progress = quiet,
) -> list[str]:
    """Return the Markdown agenda of each session, with the lookups built once for all."""
    found = lookup(roster=roster, matches=matches)
    phase = say("agendas")
    texts = []
    for done, session in enumerate(sessions, start=1):
        texts.append(
            render_agenda(
                env=env,
                program=program,
                roster=roster,
                matches=matches,
                session=session,
                found=found,
            )
        )
        if due(done, len(sessions)):
            progress(phase, done, len(sessions))
    return texts


def render_outline(
    *,
    env: jinja2.Environment,
    program: Program,
    roster: Roster,
    matches: MatchesFile,
    session: PlannedSession,
    found: Lookup | None = None,
) -> str:
    """Return the plain-text outline of a calendar event's description.

    It names no one (the event's title and attendees do): the same text serves every
    session with the same time, zones and topic, so a calendar renders it once for them.
    """
    data = context(program=program, roster=roster, matches=matches, session=session, found=found)
    data.update(juniors=[], seniors=[], shared=[], shared_words="", pairs=[])
    data["session"]["match"] = ""
    return templates.render(env, OUTLINE_TEMPLATE, data)


def outline_key(
    session: PlannedSession, *, program: Program, people: dict[str, Person]
) -> tuple[object, ...]:
    """Return what an outline depends on: two sessions with the same key share the text."""
    zones = sorted(
        {people[p].timezone if p in people else program.calendar.timezone for p in session.people}
    )
    return (
        kind_of(session),
        session.number,
        session.total,
        session.month,
        session.part,
        session.parts,
        session.minutes,
        session.start,
        tuple(zones),
    )


def pick_session(sessions: list[PlannedSession], *, match: str, number: int) -> PlannedSession:
    """Return session `number` of a match, or raise naming the valid range."""
    own = [s for s in sessions if s.match == match]
    found = next((s for s in own if s.number == number), None)
    if found is None:
        message = say("match {match} has sessions 1 to {n}", match=match, n=len(own))
        raise InputError(f"--session {number}: {message}")
    return found
