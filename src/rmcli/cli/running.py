"""`rmcli log`: record one session; this module also joins checkin and status to the app."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from rmcli.cli import running_ask as ask
from rmcli.cli.options import ProgramOption, YesOption, can_ask, need_answer, program_dir
from rmcli.cli.output import JsonOption, note, print_json
from rmcli.errors import InputError

if TYPE_CHECKING:
    from rmcli.models import MatchesFile, Program, SessionsFile
    from rmcli.schedule import PlannedSession

NOT_RECORDED = "(not recorded)"


def parse_day(value: str, *, flag: str) -> dt.date:
    """Return the date of a YYYY-MM-DD flag value, or raise InputError naming the flag."""
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{flag}: expected a date as YYYY-MM-DD") from None


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
    from rmcli import store
    from rmcli.lock import program_lock
    from rmcli.sessionlog import (
        AlreadyLogged,
        build_record,
        next_number,
        planned_of,
        put_record,
    )

    folder = program_dir(ctx, program)
    if show:
        show_log(folder, match=match, json=json)
        return
    asking = can_ask(yes)
    settings = store.load_program(folder)
    matches = store.load_matches(folder)
    match = match or _ask_match(matches, asking=asking)
    plan = planned_of(program=settings, matches=matches, match_id=match)
    logged = store.load_sessions(folder)
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
        date=_date(date, plan=plan, number=number, asking=asking),
        minutes=_minutes(minutes, program=settings, held=held, asking=asking),
        status=status,
        **_topic(topic, area, program=settings, plan=plan, number=number, asking=asking),
        led_by=_led_by(led_by, matches=matches, match=match, asking=asking and held),
        senior_shared=_shared(senior_shared, asking=asking and held),
        note=text if text is not None else (_ask_note() if asking else ""),
    )
    # Questions are over: hold the lock only for the read-modify-write itself.
    with program_lock(folder):
        updated = put_record(sessions=store.load_sessions(folder), record=record, replace=replace)
        store.write_owned(folder, store.SESSIONS_FILE, updated)
    note(f"logged session {number} of {match}: {status}, {record.minutes} min on {record.date}")


def _ask_note() -> str:
    return ask.ask_text("Private note (optional):")


def _ask_match(matches: MatchesFile, *, asking: bool) -> str:
    ids = [m.id for m in matches.matches]
    if not ids:
        raise InputError("there are no matches yet", hint="create them with `rmcli match`")
    if not asking:
        raise need_answer("--match")
    return ask.ask_choice("Which match?", choices=ids)


def _date(value: str | None, *, plan: list[PlannedSession], number: int, asking: bool) -> dt.date:
    planned = next((p.date for p in plan if p.number == number), None)
    if value is None and asking:
        value = ask.ask_text("Date (YYYY-MM-DD):", default=planned.isoformat() if planned else "")
    if value is None:
        if planned is None:
            raise need_answer("--date")
        return planned
    return parse_day(value, flag="--date")


def _minutes(value: int | None, *, program: Program, held: bool, asking: bool) -> int:
    if value is not None:
        return value
    default = program.session_minutes if held else 0
    if not (asking and held):
        return default
    answer = ask.ask_text("Minutes:", default=str(default))
    try:
        return int(answer)
    except ValueError:
        raise InputError("--minutes: expected a whole number") from None


def _topic(
    topic: str | None,
    area: str | None,
    *,
    program: Program,
    plan: list[PlannedSession],
    number: int,
    asking: bool,
) -> dict[str, str]:
    from rmcli.sessionlog import AREAS, area_of, default_topic

    planned, planned_area = default_topic(plan=plan, number=number)
    if topic is None:
        topic = ask.ask_text("Topic covered:", default=planned) if asking else planned
    if area is None:
        area = planned_area if topic == planned else area_of(program=program, topic=topic)
        if not area and asking:
            area = ask.ask_choice("Topic area:", choices=[*AREAS, NOT_RECORDED])
    return {"topic": topic, "area": "" if area == NOT_RECORDED else area}


def _led_by(value: str | None, *, matches: MatchesFile, match: str, asking: bool) -> str:
    if value is not None or not asking:
        return value or ""
    people = matches.by_id()[match].people
    answer = ask.ask_choice("Who led the hands-on part?", choices=[*people, NOT_RECORDED])
    return "" if answer == NOT_RECORDED else answer


def _shared(value: bool | None, *, asking: bool) -> bool | None:
    if value is not None or not asking:
        return value
    return ask.ask_yes("Did the senior also share context and experience?", default=True)


def show_log(folder: Path, *, match: str | None, json: bool) -> None:
    """Print the log of one match, notes included (the only place notes are shown)."""
    from rich.table import Table
    from rich.text import Text

    from rmcli import store
    from rmcli.cli.output import out

    if not match:
        raise InputError("--show needs --match ID: notes are shown one match at a time")
    sessions: SessionsFile = store.load_sessions(folder)
    if match not in store.load_matches(folder).by_id():
        raise InputError(f"--match: unknown match id {match!r}")
    records = sessions.of_match(match)
    if json:
        print_json([r.model_dump(mode="json") for r in records])
        return
    table = Table(title=f"Sessions of {match} (confidential notes)")
    for column in ("#", "date", "status", "min", "topic", "led by", "shared", "note"):
        table.add_column(column, overflow="fold")
    for r in records:
        shared = "" if r.senior_shared is None else ("yes" if r.senior_shared else "no")
        cells = (str(r.number), r.date.isoformat(), r.status, str(r.minutes), r.topic, r.led_by)
        table.add_row(*(Text(c) for c in (*cells, shared, r.note)))
    out().print(table)


def register(app: typer.Typer) -> None:
    """Add log, checkin and status to the app."""
    from rmcli.cli import running_checkin, running_status

    app.command()(log)
    running_checkin.register(app)
    running_status.register(app)
