"""What the CLI says to the organiser goes through gettext: English by default, German on request."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from rmcli.cli import ask
from schedule_helpers import write_matches

CLI = Path(__file__).resolve().parent.parent / "src" / "rmcli" / "cli"

Cli = Callable[..., Any]

# Calls whose text reaches the organiser: the first argument, and these keywords.
SPEAKING = {"note", "warn", "print", "choice", "text", "many", "yes_no", "confirm", "add_column"}
RAISING = {"InputError", "ActionNeeded", "AlreadyLogged", "RmcliError"}
WORDED = {"help", "hint", "title"}


def _words(node: ast.AST) -> bool:
    """Return whether an expression holds English written into the code (a letter in a literal)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return any(c.isalpha() for c in node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _words(node.left) or _words(node.right)
    if isinstance(node, ast.IfExp):
        return _words(node.body) or _words(node.orelse)
    return False


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def bare_texts(source: str) -> list[int]:
    """Return the lines where a text for the organiser bypasses say()/say_n()."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node)
        checked = [kw.value for kw in node.keywords if kw.arg in WORDED]
        if name in SPEAKING | RAISING and node.args:
            checked.append(node.args[0])
        found += [node.lineno for value in checked if _words(value)]
    return found


def _modules() -> Iterator[Path]:
    return iter(sorted(CLI.rglob("*.py")))


def test_the_scan_finds_a_bare_text() -> None:
    assert bare_texts('note("wrote it")\n') == [1]
    assert bare_texts('err().print(f"error: {x}")\n') == [1]
    assert bare_texts('raise InputError("no", hint="use --yes")\n') == [1, 1]
    assert bare_texts('typer.Option("--x", help="Some help.")\n') == [1]
    assert bare_texts('ask.choice("Which?", choices=c)\n') == [1]
    assert bare_texts('note(say("wrote {path}", path=p))\nt.add_column("#")\n') == []


@pytest.mark.parametrize("path", list(_modules()), ids=lambda p: str(p.relative_to(CLI)))
def test_no_cli_module_writes_a_bare_text_for_the_organiser(path: Path) -> None:
    lines = bare_texts(path.read_text(encoding="utf-8"))
    assert not lines, f"{path.name}: wrap the text on line(s) {lines} in say() or say_n()"


@pytest.mark.parametrize(
    ("language", "summary"),
    [
        (None, "is valid (0 errors, 0 warnings)"),  # the autouse fixture's English
        ("de", "ist gültig (0 Fehler, 0 Warnungen)"),
    ],
)
def test_validate_summary_in_the_organisers_language(
    example: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, language: str | None, summary: str
) -> None:
    if language:
        monkeypatch.setenv("RMCLI_LANGUAGE", language)
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip() == f"{example.name}/: {summary}"  # named as status names it


def test_the_language_comes_from_the_locale_when_rmcli_names_none(
    example: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RMCLI_LANGUAGE")
    monkeypatch.setenv("LANGUAGE", "de_DE.UTF-8")
    assert "ist gültig" in cli("-p", str(example), "validate").stderr
    monkeypatch.setenv("LANGUAGE", "C")
    assert "is valid" in cli("-p", str(example), "validate").stderr


def test_match_notes_and_figures_in_german(
    example: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = cli("-p", str(example), "match", env={"COLUMNS": "200"})
    monkeypatch.setenv("RMCLI_LANGUAGE", "de")
    german = cli("-p", str(example), "match", "--write", env={"COLUMNS": "200"})
    assert german.exit_code == 0, german.output
    line = german.stdout.strip().splitlines()[-1]
    assert "Personen gematcht" in line and "ohne Match" in line
    # the same figures, with a decimal comma: "total 26.38" becomes "Summe 26,38"
    total = english.stdout.split("total ")[1].split(",")[0].split(";")[0]
    assert f"Summe {total.replace('.', ',')}" in line
    assert "Gründe" in german.stdout and "behalten" in german.stdout  # column, status
    assert german.stderr.strip().endswith("geschrieben (4 Matches)")


def test_error_prefix_and_message_in_german(
    example: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_matches(example)
    monkeypatch.setenv("RMCLI_LANGUAGE", "de")
    result = cli("-p", str(example), "agenda", "--all", "--match", "sabine-noah")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Fehler: --all und --match schließen sich aus: wähle eins"


def test_questions_are_asked_in_german(
    example: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_matches(example)
    asked: list[str] = []

    def answer(question: str, *, choices: list[str], **_: object) -> str:
        asked.append(question)
        return "sabine-noah"

    monkeypatch.setattr(ask, "can_ask", lambda yes: True)
    monkeypatch.setattr(ask, "choice", answer)
    monkeypatch.setenv("RMCLI_LANGUAGE", "de")
    result = cli("-p", str(example), "agenda", "-s", "2", "--stdout")
    assert result.exit_code == 0, result.output
    assert asked == ["Welches Match?"]


def test_root_help_lists_the_summaries_in_german(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RMCLI_LANGUAGE", "de")
    result = cli("--help")
    assert re.search(r"validate +Jede Datei des Programms prüfen\.", result.stdout)
    assert "Check every file of the program." not in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Private note; shown only by `log --show`."),
        ("de", "Private Notiz; nur von `log --show` gezeigt."),
    ],
)
def test_option_help_is_in_the_organisers_language(language: str, expected: str) -> None:
    # Help texts are built when the command's module is imported: a fresh process.
    env = {**os.environ, "RMCLI_LANGUAGE": language, "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-m", "rmcli", "log", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert expected in done.stdout


def test_review_decisions_are_offered_and_read_back_in_german(
    example: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    (example / "matches.toml").unlink()
    questions: list[str] = []

    def decide(question: str, *, choices: list[str], default: str | None = None) -> str:
        assert (choices, default) == (["annehmen", "ablehnen", "festschreiben"], "annehmen")
        questions.append(question)
        return "festschreiben"

    monkeypatch.setattr(ask, "choice", decide)
    monkeypatch.setattr(ask, "can_ask", lambda yes: True)
    monkeypatch.setenv("RMCLI_LANGUAGE", "de")
    result = cli("-p", str(example), "match", "--review")
    assert result.exit_code == 0, result.output
    assert questions and all(" mit " in q and "(Score " in q for q in questions)
    monkeypatch.setenv("RMCLI_LANGUAGE", "en")
    shown = cli("-p", str(example), "matches", env={"COLUMNS": "200"})
    assert shown.stdout.count("locked") == len(questions)  # the German answer meant "lock"
