"""Options two or more commands share, each declared once, and the parsing of their values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from rmcli.cli.output import SHORT_LIST
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
AllOption = Annotated[
    bool,
    typer.Option(
        "--all",
        help=say(
            "Show every match: over {count}, only the {count} that need action (status)"
            " or meet next (schedule) are shown, and a line counts the rest.",
            count=SHORT_LIST,
        ),
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        envvar="RMCLI_AS_OF",
        metavar="YYYY-MM-DD",
        help=say("Take this day as today, e.g. to replay a past day (default: today)."),
        show_default=False,
    ),
]


def _folder_of(ctx: typer.Context) -> Path | None:
    """Return the program folder a command line being completed names, or None."""
    import os

    from rmcli.folder import find_program

    given = ctx.params.get("program") or ctx.find_root().params.get("program")
    given = given or os.environ.get("RMCLI_PROGRAM")
    try:
        return find_program(Path(given) if given else None)
    except InputError:
        return None


def _complete(ctx: typer.Context, incomplete: str, *, people: bool) -> list[str]:
    """Return the ids of the program's matches (or people) that start with what was typed."""
    from rmcli.errors import RmcliError
    from rmcli.folder import load

    folder = _folder_of(ctx)
    if folder is None:
        return []
    try:
        snapshot = load(folder)
        found = snapshot.roster.people if people else snapshot.matches.matches
    except RmcliError:
        return []  # a broken file is for `rmcli validate` to report, not the shell
    return sorted(item.id for item in found if item.id.startswith(incomplete))


def complete_match_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Complete a match id from the program folder (shell completion)."""
    return _complete(ctx, incomplete, people=False)


def complete_person_id(ctx: typer.Context, incomplete: str) -> list[str]:
    """Complete a person id from the program folder (shell completion)."""
    return _complete(ctx, incomplete, people=True)


MatchOption = Annotated[
    str | None,
    typer.Option(
        "--match",
        "-m",
        autocompletion=complete_match_id,
        metavar="ID",
        help=say("Id of the match (schedule and agenda: 'cohort' for the cohort meetings)."),
        show_default=False,
    ),
]
PersonOption = Annotated[
    str | None,
    typer.Option(
        "--person",
        metavar="ID",
        help=say("Id of the participant."),
        show_default=False,
        autocompletion=complete_person_id,
    ),
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
        raise InputError(f"{flag}: {not_a_date(value)}") from None
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


def not_a_date(value: str) -> str:
    """Return why a text is not a date: the wrong shape, or the month or day that does not exist."""
    import calendar
    import re

    from rmcli.words import say

    shape = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    year, month, day = (int(part) for part in shape.groups()) if shape else (0, 0, 0)
    if year < 1:
        return say("expected a date as YYYY-MM-DD")
    if not 1 <= month <= 12:
        return say("month {month} does not exist", month=month)
    days = calendar.monthrange(year, month)[1]
    return say(
        "day {day} does not exist: {year}-{month:02d} has {days} days",
        day=day,
        year=year,
        month=month,
        days=days,
    )


class SuggestingGroup(TyperGroup):
    """A group whose mistyped command names the closest commands ("did you mean 'status'?")."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """Return the command named first; a mistyped name fails with the closest names."""
        name = args[0] if args else ""
        known = self.list_commands(ctx)
        if name and not name.startswith("-") and name not in known:
            from rmcli.words import did_you_mean, say

            hint = did_you_mean(name, known)
            ctx.fail(say("no such command {name}; {hint}", name=repr(name), hint=hint))
        return super().resolve_command(ctx, args)
