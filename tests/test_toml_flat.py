"""The quick reading of one long array of flat tables gives tomli's document, or declines."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import tomli
import tomli_w
from hypothesis import given
from hypothesis import strategies as st
from tests.year_helpers import write_year

from rmcli.io import flat, tomlw
from rmcli.io.toml import read_model
from rmcli.models.sessions import SessionsFile

KEY = st.sampled_from(["sessions", "a", "n-1", "x_y"])
# Text with what a quick reading could take wrongly: quotes, escapes, controls, separators.
TEXT = st.one_of(
    st.text(
        st.one_of(
            st.characters(codec="utf-8"),
            st.sampled_from(['"', "\\", "\n", "\t", "\x00", "\x7f", "é", ",", "}", "="]),
        ),
        max_size=20,
    ),
    st.sampled_from([", b = 1", " }", "\n[[a]]\n", "2027-01-11", "1"]),
)
SCALAR = st.one_of(TEXT, st.integers(), st.booleans(), st.dates())
VALUE = st.one_of(
    SCALAR,
    st.floats(allow_nan=False),
    st.lists(st.integers(), max_size=2),
    st.lists(TEXT, max_size=3),
    st.lists(SCALAR, max_size=3),
    st.lists(st.lists(st.integers(), max_size=1), max_size=2),
)
TABLE = st.dictionaries(st.sampled_from(["match", "number", "date", "note", "to", "2"]), VALUE)
TABLES = st.lists(TABLE, min_size=1, max_size=6)
EDITS = ["", "\n", " ", "=", ",", '"', "0", "-", "}", "]", "[[b]]\n", "#", "\r", "\x7f", "\x01"]


def _typed(value: object) -> object:
    """Return a value with the type of every part beside it (`[True] == [1]` in Python)."""
    if isinstance(value, dict):
        return {key: _typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return (type(value), value)


def _same_as_tomli(text: str) -> dict[str, Any] | None:
    found = flat.loads(text)
    if found is not None:
        assert _typed(found) == _typed(tomli.loads(text))
    return found


def _one_line_arrays(text: str) -> str:
    """Return a text with its arrays of one item a line written on one line, as by hand."""
    return _MULTI_LINE.sub(
        lambda m: "[" + ", ".join(line[4:-1] for line in m.group(1).splitlines()) + "]", text
    )


_MULTI_LINE = re.compile(r"\[\n((?:    [^\n]*,\n)+)\]")


@given(KEY, TABLES)
def test_what_the_writers_write_reads_as_tomli_reads_it(key: str, tables: list[Any]) -> None:
    for text in (tomlw.dumps({key: tables}), tomli_w.dumps({key: tables})):
        _same_as_tomli(text)
        _same_as_tomli("# rmcli wrote this\n\n" + text)
        _same_as_tomli(_one_line_arrays(text))


@given(KEY, TABLES, st.data())
def test_an_edited_text_reads_as_tomli_reads_it_or_not_at_all(
    key: str, tables: list[Any], data: st.DataObject
) -> None:
    text = tomlw.dumps({key: tables})
    if data.draw(st.booleans(), label="one-line arrays"):
        text = _one_line_arrays(text)
    at = data.draw(st.integers(0, len(text)), label="at")
    cut = data.draw(st.integers(0, 3), label="cut")
    put = data.draw(st.sampled_from(EDITS), label="put")
    edited = text[:at] + put + text[at + cut :]
    try:
        tomli.loads(edited)
    except tomli.TOMLDecodeError:
        assert flat.loads(edited) is None  # the general parser says what is wrong
        return
    _same_as_tomli(edited)


def test_both_layouts_are_read_quickly() -> None:
    tables = [{"match": "m1", "number": 1, "date": dt.date(2027, 1, 11), "held": True}]
    assert _same_as_tomli(tomli_w.dumps({"sessions": tables})) is not None
    long = [{**tables[0], "note": 'x "quoted"\n\ta \\ b\r\f\b' * 20}]
    assert _same_as_tomli(tomlw.dumps({"sessions": long})) is not None


def test_arrays_of_plain_values_are_read_quickly_each_table_its_own() -> None:
    tables = [
        {"id": "m1", "juniors": ["j1", "j2"], "seniors": ["s1"], "created": dt.date(2027, 1, 4)},
        {"id": "m2", "juniors": ["j1", "j2"], "seniors": ["s1"], "created": dt.date(2027, 1, 4)},
        {"id": "m3", "juniors": ['a "b", "c'], "seniors": [], "days": [dt.date(2027, 1, 4), 1]},
    ]
    for text in (tomlw.dumps({"matches": tables}), tomli_w.dumps({"matches": tables})):
        for layout in (text, _one_line_arrays(text)):
            found = _same_as_tomli(layout)
            assert found is not None
            first, second = found["matches"][:2]
            assert first["juniors"] is not second["juniors"]  # as tomli's, not one shared list
    inline = 'a = [\n    { n = [], m = ["x", 2027-01-04, true], o = "y" },\n]\n'
    assert _same_as_tomli(inline) is not None


def test_what_it_cannot_read_it_leaves_to_the_parser() -> None:
    for text in (
        "a = [\n    { n = 1.5 },\n]\n",  # a float
        "a = [\n    { n = 01 },\n]\n",  # not TOML
        'a = [\n    { n = "\\u0041" },\n]\n',  # an escape
        'a = [\n    { n = "\x7f" },\n]\n',  # a control character, not TOML
        '[[a]]\nn = "\x01"\n',
        "# \x01\n[[a]]\nn = 1\n",
        "a = [\n    { n = 2027-02-30 },\n]\n",  # no such day
        "a = [\n    { n = 1, n = 2 },\n]\n",  # a key twice
        "[[a]]\nn = 1\n\n[[b]]\nn = 2\n",  # two arrays
        "[[a]]\nn = 1\n\n# a comment\n[[a]]\nn = 2\n",
        "x = 1\n",
        "[[a]]\nn = [\n    [\n        1,\n    ],\n]\n",  # an array of arrays
        "[[a]]\nn = [\n    { m = 1 },\n]\n",  # an array of tables
        '[[a]]\nn = [ "x" ]\n',  # another spacing
        '[[a]]\nn = ["x",]\n',
        '[[a]]\nn = [\n    "x"\n]\n',
        "[[a]]\nn = [\n]\n",
        '[[a]]\nn = [\n    "\\u0041",\n]\n',
        '[[a]]\nn = ["x", 2027-02-30]\n',
    ):
        assert flat.loads(text) is None


def test_a_year_reads_the_same_models(tmp_path: Path) -> None:
    write_year(tmp_path, pairs=40, held=11)
    for path in sorted(tmp_path.glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        _same_as_tomli(text)
    found, problems = read_model(SessionsFile, tmp_path / "sessions.toml", file="sessions.toml")
    assert not problems and found is not None
    assert found == SessionsFile.model_validate(
        tomli.loads((tmp_path / "sessions.toml").read_text(encoding="utf-8"))
    )
    assert flat.loads((tmp_path / "sessions.toml").read_text(encoding="utf-8")) is not None


def test_a_quick_read_still_finds_control_characters_and_conflicts(tmp_path: Path) -> None:
    path = tmp_path / "sessions.toml"
    table = {"match": "m1", "number": 1, "date": dt.date(2027, 1, 11)}
    for note in ("csi \x9b31m", "back\bspace", "fine"):  # raw C1 (not ASCII), escaped C0, none
        text = tomlw.dumps({"sessions": [table, {**table, "number": 2, "note": note}]})
        assert flat.loads(text) is not None
        path.write_text(text, encoding="utf-8")
        found, problems = read_model(SessionsFile, path, file="sessions.toml")
        if note == "fine":
            assert found is not None and not problems
            continue
        assert found is None
        assert [p.key for p in problems] == ["sessions[2].note"]
        assert "control character" in problems[0].message
    marked = text.replace("\n    {", "\n<<<<<<< HEAD\n    {", 1)
    assert marked != text
    path.write_text(marked, encoding="utf-8")
    found, problems = read_model(SessionsFile, path, file="sessions.toml")
    assert found is None and "merge conflict" in problems[0].message
