"""`rmcli schedule`: every session in the calendar, and the calendar files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rmcli.cli.options import (
    AllOption,
    AsOfOption,
    JsonOption,
    MatchOption,
    ProgramOption,
    parse_day,
    program_dir,
)
from rmcli.cli.output import note, print_json, warn
from rmcli.words import say

if TYPE_CHECKING:
    from rmcli.cli.views.schedule import Plan
    from rmcli.schedule.plan import PlannedSession


def schedule(
    ctx: typer.Context,
    program: ProgramOption = None,
    match: MatchOption = None,
    as_of: AsOfOption = None,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics", metavar="FILE", help=say("Write all sessions as one iCalendar file.")
        ),
    ] = None,
    ics_dir: Annotated[
        Path | None,
        typer.Option(
            "--ics-dir", metavar="DIR", help=say("Write one iCalendar file per person into DIR.")
        ),
    ] = None,
    json: JsonOption = False,
    all_: AllOption = False,
) -> None:
    """Show every session of every match and the cohort meetings; write calendars."""
    from rmcli.cli.views.schedule import Plan, print_tables, rows, shown

    day = parse_day(as_of)
    from rmcli.schedule.plan import COHORT, CannotPlace

    plan = Plan(program_dir(ctx, program))
    if plan.unplaced:
        raise CannotPlace(plan.unplaced)  # before writing: never a calendar with an overlap
    sessions = plan.only(match)
    if ics is not None or ics_dir is not None:
        write_calendars(plan=plan, sessions=sessions, ics=ics, ics_dir=ics_dir, as_of=day)
    matches: list[str] = []
    more = 0
    if not json:
        matches, more = shown(sessions, log=plan.log, as_of=day, every=all_)
        if more:
            keep = {*matches, COHORT}
            sessions = [s for s in sessions if s.match in keep]
    data = rows(
        program=plan.program, sessions=sessions, log=plan.log, as_of=day, roster=plan.roster
    )
    if json:
        print_json({"program": plan.program.name, "as_of": day.isoformat(), "sessions": data})
    else:
        zone = plan.program.calendar.timezone
        print_tables(data, matches=matches, more=more, as_of=day, zone=zone)


def write_calendars(
    *,
    plan: Plan,
    sessions: list[PlannedSession],
    ics: Path | None,
    ics_dir: Path | None,
    as_of: dt.date,
) -> None:
    """Write the --ics file and the --ics-dir files; descriptions are the agenda outlines."""
    from rmcli.cli.views.progress import shown
    from rmcli.io.atomic import WRITTEN_AT_ONCE, make_private_dir, write_text, write_texts
    from rmcli.progress import due
    from rmcli.schedule.calendar import (
        build_calendar,
        describe_sessions,
        is_request,
        person_calendar,
        without_email,
    )

    with shown() as progress:
        descriptions = describe_sessions(
            program=plan.program,
            roster=plan.roster,
            matches=plan.matches,
            sessions=sessions,
            folder=plan.folder,
            progress=progress,
        )
    # DTSTAMP from --as-of, not the clock, so the same files give the same calendar.
    stamp = dt.datetime.combine(as_of, dt.time(0, 0), tzinfo=dt.UTC)
    if not is_request(plan.program):
        warn(
            say(
                "no [organiser] email in program.toml: the calendar is published without "
                "attendees, not sent as invitations"
            )
        )
    else:
        missing = without_email(roster=plan.roster, sessions=sessions)
        if missing:
            warn(
                say(
                    "no email in roster.toml for {people}: left out of the invitations",
                    people=", ".join(missing),
                )
            )
    if ics is not None:
        text = build_calendar(
            program=plan.program,
            roster=plan.roster,
            sessions=sessions,
            descriptions=descriptions,
            stamp=stamp,
        )
        write_text(ics, text)  # private: it holds names and emails
        note(say("wrote {path} ({count} events)", path=ics, count=len(sessions)))
    if ics_dir is not None:
        make_private_dir(ics_dir)
        people = list(dict.fromkeys(p for s in sessions for p in s.people))
        phase = say("calendars")
        with shown() as progress:
            files: list[tuple[Path, str]] = []
            for done, person in enumerate(people, start=1):
                text = person_calendar(
                    program=plan.program,
                    roster=plan.roster,
                    matches=plan.matches,
                    sessions=sessions,
                    person=person,
                    folder=plan.folder,
                    stamp=stamp,
                    descriptions=descriptions,
                )
                files.append((ics_dir / f"{person}.ics", text))
                if len(files) == WRITTEN_AT_ONCE or done == len(people):
                    write_texts(files)
                    files = []
                if due(done, len(people)):
                    progress(phase, done, len(people))
        note(say("wrote {count} calendars to {folder}", count=len(people), folder=ics_dir))


def register(app: typer.Typer) -> None:
    """Add `schedule` to the app."""
    app.command(
        help=say("Show every session of every match and the cohort meetings; write calendars.")
    )(schedule)
