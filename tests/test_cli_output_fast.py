"""The fast writers of the CLI give what the slow general ones give, byte for byte."""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
import io
import json
import re
from collections import OrderedDict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich import box
from rich.console import Console, Group
from rich.table import Table
from rich.text import Text

from rmcli.cli.jsontext import dumps
from rmcli.cli.output import _PLAIN, note, report, warn
from rmcli.cli.views.table import Fast, Lines, _drawn, _plain, add_rows
from rmcli.words import say


class _Int(int):
    pass


class _Float(float):
    pass


class _Str(str):
    pass


class _List(list[Any]):
    pass


class _Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


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
    # subclasses take the standard library's path, not the exact types' shortcuts
    st.integers(-5, 5).map(_Int),
    st.floats().map(_Float),
    st.text(max_size=4).map(_Str),
    st.sampled_from(_Level),
)
_DATA = st.recursive(
    _LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.lists(inner, max_size=3).map(_List),
        st.dictionaries(st.text(max_size=6), inner, max_size=4),
        st.dictionaries(st.text(max_size=3), inner, max_size=3).map(OrderedDict),
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
    # one dict key, several JSON keys: each str key is escaped once per call, no other kind
    alike = [{"1": 0}, {1: 1}, {True: 2}, {1.0: 3}, {"true": 4}, {_Str("1"): 5}, {"1": 6}]
    assert dumps(alike) == _standard(alike)


_WORDS = st.text(
    st.characters(
        codec="utf-8",
        exclude_categories=("Cs", "Cc"),
        include_characters="abc xyz[]→äß中文字😀\u0301",
    ),
    max_size=12,
)
_BOXES = st.sampled_from([box.SIMPLE_HEAD, box.ROUNDED, box.SIMPLE, None])
# a cell of several lines, as the roster's narrow view writes one topic a line
_CELLS = _WORDS | st.lists(_WORDS, min_size=2, max_size=4).map("\n".join)


@st.composite
def _tables(draw: st.DrawFn) -> Table:
    """Draw a table as the views build them: columns of one kind, rows of short texts.

    Some cells hold several lines, and some columns have a least or greatest width.
    """
    grid = draw(st.booleans())
    table = (
        Table.grid(padding=(0, draw(st.integers(0, 2))))
        if grid
        else Table(
            box=draw(_BOXES),
            pad_edge=draw(st.booleans()),
            show_header=draw(st.booleans()),
            show_edge=draw(st.booleans()),
            title=draw(st.none() | st.just("Title")),
        )
    )
    kinds = []
    for n in range(draw(st.integers(1, 4))):
        table.add_column(
            draw(_WORDS) or f"c{n}",
            justify=draw(st.sampled_from(["left", "right", "left", "right", "center"])),
            no_wrap=draw(st.booleans()),
            overflow=draw(st.sampled_from(["fold", "ellipsis", "crop"])),
            style=draw(st.sampled_from(["", "yellow", "bold"])),
            min_width=draw(st.none() | st.integers(1, 12)),
            max_width=draw(st.none() | st.integers(3, 20)),
            vertical=draw(st.sampled_from(["top", "top", "middle", "bottom"])),
        )
        kinds.append(draw(st.sampled_from(["str", "text", "dim"])))
    for _ in range(draw(st.integers(3, 12))):
        row: list[str | Text] = []
        for kind in kinds:
            text = draw(_CELLS)
            row.append(text if kind == "str" else Text(text, style="dim" if kind == "dim" else ""))
        table.add_row(*row)
    return table


def _rich(*, width: int, terminal: bool, soft_wrap: bool = False) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=terminal,
        color_system="truecolor" if terminal else None,
        soft_wrap=soft_wrap,
        markup=False,
        emoji=False,
        highlight=False,
    )


def _printed(renderable: object, *, width: int, terminal: bool, crop: bool = True) -> str:
    console = _rich(width=width, terminal=terminal)
    console.print(Group(Text("before"), renderable, Text("after")), crop=crop)
    return console.file.getvalue()  # type: ignore[attr-defined]


_SGR = re.compile(r"\x1b\[([0-9;]*)m")


