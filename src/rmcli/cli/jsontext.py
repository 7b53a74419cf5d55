"""Write indented JSON as `json.dumps(..., indent=2, sort_keys=True, default=str)` does, faster.

The standard library drops to its pure-Python encoder whenever `indent` is set: a generator
per container and a chunk per token. Here strings go through the C escaper, numbers through
their own repr, and each token is appended to one list joined once. Values of the exact
built-in types are written inline in their container's loop and each dict key is escaped
once per call; anything else (subclasses, dates) goes through the standard library's order
of checks. The output is the standard library's character for character (a property test
holds it). The C encoder's compact text re-indented was measured and dropped: re-indenting
2.9 MB costs as much as this whole writer saves (benchmarks/NOTES.md, session 13).
"""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring
from typing import Any

INDENT = "  "

Put = Callable[[str], object]


def dumps(data: Any) -> str:
    """Return `data` as `json.dumps(data, indent=2, sort_keys=True, default=str, ensure_ascii=False)`."""
    parts: list[str] = []
    _value(data, "\n", parts.append, {})
    return "".join(parts)


def _value(o: Any, newline: str, put: Put, keys: dict[str, str]) -> None:
    kind = type(o)
    if kind is str:
        put(encode_basestring(o))
    elif kind is dict:
        _dict(o, newline, put, keys)
    elif kind is list or kind is tuple:
        _list(o, newline, put, keys)
    elif kind is int:
        put(int.__repr__(o))
    elif kind is float:
        put(_float(o))
    else:
        _other(o, newline, put, keys)


def _other(o: Any, newline: str, put: Put, keys: dict[str, str]) -> None:
    # The standard library's order of checks: str, None, bools, int, float, lists, dicts.
    if isinstance(o, str):
        put(encode_basestring(o))
    elif o is None:
        put("null")
    elif o is True:
        put("true")
    elif o is False:
        put("false")
    elif isinstance(o, int):
        put(int.__repr__(o))
    elif isinstance(o, float):
        put(_float(o))
    elif isinstance(o, (list, tuple)):
        _list(o, newline, put, keys)
    elif isinstance(o, dict):
        _dict(o, newline, put, keys)
    else:
        _value(str(o), newline, put, keys)


def _list(items: list[Any] | tuple[Any, ...], newline: str, put: Put, keys: dict[str, str]) -> None:
    if not items:
        put("[]")
        return
    inner = newline + INDENT
    separator = "[" + inner
    for item in items:
        kind = type(item)
        if kind is str:
            put(separator + encode_basestring(item))
        elif kind is int:
            put(separator + int.__repr__(item))
        else:
            put(separator)
            if kind is dict:
                _dict(item, inner, put, keys)
            else:
                _value(item, inner, put, keys)
        separator = "," + inner
    put(newline + "]")


def _dict(mapping: dict[Any, Any], newline: str, put: Put, keys: dict[str, str]) -> None:
    if not mapping:
        put("{}")
        return
    inner = newline + INDENT
    separator = "{" + inner
    for key, item in sorted(mapping.items()):
        # Only str keys are kept: 1, 1.0 and True are one dict key but three JSON keys.
        name = keys.get(key) if type(key) is str else None
        if name is None:
            name = encode_basestring(_key(key)) + ": "
            if type(key) is str:
                keys[key] = name
        kind = type(item)
        if kind is str:
            put(separator + name + encode_basestring(item))
        elif kind is int:
            put(separator + name + int.__repr__(item))
        elif item is None:
            put(separator + name + "null")
        elif item is True:
            put(separator + name + "true")
        elif item is False:
            put(separator + name + "false")
        else:
            put(separator + name)
            _value(item, inner, put, keys)
        separator = "," + inner
    put(newline + "}")


def _key(key: Any) -> str:
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value == float("inf"):
        return "Infinity"
    if value == -float("inf"):
        return "-Infinity"
    return float.__repr__(value)
