"""Agenda core: timed outlines, rendered Markdown in both languages, template overrides."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from rmcli.errors import InputError
from rmcli.folder import MATCHES_FILE, write_owned
from rmcli.folder import load as load_folder
from rmcli.models import MatchesFile, Program
from rmcli.schedule.agenda import (
    agenda_environment,
    render_agenda,
    render_outline,
    shared_interests,
)
from rmcli.schedule.outline import STEPS, outline, split_minutes
from rmcli.schedule.plan import PlannedSession, plan_sessions
from schedule_helpers import edit_program, sessions_of, write_matches

MINUTES = re.compile(r"\((\d+) (?:min|Min\.)\)")


def load(folder: Path) -> tuple[Program, MatchesFile, list[PlannedSession]]:
    """Return the program, its matches and its planned sessions."""
    program = load_folder(folder).program
    matches = load_folder(folder).matches
    return program, matches, plan_sessions(program=program, matches=matches)


def agenda_of(folder: Path, match: str, number: int) -> str:
    """Render one session's agenda from the files in `folder`."""
    program, matches, sessions = load(folder)
    session = next(s for s in sessions if s.match == match and s.number == number)
    env = agenda_environment(program=program, program_folder=folder)
    roster = load_folder(folder).roster
    return render_agenda(env=env, program=program, roster=roster, matches=matches, session=session)


def tokens(markdown: str) -> list[Token]:
    """Parse Markdown with a CommonMark renderer."""
    return MarkdownIt("commonmark").parse(markdown)


def headings(markdown: str, level: int) -> list[str]:
    """Return the text of every heading of one level."""
    found = tokens(markdown)
    return [
        found[i + 1].content
        for i, tok in enumerate(found)
        if tok.type == "heading_open" and tok.tag == f"h{level}"
    ]


def ordered_items(markdown: str) -> list[str]:
    """Return the inline text of every item of ordered lists (the timed outline)."""
    found = tokens(markdown)
    items, depth = [], 0
    for _i, tok in enumerate(found):
        if tok.type == "ordered_list_open":
            depth += 1
        elif tok.type == "ordered_list_close":
            depth -= 1
        elif depth and tok.type == "inline":
            items.append(tok.content)
    return items


@given(
    minutes=st.integers(min_value=30, max_value=480),
    kind=st.sampled_from(sorted(STEPS)),
)
def test_outline_minutes_add_up_exactly(minutes: int, kind: str) -> None:
    weights = [w for _, w in STEPS[kind]]  # type: ignore[index]  # kind is a Kind
    parts = split_minutes(minutes, weights)
    assert sum(parts) == minutes
    assert len(parts) == len(weights)
    assert all(part >= 5 for part in parts)


@given(minutes=st.integers(min_value=30, max_value=480))
def test_outline_steps_run_back_to_back_from_start_to_end(minutes: int) -> None:
    start = dt.datetime(2027, 3, 16, 9, 30, tzinfo=dt.UTC)
    session = PlannedSession(
        match="m", number=2, kind="match", date=start.date(), start=start, minutes=minutes,
        month=2, topic=None, first=False, last=False, people=("a", "b"), total=6,
    )  # fmt: skip
    steps = outline(session)
    assert steps[0].start == start
    assert steps[-1].end == start + dt.timedelta(minutes=minutes)
    assert all(a.end == b.start for a, b in itertools.pairwise(steps))


@pytest.mark.parametrize("minutes", [30, 45, 60, 95, 480])
def test_rendered_outline_sums_to_session_minutes(example: Path, minutes: int) -> None:
    write_matches(example)
    edit_program(example, session_minutes=minutes)
    for number in (1, 3, 6):
        text = agenda_of(example, "helga-aylin", number)
        items = ordered_items(text)
        assert items, "the outline is an ordered list"
        assert sum(int(MINUTES.search(item).group(1)) for item in items) == minutes  # type: ignore[union-attr]


def test_regular_session_markdown_structure(example: Path) -> None:
    write_matches(example)
    text = agenda_of(example, "helga-aylin", 2)
    assert headings(text, 1) == ["Session 2 of 6: New tools and technologies"]
    assert headings(text, 2) == [
        "Topic of the month: New tools and technologies",
        "Outline",
        "Preparation",
        "A reminder",
    ]
    assert headings(text, 3) == ["For the junior", "For the senior"]
    assert len(ordered_items(text)) == 4
    # The month's prompts are list items, and the pair's shared interest is named.
    inline = [t.content for t in tokens(text) if t.type == "inline"]
    assert "Which AI assistant or tool would you show a leader first, and on what task?" in inline
    assert "You share an interest in AI tools, which fits this topic well" in text
    assert "`ai-tools`" not in text  # a word for the participant, not the program's id
    assert "Aylin Demir" in text and "the expert in this session" in text
    assert "Tuesday, 16 February 2027, 10:00–11:00 (Europe/Berlin)" in text


