"""`rmcli agenda` end to end: files under reports/agendas/, next, --all, --stdout, errors."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rmcli.cli import ask
from schedule_helpers import PAIRS, edit_program, write_log, write_matches

Cli = Callable[..., Any]


def test_agenda_writes_a_private_file_and_shows_it(example: Path, cli: Cli) -> None:
    write_matches(example)
    result = cli("-p", str(example), "agenda", "--match", "helga-aylin", "--session", "1")
    assert result.exit_code == 0, result.output
    path = example / "reports" / "agendas" / "helga-aylin-1.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Session 1 of 6: getting started\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((example / "reports").stat().st_mode) == 0o700
    # Shown rendered: the heading without its '#', list bullets drawn by rich.
    assert "Session 1 of 6: getting started" in result.stdout
    assert "# Session" not in result.stdout
    assert "helga-aylin-1.md" in result.stderr


def test_session_six_is_the_retrospective(example: Path, cli: Cli) -> None:
    write_matches(example)
    result = cli("-p", str(example), "agenda", "-m", "markus-jonas", "-s", "6", "--stdout")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Session 6 of 6: retrospective\n")
    assert "rmcli feedback" in result.stdout
    assert not (example / "reports").exists()  # --stdout writes nothing


def test_next_is_the_first_session_not_logged_as_held(example: Path, cli: Cli) -> None:
    write_matches(example)
    write_log(
        example,
        [("helga-aylin", 1, "held"), ("helga-aylin", 2, "held"), ("helga-aylin", 3, "cancelled")],
    )
    result = cli("-p", str(example), "agenda", "-m", "helga-aylin", "--stdout")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Session 3 of 6: Team culture through junior eyes\n")


def test_all_writes_the_next_agenda_of_every_match(example: Path, cli: Cli) -> None:
    write_matches(example)
    write_log(example, [("markus-jonas", 1, "held")])
    result = cli("-p", str(example), "agenda", "--all")
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (example / "reports" / "agendas").iterdir())
    assert written == ["helga-aylin-1.md", "markus-jonas-2.md", "sabine-noah-1.md"]


def test_all_sessions_held_needs_an_explicit_number(example: Path, cli: Cli) -> None:
    write_matches(example, pairs=PAIRS[:1])
    write_log(example, [("helga-aylin", n, "held") for n in range(1, 7)])
    result = cli("-p", str(example), "agenda", "-m", "helga-aylin")
    assert result.exit_code == 1
    assert "--session N" in result.stderr


def test_cohort_agenda(example: Path, cli: Cli) -> None:
    write_matches(example)
    result = cli("-p", str(example), "agenda", "-m", "cohort", "-s", "2")
    assert result.exit_code == 0, result.output
    text = (example / "reports" / "agendas" / "cohort-2.md").read_text(encoding="utf-8")
    assert text.startswith("# Cohort meeting 2 of 2: closing the program\n")


def test_german_agenda(example: Path, cli: Cli) -> None:
    write_matches(example)
    edit_program(example, language="de")
    result = cli("-p", str(example), "agenda", "-m", "helga-aylin", "-s", "1", "--stdout")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Session 1 von 6: der Auftakt\n")
    assert "## Ablauf" in result.stdout and "## Vorbereitung" in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["-m", "helga-aylin", "-s", "7"], "--session 7"),
        (["-m", "helga-aylin", "-s", "soon"], "--session soon"),
        (["-m", "nobody"], "--match nobody"),
        (["--all", "-m", "helga-aylin"], "--all"),
        ([], "--match"),  # no terminal in tests: nothing can be asked
    ],
)
def test_agenda_bad_flags_exit_2(example: Path, cli: Cli, args: list[str], expected: str) -> None:
    write_matches(example)
    result = cli("-p", str(example), "agenda", *args)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_asked_for_the_match_in_a_terminal(
    example: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_matches(example)
    asked: list[list[str]] = []

    def answer(question: str, *, choices: list[str], **_: object) -> str:
        asked.append(choices)
        return "sabine-noah"

    monkeypatch.setattr(ask, "can_ask", lambda yes: True)
    monkeypatch.setattr(ask, "choice", answer)
    result = cli("-p", str(example), "agenda", "-s", "2", "--stdout")
    assert result.exit_code == 0, result.output
    assert asked == [["cohort", "helga-aylin", "markus-jonas", "sabine-noah"]]
    assert "Noah Fischer" in result.stdout


def test_broken_template_exits_2_naming_template_and_line(example: Path, cli: Cli) -> None:
    write_matches(example)
    own = example / "mine" / "agenda" / "en"
    own.mkdir(parents=True)
    (own / "first.md.j2").write_text(
        '{% extends "_base.md.j2" %}\n{% block intro %}\n{{ session.when }}\n{% endblock %}\n',
        encoding="utf-8",
    )
    edit_program(example, templates_dir="mine")
    result = cli("-p", str(example), "agenda", "-m", "helga-aylin", "-s", "1")
    assert result.exit_code == 2
    assert "first.md.j2:3:" in result.stderr
    assert "Traceback" not in result.output
    assert not (example / "reports" / "agendas" / "helga-aylin-1.md").exists()
    # The other sessions still use rmcli's own templates.
    assert cli("-p", str(example), "agenda", "-m", "helga-aylin", "-s", "2").exit_code == 0


def test_validate_reports_a_missing_templates_dir_and_broken_templates(
    example: Path, cli: Cli
) -> None:
    edit_program(example, templates_dir="tpl")
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 2
    assert "templates_dir: folder does not exist" in result.stderr
    own = example / "tpl" / "agenda" / "de"
    own.mkdir(parents=True)
    (own / "last.md.j2").write_text("# ok\n\n{% if %}\n", encoding="utf-8")
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 2
    assert "last.md.j2:3: template syntax error" in result.stderr
    (own / "last.md.j2").write_text("# ok {{ session.number }}\n", encoding="utf-8")
    assert cli("-p", str(example), "validate").exit_code == 0
