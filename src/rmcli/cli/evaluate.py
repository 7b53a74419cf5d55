"""`rmcli evaluate`: tables in the terminal, reports/evaluation.md, or --json."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from rmcli.cli.options import AsOfOption, JsonOption, ProgramOption, parse_day, program_dir
from rmcli.cli.output import note, print_json
from rmcli.words import say


def evaluate(
    ctx: typer.Context,
    program: ProgramOption = None,
    compare: Annotated[
        Path | None,
        typer.Option("--compare", help=say("Another program folder to put beside this one.")),
    ] = None,
    as_of: AsOfOption = None,
    json: JsonOption = False,
) -> None:
    """Summarise feedback and sessions for leadership; small groups are never shown."""
    from rmcli.cli.views.evaluate import show
    from rmcli.evaluation.build import evaluate as evaluation
    from rmcli.evaluation.markdown import render_report
    from rmcli.folder import EVALUATION_REPORT, REPORTS_DIR, find_program, load
    from rmcli.io.atomic import make_private_dir, write_text
    from rmcli.io.lock import program_lock

    folder = program_dir(ctx, program)
    day = parse_day(as_of)
    other = None
    if compare is not None:
        other = evaluation(load(find_program(compare)), as_of=day)
    with program_lock(folder):
        result = evaluation(load(folder), as_of=day)
        text = render_report(result, folder=folder, other=other)
        reports = folder / REPORTS_DIR
        make_private_dir(reports)
        write_text(reports / EVALUATION_REPORT, text, private=True)
    if json:
        data = result.to_json()
        if other is not None:
            data["compare"] = other.to_json()
        print_json(data)
    else:
        show(result, other=other)
    note(say("wrote {path}", path=reports / EVALUATION_REPORT))


def register(app: typer.Typer) -> None:
    """Add `evaluate` to the app."""
    app.command(
        "evaluate",
        help=say("Summarise feedback and sessions for leadership; small groups are never shown."),
    )(evaluate)
