"""The `rmcli` command: a thin Typer layer over the core."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from rmcli import __version__
from rmcli.cli import feedback, forget, init, match, roster, running, schedule, validate
from rmcli.cli.options import ProgramOption
from rmcli.errors import EXIT_INTERRUPTED, RmcliError


class RmcliGroup(TyperGroup):
    """The one place where core errors become messages and exit codes."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except RmcliError as exc:
            report(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            from rmcli.cli.output import err

            err().print(
                "interrupted: nothing was changed by the step that was running", markup=False
            )
            raise typer.Exit(EXIT_INTERRUPTED) from None


def report(exc: RmcliError) -> None:
    """Print an error's lines and hint on stderr."""
    from rmcli.cli.output import err

    console = err()
    for line in exc.lines():
        console.print(f"error: {line}", markup=False, style="red")
    if exc.hint:
        console.print(f"hint: {exc.hint}", markup=False)


app = typer.Typer(
    name="rmcli",
    cls=RmcliGroup,
    help="Run a reverse-mentoring program from a folder of plain TOML files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"rmcli {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    program: ProgramOption = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Run a reverse-mentoring program: juniors teach seniors, organised from TOML files."""


# Each command group lives in its own module and joins the app here.
for group in (init, validate, roster, match, schedule, running, feedback, forget):
    group.register(app)


def main() -> None:
    """Run the command line."""
    import signal
    import sys

    # SIGTERM unwinds like Ctrl-C, so a write in progress removes its temporary file.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    app(prog_name="rmcli")