def test_first_session_is_about_getting_to_know_each_other(example: Path) -> None:
    write_matches(example)
    text = agenda_of(example, "helga-aylin", 1)
    assert headings(text, 1) == ["Session 1 of 6: getting started"]
    steps = ordered_items(text)
    for label in ("Welcome", "Expectations", "Choosing the topics", "How we work together"):
        assert any(label in step for step in steps), label
    assert any("Confidentiality" in step for step in steps)
    assert "Month 4: Onboarding feedback" in text  # the plan, to prioritise topics


def test_last_session_is_the_retrospective_with_a_feedback_pointer(example: Path) -> None:
    write_matches(example)
    text = agenda_of(example, "helga-aylin", 6)
    assert headings(text, 1) == ["Session 6 of 6: retrospective"]
    assert "Feedback" in headings(text, 2)
    assert "`rmcli feedback`" in text
    assert any("Recommendations for the organisation" in s for s in ordered_items(text))
    assert "Not an alibi" in text


def test_cohort_agenda_lists_the_pairs(example: Path) -> None:
    write_matches(example)
    text = agenda_of(example, "cohort", 1)
    assert headings(text, 1) == ["Cohort meeting 1 of 2"]
    assert "The pairs" in headings(text, 2)
    assert "Feedback" not in headings(text, 2)  # only the last cohort meeting asks for it
    assert "`markus-jonas`: Jonas Weber with Markus Richter" in text
    final = agenda_of(example, "cohort", 2)
    assert headings(final, 1) == ["Cohort meeting 2 of 2: closing the program"]
    assert sum(int(m) for m in MINUTES.findall(final)) == 90


def test_german_agendas_are_german(example: Path) -> None:
    write_matches(example)
    edit_program(example, language="de")
    text = agenda_of(example, "helga-aylin", 2)
    assert headings(text, 2)[1:] == ["Ablauf", "Vorbereitung", "Zur Erinnerung"]
    assert headings(text, 3) == ["Für den Junior", "Für den Senior"]
    assert "Dienstag, 16. Februar 2027" in text
    assert "Outline" not in text and "Preparation" not in text
    # Shared interests are named without the program's English ids inside German text.
    assert "Dieses Thema trifft Interessen, die ihr beide teilt: KI-Werkzeuge." in text
    assert "ai-tools" not in text and "ai tools" not in text
    first = agenda_of(example, "helga-aylin", 1)
    assert "Vertraulichkeit" in first
    last = agenda_of(example, "helga-aylin", 6)
    assert headings(last, 1) == ["Session 6 von 6: Retrospektive"]
    assert "`rmcli feedback`" in last
    cohort = agenda_of(example, "cohort", 2)
    assert "Die Paare" in headings(cohort, 2)


def test_shared_interests_are_the_topic_tags_both_sides_care_about(example: Path) -> None:
    write_matches(example)
    _program, _, sessions = load(example)
    roster = load_folder(example).roster
    own = sessions_of(sessions, match="helga-aylin")
    assert shared_interests(own[1], people=roster.by_id()) == [
        "ai-tools"
    ]  # helga wants, aylin knows
    assert shared_interests(own[0], people=roster.by_id()) == []  # developer-experience: helga no


def test_outline_text_for_calendars(example: Path) -> None:
    write_matches(example)
    program, matches, sessions = load(example)
    session = sessions_of(sessions, match="markus-jonas")[0]
    env = agenda_environment(program=program, program_folder=example)
    roster = load_folder(example).roster
    text = render_outline(env=env, program=program, roster=roster, matches=matches, session=session)
    assert text.splitlines()[0] == "Session 1 of 6: Developer Experience"
    assert "10:00–10:15 Welcome and getting to know each other (15 min)" in text
    # What the people receive: the topic's questions, no command only the organiser can run.
    assert all(f"- {prompt}" in text for prompt in session.topic.prompts)
    assert session.topic.prompts and "rmcli" not in text
    assert "Organiser: People & Culture, engineering" in text


