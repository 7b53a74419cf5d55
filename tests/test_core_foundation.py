"""The foundation's core, tested directly: key locations, reporting lines, dates, round trips."""

from __future__ import annotations

import datetime as dt
import tomllib

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from rmcli.dates import add_months
from rmcli.io.toml import locate
from rmcli.matching.rules import Rules, above
from rmcli.models import Person, Program, Roster
from rmcli.org import chain_above, find_cycles

TEXT = """name = "x"
start = 2027-01-01
[cadence]
one_to_one = "monthly"
[[topics]]
month = 1
prompts = [
  "a = b",
]
[[topics]]
month = 2
[matching.weights]
topics = 2
[org]
dora = "erik"
"""


def test_locate_finds_keys_tables_and_list_elements():
    assert locate(TEXT, ("start",)) == 2
    assert locate(TEXT, ("cadence", "one_to_one")) == 4
    assert locate(TEXT, ("topics", 0, "prompts", 0)) == 7
    assert locate(TEXT, ("topics", 1, "month")) == 11
    assert locate(TEXT, ("topics", 1, "title")) == 10, "a missing key points at its table"
    assert locate(TEXT, ("matching", "weights", "topics")) == 13
    assert locate(TEXT, ("org", "dora")) == 15
    assert locate(TEXT, ("org", "nobody")) == 14
    assert locate(TEXT, ("nothing",)) is None


def test_reporting_lines():
    managers = {"a": "b", "b": "c", "c": "", "x": "y", "y": "x"}
    assert chain_above("a", managers) == ["b", "c"]
    direct = Rules(forbid="direct", managers=managers, avoid=frozenset())
    chain = Rules(forbid="chain", managers=managers, avoid=frozenset())
    assert above("a", direct) == ["b"]
    assert above("a", chain) == ["b", "c"]
    assert above("c", chain) == []
    assert above("x", chain) == ["y"], "a reporting cycle stops at the person"
    assert find_cycles(managers) == [["x", "y"]]


@given(st.dictionaries(st.sampled_from("abcdefg"), st.sampled_from("abcdefg"), max_size=7))
def test_every_cycle_found_is_a_real_cycle(managers):
    for cycle in find_cycles(managers):
        for here, there in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
            assert managers[here] == there
    # a graph where every chain ends is acyclic
    for person in managers:
        above = chain_above(person, managers)
        if not any(person in c for c in find_cycles(managers)):
            assert person not in above


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 1, 1)), st.integers(0, 60))
def test_add_months_clamps_to_month_end(day, months):
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    assert moved.day == day.day or (moved.day < day.day and (moved + dt.timedelta(days=1)).day == 1)


slugs = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True)
texts = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)
people = st.builds(
    Person,
    id=slugs,
    name=texts,
    role=st.sampled_from(["junior", "senior"]),
    email=st.sampled_from(["", "a@example.com", "Ünï@exämple.de"]),
    department=st.text(max_size=20),
    manager=st.one_of(st.just(""), slugs),
    volunteer=st.booleans(),
    capacity=st.integers(1, 10),
    expertise=st.lists(slugs, max_size=4),
    interests=st.lists(slugs, max_size=4),
    timezone=st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"]),
    languages=st.lists(st.sampled_from(["en", "de", "pt-BR"]), min_size=1, max_size=3),
)


@given(
    st.lists(people, max_size=5), st.dictionaries(slugs, st.one_of(st.just(""), slugs), max_size=4)
)
def test_roster_round_trips_through_toml(persons, org):
    roster = Roster(people=persons, org=org)
    text = tomli_w.dumps(roster.model_dump(mode="python"))
    assert Roster.model_validate(tomllib.loads(text)) == roster


@given(
    name=texts,
    start=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    months=st.integers(1, 36),
    minutes=st.integers(30, 480),
    fmt=st.sampled_from(["one-to-one", "group", "peer", "project"]),
    skip=st.lists(
        st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)), max_size=3
    ),
)
def test_program_round_trips_through_toml(name, start, months, minutes, fmt, skip):
    program = Program.model_validate(
        {
            "name": name,
            "start": start,
            "months": months,
            "session_minutes": minutes,
            "format": fmt,
            "calendar": {"skip": skip, "timezone": "Europe/Berlin"},
            "topics": [
                {"month": m, "title": f"T{m}", "prompts": ["why?"]} for m in range(1, months + 1)
            ],
        }
    )
    text = tomli_w.dumps(program.model_dump(mode="python", exclude_none=True))
    assert Program.model_validate(tomllib.loads(text)) == program
