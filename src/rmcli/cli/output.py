"""Two consoles: stdout for data, stderr for messages; JSON printing defined once."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console


def out() -> Console:
    """Return a console on the current stdout (data)."""
    from rich.console import Console

    return Console(file=sys.stdout, highlight=False, soft_wrap=False, emoji=False)


def err() -> Console:
    """Return a console on the current stderr (messages)."""
    from rich.console import Console

    return Console(file=sys.stderr, highlight=False, soft_wrap=True, emoji=False)


def print_json(data: Any) -> None:
    """Print `data` as indented JSON with sorted keys, dates as ISO strings."""
    sys.stdout.write(json.dumps(data, indent=2, sort_keys=True, default=str, ensure_ascii=False))
    sys.stdout.write("\n")


def note(message: str) -> None:
    """Print an informational message on stderr."""
    err().print(message, markup=False)


def warn(message: str) -> None:
    """Print a warning on stderr."""
    err().print(f"warning: {message}", markup=False, style="yellow")