def test_custom_template_folder_overrides_only_what_it_has(example: Path) -> None:
    write_matches(example)
    own = example / "my-templates" / "agenda" / "en"
    own.mkdir(parents=True)
    (own / "regular.md.j2").write_text(
        "# Our own agenda for {{ session.match }} {{ session.number }}\n", encoding="utf-8"
    )
    edit_program(example, templates_dir="my-templates")
    assert agenda_of(example, "helga-aylin", 3) == "# Our own agenda for helga-aylin 3\n"
    assert headings(agenda_of(example, "helga-aylin", 1), 1) == ["Session 1 of 6: getting started"]


def test_missing_templates_dir_is_an_input_error(example: Path) -> None:
    write_matches(example)
    edit_program(example, templates_dir="nowhere")
    with pytest.raises(InputError, match="templates_dir"):
        agenda_of(example, "helga-aylin", 1)


@pytest.mark.parametrize(
    ("body", "line", "what"),
    [
        ("# fine\n\n{% for x in %}\n", 3, "syntax"),
        ("# fine\nstill fine\n{{ session.no_such_key }}\n", 3, "failed"),
        ("{{ undefined_name }}\n", 1, "failed"),
    ],
)
def test_broken_template_names_template_and_line(
    example: Path, body: str, line: int, what: str
) -> None:
    write_matches(example)
    own = example / "tpl" / "agenda" / "en"
    own.mkdir(parents=True)
    (own / "regular.md.j2").write_text(body, encoding="utf-8")
    edit_program(example, templates_dir="tpl")
    with pytest.raises(InputError) as caught:
        agenda_of(example, "helga-aylin", 2)
    assert f"regular.md.j2:{line}:" in caught.value.message
    assert what in caught.value.message


def test_both_languages_ship_the_same_template_files() -> None:
    from rmcli.io.templates import shipped_root

    english = sorted(p.name for p in (shipped_root() / "agenda" / "en").iterdir())
    german = sorted(p.name for p in (shipped_root() / "agenda" / "de").iterdir())
    assert english == german
    assert {"first.md.j2", "regular.md.j2", "last.md.j2", "cohort.md.j2"} <= set(english)


def test_biweekly_parts_and_months_without_a_topic(example: Path) -> None:
    write_matches(example)
    edit_program(example, cadence={"one_to_one": "biweekly", "group": "quarterly"})
    text = agenda_of(example, "helga-aylin", 4)
    assert "(month 2, part 2 of 2)" in text
    assert "pick up where you left off" in text
    assert headings(text, 1) == ["Session 4 of 12: New tools and technologies"]
    program = (example / "program.toml").read_text(encoding="utf-8")
    cut = program.index("[[topics]]\nmonth = 3")
    (example / "program.toml").write_text(program[:cut], encoding="utf-8")
    untitled = agenda_of(example, "helga-aylin", 5)
    assert headings(untitled, 1) == ["Session 5 of 12"]
    assert "The plan has no topic for month 3" in untitled


def test_group_match_lists_every_junior_and_unknown_people_by_id(example: Path) -> None:
    from rmcli.models import Match

    group = MatchesFile(
        matches=[Match(id="team-a", juniors=["aylin", "jonas", "gone"], seniors=["helga"])]
    )
    write_owned(example, MATCHES_FILE, group)
    text = agenda_of(example, "team-a", 2)
    junior_lines = [line for line in text.splitlines() if line.startswith("- **Junior")]
    assert len(junior_lines) == 3
    assert "gone (`gone`)" in junior_lines[2]  # left the roster: shown by id only
    assert [line for line in text.splitlines() if line.startswith("- **Senior")] == [
        "- **Senior (mentee):** Helga Brandt (`helga`, VP Engineering): here to learn"
    ]


@settings(max_examples=25)
@given(minutes=st.integers(min_value=30, max_value=480), number=st.sampled_from([1, 2, 6]))
def test_rendered_agenda_outline_sums_for_any_length(
    example: Path, minutes: int, number: int
) -> None:
    write_matches(example)
    program, matches, _ = load(example)
    program = program.model_copy(update={"session_minutes": minutes})
    sessions = plan_sessions(program=program, matches=matches)
    session = next(s for s in sessions if s.match == "sabine-noah" and s.number == number)
    env = agenda_environment(program=program, program_folder=example)
    roster = load_folder(example).roster
    text = render_agenda(env=env, program=program, roster=roster, matches=matches, session=session)
    items = ordered_items(text)
    assert sum(int(MINUTES.search(item).group(1)) for item in items) == minutes  # type: ignore[union-attr]
    assert f"{minutes} minutes" in text
