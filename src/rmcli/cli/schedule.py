"""`rmcli schedule`: every session in the calendar; `rmcli agenda` joins the app from here too."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rmcli.cli.options import ProgramOption, parse_day, program_dir
from rmcli.cli.output import JsonOption, note, print_json, warn
from rmcli.errors import ActionNeeded, InputError

if TYPE_CHECKING:
    from rmcli.models import MatchesFile, Program, Roster, SessionsFile
    from rmcli.schedule.plan import PlannedSession

MatchOption = Annotated[
    str | None,
    typer.Option(
        "--match", "-m", help="Only this match (its id, or 'cohort').", show_default=False
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Mark sessions before this day as passed (default: today).",
        show_default=False,
    ),
]


class Plan:
    """Everything both commands read from a program folder, loaded once."""

    def __init__(self, folder: Path) -> None:
        from rmcli.folder import load
        from rmcli.schedule.plan import plan_sessions

        self.folder = folder
        snapshot = load(folder)
        self.program: Program = snapshot.program
        self.roster: Roster = snapshot.roster
        self.matches: MatchesFile = snapshot.matches
        self.log: SessionsFile = snapshot.sessions
        if not self.matches.matches:
            raise ActionNeeded(
                f"{folder}: no matches yet, so there are no sessions to plan",
                hint="run `rmcli match` first",
            )
        self.sessions: list[PlannedSession] = plan_sessions(
            program=self.program, matches=self.matches
        )

    def only(self, match: str | None) -> list[PlannedSession]:
        """Return the sessions of one match (all when `match` is None); unknown ids are errors."""
        if match is None:
            return self.sessions
        chosen = [s for s in self.sessions if s.match == match]
        if not chosen:
            known = ", ".join(sorted({s.match for s in self.sessions}))
            raise InputError(f"--match {match}: no such match in matches.toml (known: {known})")
        return chosen


def schedule(
    ctx: typer.Context,
    program: ProgramOption = None,
    match: MatchOption = None,
    as_of: AsOfOption = None,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", metavar="FILE", help="Write all sessions as one iCalendar file."),
    ] = None,
    ics_dir: Annotated[
        Path | None,
        typer.Option(
            "--ics-dir", metavar="DIR", help="Write one iCalendar file per person into DIR."
        ),
    ] = None,
    json: JsonOption = False,
) -> None:
    """Show every session of every match and the cohort meetings; write calendars."""
    from rmcli.cli.views.schedule import print_tables, rows

    day = parse_day(as_of)
    plan = Plan(program_dir(ctx, program))
    sessions = plan.only(match)
    if ics is not None or ics_dir is not None:
        write_calendars(plan=plan, sessions=sessions, ics=ics, ics_dir=ics_dir, as_of=day)
    data = rows(program=plan.program, sessions=sessions, log=plan.log, as_of=day)
    if json:
        print_json({"program": plan.program.name, "as_of": day.isoformat(), "sessions": data})
    else:
        print_tables(data, as_of=day, zone=plan.program.calendar.timezone)


def write_calendars(
    *,
    plan: Plan,
    sessions: list[PlannedSession],
    ics: Path | None,
    ics_dir: Path | None,
    as_of: dt.date,
) -> None:
    """Write the --ics file and the --ics-dir files; descriptions are the agenda outlines."""
    from rmcli.io.atomic import make_private_dir, write_text
    from rmcli.schedule.agenda import agenda_environment, render_outline
    from rmcli.schedule.calendar import build_calendar, without_email

    env = agenda_environment(program=plan.program, program_folder=plan.folder)
    outlines = {
        (s.match, s.number): render_outline(
            env=env, program=plan.program, roster=plan.roster, matches=plan.matches, session=s
        )
        for s in sessions
    }
    # DTSTAMP from --as-of, not the clock, so the same files give the same calendar.
    stamp = dt.datetime.combine(as_of, dt.time(0, 0), tzinfo=dt.UTC)

    def calendar(chosen: list[PlannedSession]) -> str:
        data = build_calendar(
            program=plan.program,
            roster=plan.roster,
            sessions=chosen,
            describe=lambda s: outlines[(s.match, s.number)],
            stamp=stamp,
        )
        return data.decode("utf-8")

    missing = without_email(roster=plan.roster, sessions=sessions)
    if missing:
        warn(f"no email in roster.toml for {', '.join(missing)}: left out of the invitations")
    if ics is not None:
        write_text(ics, calendar(sessions))  # private: it holds names and emails
        note(f"wrote {ics} ({len(sessions)} events)")
    if ics_dir is not None:
        make_private_dir(ics_dir)
        people = list(dict.fromkeys(p for s in sessions for p in s.people))
        for person in people:
            own = [s for s in sessions if person in s.people]
            write_text(ics_dir / f"{person}.ics", calendar(own))
        note(f"wrote {len(people)} calendars to {ics_dir}")


def register(app: typer.Typer) -> None:
    """Add `schedule` to the app."""
    app.command()(schedule)