def _look(printed: str) -> list[tuple[str, str]]:
    """Return each character with the colour codes in force: what a terminal shows."""
    shown: list[tuple[str, str]] = []
    codes = ""
    start = 0
    for sgr in _SGR.finditer(printed):
        shown += [(c, "" if c == "\n" else codes) for c in printed[start : sgr.start()]]
        codes = "" if sgr[1] in ("", "0") else sgr[1]
        start = sgr.end()
    return shown + [(c, "" if c == "\n" else codes) for c in printed[start:]]


def _alike(fast: str, rich: str, *, terminal: bool) -> bool:
    """Tell whether the fast drawing is Rich's: its bytes off a terminal, its look on one."""
    return _look(fast) == _look(rich) if terminal else fast == rich


@settings(max_examples=400)  # a quarter or so are plain enough for the shortcut
@given(_tables(), st.integers(8, 160), st.booleans())
def test_long_table_is_drawn_as_rich_draws_it(table: Table, width: int, terminal: bool) -> None:
    fast = Fast(table, long=0)  # every table takes the shortcut where it can
    for crop in (False, True):  # `status` prints uncropped, as its lines fit
        drawn = _printed(fast, width=width, terminal=terminal, crop=crop)
        rich = _printed(table, width=width, terminal=terminal, crop=crop)
        assert _alike(drawn, rich, terminal=terminal)


def test_long_plain_table_takes_the_shortcut() -> None:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Match", overflow="fold")
    table.add_column("Held", justify="right", no_wrap=True)
    table.add_column("Flags", style="yellow")
    for n in range(100):
        table.add_row(f"m{n}", Text(f"{n}/12 中文 → 😀"), "late" * (n % 3))
    console = Console(file=io.StringIO(), width=80, markup=False, emoji=False)
    drawn = _drawn(table, _plain(table) or [], console, console.options)
    assert drawn is not None
    # off a terminal each body line is one segment, its end included
    assert sum(s.text.startswith(" m") and s.text.endswith("\n") for s in drawn) == 100
    for terminal in (True, False):
        fast = _printed(Fast(table), width=80, terminal=terminal, crop=False)
        rich = _printed(table, width=80, terminal=terminal)
        assert _alike(fast, rich, terminal=terminal)
        assert terminal or "\x1b" not in fast
        assert not terminal or "\x1b[33m" in fast
    assert _look("a\x1b[33mb\x1b[0m") != _look("ab")  # the comparison sees colour


