"""The `rmcli` command: a thin Typer layer over the core."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from rmcli import __version__
from rmcli.cli import commands
from rmcli.cli.options import ProgramOption, SuggestingGroup
from rmcli.errors import EXIT_INTERRUPTED, InputError, RmcliError
from rmcli.words import say


class RmcliGroup(SuggestingGroup):
    """The root: commands loaded when run, and the one place errors become exit codes."""

    def list_commands(self, ctx: Any) -> list[str]:
        """Return the command names in the table's order."""
        return [entry.name for entry in commands.COMMANDS]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        """Return a command, importing its module only now."""
        return commands.load(cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """List the commands from the table's summaries, importing none of them."""
        rows = [(entry.name, say(entry.summary)) for entry in commands.COMMANDS]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: Any) -> Any:
        try:
            _refuse_control_characters([*getattr(ctx, "_protected_args", []), *ctx.args])
            return super().invoke(ctx)
        except RmcliError as exc:
            report(exc)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            from rmcli.cli.output import err

            err().print(
                say("interrupted: nothing was changed by the step that was running"), markup=False
            )
            raise typer.Exit(EXIT_INTERRUPTED) from None


def _refuse_control_characters(args: list[str]) -> None:
    """Refuse an argument with an escape, bell or other control byte: no file may hold one."""
    from rmcli.escape import has_control

    for number, arg in enumerate(args, start=1):
        if has_control(arg):
            raise InputError(
                say(
                    "argument {number}: contains a control character (an escape, bell or similar byte); remove it",
                    number=number,
                )
            )


def report(exc: RmcliError) -> None:
    """Print an error's lines and hint on stderr."""
    from rmcli.cli.output import err

    console = err()
    for line in exc.lines():
        console.print(say("error: {message}", message=line), markup=False, style="red")
    if exc.hint:
        console.print(say("hint: {hint}", hint=exc.hint), markup=False)


app = typer.Typer(
    name="rmcli",
    cls=RmcliGroup,
    help=say("Run a reverse-mentoring program from a folder of plain TOML files."),
    no_args_is_help=True,
    add_completion=True,
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
            "--version", callback=_version, is_eager=True, help=say("Show the version and exit.")
        ),
    ] = False,
) -> None:
    """Run a reverse-mentoring program: juniors teach seniors, organised from TOML files."""


def main() -> None:
    """Run the command line."""
    import contextlib
    import gc
    import os
    import signal
    import sys

    from rmcli.io import aside, heap

    # A command holds a program's data to its end (a year of sessions is millions of small
    # objects) and makes few reference cycles: at the default threshold (700) the cycle
    # collector ran ~600 times in `status` at 2,000 people, 0.27 s of its 1.4 s; now ~7 times.
    gc.set_threshold(50_000, 20, 20)
    heap.FREEZE = True  # and the models of big files are never scanned (see there)
    # SIGTERM unwinds like Ctrl-C, so a write in progress removes its temporary file.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        app(prog_name="rmcli")
    except SystemExit as exc:
        if aside.handed_off() and (exc.code is None or isinstance(exc.code, int)):
            # A child keeps the cache entries on this process's pages: freeing the command's
            # data would copy each page they share, and nothing else is left to do.
            with contextlib.suppress(OSError):  # a closed pipe: the answer is lost either way
                sys.stdout.flush()
                sys.stderr.flush()
            os._exit(exc.code or 0)
        raise
