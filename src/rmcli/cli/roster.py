"""`rmcli roster`: list, add, import and remove people."""

from __future__ import annotations

import typer

app = typer.Typer(help="List, add, import and remove the people of a program.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    """Add the command group to the app."""
    root.add_typer(app, name="roster")
