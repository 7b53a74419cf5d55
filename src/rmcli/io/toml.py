"""Read TOML files into models, locating every failure by file, line and key."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import tomli  # compiled build of what became tomllib: same errors, 3-4x faster on big rosters
from pydantic import BaseModel, ValidationError

from rmcli.errors import Problem
from rmcli.escape import has_control
from rmcli.io import cache, flat
from rmcli.words import N_, say

M = TypeVar("M", bound=BaseModel)

_POSITION = re.compile(
    r"\s*\((?:at line (\d+), column (\d+)|at end of document)\)|at end of document"
)
# Deeper nesting than any program needs: refused before a parser recurses that deep. The
# pattern finds MAX_DEPTH arrays or inline tables opened one inside the next (`[[[`, `{a = {`);
# nesting spread out with values in between is caught by the parser's RecursionError.
MAX_DEPTH = 50


def nesting(depth: int) -> re.Pattern[str]:
    """Return the pattern of more than `depth` arrays or inline tables opened one in the next.

    It starts with a bracket, so the engine skips to brackets instead of trying at every
    character (0.13 s on a 4 MB sessions.toml before).
    """
    return re.compile(r"[\[{](?:\s*(?:[\w\"'.-]+\s*=\s*)?[\[{]){" + str(depth) + "}")


_DEEP = nesting(MAX_DEPTH)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CONFLICT = re.compile(r"^(<{7}|={7}|>{7})( |$)", re.MULTILINE)


def decode(data: bytes, *, file: str) -> tuple[str | None, list[Problem]]:
    """Return the text of a TOML file's bytes; a UTF-8 byte-order mark is dropped."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        msg = say("not UTF-8 text; save the file as UTF-8 (it looks like another encoding)")
        return None, [Problem(file=file, line=line, message=msg)]


