"""Change some tables of a long array in a TOML text without writing the rest again.

A year's checkins.toml holds 48,000 tables; adding one answer rewrote them all (0.35 s at
2,000 people). When the text is what `tomlw.dumps` gave for the document, the tables kept
are already written as `dumps` writes them, so the new text is the old one with the changed
tables' lines swapped: the same bytes as writing the whole document again (a property test).
"""

from __future__ import annotations

from typing import Any

from rmcli.io import tomlw

__all__ = ["splice"]


def splice(
    text: str, *, key: str, count: int, start: int, stop: int, tables: list[dict[str, Any]]
) -> str | None:
    """Return `dumps({key: old[:start] + tables + old[stop:]})`, or None when it cannot here.

    `text` must be `tomlw.dumps({key: old})` and `count` be `len(old)`. The first table stays
    (`start` at least 1), and one of `tables` must be too long to be inline, so that the
    array is written as tables before and after.
    """
    head = f"[[{key}]]\n"
    if not 1 <= start <= stop <= count or not text.startswith(head):
        return None  # the array is written inline, or its key is quoted
    middle = tomlw.array_tables(key, tables)
    if middle is None:
        return None
    # Every table but the first begins with a blank line and its header: text values never
    # hold a raw line break, and lines of a multi-line array are indented.
    begins = "\n" + head
    cut = _table_start(text, begins=begins, count=count, index=start)
    rest = _table_start(text, begins=begins, count=count, index=stop)
    if cut is None or rest is None:
        return None
    return text[:cut] + middle + text[rest:]


def _table_start(text: str, *, begins: str, count: int, index: int) -> int | None:
    """Return where table `index` (1 to count; count: the end) begins, seeking from the nearer end."""
    if index == count:
        return len(text)
    at = -1
    if index <= count - index:
        for _ in range(index):
            at = text.find(begins, at + 1)
            if at < 0:
                return None
        return at
    at = len(text)
    for _ in range(count - index):
        at = text.rfind(begins, 0, at)
        if at < 0:
            return None
    return at
