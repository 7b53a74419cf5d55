"""Read the plain TOML of one long array of flat tables faster than the general parser.

A 10,000-person program's sessions.toml holds 60,000 tables: tomli took half a second to
read it, a quarter of a first `rmcli status`. The files rmcli and tomli-w write hold one
array of tables, each on a line (`key = [` then `{ a = 1, b = "x" },` lines) or as `[[key]]`
tables, whose values are plain strings, whole numbers, dates and booleans. Such a text is
read here by regular expressions; anything else (a \\u escape, a float, a nested value, a
comment between tables, another layout) gives None, and the general parser reads it, with
its errors. What this reads is what tomli reads, value for value (a property test).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from itertools import repeat
from typing import Any, cast

__all__ = ["loads"]

# A basic string without control characters (tab is allowed) or escapes but the short ones
# (its plain runs as one repeat: a fifth faster than a branch a character), a date, a whole
# number without sign, underscores or leading zero, a boolean.
_VALUE = (
    r'"[^"\\\x00-\x08\x0a-\x1f\x7f]*(?:\\[btnfr"\\][^"\\\x00-\x08\x0a-\x1f\x7f]*)*"'
    r"|[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"|0|[1-9][0-9]{0,17}"
    r"|true|false"
)
_KEY = r"[A-Za-z0-9_-]+"
_PAIR = rf"{_KEY} = (?:{_VALUE})"
_PAIRS = re.compile(rf"({_KEY}) = ({_VALUE})")
_INLINE = re.compile(rf"    \{{ {_PAIR}(?:, {_PAIR})* \}},")
_LINES = re.compile(rf"(?:{_PAIR}\n)+\n?")
_COMMENT = re.compile(r"#[^\x00-\x08\x0a-\x1f\x7f]*")
_OPEN = re.compile(rf"({_KEY}) = \[")
_HEADER = re.compile(rf"\[\[({_KEY})\]\]")
_ESCAPES = re.compile(r"\\(.)")
_ESCAPED = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}


def loads(text: str) -> dict[str, Any] | None:
    """Return the document of a text of one array of flat tables, or None: read it in general."""
    at = 0  # the start of the first line that is neither blank nor a comment
    while (end := text.find("\n", at)) >= 0 and (at == end or _COMMENT.fullmatch(text, at, end)):
        at = end + 1
    if end < 0:
        return None
    try:
        opened = _OPEN.fullmatch(text, at, end)
        if opened is not None:
            return _inline(opened.group(1), text[end + 1 :].split("\n"))
        header = _HEADER.fullmatch(text, at, end)
        if header is not None:
            return _tables(header.group(1), text[end + 1 :])
    except ValueError:  # a date that is no day, such as 2027-02-30
        return None
    return None


def _inline(key: str, lines: list[str]) -> dict[str, Any] | None:
    """Return `{key: tables}` of the lines after `key = [`: one table a line, then `]`."""
    if len(lines) < 2 or lines[-2:] != ["]", ""]:
        return None
    shape = " = (" + _VALUE + "), "
    return _array(
        key,
        lines[:-2],
        fits=_INLINE.fullmatch,
        shape=lambda keys: r"    \{ " + shape.join(keys) + " = (" + _VALUE + r") \},",
    )


def _tables(key: str, rest: str) -> dict[str, Any] | None:
    """Return `{key: tables}` of the text after the first `[[key]]`: key lines, a blank line."""
    shape = " = (" + _VALUE + ")\n"
    return _array(
        key,
        rest.split(f"\n[[{key}]]\n"),
        fits=_LINES.fullmatch,
        shape=lambda keys: shape.join(keys) + shape + "\n?",
    )


def _array(
    key: str,
    pieces: list[str],
    *,
    fits: Callable[[str], re.Match[str] | None],
    shape: Callable[[list[str]], str],
) -> dict[str, Any] | None:
    """Return `{key: tables}`, a table of each piece of text that `fits` (else None).

    Tables mostly repeat their keys: a pattern of a table's keys (`shape`) reads the values
    of the pieces after it with the same keys at once, without matching every key again;
    runs of them are matched and turned into tables without a step of Python a table.
    """
    tables: list[dict[str, Any]] = []
    value = _Known().__getitem__  # each value written, read once: dates and ids repeat
    at, count = 0, len(pieces)
    while at < count:
        piece = pieces[at]
        if fits(piece) is None:
            return None
        found = _PAIRS.findall(piece)
        table = {k: value(v) for k, v in found}
        if len(table) < len(found):
            return None  # a key given twice
        tables.append(table)
        at += 1
        keys, same = list(table), re.compile(shape(list(table))).fullmatch
        step = 1  # doubles while the keys repeat: a run that ends was matched twice at most
        while at < count:
            alike = list(map(same, pieces[at : at + step]))
            end = alike.index(None) if None in alike else len(alike)
            run = cast("list[re.Match[str]]", alike[:end])  # before the first None
            values = map(map, repeat(value), map(_GROUPS, run))
            tables.extend(map(dict, map(zip, repeat(keys), values)))
            at += end
            if end < len(alike):
                break
            step *= 2
    return {key: tables}


_GROUPS = re.Match.groups


class _Known(dict[str, Any]):
    """The values of the tokens read so far; a new token is read on first use."""

    def __missing__(self, token: str) -> Any:
        return _learn(token, self)


def _learn(token: str, known: dict[str, Any]) -> Any:
    """Return the value a `_VALUE` token writes, and remember it (a date may be no day)."""
    if token[0] == '"':
        value: Any = token[1:-1]
        if "\\" in value:
            value = _ESCAPES.sub(_unescape, value)
    elif token in ("true", "false"):
        value = token == "true"
    elif len(token) == 10 and token[4] == "-":
        value = dt.date.fromisoformat(token)
    else:
        value = int(token)
    known[token] = value
    return value


def _unescape(found: re.Match[str]) -> str:
    return _ESCAPED[found.group(1)]