def test_tall_rows_take_the_shortcut() -> None:
    # as `roster list` in 80 columns: a person and one topic a line, blank below short cells
    table = Table(title="people", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("person", overflow="fold", max_width=30)
    table.add_column("teaches", overflow="fold", min_width=12)
    table.add_column("wants to learn", overflow="fold", min_width=12, style="yellow")
    for n in range(60):
        topics = [f"topic-{n % 7 + k}" for k in range(n % 4)]
        table.add_row(f"p{n}", f"Person {n}\nsenior, Dept {n % 3}", "\n".join(topics), "ai")
    for width in (60, 80, 120):
        console = Console(file=io.StringIO(), width=width, markup=False, emoji=False)
        drawn = _drawn(table, _plain(table) or [], console, console.options)
        assert drawn is not None
        for terminal in (True, False):
            fast = _printed(Fast(table), width=width, terminal=terminal, crop=False)
            rich = _printed(table, width=width, terminal=terminal)
            assert _alike(fast, rich, terminal=terminal)
            assert "topic-8" in fast and "Dept 2" in fast
    # a line that would wrap sends the whole table back to Rich
    table.add_row("p60", "x" * 40, "", "")
    console = Console(file=io.StringIO(), width=80, markup=False, emoji=False)
    assert _drawn(table, _plain(table) or [], console, console.options) is None
    fast = _printed(Fast(table), width=80, terminal=False)
    assert fast == _printed(table, width=80, terminal=False)


def test_rows_are_added_as_add_row_adds_them() -> None:
    rows: list[tuple[str, str | Text]] = [("m1", Text("a → b")), ("m2", "[bold]c")]
    for columns in (0, 2):  # a table without columns gets them from its first row
        bulk, one_by_one = Table(), Table()
        for table in (bulk, one_by_one):
            for n in range(columns):
                table.add_column(f"c{n}")
        add_rows(bulk, rows)
        for row in rows:
            one_by_one.add_row(*row)
        assert [list(c.cells) for c in bulk.columns] == [list(c.cells) for c in one_by_one.columns]
        assert bulk.rows == one_by_one.rows
        assert len(bulk.rows) == 2
        add_rows(bulk, [])
        assert len(bulk.rows) == 2
        assert _printed(bulk, width=40, terminal=False) == _printed(
            one_by_one, width=40, terminal=False
        )


_LINES = st.lists(
    _WORDS | st.sampled_from(["", "a\tb", " lead", "trail ", "x" * 90, "中" * 50]), max_size=8
)


@settings(max_examples=200)
@given(_LINES, st.sampled_from(["", "green", "bold yellow"]), st.integers(8, 120), st.booleans())
def test_lines_print_as_their_text(
    lines: list[str], style: str, width: int, terminal: bool
) -> None:
    fast = _printed(Lines(lines, style=style), width=width, terminal=terminal, crop=False)
    assert fast == _printed(Text("\n".join(lines), style=style), width=width, terminal=terminal)


@given(st.text(max_size=40) | st.sampled_from(["", "a\tb", "x\r\ny", "wrote a/b.toml\n"]))
def test_note_prints_what_rich_prints(message: str) -> None:
    from rmcli.cli.output import _console

    with contextlib.redirect_stderr(io.StringIO()) as printed:
        note(message)
    expected = _printed_by(_console(file=io.StringIO(), soft_wrap=True), message)
    assert printed.getvalue() == expected
    if _PLAIN.fullmatch(message):  # Rich on a colour terminal adds nothing to a plain line
        terminal = _rich(width=20, terminal=True, soft_wrap=True)
        assert printed.getvalue() == _printed_by(terminal, message)


def _printed_by(console: Console, message: str) -> str:
    console.print(message, markup=False)
    return console.file.getvalue()  # type: ignore[attr-defined]


@given(st.text(max_size=40) | st.just("a\tb"))
def test_warning_off_a_terminal_prints_what_rich_prints(message: str) -> None:
    from rmcli.cli.output import _console

    with contextlib.redirect_stderr(io.StringIO()) as printed:
        warn(message)
    rich = _console(file=io.StringIO(), soft_wrap=True)
    rich.print(say("warning: {message}", message=message), markup=False, style="yellow")
    assert printed.getvalue() == rich.file.getvalue()  # type: ignore[attr-defined]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_warning_on_a_terminal_is_rich_in_yellow(monkeypatch: pytest.MonkeyPatch) -> None:
    from rmcli.cli.output import _console

    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    with contextlib.redirect_stderr(_Terminal()) as printed:
        warn("late")
    rich = _console(file=_Terminal(), soft_wrap=True)
    rich.print(say("warning: {message}", message="late"), markup=False, style="yellow")
    assert "\x1b[33m" in printed.getvalue()
    assert printed.getvalue() == rich.file.getvalue()  # type: ignore[attr-defined]


@given(
    st.lists(
        st.tuples(
            st.text(max_size=30) | st.sampled_from(["a\tb", "x\x1by", "p/roster.toml:2: k: m"]),
            st.sampled_from(["", "red", "yellow"]),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_a_report_off_a_terminal_prints_what_rich_prints(lines: list[tuple[str, str]]) -> None:
    from rmcli.cli.output import _console

    with contextlib.redirect_stderr(io.StringIO()) as printed:
        report(lines)
    rich = _console(file=io.StringIO(), soft_wrap=True)
    rich.print(Text("\n").join(Text(text, style=style) for text, style in lines))
    assert printed.getvalue() == rich.file.getvalue()  # type: ignore[attr-defined]


def test_a_report_on_a_terminal_is_rich_in_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    from rmcli.cli.output import _console

    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    lines = [("error: bad", "red"), ("warning: late", "yellow"), ("p/: has errors", "")]
    with contextlib.redirect_stderr(_Terminal()) as printed:
        report(lines)
    rich = _console(file=_Terminal(), soft_wrap=True)
    rich.print(Text("\n").join(Text(text, style=style) for text, style in lines))
    assert "\x1b[31m" in printed.getvalue() and "\x1b[33m" in printed.getvalue()
    assert printed.getvalue() == rich.file.getvalue()  # type: ignore[attr-defined]