def parse(text: str, *, file: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Return the TOML document in `text`, or the problem that stops it parsing."""
    # A long array of flat tables, as rmcli writes it, is read at once; none of its lines
    # can start with a conflict marker, so it needs no search for one.
    plain = flat.loads(text)
    if plain is not None:
        return plain, []
    conflict = _CONFLICT.search(text) if _might_conflict(text) else None
    if conflict:
        at = text[: conflict.start()].count("\n") + 1
        msg = say("unresolved merge conflict marker; resolve the conflict in git first")
        return None, [Problem(file=file, line=at, message=msg)]
    deep = _DEEP.search(text) if _might_nest(text) else None
    if deep is not None:
        msg = say("nested more than {most} levels deep; no rmcli file needs that", most=MAX_DEPTH)
        return None, [Problem(file=file, line=text.count("\n", 0, deep.start()) + 1, message=msg)]
    try:
        return tomli.loads(text), []
    except RecursionError:
        msg = say("nested too deeply to read; no rmcli file needs that")
        return None, [Problem(file=file, message=msg)]
    except tomli.TOMLDecodeError as exc:
        message = str(exc)
        found = _POSITION.search(message)
        line: int | None = None
        column: int | None = None
        if found and found.group(1):
            line, column = int(found.group(1)), int(found.group(2))
        elif found:
            line = text.count("\n") + 1
        # The reason is the TOML parser's own English ("Invalid value"): it stays as it is.
        reason = _POSITION.sub("", message).strip().rstrip(".")
        msg = say("not valid TOML: {reason}", reason=reason)
        return None, [Problem(file=file, line=line, column=column, message=msg)]


def _might_conflict(text: str) -> bool:
    """Return whether text may hold a merge conflict marker (a plain search is 10x faster)."""
    return "<<<<<<<" in text or "=======" in text or ">>>>>>>" in text


def _might_nest(text: str) -> bool:
    """Return whether text may nest deeply: arrays opened three at once, or inline tables."""
    return "[[[" in text or "{" in text


def validate(
    model: type[M], data: dict[str, Any], *, text: str, file: str
) -> tuple[M | None, list[Problem]]:
    """Return `data` as a `model`, or one problem per invalid key."""
    # Control characters reach a TOML string through escapes, or raw when they are C1 codes
    # (both parsers refuse raw C0 ones), which an ASCII text cannot hold (`isascii` reads a
    # flag of the string); most files have neither, and are neither searched nor walked.
    suspect = "\\" in text or (not text.isascii() and has_control(text))
    controlled = list(_with_control(data, ())) if suspect else []
    if controlled:
        msg = say("contains a control character (an escape, bell or similar byte); remove it")
        return None, [Problem(file, msg, key_name(at), locate(text, at)) for at in controlled]
    try:
        return model.model_validate(data), []
    except RecursionError:
        msg = say("nested too deeply to read; no rmcli file needs that")
        return None, [Problem(file=file, message=msg)]
    except ValidationError as exc:
        return None, problems_of(exc, model=model, text=text, file=file)


def _with_control(value: object, at: tuple[int | str, ...]) -> Iterator[tuple[int | str, ...]]:
    """Yield where a parsed document holds text with a control character (keys included)."""
    if isinstance(value, str):
        if has_control(value):
            yield at
    elif isinstance(value, dict):
        for key, item in value.items():
            if has_control(key):
                yield (*at, key)
            yield from _with_control(item, (*at, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _with_control(item, (*at, index))


def read_model(
    model: type[M], path: Path, *, file: str, missing_ok: bool = False
) -> tuple[M | None, list[Problem]]:
    """Read, parse and validate one file; a missing file is a problem unless `missing_ok`."""
    found, problems, _, _ = read_model_seen(model, path, file=file, missing_ok=missing_ok)
    return found, problems


def read_model_seen(
    model: type[M],
    path: Path,
    *,
    file: str,
    missing_ok: bool = False,
    cache_folder: Path | None = None,
) -> tuple[M | None, list[Problem], str, cache.Seen | None]:
    """Return what `read_model` returns, the file's text ("" if unreadable) and what was seen of it.

    With `cache_folder` (the program folder holding `path`), a big file's model comes from
    the folder's cache when its bytes are those the entry was made from, and a file read
    without problems is kept there.
    """
    try:
        seen = path.stat()
        data = path.read_bytes()
    except FileNotFoundError:
        if missing_ok:
            return model.model_validate({}), [], "", cache.Seen.of(b"", None)
        return None, [Problem(file=file, message=say("file not found"))], "", None
    except IsADirectoryError:
        problem = Problem(file=file, message=say("is a folder, expected a TOML file"))
        return None, [problem], "", None
    except PermissionError:
        msg = say("cannot be read: permission denied")
        return None, [Problem(file=file, message=msg)], "", None
    except OSError as exc:
        msg = say("cannot be read: {reason}", reason=exc.strerror)
        return None, [Problem(file=file, message=msg)], "", None
    text, problems = decode(data, file=file)
    if text is None:
        return None, problems, "", None
    was = cache.Seen.of(data, seen)
    kept = cache.recall(cache_folder, path.name, model, data=data) if cache_folder else None
    if kept is not None:
        return kept, [], text, was
    if not text.strip():
        # A file with nothing in it is a cut-short save, never an empty program (issue 7).
        msg = say(
            "the file is empty (a cut-short save?); restore it, or delete it if it should not exist"
        )
        return None, [Problem(file=file, message=msg)], text, was
    document, problems = parse(text, file=file)
    if document is None:
        return None, problems, text, was
    found, problems = validate(model, document, text=text, file=file)
    if cache_folder and found is not None and not problems:
        cache.keep(cache_folder, path.name, found, data=data, seen=seen)
    return found, problems, text, was


def problems_of(
    exc: ValidationError, *, model: type[BaseModel], text: str, file: str
) -> list[Problem]:
    """Turn a validation error into `key: message` problems with line numbers."""
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for error in exc.errors(include_input=False, include_url=False):
        loc = tuple(error["loc"])
        key = key_name(loc)
        message = friendly(error, loc=loc, model=model)
        if (key, message) in seen:
            continue
        seen.add((key, message))
        problems.append(Problem(file=file, key=key, line=locate(text, loc), message=message))
    return problems


def key_name(loc: Sequence[int | str]) -> str:
    """Return a dotted key for an error location; list positions count from 1."""
    name = ""
    for part in loc:
        if isinstance(part, int):
            name += f"[{part + 1}]"
        else:
            name += f".{part}" if name else str(part)
    return name


_PATTERNS = {
    N_(
        "expected a lower-case id (letters a-z, digits, '-', '_' or '.'), such as 'ana-lopez'"
    ): "[a-z0-9._-]",
    N_("expected an email address such as 'name@example.com'"): "@",
    N_("expected a language code such as 'en' or 'de'"): "[a-z]{2,3}",
    N_("expected a time of day as 'HH:MM', such as '10:00'"): "[01]\\d",
}
_BOUNDS = {
    "greater_than_equal": N_("expected a number at least {bound}"),
    "greater_than": N_("expected a number more than {bound}"),
    "less_than_equal": N_("expected a number at most {bound}"),
    "less_than": N_("expected a number less than {bound}"),
}
_DATE_BOUNDS = {
    "greater_than_equal": N_("expected a date at least {bound}"),
    "greater_than": N_("expected a date after {bound}"),
    "less_than_equal": N_("expected a date at most {bound}"),
    "less_than": N_("expected a date before {bound}"),
}


def friendly(error: Any, *, loc: tuple[int | str, ...], model: type[BaseModel]) -> str:
    """Return a message that says what was expected, without echoing the value."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return say("required key is missing")
    if kind == "extra_forbidden":
        return _unknown_key(loc, model)
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        for expected, marker in _PATTERNS.items():
            if marker in pattern:
                return say(expected)
    if kind in {"date_type", "date_parsing", "date_from_datetime_inexact"}:
        return say("expected a TOML date such as 2027-01-11 (without quotes)")
    if kind == "bool_type":
        return say("expected true or false (without quotes)")
    if kind == "int_type":
        return say("expected a whole number")
    if kind == "int_from_float":
        return say("expected a whole number, not a fraction")
    if kind in _BOUNDS:
        bound = next(iter(ctx.values()), "")
        dated = _DATE_BOUNDS if _DAY.fullmatch(str(bound)) else _BOUNDS
        return say(dated[kind], bound=bound)
    if kind == "string_too_long":
        return say("too long: expected at most {n} characters", n=ctx.get("max_length", "?"))
    if kind == "too_long":
        return say("too long: expected at most {n} items", n=ctx.get("max_length", "?"))
    if kind in {"string_too_short", "too_short"}:
        return say("must not be empty")
    if kind == "finite_number":
        return say("expected a finite number")
    if kind in {"value_error", "assertion_error"}:
        return str(ctx.get("error", error["msg"])).removeprefix("Value error, ")
    message = str(error["msg"]).removeprefix("Value error, ")
    # pydantic says "Input should be X"; rmcli says what it expected, in its own voice
    # (X itself is pydantic's English, such as "'junior' or 'senior'").
    if message.startswith("Input should be "):
        return say("expected {what}", what=message.removeprefix("Input should be "))
    return message


def _unknown_key(loc: tuple[int | str, ...], model: type[BaseModel]) -> str:
    known = _known_keys(loc[:-1], model)
    close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6) if known else []
    if close:
        return say("unknown key (did you mean '{key}'?)", key=close[0])
    return say("unknown key")


