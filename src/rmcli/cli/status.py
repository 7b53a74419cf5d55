"""`rmcli status`: a dashboard of the running program with flags, hints and successes."""

from __future__ import annotations

import typer

from rmcli.cli.options import AsOfOption, JsonOption, ProgramOption, parse_day, program_dir
from rmcli.cli.output import print_json
from rmcli.errors import EXIT_ACTION


def status(
    ctx: typer.Context,
    program: ProgramOption = None,
    as_of: AsOfOption = None,
    json: JsonOption = False,
) -> None:
    """Show sessions, flags and successes per match; exit 1 if a flag needs action."""
    from rmcli.cli.output import note
    from rmcli.folder import load_matches, load_program, load_roster, load_sessions
    from rmcli.running.checkin import load_checkins
    from rmcli.status import compute_status

    folder = program_dir(ctx, program)
    day = parse_day(as_of)
    plan = load_program(folder)
    result = compute_status(
        program=plan,
        roster=load_roster(folder),
        matches=load_matches(folder),
        sessions=load_sessions(folder),
        checkins=load_checkins(folder),
        as_of=day,
    )
    if json:
        print_json(result.to_json())
    else:
        from rmcli.cli.views.status import render

        render(result, language=plan.language)
    if result.action_needed:
        count = sum(any(f.action for f in m.flags) for m in result.matches)
        note(f"{count} match(es) raise a flag that needs action")
        raise typer.Exit(EXIT_ACTION)


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command()(status)
