"""Build the agenda of a session from the program's plan, the match and the roster."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from rmcli.errors import InputError
from rmcli.folder import AGENDAS_DIR
from rmcli.io import templates
from rmcli.models import MatchesFile, Program, Roster
from rmcli.schedule.outline import Kind, kind_of, outline
from rmcli.schedule.plan import COHORT, PlannedSession
from rmcli.words import say

if TYPE_CHECKING:
    import jinja2

TEMPLATES: dict[Kind, str] = {
    "first": "first.md.j2",
    "regular": "regular.md.j2",
    "last": "last.md.j2",
    "cohort": "cohort.md.j2",
}
OUTLINE_TEMPLATE = "outline.txt.j2"
# Which of the guide's common mistakes each kind of session is most exposed to.
MISTAKES: dict[str, tuple[str, ...]] = {
    "first": ("hierarchy", "no-time"),
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


def shared_interests(session: PlannedSession, *, roster: Roster) -> list[str]:
    """Return the topic's tags that a senior wants to learn and a junior knows or cares about."""
    if session.topic is None:
        return []
    people = roster.by_id()
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


def context(
    *, program: Program, roster: Roster, matches: MatchesFile, session: PlannedSession
) -> dict[str, Any]:
    """Return everything a template may use, as plain data."""
    people = roster.by_id()

    def person(person_id: str) -> dict[str, str]:
        found = people.get(person_id)
        name = found.name if found else person_id
        return {"id": person_id, "name": name, "title": found.title if found else ""}

    # Roles come from the matches, so people missing from the roster still land right.
    junior_ids = {j for m in matches.matches for j in m.juniors}
    steps = outline(session)
    topic = session.topic
    pairs = [
        {
            "id": m.id,
            "juniors": [person(p) for p in m.juniors],
            "seniors": [person(p) for p in m.seniors],
        }
        for m in matches.matches
    ]
    return {
        "program": {
            "name": program.name,
            "months": program.months,
            "confidential": program.confidential,
            "organiser": program.organiser,
            "format": program.format,
            "topics": [{"month": t.month, "title": t.title} for t in program.topics],
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
            "title": topic.title,
            "area": topic.area,
            "prompts": topic.prompts,
            "tags": topic.tags,
        },
        "juniors": [person(p) for p in session.people if p in junior_ids],
        "seniors": [person(p) for p in session.people if p not in junior_ids],
        "shared": shared_interests(session, roster=roster),
        "outline": [
            {
                "key": s.key,
                "minutes": s.minutes,
                "start": s.start.strftime("%H:%M"),
                "end": s.end.strftime("%H:%M"),
            }
            for s in steps
        ],
        "mistakes": list(mistakes_for(session)),
        "pairs": pairs if session.match == COHORT else [],
        "feedback_command": "rmcli feedback",
    }


def render_agenda(
    *,
    env: jinja2.Environment,
    program: Program,
    roster: Roster,
    matches: MatchesFile,
    session: PlannedSession,
) -> str:
    """Return the Markdown agenda of one session."""
    data = context(program=program, roster=roster, matches=matches, session=session)
    return templates.render(env, TEMPLATES[kind_of(session)], data)


def render_outline(
    *,
    env: jinja2.Environment,
    program: Program,
    roster: Roster,
    matches: MatchesFile,
    session: PlannedSession,
) -> str:
    """Return the short plain-text outline used as a calendar event's description."""
    data = context(program=program, roster=roster, matches=matches, session=session)
    return templates.render(env, OUTLINE_TEMPLATE, data)


def pick_session(sessions: list[PlannedSession], *, match: str, number: int) -> PlannedSession:
    """Return session `number` of a match, or raise naming the valid range."""
    own = [s for s in sessions if s.match == match]
    found = next((s for s in own if s.number == number), None)
    if found is None:
        message = say("match {match} has sessions 1 to {n}", match=match, n=len(own))
        raise InputError(f"--session {number}: {message}")
    return found
