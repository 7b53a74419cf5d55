"""Two consoles: stdout for data, stderr for messages; JSON printing defined once."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from rmcli.words import locale, say, user_language

if TYPE_CHECKING:
    from collections.abc import Iterable

    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.segment import Segment

# A message Rich would print as typed: no tab (expanded), no control byte (stripped or marked).
_PLAIN = re.compile(r"[^\x00-\x09\x0b-\x1f\x7f-\x9f]*")
# A large program shows this many matches (rows of status, tables of schedule) unless --all.
SHORT_LIST = 30


def out() -> Console:
    """Return a console on the current stdout (data)."""
    return _console(file=sys.stdout, soft_wrap=False)


def err() -> Console:
    """Return a console on the current stderr (messages)."""
    return _console(file=sys.stderr, soft_wrap=True)


def _console(*, file: TextIO, soft_wrap: bool) -> Console:
    """Return a console that shows every text as typed: no markup, no control sequences.

    Names, departments and topics are the organiser's data: `[bold]` in one is text, and an
    escape byte is shown as a replacement mark rather than sent to the terminal. Everything a
    view prints (strings, Text, tables) is rendered to segments here, so this is the one place
    the terminal is escaped; Rich's own control segments (cursor, styles) pass as they are.
    """
    from rich.console import Console
    from rich.segment import Segment

    from rmcli.escape import CONTROL, terminal

    class TextOnly(Console):
        def render(
            self, renderable: RenderableType, options: ConsoleOptions | None = None
        ) -> Iterable[Segment]:
            # Nearly every segment is clean text: passed on as it is, not rebuilt.
            search = CONTROL.search
            for segment in super().render(renderable, options):
                if segment.control or search(segment.text) is None:
                    yield segment
                else:
                    yield Segment(terminal(segment.text), segment.style, segment.control)

    return TextOnly(file=file, highlight=False, soft_wrap=soft_wrap, emoji=False, markup=False)


def print_json(data: Any) -> None:
    """Print `data` as indented JSON with sorted keys, dates as ISO strings."""
    from rmcli.cli.jsontext import dumps

    sys.stdout.write(dumps(data))
    sys.stdout.write("\n")


def note(message: str) -> None:
    """Print an informational message on stderr."""
    if not _plainly(message, styled=False):
        err().print(message, markup=False)


def warn(message: str) -> None:
    """Print a warning on stderr."""
    line = say("warning: {message}", message=message)
    if not _plainly(line, styled=True):
        err().print(line, markup=False, style="yellow")


def report(lines: list[tuple[str, str]]) -> None:
    """Print lines on stderr in one go, each in its style ("" for none), as Rich would."""
    if not _plainly("\n".join(text for text, _ in lines), styled=any(s for _, s in lines)):
        from rich.text import Text

        err().print(Text("\n").join(Text(text, style=style) for text, style in lines))


def _plainly(line: str, *, styled: bool) -> bool:
    """Write a line to stderr as Rich would, without loading Rich; return False where it can't.

    Rich writes a line with no tab or control byte as typed, and its style only where it
    sees a terminal: stderr is one, or FORCE_COLOR / TTY_COMPATIBLE say to act as if.
    """
    if not _PLAIN.fullmatch(line):
        return False
    if styled:
        try:
            terminal = sys.stderr.isatty()
        except (AttributeError, ValueError):
            return False
        if terminal or "FORCE_COLOR" in os.environ or "TTY_COMPATIBLE" in os.environ:
            return False
    sys.stderr.write(line + "\n")
    sys.stderr.flush()
    return True


def fixed(value: float, *, places: int = 2) -> str:
    """Return a number with exactly `places` decimals in the organiser's language: 0.50 / 0,50."""
    from babel.numbers import format_decimal

    # Python's rounding first, so that every language shows the digits f"{value:.2f}" shows.
    pattern = "0." + "0" * places if places else "0"
    return str(format_decimal(round(value, places), pattern, locale=locale(user_language())))


def share(value: float) -> str:
    """Return a share as a percentage with one decimal in the organiser's language: 75.0% / 75,0 %."""
    from babel import Locale
    from babel.numbers import format_percent

    where = Locale.parse(locale(user_language()))
    # The language's own percent pattern ("#,##0%", "#,##0 %") with one decimal.
    pattern = str(where.percent_formats[None].pattern).replace("#,##0", "0.0")
    text = format_percent(round(value, 3), pattern, locale=where)
    return str(text).replace("\xa0", " ")


def folder_name(folder: Path) -> str:
    """Return a program folder as a user knows it: its own name with a slash, never a bare dot."""
    return f"{folder.resolve().name}/"


def sent() -> None:
    """Send out what was printed so far, before the command goes on to other work."""
    sys.stdout.flush()
    sys.stderr.flush()
