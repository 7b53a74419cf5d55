"""Find the line of a key in TOML text, since tomllib keeps no positions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)


def _split_key(key: str) -> tuple[str, ...]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", key)
    return tuple(p.strip("\"'") for p in parts)


@lru_cache(maxsize=8)  # checks locate many keys in the same text: scan it once
def entries(text: str) -> tuple[tuple[int, tuple[int | str, ...]], ...]:
    """Return (line, key path) for every table header and key line, lists numbered from 0."""
    found: list[tuple[int, tuple[int | str, ...]]] = []
    counters: dict[tuple[int | str, ...], int] = {}
    table: tuple[int | str, ...] = ()
    depth = 0  # bracket depth of a multi-line array or inline table
    for number, line in enumerate(text.splitlines(), start=1):
        if depth == 0:
            header = _HEADER.match(line)
            if header:
                path = _resolve(_split_key(header.group(2)), counters)
                if header.group(1) == "[[":
                    counters[path] = counters.get(path, -1) + 1
                    path = (*path, counters[path])
                table = path
                found.append((number, table))
                continue
            key = _KEY.match(line)
            if key:
                found.append((number, (*table, *_split_key(key.group(1)))))
                line = line[key.end() :]
        depth = max(0, depth + _bracket_balance(line))
    return tuple(found)


def _resolve(
    names: tuple[str, ...], counters: dict[tuple[int | str, ...], int]
) -> tuple[int | str, ...]:
    # A header under an array of tables refers to its latest element.
    path: tuple[int | str, ...] = ()
    for name in names[:-1]:
        path = (*path, name)
        if path in counters:
            path = (*path, counters[path])
    return (*path, names[-1]) if names else path


def _bracket_balance(line: str) -> int:
    balance = 0
    quote = ""
    for char in line:
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char in "[{":
            balance += 1
        elif char in "]}":
            balance -= 1
    return balance


def locate(text: str, loc: Sequence[int | str]) -> int | None:
    """Return the line that best matches a key path: the key itself, else its table."""
    target = tuple(loc)
    best: tuple[int, int] | None = None  # (matched length, line)
    index = _index(text)
    candidates = [
        *index.get(target[:1], ()),
        *(index.get(target[:2], ()) if len(target) > 1 else ()),
    ]
    for number, path in candidates:
        is_prefix = len(path) <= len(target) and target[: len(path)] == path
        if is_prefix and (best is None or len(path) > best[0]):
            best = (len(path), number)
    if best is None or best[0] == 0:
        return None
    return best[1]


@lru_cache(maxsize=8)
def _index(text: str) -> dict[tuple[int | str, ...], list[tuple[int, tuple[int | str, ...]]]]:
    """Return the entries grouped by their first two keys, so a lookup scans one table's lines."""
    grouped: dict[tuple[int | str, ...], list[tuple[int, tuple[int | str, ...]]]] = {}
    for number, path in entries(text):
        grouped.setdefault(path[:2], []).append((number, path))
    return grouped
