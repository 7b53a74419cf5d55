"""rmcli's TOML writer gives tomli-w's bytes for every document, and raises where tomli-w raises."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from collections import OrderedDict
from types import MappingProxyType
from typing import Any

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from rmcli.io import tomlw

# Text with what needs escaping: quotes, backslashes, controls (tab too), DEL, newlines, unicode.
TEXT = st.text(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(['"', "\\", "\n", "\r", "\t", "\b", "\f", "\x00", "\x1b", "\x7f", "é"]),
    ),
    max_size=30,
)
KEY = st.one_of(st.from_regex(r"[A-Za-z0-9_-]{1,12}", fullmatch=True), TEXT)
SCALAR = st.one_of(
    TEXT,
    st.booleans(),
    st.integers(),
    st.floats(),  # nan and inf included
    st.dates(),
    st.datetimes(),
    st.datetimes(timezones=st.timezones()),
)


def _documents() -> st.SearchStrategy[dict[str, Any]]:
    values = st.recursive(
        SCALAR,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),  # empty arrays, arrays of tables, mixed arrays
            st.dictionaries(KEY, inner, max_size=4),  # nested and inline tables
        ),
        max_leaves=25,
    )
    return st.dictionaries(KEY, values, max_size=6)


@given(_documents())
def test_the_writer_gives_tomli_w_bytes(document: dict[str, Any]) -> None:
    assert tomlw.dumps(document) == tomli_w.dumps(document)


@settings(max_examples=120)
@given(st.dictionaries(KEY, st.lists(st.dictionaries(KEY, SCALAR, max_size=5), max_size=3)))
def test_arrays_of_tables_are_inlined_where_tomli_w_inlines_them(
    document: dict[str, Any],
) -> None:
    assert tomlw.dumps(document) == tomli_w.dumps(document)


@pytest.mark.parametrize(
    "document",
    [
        {"a": "x" * 90, "b": [{"c": "y" * 80}]},  # a table just too long to inline
        {"t": [{"k": "v" * 84}], "u": [{"k": "v" * 85}]},  # the inline width, both sides
        {"s": [{"a": 1}, {"b": [1, 2]}]},  # one table that cannot be inline
        {"e": [], "f": {}, "g": [[]], "h": [{}]},
        {"": 1, "a.b": {"c d": {"é": "\u2028"}}},
        {"nested": {"deeper": {"deepest": {"x": 1}}, "y": 2}},
        {"only": {"tables": {"z": 1}}},
        {"when": dt.datetime(2027, 1, 11, 10, 0, 0, 5, tzinfo=dt.UTC), "day": dt.date(2027, 1, 1)},
    ],
)
def test_edge_shapes_give_tomli_w_bytes(document: dict[str, Any]) -> None:
    assert tomlw.dumps(document) == tomli_w.dumps(document)


class Colour(enum.StrEnum):
    RED = "red"


class Level(enum.IntEnum):
    HIGH = 3


def test_enums_and_other_shapes_give_tomli_w_bytes() -> None:
    document: dict[str, Any] = {
        "colour": Colour.RED,
        "level": Level.HIGH,
        "tuple": (1, "a"),
        "ordered": OrderedDict(b=1, a=2),
        "proxy": MappingProxyType({"x": 1}),
        "time": dt.time(10, 30),
        "money": decimal.Decimal("1.5"),
        "rows": [MappingProxyType({"y": 2}), {"z": 3}],
    }
    assert tomlw.dumps(document) == tomli_w.dumps(document)


@pytest.mark.parametrize(
    "document",
    [
        {"x": object()},
        {"x": [1, object()]},
        {"rows": [{"a": 1}, {"b": object()}]},
        {"t": {1: "not a text key"}},
        {"rows": [{2: "x"}]},
        {"at": dt.time(10, 0, tzinfo=dt.UTC)},
        {"x": None},
    ],
)
def test_what_tomli_w_refuses_is_refused(document: dict[str, Any]) -> None:
    with pytest.raises(Exception) as expected:
        tomli_w.dumps(document)
    with pytest.raises(expected.type, match=str(expected.value)):
        tomlw.dumps(document)


def test_a_cycle_is_refused_as_tomli_w_refuses_it() -> None:
    document: dict[str, Any] = {"a": []}
    document["a"].append(document["a"])
    with pytest.raises(RecursionError):
        tomli_w.dumps(document)
    with pytest.raises(RecursionError):
        tomlw.dumps(document)
