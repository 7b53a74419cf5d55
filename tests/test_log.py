"""`rmcli log`: record sessions, refuse bad input, ask before replacing, keep notes private."""

from __future__ import annotations

import json
import stat
import tomllib
from pathlib import Path

import pytest

from rmcli.cli import ask
from rmcli.folder import SESSIONS_FILE, load
from rmcli.running.log import AlreadyLogged, next_number, planned_of, put_record
from running_helpers import PLANNED, logged, record, sessions, write_matches

# A day after the program: every planned session may be recorded as held.
LATER = ("--as-of", "2027-12-31")


@pytest.fixture
def matched(example: Path) -> Path:
    """Return the example program with four pairs."""
    write_matches(example)
    return example


def test_log_with_flags_writes_a_private_record(cli, matched: Path) -> None:
    result = cli(
        "log",
        "-p",
        str(matched),
        *LATER,
        "--match",
        "p-lena",
        "--date",
        "2027-01-13",
        "--minutes",
        "50",
        "--status",
        "held",
        "--led-by",
        "lena",
        "--senior-shared",
        "--note",
        "private words",
        "--yes",
    )
    assert result.exit_code == 0, result.output
    path = matched / SESSIONS_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    (record,) = tomllib.loads(path.read_text())["sessions"]
    assert record == {
        "match": "p-lena",
        "number": 1,
        "date": record["date"],
        "minutes": 50,
        "topic": "Developer Experience",
        "area": "technology",
        "status": "held",
        "led_by": "lena",
        "senior_shared": True,
        "note": "private words",
    }
    assert record["date"].isoformat() == "2027-01-13"
    assert "private words" not in result.output


def test_defaults_take_the_next_planned_session(cli, matched: Path) -> None:
    for _ in range(2):
        assert cli("log", "-p", str(matched), *LATER, "--match", "p-noah", "--yes").exit_code == 0
    records = logged(matched)
    assert [(r.number, r.date, r.minutes, r.topic) for r in records] == [
        (1, PLANNED[0], 60, "Developer Experience"),
        (2, PLANNED[1], 60, "New tools and technologies"),
    ]
    assert records[0].senior_shared is None and records[0].led_by == ""


def test_cancelled_defaults_to_no_minutes_and_a_custom_topic_has_no_area(cli, matched) -> None:
    cancelled = ("--match", "p-noah", "--status", "cancelled", "-y")
    assert cli("log", "-p", str(matched), *LATER, *cancelled).exit_code == 0
    result = cli(
        "log", "-p", str(matched), *LATER, "--match", "p-noah", "--topic", "Our own topic", "-y"
    )
    assert result.exit_code == 0
    first, second = logged(matched)
    assert (first.status, first.minutes) == ("cancelled", 0)
    assert (second.number, second.topic, second.area) == (2, "Our own topic", "")
    tagged = cli(
        "log", "-p", str(matched), *LATER, "--match", "p-lena", "--topic", "onboarding", "-y"
    )
    assert tagged.exit_code == 0
    assert next(r for r in logged(matched) if r.match == "p-lena").area == "workplace"


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["--match", "nobody"], "--match"),
        (["--match", "p-lena", "--date", "2026-12-31"], "--date"),
        (["--match", "p-lena", "--date", "2027-12-01"], "--date"),
        (["--match", "p-lena", "--date", "13/01/2027"], "--date"),
        (["--match", "p-lena", "--minutes", "-5"], "--minutes"),
        (["--match", "p-lena", "--status", "skipped"], "--status"),
        (["--match", "p-lena", "--led-by", "jonas"], "--led-by"),
        (["--match", "p-lena", "--area", "sports"], "--area"),
    ],
)
def test_bad_values_exit_2_and_write_nothing(cli, matched: Path, args, key) -> None:
    result = cli("log", "-p", str(matched), *LATER, *args, "--yes")
    assert result.exit_code == 2
    assert key in result.stderr
    assert "Traceback" not in result.output
    assert not (matched / SESSIONS_FILE).exists()


def test_missing_match_without_terminal_names_the_flag(cli, matched: Path) -> None:
    result = cli("log", "-p", str(matched))
    assert result.exit_code == 2
    assert "--match" in result.stderr


def test_logging_twice_needs_replace(cli, matched: Path) -> None:
    base = ("log", "-p", str(matched), *LATER, "--match", "p-lena", "--number", "1")
    assert cli(*base, "--minutes", "45").exit_code == 0
    again = cli(*base, "--minutes", "70")
    assert again.exit_code == 1
    assert "--replace" in again.stderr
    assert logged(matched)[0].minutes == 45
    assert cli(*base, "--minutes", "70", "--replace").exit_code == 0
    assert [r.minutes for r in logged(matched)] == [70]


