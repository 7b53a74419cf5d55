"""Options two or more commands share, each declared once, and the parsing of their values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from rmcli.dates import FIRST_DAY, LAST_DAY
from rmcli.errors import InputError
from rmcli.words import say

ProgramOption = Annotated[
    Path | None,
    typer.Option(
        "--program",
        "-p",
        envvar="RMCLI_PROGRAM",
        help=say("Program folder (default: this folder, else the only one under ./programs/)."),
        show_default=False,
    ),
]
YesOption = Annotated[
    bool, typer.Option("--yes", "-y", help=say("Never ask: take flags and defaults."))
]
JsonOption = Annotated[
    bool, typer.Option("--json", help=say("Print the data as JSON on stdout instead of tables."))
]
HtmlOption = Annotated[
    bool,
    typer.Option(
        "--html",
        help=say(
            "Also write the page as one HTML file in reports/ (to mail, print or open offline)."
        ),
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help=say("Take this day as today, e.g. to replay a past day (default: today)."),
        show_default=False,
    ),
]
MatchOption = Annotated[
    str | None,
    typer.Option(
        "--match",
        "-m",
        metavar="ID",
        help=say("Id of the match (schedule and agenda: 'cohort' for the cohort meetings)."),
        show_default=False,
    ),
]
PersonOption = Annotated[
    str | None,
    typer.Option("--person", metavar="ID", help=say("Id of the participant."), show_default=False),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        metavar="YYYY-MM-DD",
        help=say("Day it took place (default: a session's planned day; a check-in's: today)."),
        show_default=False,
    ),
]
DryRunOption = Annotated[
    bool, typer.Option("--dry-run", help=say("Show what would change; change nothing."))
]
ReplaceOption = Annotated[
    bool,
    typer.Option(
        "--replace",
        help=say(
            "Replace what is recorded already: the same session, or answers to the same survey."
        ),
    ),
]


def program_dir(ctx: typer.Context, program: Path | None) -> Path:
    """Return the program folder named on the command, on `rmcli`, or found nearby."""
    from rmcli.folder import find_program

    root = ctx.find_root().params.get("program")  # typer may hand the root's value over as text
    chosen = program or root
    return find_program(Path(chosen) if chosen is not None else None)


def parse_day(value: str | None, *, flag: str = "--as-of") -> dt.date:
    """Return the date of a YYYY-MM-DD flag (today when not given), or raise naming the flag."""
    if value is None:
        return dt.date.today()
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(say("{flag}: expected a date as YYYY-MM-DD", flag=flag)) from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise InputError(
            say(
                "{flag}: expected a date from {first} to {last}",
                flag=flag,
                first=FIRST_DAY.isoformat(),
                last=LAST_DAY.isoformat(),
            )
        )
    return day