def _known_keys(parent: tuple[int | str, ...], model: type[BaseModel]) -> list[str]:
    current: Any = model
    for part in parent:
        if isinstance(part, int):
            continue
        field = getattr(current, "model_fields", {}).get(part)
        if field is None:
            return []
        current = _inner_model(field.annotation)
        if current is None:
            return []
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)


@lru_cache(maxsize=1024)  # the tables of an array repeat the same keys
def _split_key(key: str) -> tuple[str, ...]:
    parts = re.findall(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""", key)
    return tuple(p.strip("\"'") for p in parts)


def _scan(
    text: str, counters: dict[tuple[int | str, ...], int]
) -> Iterator[tuple[int, tuple[int | str, ...]]]:
    """Yield (line, key path) for every table header and key line, lists numbered from 0.

    `counters` counts the tables of each array so far, so a reader can stop at the next one.
    """
    table: tuple[int | str, ...] = ()
    depth = 0  # bracket depth of a multi-line array or inline table
    for number, line in enumerate(text.splitlines(), start=1):
        if depth == 0:
            header = _HEADER.match(line) if "[" in line else None
            if header:
                path = _resolve(_split_key(header.group(2)), counters)
                if header.group(1) == "[[":
                    counters[path] = counters.get(path, -1) + 1
                    path = (*path, counters[path])
                table = path
                yield number, table
                continue
            key = _KEY.match(line)
            if key:
                yield number, (*table, *_split_key(key.group(1)))
                line = line[key.end() :]
            if "[" not in line and "{" not in line:
                continue  # nothing opens: the depth stays 0 (most lines)
        depth = max(0, depth + _bracket_balance(line))


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


_BRACKETS = re.compile(r"""[\[{]|[\]}]|"[^"]*"?|'[^']*'?|#""")  # quoted text and comments skipped


