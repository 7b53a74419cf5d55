"""`rmcli init`: create a program folder from a starter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from rmcli.cli import ask
from rmcli.cli.options import JsonOption, YesOption, parse_day
from rmcli.cli.output import note
from rmcli.words import say


def init(
    folder: Annotated[
        Path, typer.Argument(help=say("Folder of the new program (created if missing)."))
    ] = Path(),
    starter: Annotated[
        str | None, typer.Option(help=say("Starter: tech-six-months, group, peer or project."))
    ] = None,
    name: Annotated[str | None, typer.Option(help=say("Name of the program."))] = None,
    format: Annotated[
        str | None, typer.Option("--format", help=say("one-to-one, group, peer or project."))
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(help=say("First day, YYYY-MM-DD (default: first Monday of next month).")),
    ] = None,
    months: Annotated[
        int | None, typer.Option(help=say("How many months the program runs."))
    ] = None,
    session_minutes: Annotated[
        int | None, typer.Option(help=say("Length of a session in minutes (at least 30)."))
    ] = None,
    language: Annotated[
        str | None, typer.Option(help=say("Language of agendas and reports: en or de."))
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=say(
                "Replace program.toml of a program with no matches or sessions yet "
                "(the roster is kept)."
            ),
        ),
    ] = False,
    yes: YesOption = False,
    json: JsonOption = False,
) -> None:
    """Create a program folder from a starter; ask for what no flag gave."""
    from rmcli.starters import (
        STARTER_OF_FORMAT,
        Settings,
        changes_of,
        create_program,
        default_start,
        list_starters,
        starter_format,
    )
    from rmcli.words import languages, one_of, say

    asking = ask.can_ask(yes)
    first_day = default_start(dt.date.today())
    if starter and format and starter in list_starters() and starter_format(starter) != format:
        from rmcli.errors import InputError

        raise InputError(
            say(
                "--starter {starter} is a {own} program; --format {format} contradicts it",
                starter=starter,
                own=starter_format(starter),
                format=format,
            ),
            hint=say("give only one of --starter and --format"),
        )
    # One question: the starter sets the format (a separate format question could contradict it).
    chosen = ask.answer(
        starter or (STARTER_OF_FORMAT.get(format) if format else None),
        flag="--starter",
        asking=asking,
        question=lambda: ask.choice(
            say("Starter (it sets the format):"),
            choices=list_starters(),
            default="tech-six-months",
        ),
        default="tech-six-months",
    )
    name = ask.answer(name, flag="--name", asking=asking, question=_ask_name, default=None)
    day = ask.answer(
        parse_day(start, flag="--start") if start is not None else None,
        flag="--start",
        asking=asking,
        question=lambda: ask.day(say("First day (YYYY-MM-DD):"), flag="--start", default=first_day),
        default=first_day,
    )
    months = ask.answer(
        months,
        flag="--months",
        asking=asking,
        question=lambda: int(ask.text(say("Months:"), default="6", validate=_is_count)),
        default=None,
    )
    session_minutes = ask.answer(
        session_minutes,
        flag="--session-minutes",
        asking=asking,
        question=lambda: int(
            ask.text(say("Minutes per session (at least 30):"), default="60", validate=_is_minutes)
        ),
        default=None,
    )
    language = ask.answer(
        language,
        flag="--language",
        asking=asking,
        question=lambda: ask.choice(
            say("Language of agendas and reports:"), choices=list(languages())
        ),
        default="en",
    )
    if language not in languages():
        from rmcli.errors import InputError

        raise InputError(say("--language: expected {choices}", choices=one_of(languages())))
    settings = Settings(
        starter=chosen,
        name=name,
        format=format,
        start=day,
        months=months,
        session_minutes=session_minutes,
        language=language,
    )
    program_file = folder / "program.toml"
    before = program_file.read_text(encoding="utf-8") if program_file.is_file() else None
    written = create_program(target=folder, settings=settings, force=force)
    for path in written:
        note(say("wrote {path}", path=path))
    changed = [] if before is None else changes_of(before, program_file.read_text("utf-8"))
    if json:
        from rmcli.cli.output import print_json

        print_json(
            {
                "written": [str(p) for p in written],
                "changed": {key: [old, new] for key, old, new in changed},
            }
        )
    if before is not None:
        if changed:
            note(say("changed in program.toml:"))
        for key, old, new in changed:
            note(say("  {key}: {old} -> {new}", key=key, old=old, new=new))
    note(
        say(
            "next: add people with `rmcli -p {folder} roster add` or `roster import`,"
            " then `rmcli -p {folder} validate`",
            folder=folder,
        )
    )


def _ask_name() -> str | None:
    return ask.text(say("Program name:")) or None


def _is_count(text: str) -> bool | str:
    return (text.isdigit() and 1 <= int(text) <= 36) or say("expected a whole number from 1 to 36")


def _is_minutes(text: str) -> bool | str:
    return (text.isdigit() and 30 <= int(text) <= 480) or say("expected 30 to 480 minutes")


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command(help=say("Create a program folder from a starter; ask for what no flag gave."))(
        init
    )
