"""Write TOML as tomli-w does, byte for byte, several times faster for the files rmcli writes.

tomli-w escapes strings one character at a time and renders every table of an array twice
(inline, to see whether it fits a line, then as a table); a year's sessions.toml took 180 ms.
Here strings are escaped by one regular expression and a table is rendered inline only when
it could fit. Any shape this module does not know (times, decimals, other mappings, keys that
are not text) is handed to tomli-w whole, so the two agree on errors too (a property test).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

__all__ = ["array_tables", "dumps"]

_WIDTH = 100 - len("    ,")  # tomli-w inlines a table of an array if it fits on one line
_BARE = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPED = re.compile(r'[\x00-\x08\x0a-\x1f\x7f"\\]')
_PLAIN = {int, float, dt.date, dt.datetime}  # written as str() writes them
_SCALARS = {str, bool, *_PLAIN}
_COMPACT = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


class _Unknown(Exception):
    """A value of a shape this writer leaves to tomli-w."""


def dumps(document: dict[str, Any]) -> str:
    """Return the TOML text of a document: what `tomli_w.dumps(document)` returns."""
    out: list[str] = []
    try:
        _table(document, name="", in_array=False, out=out)
    except (_Unknown, RecursionError):
        import tomli_w  # noqa: PLC0415 (only for shapes rmcli does not write)

        return tomli_w.dumps(document)
    return "".join(out)


def array_tables(key: str, tables: list[dict[str, Any]]) -> str | None:
    """Return tables of the array `key` of a document's root as `dumps` writes them.

    Each comes after its blank line. None when every one of them would fit inline (whether
    the array is written as tables then depends on its other tables) or one holds a shape
    this writer leaves to tomli-w.
    """
    out: list[str] = []
    try:
        if all(_fits_inline(table) for table in tables):
            return None
        for table in tables:
            out.append("\n")
            _table(table, name=_key(key), in_array=True, out=out)
    except (_Unknown, RecursionError):
        return None
    return "".join(out)


def _table(table: dict[str, Any], *, name: str, in_array: bool, out: list[str]) -> None:
    """Append one table: its header, its key = value lines, then its sub-tables."""
    literals: list[str] = []
    tables: list[tuple[str, dict[str, Any], bool]] = []
    for key, value in table.items():
        kind = type(value)
        if kind is str:  # the common values first, without the checks below
            literals.append(f"{_key(key)} = {_string(value)}\n")
        elif kind in _PLAIN or kind is bool or (kind is list and not _starts_table(value)):
            literals.append(f"{_key(key)} = {_literal(value, 0)}\n")
        elif isinstance(value, dict):
            tables.append((key, value, False))
        elif _is_array_of_tables(value) and not all(_fits_inline(t) for t in value):
            tables.extend((key, t, True) for t in value)
        else:
            literals.append(f"{_key(key)} = {_literal(value, 0)}\n")
    written = False
    if in_array or (name and (literals or not tables)):
        written = True
        out.append(f"[[{name}]]\n" if in_array else f"[{name}]\n")
    if literals:
        written = True
        out.extend(literals)
    for key, value, array in tables:
        if written:
            out.append("\n")
        written = True
        part = _key(key)
        _table(value, name=f"{name}.{part}" if name else part, in_array=array, out=out)


def _starts_table(array: list[Any]) -> bool:
    """Return whether an array may be one of tables: it is not when its first item is text."""
    return bool(array) and type(array[0]) not in _SCALARS


def _is_array_of_tables(value: object) -> bool:
    return isinstance(value, (list, tuple)) and bool(value) and all(_is_table(v) for v in value)


def _is_table(value: object) -> bool:
    if isinstance(value, dict):
        return True
    if isinstance(value, Mapping):  # another kind of mapping: tomli-w's
        raise _Unknown
    return False


def _fits_inline(table: dict[str, Any]) -> bool:
    """Return whether tomli-w writes this table of an array inline: on one short line."""
    least = 2 * len(table) + 2  # "{ ", ", " and " }": a lower bound of the inline length
    for key, value in table.items():
        if not isinstance(key, str):
            raise _Unknown
        if isinstance(value, (list, tuple)) and value:
            return False  # a non-empty array is written one item a line
        least += len(key) + 3 + _least_length(value)  # key = value
    if least > _WIDTH:
        return False  # not rendered: most tables rmcli writes are long
    rendered = _inline_table(table)
    return len(rendered) <= _WIDTH and "\n" not in rendered


def _least_length(value: object) -> int:
    """Return a lower bound of the length of a value as written (exact for the usual ones)."""
    kind = type(value)
    if kind is str:
        return len(value) + 2  # type: ignore[arg-type]
    if kind is dt.date:
        return 10
    if kind is bool:
        return 4 if value else 5
    if kind is int:
        return len(str(value))
    return 2 if kind is list or kind is tuple else 1  # an empty array, or anything else


def _literal(value: object, level: int) -> str:
    """Return a value as tomli-w writes it after `key = ` (or as an array's item)."""
    kind = type(value)
    if kind is str:
        return _string(value)  # type: ignore[arg-type]
    if kind in _PLAIN:
        return str(value)
    if kind is bool:
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        indent = "    " * (level + 1)
        items = ",\n".join([indent + _literal(item, level + 1) for item in value])
        return f"[\n{items},\n{'    ' * level}]"
    if isinstance(value, str):  # an enum of text, say
        return _string(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, dt.date)):  # datetime is a date
        return str(value)
    if isinstance(value, dict):
        return _inline_table(value)
    raise _Unknown


def _inline_table(table: dict[str, Any]) -> str:
    if not table:
        return "{}"
    return "{ " + ", ".join(f"{_key(k)} = {_literal(v, 0)}" for k, v in table.items()) + " }"


@lru_cache(maxsize=256)  # the tables of an array repeat the same few keys
def _key(key: object) -> str:
    if not isinstance(key, str):
        raise _Unknown
    return key if _BARE.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    if _ESCAPED.search(text) is None:
        return '"' + text + '"'  # not an f-string: a str enum formats as its name
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    return _COMPACT.get(char) or f"\\u{ord(char):04x}"