def _bracket_balance(line: str) -> int:
    opens, closes = line.count("[") + line.count("{"), line.count("]") + line.count("}")
    if not opens and not closes:
        return 0  # most lines, such as an array's items
    if '"' not in line and "'" not in line and "#" not in line:
        return opens - closes
    balance = 0
    for token in _BRACKETS.findall(line):
        if token in ("[", "{"):
            balance += 1
        elif token in ("]", "}"):
            balance -= 1
        elif token == "#":
            break
    return balance


Entry = tuple[int, tuple[int | str, ...]]


def locate(text: str, loc: Sequence[int | str]) -> int | None:
    """Return the line that best matches a key path: the key itself, else its table."""
    target = tuple(loc)
    index = _index(text)
    if len(target) > 1 and isinstance(target[1], int) and index.table(target[0], n=target[1]):
        # The table's own header matches two keys: its entries alone decide the line.
        return _best(target, index.groups[target[:2]])
    index.read()
    return _best(target, [*index.groups.get(target[:1], ()), *index.groups.get(target[:2], ())])


def _best(target: tuple[int | str, ...], candidates: Sequence[Entry]) -> int | None:
    """Return the line of the longest entry that starts `target`, the first of equals."""
    best: tuple[int, int] | None = None  # (matched length, line)
    for number, path in candidates:
        is_prefix = len(path) <= len(target) and target[: len(path)] == path
        if is_prefix and (best is None or len(path) > best[0]):
            best = (len(path), number)
    if best is None or best[0] == 0:
        return None
    return best[1]


class _Index:
    """The entries of a text grouped by their first two keys, read only as far as asked.

    Validate at 1,000 pairs locates the first seniors of a 41,000-line roster: the n-th table
    of an array is whole once the array's next table begins, so the scan stops there.
    """

    def __init__(self, text: str) -> None:
        self.counters: dict[tuple[int | str, ...], int] = {}
        self.entries = _scan(text, self.counters)
        self.groups: dict[tuple[int | str, ...], list[Entry]] = {}

    def table(self, key: int | str, *, n: int) -> bool:
        """Return whether the text has an n-th table of the array `key`, read whole now."""
        while self.counters.get((key,), -1) <= n and self._next():
            pass
        return (key, n) in self.groups

    def read(self) -> None:
        """Read the text to its end."""
        while self._next():
            pass

    def _next(self) -> bool:
        entry = next(self.entries, None)
        if entry is not None:
            self.groups.setdefault(entry[1][:2], []).append(entry)
        return entry is not None


@lru_cache(maxsize=8)  # checks locate many keys in the same text: scan it once
def _index(text: str) -> _Index:
    """Return the line index of a text, read as far as the lookups so far needed."""
    return _Index(text)