def test_interactive_log_asks_for_what_is_missing(cli, matched: Path, monkeypatch) -> None:
    asked: list[str] = []
    answers = {
        "Which match?": "p-aylin",
        "What happened?": "held",
        "Date (YYYY-MM-DD):": "2027-01-14",
        "Minutes:": "45",
        "Topic covered:": "Developer Experience",
        "Who led the hands-on part?": "aylin",
        "Private note (optional):": "asked quietly",
    }

    def fake(question: str, **_: object) -> str:
        asked.append(question)
        return answers[question]

    monkeypatch.setattr(ask, "can_ask", lambda yes: not yes)
    monkeypatch.setattr(ask, "text", fake)
    monkeypatch.setattr(ask, "choice", fake)
    monkeypatch.setattr(ask, "yes_no", lambda question, **_: True)
    assert cli("log", "-p", str(matched), *LATER).exit_code == 0
    (record,) = logged(matched)
    assert (record.match, record.date.isoformat(), record.minutes) == ("p-aylin", "2027-01-14", 45)
    assert (record.led_by, record.senior_shared, record.note) == ("aylin", True, "asked quietly")
    assert set(asked) == set(answers)
    # A second time, the confirmation decides; "no" leaves the log alone.
    monkeypatch.setattr(ask, "yes_no", lambda question, **_: "Replace" not in question)
    result = cli(
        "log", "-p", str(matched), *LATER, "--match", "p-aylin", "--number", "1", "--minutes", "5"
    )
    assert result.exit_code == 0
    assert "nothing changed" in result.stderr
    assert logged(matched)[0].minutes == 45


def test_show_prints_notes_of_one_match_only(cli, matched: Path) -> None:
    cli("log", "-p", str(matched), *LATER, "--match", "p-lena", "--note", "lena note", "-y")
    cli("log", "-p", str(matched), *LATER, "--match", "p-noah", "--note", "noah note", "-y")
    shown = cli("log", "-p", str(matched), *LATER, "--show", "--match", "p-lena")
    assert shown.exit_code == 0
    assert "lena note" in shown.stdout and "noah note" not in shown.stdout
    as_json = cli("log", "-p", str(matched), *LATER, "--show", "--match", "p-lena", "--json")
    assert [r["note"] for r in json.loads(as_json.stdout)] == ["lena note"]
    assert cli("log", "-p", str(matched), *LATER, "--show").exit_code == 2


def test_core_next_number_and_put_record(matched: Path) -> None:
    plan = planned_of(load(matched), match_id="p-lena")
    assert [p.number for p in plan] == [1, 2, 3, 4, 5, 6]
    log = load(matched).sessions
    assert next_number(plan=plan, sessions=log, match_id="p-lena") == 1

    log = sessions(record("p-lena", 1), record("p-lena", 3))
    assert next_number(plan=plan, sessions=log, match_id="p-lena") == 2
    with pytest.raises(AlreadyLogged):
        put_record(sessions=log, record=record("p-lena", 3, minutes=5), replace=False)
    replaced = put_record(sessions=log, record=record("p-lena", 3, minutes=5), replace=True)
    assert [(r.number, r.minutes) for r in replaced.sessions] == [(1, 60), (3, 5)]


def test_validate_reports_a_session_logged_twice(cli, matched: Path) -> None:
    twice = 'match = "p-lena"\nnumber = 1\ndate = 2027-01-12\n'
    (matched / SESSIONS_FILE).write_text(
        f"[[sessions]]\n{twice}\n[[sessions]]\n{twice}", encoding="utf-8"
    )
    result = cli("validate", "-p", str(matched))
    assert result.exit_code == 2
    assert "sessions.toml:8: sessions.number: the same session" in result.stderr
    assert "Traceback" not in result.output


def test_log_waits_for_the_program_lock(cli, matched: Path) -> None:
    from filelock import FileLock

    from rmcli.io.lock import LOCK_NAME

    with FileLock(matched / LOCK_NAME):
        result = cli(
            "log",
            "-p",
            str(matched),
            *LATER,
            "--match",
            "p-lena",
            "-y",
            env={"RMCLI_LOCK_TIMEOUT": "0"},
        )
    assert result.exit_code == 1
    assert "another rmcli command" in result.stderr
    assert not (matched / SESSIONS_FILE).exists()


def test_ctrl_c_during_questions_writes_nothing(cli, matched: Path, monkeypatch) -> None:
    def interrupt(question: str, **_: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(ask, "can_ask", lambda yes: True)
    monkeypatch.setattr(ask, "choice", interrupt)
    result = cli("log", "-p", str(matched), *LATER, "--match", "p-lena")
    assert result.exit_code == 130
    assert not (matched / SESSIONS_FILE).exists()
