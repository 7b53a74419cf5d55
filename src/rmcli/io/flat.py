"""Read the plain TOML of one long array of flat tables faster than the general parser.

A 10,000-person program's sessions.toml holds 60,000 tables: tomli took half a second to
read it, a quarter of a first `rmcli status`. The files rmcli and tomli-w write hold one
array of tables, each on a line (`key = [` then `{ a = 1, b = "x" },` lines) or as `[[key]]`
tables, whose values are plain strings, whole numbers, dates and booleans, or arrays of them
(one item a line, as tomli-w writes them, or on one line, `["a", "b"]`, as a hand edit may).
Such a text is read here by regular expressions; anything else (a \\u escape, a float, a
nested table, a comment between tables, another layout) gives None, and the general parser
reads it, with its errors. What this reads is what tomli reads, value for value (a property
test).
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
_STRING = r'"[^"\\\x00-\x08\x0a-\x1f\x7f]*(?:\\[btnfr"\\][^"\\\x00-\x08\x0a-\x1f\x7f]*)*"'
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_INT = r"0|[1-9][0-9]{0,17}"
_BOOL = r"true|false"
_SCALAR = f"{_STRING}|{_DATE}|{_INT}|{_BOOL}"
# An array of them: empty, one item a line as tomli-w writes it (`[`, `    "a",` lines, `]`),
# or on one line with ", " between items. Tried last: other values never start with `[`.
_ITEM = rf"(?:{_SCALAR})"
_ARRAY = rf"\[(?:\n(?:    {_ITEM},\n)+|{_ITEM}(?:, {_ITEM})*)?\]"
_VALUE = f"{_SCALAR}|{_ARRAY}"
_KEY = r"[A-Za-z0-9_-]+"
_PAIR = rf"{_KEY} = (?:{_VALUE})"
_PAIRS = re.compile(rf"({_KEY}) = ({_VALUE})")
_INLINE = re.compile(rf"    \{{ {_PAIR}(?:, {_PAIR})* \}},")
_LINES = re.compile(rf"(?:{_PAIR}\n)+\n?")
_COMMENT = re.compile(r"#[^\x00-\x08\x0a-\x1f\x7f]*")
_OPEN = re.compile(rf"({_KEY}) = \[")
_HEADER = re.compile(rf"\[\[({_KEY})\]\]")
_ITEMS = re.compile(_SCALAR)  # an array's items: what lies between them starts none
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
    return _array(
        key,
        lines[:-2],
        fits=_INLINE.fullmatch,
        shape=lambda pairs: (
            r"    \{ " + ", ".join(f"{k} = ({_kind(v)})" for k, v in pairs) + r" \},"
        ),
    )


def _tables(key: str, rest: str) -> dict[str, Any] | None:
    """Return `{key: tables}` of the text after the first `[[key]]`: key lines, a blank line."""
    return _array(
        key,
        rest.split(f"\n[[{key}]]\n"),
        fits=_LINES.fullmatch,
        shape=lambda pairs: "".join(f"{k} = ({_kind(v)})\n" for k, v in pairs) + "\n?",
    )


def _kind(token: str) -> str:
    """Return the pattern of the values of a token's kind: a string, a date, an array ..."""
    if token[0] == '"':
        return _STRING
    if token[0] == "[":
        return _ARRAY
    if token in ("true", "false"):
        return _BOOL
    return _DATE if len(token) == 10 and token[4] == "-" else _INT


def _array(
    key: str,
    pieces: list[str],
    *,
    fits: Callable[[str], re.Match[str] | None],
    shape: Callable[[list[tuple[str, str]]], str],
) -> dict[str, Any] | None:
    """Return `{key: tables}`, a table of each piece of text that `fits` (else None).

    Tables mostly repeat their keys and kinds of values: a pattern of a table's keys, each
    with its value's kind (`shape`), reads the values of a piece alike at once, without
    trying every key and kind again. The latest few patterns are tried in turn (check-ins
    with and without challenges take turns); once one repeats, runs of pieces are matched
    and turned into tables without a step of Python a table.
    """
    tables: list[dict[str, Any]] = []
    value = _Known().__getitem__  # each value written, read once: dates and ids repeat
    shapes: list[tuple[list[str], Callable[[str], re.Match[str] | None]]] = []  # latest first
    at, count, streak = 0, len(pieces), 0
    while at < count:
        piece = pieces[at]
        at += 1
        for index, (keys, same) in enumerate(shapes):
            found = same(piece)
            if found is not None:
                tables.append(dict(zip(keys, map(value, found.groups()), strict=True)))
                if index:
                    shapes.insert(0, shapes.pop(index))
                break
        else:
            if fits(piece) is None:
                return None
            pairs = _PAIRS.findall(piece)
            table = {k: value(v) for k, v in pairs}
            if len(table) < len(pairs):
                return None  # a key given twice
            tables.append(table)
            index, keys, same = -1, list(table), re.compile(shape(pairs)).fullmatch
            shapes = [(keys, same), *shapes[: _SHAPES - 1]]
        streak = streak + 1 if index == 0 else 1
        if streak < _RUN:
            continue
        step = _RUN  # doubles while the pattern fits: a run that ends was matched twice at most
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
        streak = 0
    return {key: tables}


_SHAPES = 4  # the patterns tried on a piece before it is read key by key
_RUN = 8  # tables of one pattern in a row, after which they are read in runs
_GROUPS = re.Match.groups


class _Known(dict[str, Any]):
    """The values of the tokens read so far; a new token is read on first use.

    An array is read again each time, so that each table has its own list, as tomli's.
    """

    def __missing__(self, token: str) -> Any:
        if token[0] != "[":
            value = self[token] = _learn(token)
            return value
        found = _strings(token)
        return list(map(self.__getitem__, _ITEMS.findall(token))) if found is None else found


def _strings(array: str) -> list[str] | None:
    """Return the items of an array token of strings without escapes (else None), split at once.

    Such a token is `["` (or `[`, a line break, four spaces and `"`), the items with their
    separators between, and `"]` (or `",`, a line break and `]`): where the items hold no
    `"` (the count of them tells), each `", "` is a separator.
    """
    if array[1] == "\n":
        inner, between = array[7:-4], '",\n    "'
        framed = array[6] == '"' and array[-4] == '"'
    else:
        inner, between = array[2:-2], '", "'
        framed = array[1] == '"' and array[-2] == '"'
    if not framed or "\\" in array:
        return None
    items = inner.split(between)
    return items if array.count('"') == 2 * len(items) else None


def _learn(token: str) -> Any:
    """Return the value a `_SCALAR` token writes (a date may be no day: ValueError)."""
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
    return value


def _unescape(found: re.Match[str]) -> str:
    return _ESCAPED[found.group(1)]
