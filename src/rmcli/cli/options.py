"""Options shared by every command: the program folder and the questions policy."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from rmcli.errors import InputError

ProgramOption = Annotated[
    Path | None,
    typer.Option(
        "--program",
        "-p",
        envvar="RMCLI_PROGRAM",
        help="Program folder (default: this folder, else the only one under ./programs/).",
        show_default=False,
    ),
]
YesOption = Annotated[bool, typer.Option("--yes", "-y", help="Never ask: take flags and defaults.")]


def program_dir(ctx: typer.Context, program: Path | None) -> Path:
    """Return the program folder named on the command, on `rmcli`, or found nearby."""
    from rmcli.folder import find_program

    root = ctx.find_root().params.get("program")  # typer may hand the root's value over as text
    chosen = program or root
    return find_program(Path(chosen) if chosen is not None else None)


def can_ask(yes: bool) -> bool:
    """Return whether questions may be asked: a terminal and no --yes."""
    return not yes and sys.stdin.isatty() and sys.stdout.isatty()


def need_answer(what: str) -> InputError:
    """Return the error for a value that only a question could have given."""
    return InputError(
        f"{what} is needed; give it as a flag, or run in a terminal to be asked",
        hint="use --yes to take defaults",
    )


def parse_day(value: str | None, *, flag: str = "--as-of") -> dt.date:
    """Return the date of a YYYY-MM-DD flag (today when not given), or raise naming the flag."""
    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{flag}: expected a date as YYYY-MM-DD") from None
