"""`rmcli init`: create a program folder from a starter."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the command to the app."""
