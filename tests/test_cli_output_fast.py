"""The fast writers of the CLI give what the slow general ones give, byte for byte."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rmcli.cli.jsontext import dumps

_KEYS = st.one_of(
    st.text(max_size=6),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
)
_LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(),  # NaN, infinities, the largest and the smallest
    st.text(),  # any unicode, control characters and quotes among it
    st.dates(),  # default=str: written as their ISO text
    st.datetimes(),
    st.decimals(allow_nan=False),
)
_DATA = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=6), inner, max_size=4),
        st.dictionaries(_KEYS, inner, max_size=3),  # one kind of key per dict, as sorted needs
    ),
    max_leaves=30,
)


def _standard(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, default=str, ensure_ascii=False)


@given(_DATA)
def test_json_is_the_standard_librarys(data: Any) -> None:
    try:
        expected = _standard(data)
    except TypeError:  # keys of kinds that sort against each other fail in both
        with pytest.raises(TypeError):
            dumps(data)
        return
    assert dumps(data) == expected


def test_json_of_every_kind_at_once() -> None:
    data = {
        "a": [],
        "b": {},
        "c": [[], {}, [[]]],
        "d": [1e300, 5e-324, -0.0, float("inf"), float("-inf"), float("nan")],
        "e": 'Lena \u00e4\U0001f600 \x1b[31m "q" \\',
        "f": dt.date(2027, 1, 11),
        1: True,
        2.5: None,
    }
    with pytest.raises(TypeError):
        dumps(data)  # str and int keys do not sort together, as in json.dumps
    del data[1], data[2.5]
    assert dumps(data) == _standard(data)
    for keys in ({1: "x", 2.5: "y"}, {True: 1, False: 2}, {None: 0}, {1e300: 1, -5e-324: 2}):
        assert dumps(keys) == _standard(keys)
