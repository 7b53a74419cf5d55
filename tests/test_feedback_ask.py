"""`rmcli feedback --person ID --survey final`: the questions asked in a terminal."""

from __future__ import annotations

import tomllib

import pytest

from rmcli.cli import ask
from rmcli.cli import feedback as feedback_cli

FINAL = {
    "satisfaction": 4,
    "learned": ["ai-tools", "reading a P&L"],
    "skills": {"ai-tools": 4},
    "relationship": True,
    "continue": False,
    "worked": "Showing real tools",
    "change": None,
    "gained": ["new-tools"],
    "stay": True,
    "decided": False,
    "recommend": "Keep going",
}


@pytest.fixture
def terminal(monkeypatch):
    """Pretend to run in a terminal and answer every question from FINAL."""
    asked: list[str] = []

    def answer(question, *, language, topics, labels=None):
        asked.append(question.id)
        return FINAL[question.id]

    monkeypatch.setattr(ask, "can_ask", lambda yes: not yes)
    monkeypatch.setattr(feedback_cli, "ask_question", answer)
    monkeypatch.setattr(ask, "choice", lambda question, *, choices, **_: choices[0])
    return asked


def stored(folder):
    """Return the stored answers keyed by (person, survey)."""
    data = tomllib.loads((folder / "feedback.toml").read_text(encoding="utf-8"))
    return {(a["person"], a["survey"]): a for a in data["answers"]}


def test_asks_the_seniors_questions_and_stores_them(example, cli, terminal):
    result = cli(
        "feedback",
        "-p",
        str(example),
        "--person",
        "helga",
        "--survey",
        "final",
        "--as-of",
        "2027-07-01",
    )
    assert result.exit_code == 0, result.output
    assert terminal == [
        "satisfaction",
        "learned",
        "skills",
        "relationship",
        "continue",
        "gained",
        "decided",
        "worked",
        "change",
        "recommend",
    ]
    helga = stored(example)[("helga", "final")]
    assert helga["satisfaction"] == 4 and helga["continue"] is False
    assert helga["learned"] == ["ai-tools", "reading a P&L"]
    assert helga["gained"] == ["new-tools"] and "change" not in helga


def test_person_and_survey_are_asked_when_missing(example, cli, terminal):
    result = cli("feedback", "-p", str(example))
    assert result.exit_code == 0, result.output
    assert ("helga", "intake") in stored(example)  # first of each list


def test_replacing_asks_first_and_keeps_the_old_answer_on_no(example, cli, terminal, monkeypatch):
    args = ("feedback", "-p", str(example), "--person", "lena", "--survey", "final")
    assert cli(*args).exit_code == 0
    before = stored(example)
    monkeypatch.setitem(FINAL, "satisfaction", 1)
    monkeypatch.setattr(ask, "yes_no", lambda question, **_: False)
    kept = cli(*args)
    assert kept.exit_code == 2
    assert stored(example) == before
    monkeypatch.setattr(ask, "yes_no", lambda question, **_: True)
    assert cli(*args).exit_code == 0
    assert stored(example)[("lena", "final")]["satisfaction"] == 1


def test_without_a_terminal_the_missing_flag_is_named(example, cli):
    result = cli("feedback", "-p", str(example), "--survey", "final")
    assert result.exit_code == 2
    assert "--person" in result.stderr and "Traceback" not in result.output
    result = cli("feedback", "-p", str(example), "--person", "lena", "--survey", "final")
    assert result.exit_code == 2
    assert "rmcli feedback import" in result.stderr
    assert not (example / "feedback.toml").exists()


def test_unknown_person_or_survey(example, cli, terminal):
    assert (
        "no one with id"
        in cli("feedback", "-p", str(example), "--person", "zoe", "--survey", "final").stderr
    )
    bad = cli("feedback", "-p", str(example), "--person", "lena", "--survey", "exit")
    assert bad.exit_code == 2 and "unknown survey" in bad.stderr


def test_a_required_question_skipped_is_refused(example, cli, terminal, monkeypatch):
    monkeypatch.setitem(FINAL, "relationship", None)
    result = cli("feedback", "-p", str(example), "--person", "lena", "--survey", "final")
    assert result.exit_code == 2
    assert "relationship: required answer is missing" in result.stderr


class Scripted:
    """A stand-in for a questionary prompt that returns the next scripted answer."""

    def __init__(self, answers: list, seen: list) -> None:
        self.answers, self.seen = answers, seen

    def __call__(self, message, **kwargs):
        self.seen.append((message, kwargs.get("choices")))
        return self

    def unsafe_ask(self):
        return self.answers.pop(0)


def test_questionary_prompts_per_kind(monkeypatch):
    import datetime as dt

    import questionary

    from conftest import EXAMPLE
    from rmcli.feedback.collect import build_answer
    from rmcli.feedback.files import topics_of
    from rmcli.folder import load
    from rmcli.io.labels import tag_labels

    answers = [
        "4",  # satisfaction
        ["ai-tools"],
        "prompt writing; async updates",  # learned: topics, then free entries
        "2",
        "(skip)",
        "5",  # skills: one select per topic, one skipped
        "yes",
        "no",  # relationship, continue
        ["visibility", "sponsor"],  # gained
        "yes",
        "no",  # stay, decided (the organisation's gains)
        "Real tools",
        "",
        "Keep it",  # worked, change (left empty), recommend
    ]
    seen: list = []
    prompt = Scripted(answers, seen)
    for name in ("select", "text", "checkbox"):
        monkeypatch.setattr(questionary, name, prompt)
    program, roster = load(EXAMPLE).program, load(EXAMPLE).roster
    lena = roster.get("lena")
    survey = load(EXAMPLE).surveys.get("final")
    topics = topics_of(lena, program)
    german = tag_labels(program.labels, "de")
    values = {
        q.id: feedback_cli.ask_question(q, language="de", topics=topics, labels=german)
        for q in survey.asks("junior")
    }
    assert answers == []
    answer = build_answer(person=lena, survey=survey, values=values, answered=dt.date(2027, 7, 1))
    assert answer.satisfaction == 4
    assert answer.learned == ["ai-tools", "prompt writing", "async updates"]
    assert answer.skills == {topics[0]: 2, topics[2]: 5}
    assert (answer.relationship, answer.continue_) == (True, False)
    assert answer.gained == ["visibility", "sponsor"] and answer.change == ""
    assert answer.extra == {"stay": True, "decided": False}
    assert seen[0][0].startswith("Wie zufrieden")  # the German wording for language "de"
    # Tags show by their German labels; the answer keeps the ids.
    ticked = next(c for _, c in seen if c and not isinstance(c[0], str))
    assert [c.title for c in ticked] == [german(t) for t in topics]
    assert "KI-Werkzeuge" in [c.title for c in ticked] and "ai-tools" in topics
    rated = [m for m, _ in seen if m.endswith(german(topics[0]))]
    assert rated and not any(m.endswith(topics[0]) for m, _ in seen)
