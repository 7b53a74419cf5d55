"""`rmcli log`: record one session; this module also joins checkin and status to the app."""

from __future__ import annotations

from typing import Annotated

import typer

from rmcli.cli import log_complete as complete
from rmcli.cli import running_ask as ask
from rmcli.cli.options import ProgramOption, YesOption, can_ask, program_dir
from rmcli.cli.output import JsonOption, note


def log(
    ctx: typer.Context,
    program: ProgramOption = None,
    match: Annotated[
        str | None, typer.Option("--match", metavar="ID", help="Id of the match.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date", metavar="YYYY-MM-DD", help="Day of the session (default: its planned day)."
        ),
    ] = None,
    minutes: Annotated[
        int | None,
        typer.Option(
            "--minutes", metavar="N", help="How long it took (default: the plan's length)."
        ),
    ] = None,
    status: Annotated[
        str | None,
        typer.Option(
            "--status", metavar="STATUS", help="held, cancelled or moved (default: held)."
        ),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option("--topic", metavar="TEXT", help="Topic covered (default: the planned topic)."),
    ] = None,
    area: Annotated[
        str | None,
        typer.Option(
            "--area",
            metavar="AREA",
            help="technology, workplace or culture (default: from the plan).",
        ),
    ] = None,
    number: Annotated[
        int | None,
        typer.Option(
            "--number", metavar="N", help="Session number (default: the next one not logged)."
        ),
    ] = None,
    led_by: Annotated[
        str | None, typer.Option("--led-by", metavar="ID", help="Id of who led the hands-on part.")
    ] = None,
    senior_shared: Annotated[
        bool | None,
        typer.Option(
            "--senior-shared/--no-senior-shared",
            help="Whether the senior also shared context (a dialogue, not a lecture).",
            show_default=False,
        ),
    ] = None,
    text: Annotated[
        str | None,
        typer.Option("--note", metavar="TEXT", help="Private note; shown only by `log --show`."),
    ] = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="Replace the session if it is logged already.")
    ] = False,
    show: Annotated[
        bool, typer.Option("--show", help="Show the log of one --match, notes included.")
    ] = False,
    json: JsonOption = False,
    yes: YesOption = False,
) -> None:
    """Record one session of a match in sessions.toml (or --show a match's log)."""
    from rmcli.folder import SESSIONS_FILE, load, write_owned
    from rmcli.io.lock import program_lock
    from rmcli.running.log import (
        AlreadyLogged,
        build_record,
        next_number,
        planned_of,
        put_record,
    )

    folder = program_dir(ctx, program)
    if show:
        from rmcli.cli.running_show import show_log

        show_log(folder, match=match, json=json)
        return
    asking = can_ask(yes)
    snapshot = load(folder)
    settings = snapshot.program
    matches = snapshot.matches
    match = match or complete.ask_match(matches, asking=asking)
    plan = planned_of(program=settings, matches=matches, match_id=match)
    logged = snapshot.sessions
    number = number or next_number(plan=plan, sessions=logged, match_id=match)
    if logged.find(match, number) is not None and not replace:
        if not asking:
            raise AlreadyLogged(
                f"session {number} of match {match!r} is logged already",
                hint="add --replace to overwrite it, or give another --number",
            )
        if not ask.ask_yes(f"Session {number} of {match} is logged already. Replace it?"):
            note("nothing changed")
            return
        replace = True
    status = status or (
        ask.ask_choice("What happened?", choices=["held", "cancelled", "moved"])
        if asking
        else "held"
    )
    held = status == "held"
    record = build_record(
        program=settings,
        matches=matches,
        plan=plan,
        match=match,
        number=number,
        date=complete.date_of(date, plan=plan, number=number, asking=asking),
        minutes=complete.minutes_of(minutes, program=settings, held=held, asking=asking),
        status=status,
        **complete.topic_of(topic, area, program=settings, plan=plan, number=number, asking=asking),
        led_by=complete.led_by_of(led_by, matches=matches, match=match, asking=asking and held),
        senior_shared=complete.shared_of(senior_shared, asking=asking and held),
        note=text if text is not None else (complete.ask_note() if asking else ""),
    )
    # Questions are over: hold the lock only for the read-modify-write itself.
    with program_lock(folder):
        updated = put_record(sessions=load(folder).sessions, record=record, replace=replace)
        write_owned(folder, SESSIONS_FILE, updated)
    note(f"logged session {number} of {match}: {status}, {record.minutes} min on {record.date}")


def register(app: typer.Typer) -> None:
    """Add `log` to the app."""
    app.command()(log)
