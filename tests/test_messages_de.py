"""Messages of the core to the organiser in their own language: German with RMCLI_LANGUAGE=de.

The file, line and key of a message stay the same in every language; only the words change.
English stays the default (the autouse fixture in conftest.py sets RMCLI_LANGUAGE=en).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from rmcli.errors import Problem
from rmcli.folder import load
from rmcli.io.lock import LOCK_NAME
from rmcli.roster.checks import _size_warnings

Cli = Callable[..., Any]


def _edit(path: Path, old: str, new: str) -> int:
    """Replace `old` by `new` once and return the line `new` is on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if new in line)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "unknown key (did you mean 'email'?)"),
        ("de", "unbekannter Schlüssel (meintest du 'email'?)"),
    ],
)
def test_validate_problem_in_the_organisers_language(
    cli: Cli, example: Path, monkeypatch: pytest.MonkeyPatch, language: str, message: str
) -> None:
    monkeypatch.setenv("RMCLI_LANGUAGE", language)
    roster = example / "roster.toml"
    line = _edit(roster, 'email = "lena.schmidt@example.com"', 'emial = "lena.schmidt@example.com"')
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 2
    assert f"{roster}:{line}: people[5].emial: {message}" in result.stderr, result.stderr


def test_validate_warnings_and_pydantic_checks_in_german(
    cli: Cli, example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RMCLI_LANGUAGE", "de")
    program = example / "program.toml"
    months = _edit(program, "months = 6", 'months = "six"')
    zone = _edit(program, 'timezone = "Europe/Berlin"', 'timezone = "Berlin"')
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 2
    assert f"{program}:{months}: months: erwartet: eine ganze Zahl\n" in result.stderr
    assert (
        f"{program}:{zone}: calendar.timezone: "
        "erwartet: ein IANA-Zeitzonenname wie 'Europe/Berlin'" in result.stderr
    )
    assert "expected" not in result.stderr


@pytest.mark.parametrize(
    ("language", "message", "hint"),
    [
        (
            "en",
            "nowhere: no program.toml there",
            "create a program with `rmcli init DIR`, or name another folder with -p",
        ),
        (
            "de",
            "nowhere: dort gibt es keine program.toml",
            "lege ein Programm mit `rmcli init DIR` an oder nenne mit -p einen anderen Ordner",
        ),
    ],
)
def test_missing_program_folder_with_its_hint(
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    message: str,
    hint: str,
) -> None:
    monkeypatch.setenv("RMCLI_LANGUAGE", language)
    monkeypatch.chdir(tmp_path)
    result = cli("-p", "nowhere", "validate")
    assert result.exit_code == 2
    assert message in result.stderr
    assert hint in result.stderr


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "volunteer: expected yes or no (ja/nein, true/false, 1/0 and x work too)"),
        ("de", "volunteer: erwartet: ja oder nein (yes/no, true/false, 1/0 und x gehen auch)"),
    ],
)
def test_bad_csv_row_keeps_file_line_and_column(
    cli: Cli,
    example: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    message: str,
) -> None:
    monkeypatch.setenv("RMCLI_LANGUAGE", language)
    sheet = tmp_path / "people.csv"
    sheet.write_text(
        "id,name,role,volunteer\nzoe,Zoe Berg,junior,yes\nmax,Max Roth,senior,perhaps\n",
        encoding="utf-8",
    )
    before = (example / "roster.toml").read_bytes()
    result = cli("-p", str(example), "roster", "import", str(sheet))
    assert result.exit_code == 2
    assert f"{sheet}:3: {message}" in result.stderr, result.stderr
    assert "perhaps" not in result.output
    assert (example / "roster.toml").read_bytes() == before


def test_bad_csv_header_and_its_hint_in_german(
    cli: Cli, example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RMCLI_LANGUAGE", "de")
    sheet = tmp_path / "cols.csv"
    sheet.write_text("id,name,role,shoe_size\nx,X,junior,44\n", encoding="utf-8")
    result = cli("-p", str(example), "roster", "import", str(sheet))
    assert result.exit_code == 2
    assert f"{sheet}:1: header: unbekannte Spalte 'shoe_size'" in result.stderr
    assert "erwartet werden die Spalten id, name" in result.stderr


@pytest.mark.parametrize(
    ("language", "message", "hint"),
    [
        (
            "en",
            "another rmcli command is changing this program; try again when it ends",
            f"if no rmcli is running, a program it started may still hold {LOCK_NAME}",
        ),
        (
            "de",
            "ein anderer rmcli-Befehl ändert gerade dieses Programm; "
            "versuch es noch einmal, wenn er fertig ist",
            f"wenn kein rmcli läuft, hält vielleicht ein von ihm gestartetes Programm noch {LOCK_NAME}",
        ),
    ],
)
def test_locked_program_in_the_organisers_language(
    cli: Cli,
    example: Path,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    message: str,
    hint: str,
) -> None:
    monkeypatch.setenv("RMCLI_LANGUAGE", language)
    with FileLock(example / LOCK_NAME):
        result = cli(
            "-p", str(example), "roster", "remove", "lena", "--yes", env={"RMCLI_LOCK_TIMEOUT": "0"}
        )
    assert result.exit_code == 1
    # the message names the folder first, as in every language
    assert f"{example}: {message}" in " ".join(result.stderr.split()), result.stderr
    assert hint in " ".join(result.stderr.split())


@pytest.mark.parametrize(
    ("language", "needed", "expected"),
    [
        ("en", 1, "format 'one-to-one' needs at least 1 volunteer junior; the roster has 0"),
        ("en", 2, "format 'group' needs at least 2 volunteer juniors; the roster has 0"),
        ("de", 1, "format 'one-to-one' braucht mindestens 1 freiwilligen Junior; der Roster hat 0"),
        ("de", 2, "format 'group' braucht mindestens 2 freiwillige Juniors; der Roster hat 0"),
    ],
)
def test_counted_warnings_use_singular_and_plural(
    example: Path, monkeypatch: pytest.MonkeyPatch, language: str, needed: int, expected: str
) -> None:
    monkeypatch.setenv("RMCLI_LANGUAGE", language)
    program = load(example).program
    if needed > 1:
        size = program.matching.model_copy(update={"juniors_per_group": (needed, needed + 2)})
        program = program.model_copy(update={"format": "group", "matching": size})
    else:
        program = program.model_copy(update={"format": "one-to-one"})
    found = _size_warnings("roster.toml", juniors=0, capacity=0, seniors=1, program=program)
    assert Problem("roster.toml", expected, "people", None, severity="warning") in found
