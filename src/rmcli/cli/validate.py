"""`rmcli validate`: check every file of a program and report all problems at once."""

from __future__ import annotations

import typer

from rmcli.cli.options import JsonOption, ProgramOption, program_dir
from rmcli.cli.output import folder_name, print_json, report
from rmcli.errors import EXIT_INPUT
from rmcli.words import N_, say, say_n

# The same prefixes as the CLI's own errors and warnings.
SEVERITY = {"error": N_("error: {message}"), "warning": N_("warning: {message}")}


def validate(ctx: typer.Context, program: ProgramOption = None, json: JsonOption = False) -> None:
    """Check every file of the program; exit 2 if any has an error."""
    from rmcli.validate import check_program, has_errors

    folder = program_dir(ctx, program)
    problems = check_program(folder)
    if json:
        print_json(
            {
                "program": str(folder),
                "ok": not has_errors(problems),
                "problems": [
                    {
                        "file": p.file,
                        "line": p.line,
                        "key": p.key,
                        "message": p.message,
                        "severity": p.severity,
                    }
                    for p in problems
                ],
            }
        )
    else:
        # One write for all lines: a thousand warnings printed one by one took 0.2 s.
        lines = [
            (
                say(SEVERITY[p.severity], message=p.render()),
                "red" if p.severity == "error" else "yellow",
            )
            for p in problems
        ]
        errors = sum(p.severity == "error" for p in problems)
        warnings = len(problems) - errors
        verdict = (
            N_("{folder}: has errors ({errors}, {warnings})")
            if errors
            else N_("{folder}: is valid ({errors}, {warnings})")
        )
        counted = {
            "errors": say_n("{n} error", "{n} errors", errors),
            "warnings": say_n("{n} warning", "{n} warnings", warnings),
        }
        shown = folder_name(folder)  # never a bare "."
        lines.append((say(verdict, folder=shown, **counted), ""))
        report(lines)
    if has_errors(problems):
        raise typer.Exit(EXIT_INPUT)


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
    app.command(help=say("Check every file of the program; exit 2 if any has an error."))(validate)
