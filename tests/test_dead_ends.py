"""From `init` to `evaluate` without dead ends: each step says what it did and what comes next."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from rmcli.cli import ask
from rmcli.folder import MATCHES_FILE, SESSIONS_FILE
from running_helpers import logged, write_matches

Cli = Any


# 1. The path between commands


def test_match_without_write_says_nothing_was_written_and_how_to_keep_it(
    example: Path, cli: Cli
) -> None:
    (example / MATCHES_FILE).unlink()
    result = cli("-p", str(example), "match", "--seed", "2", "--fair")
    assert result.exit_code == 0, result.output
    assert not (example / MATCHES_FILE).exists()
    last = result.stderr.strip().splitlines()[-1]
    assert "nothing was written" in last
    command = last.split("`")[1]
    assert shlex.split(command) == [
        "rmcli", "match", "--write", "-p", str(example), "--fair", "--seed", "2"
    ]  # fmt: skip
    kept = cli(*shlex.split(command)[1:])
    assert kept.exit_code == 0, kept.output
    assert (example / MATCHES_FILE).exists()
    assert "nothing was written" not in kept.stderr


def test_match_with_weight_says_where_to_keep_the_weights(example: Path, cli: Cli) -> None:
    result = cli("-p", str(example), "match", "--weight", "topics=5")
    assert result.exit_code == 0, result.output
    assert "nothing was written" in result.stderr
    assert "[matching.weights]" in result.stderr


@pytest.mark.parametrize(
    "args",
    [("schedule",), ("agenda", "--all", "--yes"), ("log", "--yes"), ("status",)],
)
def test_no_matches_hints_name_match_write(example: Path, cli: Cli, args: tuple[str, ...]) -> None:
    (example / MATCHES_FILE).unlink()
    result = cli("-p", str(example), *args)
    assert result.exit_code == 1, result.output
    assert "no matches yet" in result.stderr
    assert "`rmcli match --write`" in result.stderr


def test_status_without_matches_names_the_folder_not_a_dot(
    example: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    (example / MATCHES_FILE).unlink()
    monkeypatch.chdir(example)
    result = cli("status")
    assert result.exit_code == 1
    assert f"{example.name}/: the program has no matches yet" in result.stderr
    assert "error: .:" not in result.stderr
    checked = cli("validate")
    assert f"{example.name}/: is valid" in checked.stderr and ".:" not in checked.stderr


# 2. log: numbers from the plan, repeats asked, no held sessions in the future

LATER = ("--as-of", "2027-12-31")


@pytest.fixture
def matched(example: Path) -> Path:
    write_matches(example)
    return example


def _log(cli: Cli, folder: Path, *args: str) -> Any:
    return cli("log", "-p", str(folder), "--match", "p-lena", *args)


def test_log_numbers_a_session_by_the_planned_day_nearest_its_date(cli: Cli, matched: Path) -> None:
    assert _log(cli, matched, "--date", "2027-03-18", *LATER, "--yes").exit_code == 0
    assert _log(cli, matched, "--date", "2027-01-12", *LATER, "--yes").exit_code == 0
    assert [(r.number, r.date.isoformat()) for r in logged(matched)] == [
        (1, "2027-01-12"),
        (3, "2027-03-18"),
    ]
    explicit = _log(cli, matched, "--date", "2027-02-20", "--session", "2", *LATER, "--yes")
    assert explicit.exit_code == 0, explicit.output
    assert [r.number for r in logged(matched)] == [1, 2, 3]


def test_log_asks_before_a_second_record_of_the_same_day(cli: Cli, matched: Path) -> None:
    assert _log(cli, matched, "--date", "2027-01-12", *LATER).exit_code == 0
    again = _log(cli, matched, "--date", "2027-01-12", *LATER)
    assert again.exit_code == 1
    assert "logged for 2027-01-12 already" in again.stderr
    assert len(logged(matched)) == 1
    forced = _log(cli, matched, "--date", "2027-01-12", *LATER, "--yes")
    assert forced.exit_code == 0
    assert len(logged(matched)) == 2


def test_log_refuses_a_held_session_after_as_of(cli: Cli, matched: Path) -> None:
    future = _log(cli, matched, "--date", "2027-02-16", "--as-of", "2027-02-01", "--yes")
    assert future.exit_code == 2
    assert "a session in the future cannot be held yet" in future.stderr
    assert "--status moved" in future.stderr
    assert not (matched / SESSIONS_FILE).exists()
    moved = _log(
        cli, matched, "--date", "2027-02-16", "--as-of", "2027-02-01", "--status", "moved", "-y"
    )
    assert moved.exit_code == 0, moved.output
    assert logged(matched)[0].status == "moved"


def test_log_json_records_and_prints_the_record(cli: Cli, matched: Path) -> None:
    result = _log(cli, matched, "--json", "--note", "kept private", *LATER, "--yes")
    assert result.exit_code == 0, result.output
    (record,) = logged(matched)
    shown = json.loads(result.stdout)["logged"]
    assert (shown["match"], shown["number"], shown["date"]) == (
        record.match,
        record.number,
        record.date.isoformat(),
    )
    assert "kept private" not in result.stdout


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("2027-13-01", "month 13 does not exist"),
        ("2027-02-30", "day 30 does not exist: 2027-02 has 28 days"),
        ("12.01.2027", "expected a date as YYYY-MM-DD"),
    ],
)
def test_a_date_that_has_the_shape_says_what_does_not_exist(
    cli: Cli, matched: Path, value: str, reason: str
) -> None:
    result = _log(cli, matched, "--date", value, *LATER, "--yes")
    assert result.exit_code == 2
    assert f"--date: {reason}" in result.stderr


# 3. Questions check an answer where it is typed and ask again


def test_log_date_question_asks_again_with_the_reason(
    cli: Cli, matched: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = iter(["2027-13-01", "2026-01-01", "2027-02-16"])
    reasons: list[bool | str] = []

    def text(question: str, *, default: str = "", validate: Any = None) -> str:
        if question.startswith("Date"):
            assert validate is not None and validate(default) is True  # the default is valid
            for answer in typed:
                verdict = validate(answer)
                if verdict is True:
                    return answer
                reasons.append(verdict)
        return default

    monkeypatch.setattr(ask, "can_ask", lambda yes: not yes)
    monkeypatch.setattr(ask, "text", text)
    monkeypatch.setattr(ask, "choice", lambda question, choices, **_: choices[0])
    monkeypatch.setattr(ask, "yes_no", lambda question, **_: True)
    result = _log(cli, matched, *LATER)
    assert result.exit_code == 0, result.output
    assert reasons[0] == "--date: month 13 does not exist"
    assert str(reasons[1]).startswith("--date: 2026-01-01 is outside the program (2027-01-11 to")
    assert len(reasons) == 2
    assert logged(matched)[0].date.isoformat() == "2027-02-16"


# 8. Unknown ids and commands: exit 2 before any question, with the closest names


def _no_questions(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(question: str, **_: object) -> object:
        raise AssertionError(f"asked {question!r} about an unknown id")

    monkeypatch.setattr(ask, "can_ask", lambda yes: not yes)
    for name in ("text", "choice", "yes_no", "many"):
        monkeypatch.setattr(ask, name, refuse)


@pytest.mark.parametrize(
    ("args", "suggestion"),
    [
        (("roster", "remove", "lenna"), "did you mean 'lena'?"),
        (("checkin", "show", "--person", "jonsa"), "did you mean 'jonas'?"),
        (("checkin", "--person", "jonsa"), "did you mean 'jonas'?"),
        (("log", "--match", "p-lean"), "did you mean one of 'p-lena'"),
        (("log", "--show", "--match", "p-lean"), "did you mean one of 'p-lena'"),
        (("schedule", "--match", "p-lean"), "did you mean one of 'p-lena'"),
    ],
)
def test_unknown_ids_exit_2_before_any_question_with_a_suggestion(
    cli: Cli,
    matched: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: tuple[str, ...],
    suggestion: str,
) -> None:
    _no_questions(monkeypatch)
    before = sorted((p.name, p.read_bytes()) for p in matched.iterdir() if p.is_file())
    result = cli("-p", str(matched), *args)
    assert result.exit_code == 2, result.output
    assert f"hint: {suggestion}" in result.stderr
    assert sorted((p.name, p.read_bytes()) for p in matched.iterdir() if p.is_file()) == before


def test_an_id_like_none_lists_the_known_ones(cli: Cli, matched: Path) -> None:
    result = cli("-p", str(matched), "log", "--match", "zzz", "--yes")
    assert result.exit_code == 2
    assert "hint: known: p-aylin, p-jonas, p-lena, p-noah" in result.stderr


@pytest.mark.parametrize(
    ("args", "typed", "meant"),
    [
        (("stauts",), "stauts", "status"),
        (("roster", "lsit"), "lsit", "list"),
        (("checkin", "improt", "x.csv"), "improt", "import"),
        (("feedback", "exprot", "x.csv"), "exprot", "export"),
        (("roster", "org", "lst"), "lst", "list"),
    ],
)
def test_a_mistyped_command_names_the_closest_command(
    cli: Cli, example: Path, args: tuple[str, ...], typed: str, meant: str
) -> None:
    result = cli("-p", str(example), *args)
    assert result.exit_code == 2
    assert f"no such command '{typed}'; did you mean '{meant}'?" in result.stderr


# 5. init never replaces a program under way; one question sets the format


def test_init_never_replaces_a_program_with_matches_or_sessions(cli: Cli, matched: Path) -> None:
    before = (matched / "program.toml").read_bytes()
    result = cli("init", str(matched), "--starter", "peer", "--format", "peer", "--yes", "--force")
    assert result.exit_code == 2
    assert f"{matched.name}/: a program under way is here (matches.toml)" in result.stderr
    assert (matched / "program.toml").read_bytes() == before


def test_init_force_replaces_an_untouched_program_and_shows_what_changes(
    cli: Cli, tmp_path: Path
) -> None:
    target = tmp_path / "fresh"
    assert cli("init", str(target), "--yes", "--start", "2027-01-04").exit_code == 0
    result = cli(
        "init", str(target), "--yes", "--force", "--starter", "peer", "--start", "2027-03-01"
    )
    assert result.exit_code == 0, result.output
    assert "format: one-to-one -> peer" in result.stderr
    assert "start: 2027-01-04 -> 2027-03-01" in result.stderr
    assert "months:" not in result.stderr  # unchanged values are not listed


def test_init_refuses_a_starter_and_a_format_that_contradict(cli: Cli, tmp_path: Path) -> None:
    result = cli(
        "init", str(tmp_path / "x"), "--yes", "--starter", "group", "--format", "one-to-one"
    )
    assert result.exit_code == 2
    assert "--format one-to-one contradicts it" in result.stderr
    assert not (tmp_path / "x").exists()


def test_init_asks_the_starter_once_and_no_format(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def choice(question: str, *, choices: list[str], default: str | None = None) -> str:
        asked.append(question)
        return "group" if "Starter" in question else choices[0]

    monkeypatch.setattr(ask, "can_ask", lambda yes: not yes)
    monkeypatch.setattr(ask, "choice", choice)
    monkeypatch.setattr(ask, "text", lambda question, *, default="", validate=None: default or "X")
    result = cli("init", str(tmp_path / "asked"))
    assert result.exit_code == 0, result.output
    assert not any("Format" in q for q in asked)
    data = tomllib.loads((tmp_path / "asked" / "program.toml").read_text(encoding="utf-8"))
    assert data["format"] == "group"


# 12. Messages that name what is there


def test_init_with_a_bad_value_names_the_flag_not_an_unwritten_file(
    cli: Cli, tmp_path: Path
) -> None:
    result = cli("init", str(tmp_path / "x"), "--months", "0", "--yes")
    assert result.exit_code == 2
    assert "error: --months: expected a number at least 1" in result.stderr
    assert "program.toml" not in result.stderr


# 4. A missing value names its flag and its choices, never --yes


@pytest.mark.parametrize(
    ("args", "flag", "choices"),
    [
        (("log",), "--match", "p-aylin, p-jonas, p-lena, p-noah"),
        (("agenda",), "--match ID (or --all)", "cohort, p-aylin, p-jonas, p-lena, p-noah"),
        (("checkin",), "--person", "lena"),
        (("checkin", "--person", "lena", "--date", "2027-02-01"), "--score", "1, 2, 3, 4, 5"),
        (("roster", "add", "--name", "Ana Example"), "--role", "junior, senior"),
        (("feedback",), "--person", "lena"),
    ],
)
def test_a_missing_value_names_the_flag_and_its_choices(
    cli: Cli, matched: Path, args: tuple[str, ...], flag: str, choices: str
) -> None:
    result = cli("-p", str(matched), *args, "--yes")
    assert result.exit_code == 2, result.output
    assert f"error: {flag} is needed" in result.stderr
    hint = next(line for line in result.stderr.splitlines() if line.startswith("hint:"))
    assert choices in hint
    assert "--yes" not in hint


def test_review_without_a_terminal_names_the_command_that_writes(cli: Cli, matched: Path) -> None:
    result = cli("-p", str(matched), "match", "--review", "--yes")
    assert result.exit_code == 2
    assert "`rmcli match --write`" in result.stderr
    assert "use --yes" not in result.stderr


def test_checkin_suggests_a_day_inside_the_program_and_checks_a_typed_day(
    cli: Cli, matched: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rmcli.folder import load

    program = load(matched).program
    seen: dict[str, object] = {}

    def text(question: str, *, default: str = "", validate: Any = None) -> str:
        if question.startswith("Date"):
            seen["default"] = default
            seen["before"] = validate("2020-01-01")
            seen["month"] = validate("2027-13-01")
            assert validate(default) is True
            return default
        return ""

    def choice(question: str, *, choices: list[str], default: str | None = None) -> str:
        seen[question.split("?")[0]] = default
        return default if default is not None else choices[0]

    monkeypatch.setattr(ask, "can_ask", lambda yes: not yes)
    monkeypatch.setattr(ask, "text", text)
    monkeypatch.setattr(ask, "choice", choice)
    monkeypatch.setattr(ask, "many", lambda question, **_: [])
    monkeypatch.setattr(ask, "yes_no", lambda question, **_: False)
    result = cli("-p", str(matched), "checkin", "--person", "lena")
    assert result.exit_code == 0, result.output
    day = dt.date.fromisoformat(str(seen["default"]))
    assert program.start <= day <= program.end()
    assert str(seen["before"]).startswith("date: 2020-01-01 is outside the program")
    assert seen["month"] == "--date: month 13 does not exist"
    assert seen["How is it going"] == "3"  # the middle of 1 to 5, not 5


def test_feedback_ratings_suggest_the_middle(monkeypatch: pytest.MonkeyPatch) -> None:
    from rmcli.cli import feedback as feedback_cli

    defaults: list[str | None] = []

    def choice(question: str, *, choices: list[str], default: str | None = None) -> str:
        defaults.append(default)
        return choices[0]

    monkeypatch.setattr(ask, "choice", choice)
    assert feedback_cli._rating("How satisfied?", required=True) == 1
    assert defaults == ["3"]


def test_docs_say_what_every_command_does_twice_and_without_a_terminal() -> None:
    """Every command and subcommand has a row; `checkin import FILE` is no row for `checkin`."""
    from conftest import ROOT

    rows = [
        line
        for line in (ROOT / "docs" / "commands.md").read_text().splitlines()
        if line[:3] == "| `"
    ]

    def names(row: str, path: tuple[str, ...]) -> bool:
        for span in re.findall(r"`([^`]*)`", row.split("|")[1]):
            words = span.split()
            rest = words[len(path) :]
            if tuple(words[: len(path)]) == path and (not rest or not rest[0][0].islower()):
                return True  # the command alone, or with its arguments (FILE, ID, --write)
        return False

    for path in sorted(_commands()):
        row = next((r for r in rows if names(r, path)), None)
        assert row is not None, f"docs/commands.md has no row for {' '.join(path)}"
        assert len([c for c in row.split("|")[2:4] if c.strip()]) == 2


# 6. and 7. Imports: known ids need only the columns that change; managers outside the program


def _roster(folder: Path) -> dict[str, Any]:
    return tomllib.loads((folder / "roster.toml").read_text(encoding="utf-8"))


def test_import_of_known_ids_updates_only_the_sheets_columns(
    cli: Cli, example: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "managers.csv"
    sheet.write_text("id,manager\nlena,helga\n", encoding="utf-8")
    before = {p["id"]: p for p in _roster(example)["people"]}
    dry = cli("-p", str(example), "roster", "import", str(sheet), "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "lena: manager" in dry.stderr
    assert {p["id"]: p for p in _roster(example)["people"]} == before
    done = cli("-p", str(example), "roster", "import", str(sheet))
    assert done.exit_code == 0, done.output
    after = {p["id"]: p for p in _roster(example)["people"]}
    assert after["lena"] == {**before["lena"], "manager": "helga"}
    assert {k: v for k, v in after.items() if k != "lena"} == {
        k: v for k, v in before.items() if k != "lena"
    }


def test_managers_outside_the_program_go_under_org_on_request(
    cli: Cli, example: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "new.csv"
    sheet.write_text("id,name,role,manager\nzoe,Zoe Example,junior,cfo\n", encoding="utf-8")
    refused = cli("-p", str(example), "roster", "import", str(sheet))
    assert refused.exit_code == 2
    assert "manager: unknown id" in refused.stderr
    assert "--org-from-managers" in refused.stderr
    done = cli("-p", str(example), "roster", "import", str(sheet), "--org-from-managers")
    assert done.exit_code == 0, done.output
    roster = _roster(example)
    assert roster["org"]["cfo"] == ""
    assert "zoe" in {p["id"] for p in roster["people"]}
    assert cli("-p", str(example), "validate").exit_code == 0


# 11. The evaluation counts the people who were in a match


def test_evaluation_population_is_the_matched_people(cli: Cli, tmp_path: Path) -> None:
    import tomli_w

    from feedback_helpers import COLUMNS, csv_text, make_program

    folder = tmp_path / "eval"
    ids = make_program(folder, juniors=6, seniors=6)
    roster = _roster(folder)
    roster["people"] += [
        {"id": "x1", "name": "Not Volunteering", "role": "junior", "volunteer": False},
        {"id": "x2", "name": "Left Unmatched", "role": "junior"},
    ]
    (folder / "roster.toml").write_text(tomli_w.dumps(roster), encoding="utf-8")
    rows = []
    for person in [*ids["junior"], *ids["senior"], "x1", "x2"]:
        row = dict.fromkeys(COLUMNS, "")
        row.update(person=person, survey="final", satisfaction="4", relationship="yes")
        row.update({"continue": "yes", "answered": "2027-07-01"})
        rows.append(row)
    (tmp_path / "final.csv").write_text(csv_text(rows), encoding="utf-8")
    imported = cli("-p", str(folder), "feedback", "import", str(tmp_path / "final.csv"))
    assert imported.exit_code == 0, imported.output
    result = cli("-p", str(folder), "evaluate", "--as-of", "2027-07-15", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    part = data["participation"]
    assert part["people"] == {"junior": 6, "senior": 6}
    assert part["left_out"] == {"not_volunteer": 1, "unmatched": 1}
    assert data["respondents"] == {"junior": 6, "senior": 6}
    assert part["response_rate"] == {"junior": 1.0, "senior": 1.0}
    report = (folder / "reports" / "evaluation.md").read_text(encoding="utf-8")
    flat = " ".join(report.split())
    assert "2 other people in the roster are left out: 1 did not volunteer, 1 volunteered" in flat


# 12. Reports and sheets


def test_a_free_text_answer_starting_with_a_hash_is_no_heading() -> None:
    from rmcli.evaluation.markdown import bullets

    text = bullets(["# Not a heading", "first part " + "x" * 60 + " # wrapped part"])
    assert not any(line.lstrip("- ").startswith("#") for line in text.splitlines())
    assert "\\# Not a heading" in text


def test_feedback_export_lists_only_the_people_who_take_part(
    cli: Cli, matched: Path, tmp_path: Path
) -> None:
    roster = _roster(matched)
    matched_ids = {"lena", "markus", "jonas", "helga", "aylin", "sabine", "noah", "thomas"}
    assert {p["id"] for p in roster["people"]} == matched_ids  # the example: everyone matched
    (matched / "matches.toml").write_text(
        (matched / "matches.toml").read_text(encoding="utf-8").split("[[matches]]")[0]
        + "[[matches]]"
        + "[[matches]]".join(
            (matched / "matches.toml").read_text(encoding="utf-8").split("[[matches]]")[1:2]
        ),
        encoding="utf-8",
    )
    sheet = tmp_path / "final.csv"
    result = cli("-p", str(matched), "feedback", "export", str(sheet))
    assert result.exit_code == 0, result.output
    people = [line.split(",")[0] for line in sheet.read_text(encoding="utf-8").splitlines()[1:]]
    assert sorted(people) == ["lena", "markus"]  # p-lena, the one match left


# 10. Shell completion: Typer's own, plus the program's match and person ids


def _complete(words: str, cwd: Path) -> list[str]:
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("RMCLI_")}
    env.update(_RMCLI_COMPLETE="complete_bash", COMP_WORDS=words)
    env["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    done = subprocess.run(
        [str(Path(sys.executable).with_name("rmcli"))],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


@pytest.mark.slow
def test_completion_offers_commands_and_the_programs_ids(matched: Path) -> None:
    assert _complete("rmcli stat", matched) == ["status"]
    assert _complete("rmcli log --match p-l", matched) == ["p-lena"]
    assert _complete("rmcli checkin show --person ", matched) == sorted(
        p["id"] for p in _roster(matched)["people"]
    )
    assert _complete("rmcli roster remove no", matched) == ["noah"]
    assert _complete(f"rmcli -p {matched} agenda --match p-", matched.parent) == [
        "p-aylin",
        "p-jonas",
        "p-lena",
        "p-noah",
    ]


def test_completion_can_be_shown_and_installed(cli: Cli) -> None:
    # Typer finds the shell among the process's parents, so run it from a real bash as a user
    # would (under a test runner started by something else, detection finds no shell).
    # ("; exit $?" keeps bash from replacing itself with the command, which would hide it)
    command = f"{shlex.quote(sys.executable)} -m rmcli --show-completion; exit $?"
    shown = subprocess.run(["bash", "-c", command], capture_output=True, text=True, check=False)
    assert shown.returncode == 0, shown.stderr
    assert "_RMCLI_COMPLETE" in shown.stdout
    assert "--install-completion" in cli("--help").stdout


# 9. --json on every command that prints or records


def _commands() -> set[tuple[str, ...]]:
    """Return every runnable command path of the CLI table (groups: their subcommands)."""
    from rmcli.cli import commands

    found: set[tuple[str, ...]] = set()
    for entry in commands.COMMANDS:
        found |= _paths(commands.load(entry.name), (entry.name,))
    return found


def _paths(command: Any, path: tuple[str, ...]) -> set[tuple[str, ...]]:
    if not hasattr(command, "commands"):  # a command, not a group
        return {path}
    found = {path} if command.invoke_without_command else set()
    for name, sub in command.commands.items():
        found |= _paths(sub, (*path, name))
    return found


def test_every_command_gives_json_on_stdout_and_nothing_else(
    cli: Cli, matched: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from feedback_helpers import COLUMNS, csv_text
    from rmcli.cli import feedback as feedback_cli

    managers = tmp_path / "managers.csv"
    managers.write_text("id,manager\nlena,helga\n", encoding="utf-8")
    checkins = tmp_path / "checkins.csv"
    checkins.write_text(
        "person,date,score,challenges,text,wants_help\nmarkus,2027-02-02,3,,,no\n",
        encoding="utf-8",
    )
    row = dict.fromkeys(COLUMNS, "")
    row.update(person="helga", survey="final", satisfaction="4", relationship="yes")
    row.update({"continue": "no", "answered": "2027-07-01"})
    answers = tmp_path / "answers.csv"
    answers.write_text(csv_text([row]), encoding="utf-8")
    runs: dict[tuple[str, ...], tuple[str, ...]] = {
        ("init",): ("init", str(tmp_path / "new"), "--yes"),
        ("validate",): ("validate",),
        ("roster", "list"): ("roster", "list"),
        ("roster", "add"): ("roster", "add", "--name", "Zed Example", "--role", "junior", "-y"),
        ("roster", "import"): ("roster", "import", str(managers)),
        ("roster", "remove"): ("roster", "remove", "zed-example", "--yes"),
        ("roster", "org", "list"): ("roster", "org", "list"),
        ("roster", "org", "add"): ("roster", "org", "add", "cfo"),
        ("roster", "org", "remove"): ("roster", "org", "remove", "cfo"),
        ("match",): ("match",),
        ("matches",): ("matches",),
        ("schedule",): ("schedule", "--as-of", "2027-02-01"),
        ("agenda",): ("agenda", "--match", "p-lena"),
        ("announce",): ("announce", "--as-of", "2027-01-04"),
        ("log",): ("log", "--match", "p-lena", "--as-of", "2027-12-31", "--yes"),
        ("checkin",): ("checkin", "--person", "lena", "--date", "2027-02-01", "--score", "4"),
        ("checkin", "import"): ("checkin", "import", str(checkins)),
        ("checkin", "show"): ("checkin", "show", "--person", "lena"),
        ("status",): ("status", "--as-of", "2027-03-01"),
        ("feedback",): ("feedback", "--person", "lena", "--survey", "final"),
        ("feedback", "import"): ("feedback", "import", str(answers)),
        ("feedback", "export"): ("feedback", "export", str(tmp_path / "blank.csv")),
        ("recommend", "add"): ("recommend", "add", "Keep the pairs", "--as-of", "2027-07-20"),
        ("recommend", "answer"): ("recommend", "answer", "1", "Yes", "--as-of", "2027-07-21"),
        ("recommend", "done"): ("recommend", "done", "1", "--as-of", "2027-07-22"),
        ("recommend", "list"): ("recommend", "list"),
        ("evaluate",): ("evaluate", "--as-of", "2027-08-01"),
        ("forget",): ("forget", "noah", "--yes"),
    }
    assert set(runs) == _commands(), "every command of the table has a --json run here"
    for path, args in runs.items():
        if path == ("feedback",):  # its questions need a terminal: answer them here
            monkeypatch.setattr(ask, "can_ask", lambda yes: not yes)
            monkeypatch.setattr(
                feedback_cli,
                "ask_question",
                lambda q, **_: {"satisfaction": 4, "relationship": True, "continue": False}.get(
                    q.id
                ),
            )
        result = cli("-p", str(matched), *args, "--json")
        monkeypatch.undo()
        assert result.exit_code in (0, 1), (path, result.output)  # status: 1 = flags
        json.loads(result.stdout)  # the whole of stdout is one JSON document


def test_roster_add_with_an_unknown_manager_names_the_flag_not_a_line(
    cli: Cli, example: Path
) -> None:
    before = (example / "roster.toml").read_bytes()
    result = cli(
        "-p", str(example), "roster", "add", "--name", "Zed", "--role", "junior",
        "--manager", "nobody", "--yes",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "error: --manager: unknown id" in result.stderr
    assert "roster.toml:" not in result.stderr
    assert (example / "roster.toml").read_bytes() == before


# 13. Nothing a user needs is cut at 80 columns, in English or German

TABLES: list[tuple[str, ...]] = [
    ("status", "--as-of", "2027-03-01"),
    ("schedule", "--as-of", "2027-03-01"),
    ("matches",),
    ("match",),
    ("match", "--explain", "lena"),
    ("roster", "list"),
    ("evaluate", "--as-of", "2027-08-01"),
    ("log", "--show", "--match", "p-lena"),
    ("checkin", "show", "--person", "lena"),
    ("agenda", "--match", "p-lena"),
]
LONG_IDS = {"aylin": "aylin-demir", "sabine": "sabine-wolf", "p-aylin": "aylin-demir-sabine-wolf"}


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_table_fits_80_columns_uncut(cli: Cli, matched: Path, language: str) -> None:
    program = matched / "program.toml"
    program.write_text(
        program.read_text(encoding="utf-8").replace('language = "en"', f'language = "{language}"'),
        encoding="utf-8",
    )
    # Ids as an organisation using first and last names gives them: the status table of
    # issue 15 was that much wider than 80 columns, and its German header read "Sig…".
    for name in ("roster.toml", "matches.toml"):
        file = matched / name
        text = file.read_text(encoding="utf-8")
        for short, long in LONG_IDS.items():
            text = text.replace(f'"{short}"', f'"{long}"')
        file.write_text(text, encoding="utf-8")
    env = {"RMCLI_LANGUAGE": language, "COLUMNS": "80"}
    steps = [
        ("log", "--match", "p-lena", "--as-of", "2027-12-31", "--note", "a note", "--yes"),
        ("checkin", "--person", "lena", "--date", "2027-02-01", "--score", "2", "--text", "t"),
    ]
    for step in steps:
        assert cli("-p", str(matched), *step, env=env).exit_code == 0
    for args in TABLES:
        result = cli("-p", str(matched), *args, env=env)
        assert result.exit_code in (0, 1), (args, result.output)
        lines = result.stdout.splitlines()
        assert lines, args
        assert max(len(line) for line in lines) <= 80, (language, args)
        cut = [line for line in lines if "\u2026" in line or re.search(r"\w\.\.\.", line)]
        assert not cut, (language, args)


def test_roster_org_adds_lists_and_removes_managers_outside_the_program(
    cli: Cli, example: Path
) -> None:
    def run(*args: str) -> Any:
        return cli("-p", str(example), "roster", "org", *args)

    top = next(k for k, v in _roster(example)["org"].items() if v == "")
    assert run("add", "cfo", "--manager", top).exit_code == 0
    assert _roster(example)["org"]["cfo"] == top
    assert json.loads(run("list", "--json").stdout)["org"]["cfo"] == top
    typo = run("add", "coo", "--manager", top[:-1] + "x")
    assert typo.exit_code == 2 and f"did you mean '{top}'?" in typo.stderr
    busy = run("remove", top)
    assert busy.exit_code == 2 and "still the manager of" in busy.stderr and "cfo" in busy.stderr
    assert run("remove", "cfo").exit_code == 0
    assert "cfo" not in _roster(example)["org"]
    assert "# " in (example / "roster.toml").read_text(encoding="utf-8")  # comments kept
    assert cli("-p", str(example), "validate").exit_code == 0
