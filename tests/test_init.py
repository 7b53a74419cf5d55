"""`rmcli init`: starters, defaults without a terminal, questions with one, no overwrite."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from rmcli.starters import default_start, list_starters


def test_init_yes_then_validate(cli, tmp_path: Path):
    target = tmp_path / "demo"
    result = cli("init", str(target), "--yes")
    assert result.exit_code == 0, result.output
    assert (target / "program.toml").is_file()
    assert (target / "roster.toml").stat().st_mode & 0o777 == 0o600
    assert target.stat().st_mode & 0o777 == 0o700
    check = cli("-p", str(target), "validate")
    assert check.exit_code == 0, check.output


@pytest.mark.parametrize("starter", ["tech-six-months", "group", "peer", "project"])
@pytest.mark.parametrize("language", ["en", "de"])
def test_every_starter_is_valid_in_both_languages(cli, tmp_path: Path, starter: str, language: str):
    target = tmp_path / f"{starter}-{language}"
    result = cli("init", str(target), "--yes", "--starter", starter, "--language", language)
    assert result.exit_code == 0, result.output
    data = tomllib.loads((target / "program.toml").read_text(encoding="utf-8"))
    assert data["language"] == language
    assert cli("-p", str(target), "validate").exit_code == 0
    if language == "de":
        assert "Retrospektive" in data["topics"][-1]["title"]


def test_flags_are_applied_and_plan_fits_the_length(cli, tmp_path: Path):
    target = tmp_path / "long"
    result = cli(
        "init",
        str(target),
        "--yes",
        "--name",
        "Pilot 2027",
        "--format",
        "group",
        "--start",
        "2027-03-01",
        "--months",
        "9",
        "--session-minutes",
        "45",
    )
    assert result.exit_code == 0, result.output
    data = tomllib.loads((target / "program.toml").read_text(encoding="utf-8"))
    assert data["name"] == "Pilot 2027"
    assert data["format"] == "group"
    assert data["start"] == dt.date(2027, 3, 1)
    assert data["session_minutes"] == 45
    assert [t["month"] for t in data["topics"]] == list(range(1, 10))
    assert data["topics"][-1]["title"].startswith("Retrospective")
    assert len({t["title"] for t in data["topics"]}) == 9
    assert "# " in (target / "program.toml").read_text(encoding="utf-8"), (
        "starter comments are kept"
    )


def test_refuses_to_overwrite_without_force_and_keeps_the_roster(cli, tmp_path: Path):
    target = tmp_path / "demo"
    assert cli("init", str(target), "--yes").exit_code == 0
    roster = target / "roster.toml"
    roster.write_text(roster.read_text(encoding="utf-8") + "\n# my note\n", encoding="utf-8")
    again = cli("init", str(target), "--yes", "--name", "Second")
    assert again.exit_code == 2
    assert "exists" in again.stderr and "--force" in again.stderr
    forced = cli("init", str(target), "--yes", "--force", "--name", "Second")
    assert forced.exit_code == 0
    assert "# my note" in roster.read_text(encoding="utf-8")
    assert tomllib.loads((target / "program.toml").read_text(encoding="utf-8"))["name"] == "Second"


@pytest.mark.parametrize(
    ("flags", "fragment"),
    [
        (["--session-minutes", "20"], "--session-minutes: expected a number at least 30"),
        (["--start", "next week"], "--start: expected a date"),
        (["--format", "pairs"], "--format: expected one of"),
        (["--starter", "nope"], "unknown starter"),
        (["--language", "fr"], "--language: expected en or de"),
    ],
)
def test_bad_flags_exit_2_with_a_message(cli, tmp_path: Path, flags: list[str], fragment: str):
    result = cli("init", str(tmp_path / "x"), "--yes", *flags)
    assert result.exit_code == 2
    assert fragment in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "x" / "program.toml").exists()


def test_without_a_terminal_it_never_asks(cli, tmp_path: Path, monkeypatch):
    import questionary

    def boom(*args, **kwargs):
        raise AssertionError("asked a question without a terminal")

    monkeypatch.setattr(questionary, "text", boom)
    monkeypatch.setattr(questionary, "select", boom)
    result = cli("init", str(tmp_path / "quiet"))
    assert result.exit_code == 0, result.output


class _Answer:
    def __init__(self, value: object) -> None:
        self.value = value

    def unsafe_ask(self) -> object:
        return self.value


def test_questions_fill_what_flags_did_not_give(cli, tmp_path: Path, monkeypatch):
    import questionary

    texts = iter(["Ask-me program", "2027-02-01", "4", "40"])
    selects = iter(["peer", "de"])  # the starter sets the format: no second question
    monkeypatch.setattr("rmcli.cli.ask.can_ask", lambda yes: True)
    monkeypatch.setattr(questionary, "text", lambda *a, **k: _Answer(next(texts)))
    monkeypatch.setattr(questionary, "select", lambda *a, **k: _Answer(next(selects)))
    target = tmp_path / "asked"
    result = cli("init", str(target))
    assert result.exit_code == 0, result.output
    data = tomllib.loads((target / "program.toml").read_text(encoding="utf-8"))
    assert (data["name"], data["format"], data["language"]) == ("Ask-me program", "peer", "de")
    assert (data["start"], data["months"], data["session_minutes"]) == (dt.date(2027, 2, 1), 4, 40)
    assert len(data["topics"]) == 4


def test_ctrl_c_during_questions_exits_130(cli, tmp_path: Path, monkeypatch):
    import questionary

    class Interrupt:
        def unsafe_ask(self) -> object:
            raise KeyboardInterrupt

    monkeypatch.setattr("rmcli.cli.ask.can_ask", lambda yes: True)
    monkeypatch.setattr(questionary, "select", lambda *a, **k: Interrupt())
    result = cli("init", str(tmp_path / "x"))
    assert result.exit_code == 130
    assert not (tmp_path / "x").exists()


def test_default_start_is_the_first_monday_of_next_month():
    assert default_start(dt.date(2026, 11, 25)) == dt.date(2026, 12, 7)
    assert default_start(dt.date(2027, 1, 31)) == dt.date(2027, 2, 1)
    for day in range(1, 29):
        start = default_start(dt.date(2027, 6, day))
        assert start.weekday() == 0 and start.month == 7 and start.day <= 7


def test_starters_ship_with_the_package():
    assert list_starters() == ["group", "peer", "project", "tech-six-months"]
