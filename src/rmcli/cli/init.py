"""`rmcli init`: create a program folder from a starter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer

from rmcli.cli.options import YesOption, can_ask, parse_day
from rmcli.cli.output import note


def init(
    folder: Annotated[
        Path, typer.Argument(help="Folder of the new program (created if missing).")
    ] = Path(),
    starter: Annotated[
        str | None, typer.Option(help="Starter: tech-six-months, group, peer or project.")
    ] = None,
    name: Annotated[str | None, typer.Option(help="Name of the program.")] = None,
    format: Annotated[
        str | None, typer.Option("--format", help="one-to-one, group, peer or project.")
    ] = None,
    start: Annotated[
        str | None,
        typer.Option(help="First day, YYYY-MM-DD (default: first Monday of next month)."),
    ] = None,
    months: Annotated[int | None, typer.Option(help="How many months the program runs.")] = None,
    session_minutes: Annotated[
        int | None, typer.Option(help="Length of a session in minutes (at least 30).")
    ] = None,
    language: Annotated[
        str | None, typer.Option(help="Language of agendas and reports: en or de.")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing program.toml (the roster is kept).")
    ] = False,
    yes: YesOption = False,
) -> None:
    """Create a program folder from a starter; ask for what no flag gave."""
    from rmcli.cli.init_ask import ask_missing
    from rmcli.starters import STARTER_OF_FORMAT, Settings, create_program, default_start

    given: dict[str, Any] = {
        "starter": starter or (STARTER_OF_FORMAT.get(format) if format else None),
        "name": name,
        "format": format,
        "start": parse_day(start, flag="--start") if start is not None else None,
        "months": months,
        "session_minutes": session_minutes,
        "language": language,
    }
    if can_ask(yes):
        given = ask_missing(given, default_start=default_start(dt.date.today()))
    settings = Settings(
        starter=given["starter"] or "tech-six-months",
        name=given["name"],
        format=given["format"],
        start=given["start"] or default_start(dt.date.today()),
        months=given["months"],
        session_minutes=given["session_minutes"],
        language=given["language"] or "en",
    )
    from rmcli.words import languages, one_of

    if settings.language not in languages():
        from rmcli.errors import InputError

        raise InputError(f"--language: expected {one_of(languages())}")
    written = create_program(target=folder, settings=settings, force=force)
    for path in written:
        note(f"wrote {path}")
    note(
        f"next: add people with `rmcli -p {folder} roster add` or `roster import`, then `rmcli -p {folder} validate`"
    )


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command()(init)
