"""The sessions `rmcli schedule` and `rmcli agenda` show, and the rows and tables of schedule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rmcli.errors import ActionNeeded, InputError
from rmcli.models import MatchesFile, Program, Roster, SessionsFile
from rmcli.schedule.plan import COHORT, PlannedSession, logged_statuses, status_in
from rmcli.words import N_, format_date, say, user_language

if TYPE_CHECKING:
    from rich.table import Table

    from rmcli.schedule.place import Unplaced


# `rmcli match` alone only proposes; the hint names the command that writes matches.toml.
NO_MATCHES_HINT = N_("write the matches first with `rmcli match --write`")


class Plan:
    """Everything `schedule` and `agenda` read from a program folder, loaded once."""

    def __init__(self, folder: Path) -> None:
        from rmcli.folder import load
        from rmcli.schedule.kept import schedule_of

        self.folder = folder
        snapshot = load(folder)
        self.program: Program = snapshot.program
        self.roster: Roster = snapshot.roster
        self.matches: MatchesFile = snapshot.matches
        self.log: SessionsFile = snapshot.sessions
        if not self.matches.matches:
            from rmcli.cli.output import folder_name

            raise ActionNeeded(
                say(
                    "{folder}: no matches yet, so there are no sessions to plan",
                    folder=folder_name(folder),
                ),
                hint=say(NO_MATCHES_HINT),
            )
        planned = schedule_of(snapshot)
        self.sessions: list[PlannedSession] = planned.sessions
        self.unplaced: list[Unplaced] = planned.unplaced

    def only(self, match: str | None) -> list[PlannedSession]:
        """Return the sessions of one match (all when `match` is None); unknown ids are errors."""
        if match is None:
            return self.sessions
        chosen = [s for s in self.sessions if s.match == match]
        if not chosen:
            from rmcli.words import did_you_mean

            raise InputError(
                say("--match {match}: no such match in matches.toml", match=match),
                hint=did_you_mean(match, {s.match for s in self.sessions}),
            )
        return chosen


# The status of a session as the tables show it; --json keeps the English code.
STATUS_WORD = {
    "held": N_("held"),
    "cancelled": N_("cancelled"),
    "moved": N_("moved"),
    "passed": N_("passed"),
    "upcoming": N_("upcoming"),
}
STATUS_STYLE = {
    "held": "green",
    "cancelled": "red",
    "moved": "yellow",
    "passed": "dim",
    "upcoming": "",
}


def rows(
    *,
    program: Program,
    sessions: list[PlannedSession],
    log: SessionsFile,
    as_of: dt.date,
    roster: Roster | None = None,
) -> list[dict[str, Any]]:
    """Return one plain dict per session, for JSON and for the tables."""
    from zoneinfo import ZoneInfo

    from rmcli.schedule.calendar import event_uid

    zones = {p.id: p.timezone for p in roster.people} if roster else {}
    logged = logged_statuses(log)

    def local(s: PlannedSession) -> dict[str, dict[str, str]]:
        # Each person's start in their own zone, for those outside the program's zone.
        return {
            p: {"zone": zones[p], "start": s.start.astimezone(ZoneInfo(zones[p])).isoformat()}
            for p in s.people
            if zones.get(p, program.calendar.timezone) != program.calendar.timezone
        }

    return [
        {
            "match": s.match,
            "number": s.number,
            "of": s.total,
            "kind": s.kind,
            "date": s.date.isoformat(),
            "start": s.start.isoformat(),
            "end": s.end.isoformat(),
            "minutes": s.minutes,
            "month": s.month,
            "topic": s.topic.title if s.topic else None,
            "first": s.first,
            "last": s.last,
            "people": list(s.people),
            "teacher": s.teacher,
            "project": s.project or None,
            "milestone": _milestone(program, s),
            "status": status_in(logged, s, as_of=as_of),
            "uid": event_uid(program=program, session=s),
            "local": local(s) if s.kind == "match" else {},
        }
        for s in sessions
    ]


def _milestone(program: Program, session: PlannedSession) -> str | None:
    found = next((p for p in program.projects if p.id == session.project), None)
    return (found.milestone(session.month) or None) if found else None


def shown(
    sessions: list[PlannedSession], *, log: SessionsFile, as_of: dt.date, every: bool
) -> tuple[list[str], int]:
    """Return the matches whose tables are shown, in order, and how many more there are.

    Unless `every` table is asked for, a program of more than SHORT_LIST matches shows those
    whose next upcoming session comes soonest (the ones the organiser deals with next).
    Only their rows are made then: a year at 1,000 pairs holds 12,000 sessions.
    """
    from rmcli.cli.output import SHORT_LIST

    matches = sorted({s.match for s in sessions} - {COHORT})
    if every or len(matches) <= SHORT_LIST:
        return matches, 0
    logged = logged_statuses(log)
    soonest: dict[str, dt.datetime] = {}
    for s in sessions:
        if s.match != COHORT and status_in(logged, s, as_of=as_of) == "upcoming":
            known = soonest.get(s.match)
            if known is None or s.start < known:
                soonest[s.match] = s.start
    never = dt.datetime.max.replace(tzinfo=dt.UTC)  # no session to come: last
    ordered = sorted(matches, key=lambda m: (soonest.get(m, never), m))
    return ordered[:SHORT_LIST], len(ordered) - SHORT_LIST


def print_tables(
    data: list[dict[str, Any]], *, matches: list[str], more: int, as_of: dt.date, zone: str
) -> None:
    """Print the tables of `matches` in turn, the cohort meetings last, then count `more`.

    The cohort meetings concern everyone and are always shown (`shown` gives the matches).
    """
    from rich.text import Text

    from rmcli.cli.output import out

    console = out()
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in data:  # one pass: each table gets its own rows without scanning the others
        grouped.setdefault(row["match"], []).append(row)
    for match in [*matches, COHORT] if COHORT in grouped else matches:
        own = sorted(grouped[match], key=lambda r: r["number"])
        console.print(_table(match, own, as_of=as_of, zone=zone))
    if more:
        line = say(
            "{shown} of {total} matches shown, those meeting next first; {count} more:"
            " --all shows every table",
            shown=len(matches),
            total=len(matches) + more,
            count=more,
        )
        console.print(Text(line, style="dim"))


def _table(match: str, own: list[dict[str, Any]], *, as_of: dt.date, zone: str) -> Table:
    """Return one match's (or the cohort's) sessions as a table that fits 80 columns."""
    from rich.table import Table

    # a match meets with the same people every time: they are named once, in the title
    people = own[0]["people"]
    who = (
        say("cohort meetings, everyone ({count})", count=len(people))
        if match == COHORT
        else say("match {match}: {people}", match=match, people=", ".join(people))
        if not own[0].get("project")
        else say(
            "match {match}, project {project}: {people}",
            match=match,
            project=own[0]["project"],
            people=", ".join(people),
        )
    )
    # The day stays ISO, as everywhere rmcli names a day in a table; the weekday is a word.
    # People in other zones: their first session's local start, so the organiser sees the hour.
    first = own[0]["local"]
    elsewhere = "".join(
        say(
            "; {person} at {time} in {zone}",
            person=person,
            time=f"{dt.datetime.fromisoformat(there['start']):%H:%M}",
            zone=there["zone"],
        )
        for person, there in first.items()
    )
    title = say(
        "{who}; times in {zone}, as of {day}", who=who, zone=zone + elsewhere, day=as_of.isoformat()
    )
    table = Table(title=title, title_justify="left")
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column(say("date"), no_wrap=True)
    table.add_column(say("time"), no_wrap=True)
    table.add_column(say("min"), justify="right")
    table.add_column(say("month: topic"))
    table.add_column(say("status"), no_wrap=True)
    language = user_language()
    for row in own:
        start = dt.datetime.fromisoformat(row["start"])
        topic = f"{row['month']}: {row['topic'] or '-'}"
        if row["kind"] == "match" and row["first"]:
            topic = say("{topic} (first)", topic=topic)
        elif row["kind"] == "match" and row["last"]:
            topic = say("{topic} (retrospective)", topic=topic)
        elif row.get("teacher") == "junior":
            topic = say("{topic} (junior teaches)", topic=topic)
        elif row.get("teacher") == "senior":
            topic = say("{topic} (senior teaches)", topic=topic)
        if row.get("milestone"):
            topic = f"{topic}; {row['project']}: {row['milestone']}"
        weekday = format_date(start.date(), language, form="EEE")
        table.add_row(
            f"{row['number']}/{row['of']}",
            f"{start.date().isoformat()} {weekday}",
            start.strftime("%H:%M"),
            str(row["minutes"]),
            topic,
            say(STATUS_WORD[row["status"]]),
            style=STATUS_STYLE[row["status"]],
        )
    return table
