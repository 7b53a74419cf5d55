"""The line index finds the lines it found before it was made faster, for any text."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from rmcli.io.toml import _bracket_balance, _index, _scan, locate

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


def entries(text: str) -> tuple[tuple[int, tuple[int | str, ...]], ...]:
    """Return every entry of a text, as the whole scan finds them."""
    return tuple(_scan(text, {}))


def _whole_locate(text: str, target: tuple[int | str, ...]) -> int | None:
    """Return the line `locate` gave when it grouped every entry first."""
    grouped: dict[tuple[int | str, ...], list[tuple[int, tuple[int | str, ...]]]] = {}
    for number, path in entries(text):
        grouped.setdefault(path[:2], []).append((number, path))
    best: tuple[int, int] | None = None
    for number, path in [*grouped.get(target[:1], []), *grouped.get(target[:2], [])]:
        if path == target[: len(path)] and (best is None or len(path) > best[0]):
            best = (len(path), number)
    return None if best is None or best[0] == 0 else best[1]


LINES = st.one_of(
    st.sampled_from(
        [
            *("[[people]]", "[people]", "[[people.talks]]", "[people.extra]", "[org]", "[ ]"),
            *('id = "a"', "a.b = 1", '"q[x" = 2', "list = [", "table = {", "a = [1, [2,"),
            *("]", "],", "}", "]]", '  "x = [",', "  { b = 2 },", "[1, 2]", "# [[people]]"),
            *("", "people = 3", "people.1.id = 4", "[[ people ]]", "[people.talks]"),
        ]
    ),
    st.text(st.sampled_from(list("[]{}\"'#= ,.ab1")), max_size=12),
)
TARGETS = st.tuples(
    st.sampled_from(["people", "org", "a", "list", "q[x", "id"]),
    st.integers(min_value=0, max_value=4) | st.sampled_from(["id", "talks", "extra", "b"]),
    st.sampled_from(["id", "talks", "b", 0, 1]),
).flatmap(lambda t: st.sampled_from([t[:1], t[:2], t]))


@given(st.lists(LINES, max_size=30), st.lists(TARGETS, min_size=1, max_size=6))
@example(["[[people]]", 'id = "a"', "[people]", "x = 1"], [("people", 0, "id"), ("people", 1)])
@example(["list = [", "[[people]]", "]", "[[people]]", "id = 1"], [("people", 0, "id")])
@example(["people = 3", "[[people]]", "[[people]]", "[ ]", "people.1.id = 4"], [("people", 1)])
def test_a_lookup_reads_as_far_as_it_needs_and_finds_the_same_line(
    lines: list[str], targets: list[tuple[int | str, ...]]
) -> None:
    text = "\n".join(lines) + "\n"
    _index.cache_clear()  # each lookup order reads the text from its start again
    for target in targets:
        assert locate(text, target) == _whole_locate(text, target), target


def test_the_first_tables_of_a_long_array_are_found_without_reading_the_rest() -> None:
    person = '[[people]]\nid = "p"\ninterests = [\n  "a",\n]\nrole = "x"\n\n'
    people = person * 1000  # seven lines each
    _index.cache_clear()
    assert locate(people, ("people", 5, "role")) == 5 * 7 + 6
    assert locate(people, ("people", 5, "interests", 0)) == 5 * 7 + 3
    assert _index(people).counters == {("people",): 6}  # read up to the seventh table
    assert locate(people, ("org", "x")) is None  # a key of no array: the whole text is read
    assert _index(people).counters == {("people",): 999}
