"""The line index finds the lines it found before it was made faster, for any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from rmcli.io.toml import _bracket_balance, entries

LINE = st.text(st.sampled_from(list("[]{}\"'#= ,ab1\\")), max_size=20)


def _balance_by_character(line: str) -> int:
    """Return the bracket balance as the index counted it, one character at a time."""
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


@given(LINE)
def test_the_balance_skips_quoted_text_and_comments(line: str) -> None:
    assert _bracket_balance(line) == _balance_by_character(line)


def test_keys_inside_a_multi_line_array_are_not_keys() -> None:
    text = 'a = [\n  "x = 1",\n  { b = 2 },\n]\nc = 3\n[t]\nd = "[" # ]\ne = 4\n'
    assert entries(text) == (
        (1, ("a",)),
        (5, ("c",)),
        (6, ("t",)),
        (7, ("t", "d")),
        (8, ("t", "e")),
    )
