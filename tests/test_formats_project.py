"""Project format end to end: goals and milestones in agendas, schedule and calendar."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rmcli.folder import MATCHES_FILE, write_owned
from rmcli.models import Match, MatchesFile

Cli = Callable[..., Any]


def _starter(tmp_path: Path, cli: Cli, matches: list[Match], *, language: str = "en") -> Path:
    """Return the project starter in a language with four people and these matches."""
    folder = tmp_path / "p"
    result = cli("init", str(folder), "--starter", "project", "--language", language, "--yes")
    assert result.exit_code == 0, result.output
    people = (("jonas", "junior"), ("markus", "senior"), ("lena", "junior"), ("tim", "senior"))
    for person, role in people:
        args = ("--id", person, "--name", person.title(), "--role", role)
        added = cli("roster", "add", "-p", str(folder), *args)
        assert added.exit_code == 0, added.output
    write_owned(folder, MATCHES_FILE, MatchesFile(matches=matches))
    return folder


@pytest.fixture
def project(tmp_path: Path, cli: Cli) -> Path:
    """Return the project starter with one pair on ai-eval."""
    pair = Match(id="jonas-markus", juniors=["jonas"], seniors=["markus"], project="ai-eval")
    return _starter(tmp_path, cli, [pair])


def test_agenda_names_the_project_goal_and_milestone(project: Path, cli: Cli) -> None:
    args = ("-p", str(project), "agenda", "--match", "jonas-markus", "--stdout", "--session")
    second = cli(*args, "2").stdout
    assert "## Project: Evaluate an AI tool for our workflows" in second
    assert "**Goal:** A one-page recommendation to leadership" in second
    assert "**This month's milestone:** Two real tasks chosen and the tool set up" in second
    third = cli(*args, "3").stdout
    assert "no milestone is set" in third


def test_schedule_and_calendar_name_project_and_milestone(project: Path, cli: Cli) -> None:
    data = json.loads(cli("-p", str(project), "schedule", "--json").stdout)
    rows = {r["number"]: r for r in data["sessions"] if r["match"] == "jonas-markus"}
    assert rows[2]["project"] == "ai-eval"
    assert rows[2]["milestone"] == "Two real tasks chosen and the tool set up"
    assert rows[3]["milestone"] is None
    table = cli("-p", str(project), "schedule", env={"COLUMNS": "200"}).stdout
    assert "project ai-eval" in table and "Two real tasks chosen" in table
    ics = project / "all.ics"
    assert cli("-p", str(project), "schedule", "--ics", str(ics)).exit_code == 0
    text = ics.read_text(encoding="utf-8").replace("\n ", "")
    assert "Project: Evaluate an AI tool for our workflows · milestone: Two real tasks" in text


def test_validate_warns_about_a_milestone_after_the_end(project: Path, cli: Cli) -> None:
    path = project / "program.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{ month = 6, text", "{ month = 8, text", 1),
        encoding="utf-8",
    )
    result = cli("validate", "-p", str(project))
    assert result.exit_code == 0
    assert "milestone of month 8 is after the program's 6 months" in result.stderr


@pytest.mark.parametrize("language", ["en", "de"])
def test_project_plan_replaces_the_topics(tmp_path: Path, cli: Cli, language: str) -> None:
    matches = [
        Match(id="jonas-markus", juniors=["jonas"], seniors=["markus"], project="ai-eval"),
        Match(id="lena-tim", juniors=["lena"], seniors=["tim"]),  # no project: the topics
    ]
    folder = _starter(tmp_path, cli, matches, language=language)

    def agenda(match: str, number: int) -> str:
        result = cli(
            "-p", str(folder), "agenda", "--match", match, "--session", str(number), "--stdout"
        )
        assert result.exit_code == 0, result.output
        return str(result.stdout)

    first, middle, last = (
        agenda("jonas-markus", 1),
        agenda("jonas-markus", 3),
        agenda("jonas-markus", 6),
    )
    words = {
        "en": ("project kick-off", "working session", "demo and hand-over", "Topic of the month"),
        "de": ("Projektstart", "Arbeitssession", "Demo und Übergabe", "Thema des Monats"),
    }[language]
    assert words[0] in first and words[1] in middle and words[2] in last
    for text in (first, middle, last):
        assert words[3] not in text  # the project replaces the monthly topic
    assert words[3] in agenda("lena-tim", 3)  # a pair without a project keeps the topics
    checked = cli("validate", "-p", str(folder))
    assert "plan = " not in checked.stderr
