"""`rmcli validate`: every problem at once, located by file, line and key; no tracebacks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(path: Path, fragment: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if fragment in line)


def test_example_program_is_valid(cli):
    result = cli("-p", "programs/tech-six-months", "validate")
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.stderr


def test_program_option_also_works_after_the_command(cli, example: Path):
    assert cli("validate", "-p", str(example)).exit_code == 0


def test_program_from_environment(cli, example: Path):
    assert cli("validate", env={"RMCLI_PROGRAM": str(example)}).exit_code == 0


def test_program_found_in_programs_folder(cli, tmp_path: Path, monkeypatch, example: Path):
    (tmp_path / "programs").mkdir()
    example.rename(tmp_path / "programs" / "only")
    monkeypatch.chdir(tmp_path)
    assert cli("validate").exit_code == 0
    (tmp_path / "programs" / "second").mkdir()
    shutil.copy(tmp_path / "programs" / "only" / "program.toml", tmp_path / "programs" / "second")
    result = cli("validate")
    assert result.exit_code == 2
    assert "programs/only" in result.stderr and "programs/second" in result.stderr


def test_no_program_anywhere(cli, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("validate")
    assert result.exit_code == 2
    assert "no program.toml" in result.stderr


@pytest.mark.parametrize(
    ("file", "old", "new", "key", "fragment"),
    [
        (
            "roster.toml",
            'role = "junior"',
            'role = "Junior"',
            "people[5].role",
            "'junior' or 'senior'",
        ),
        ("roster.toml", "volunteer = true", 'volunteer = "yes"', "", ""),
        (
            "roster.toml",
            'email = "lena.schmidt@example.com"',
            'emial = "lena.schmidt@example.com"',
            "people[5].emial",
            "did you mean 'email'",
        ),
        (
            "roster.toml",
            'email = "aylin.demir@example.com"',
            'email = "aylin at example"',
            "people[7].email",
            "expected an email address",
        ),
        ("program.toml", "months = 6", 'months = "six"', "months", "expected a whole number"),
        (
            "program.toml",
            "start = 2027-01-11",
            'start = "11.01.2027"',
            "start",
            "expected a TOML date",
        ),
        (
            "program.toml",
            "session_minutes = 60",
            "session_minutes = 15",
            "session_minutes",
            "at least 30",
        ),
        (
            "program.toml",
            'timezone = "Europe/Berlin"',
            'timezone = "Berlin"',
            "calendar.timezone",
            "IANA",
        ),
    ],
)
def test_bad_values_name_file_line_and_key(cli, example: Path, file, old, new, key, fragment):
    if old == "volunteer = true":
        # no person sets volunteer in the example: add the key to the first person
        old, new = 'role = "senior"', 'role = "senior"\nvolunteer = "yes"'
        key, fragment = "people[1].volunteer", "expected true or false"
    _edit(example / file, old, new)
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    line = _line_of(example / file, new.splitlines()[-1])
    expected = f"{example / file}:{line}: {key}: "
    assert expected in result.stderr, result.stderr
    assert fragment in result.stderr


def test_personal_values_are_never_echoed(cli, example: Path):
    _edit(
        example / "roster.toml",
        'email = "aylin.demir@example.com"',
        'email = "aylin-private-at-home"',
    )
    _edit(example / "roster.toml", 'name = "Noah Fischer"', "name = 42")
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 2
    assert "aylin-private-at-home" not in result.output
    assert "42" not in result.output.replace(str(example), "")


def test_invalid_toml_gives_line_and_column(cli, example: Path):
    _edit(example / "program.toml", "months = 6", "months = = 6")
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 2
    line = _line_of(example / "program.toml", "months = = 6")
    assert f"program.toml:{line}:" in result.stderr
    assert "not valid TOML" in result.stderr


def test_missing_roster_is_an_error_not_an_empty_roster(cli, example: Path):
    (example / "roster.toml").unlink()
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 2
    assert "roster.toml: file not found" in result.stderr


def test_all_problems_are_reported_at_once(cli, example: Path):
    _edit(example / "roster.toml", 'role = "junior"', 'role = "mentor"')
    _edit(example / "program.toml", "months = 6", "months = 0")
    _edit(example / "roster.toml", 'manager = "katrin"', 'manager = "nobody"')
    result = cli("-p", str(example), "validate", "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    keys = {p["key"] for p in data["problems"] if p["severity"] == "error"}
    assert {"people[5].role", "months"} <= keys
    assert data["ok"] is False


@pytest.mark.parametrize(
    ("old", "new", "key", "fragment"),
    [
        ('manager = "katrin"', 'manager = "nobody"', "people.manager", "unknown id"),
        ('prefer = ["aylin"]', 'prefer = ["ghost"]', "people.prefer", "unknown id"),
        ('prefer = ["aylin"]', 'avoid = ["markus"]', "people.avoid", "themselves"),
        ('peter = "markus"', 'peter = "zed"', "org.peter", "unknown id"),
        ('manager = "claudia"', 'manager = "helga"', "people.manager", "own manager"),
        ('claudia = ""', 'claudia = "lukas"', "", "reporting lines form a cycle"),
        ('id = "noah"', 'id = "aylin"', "people.id", "earlier person"),
        (
            'email = "noah.fischer@example.com"',
            'email = "Aylin.Demir@Example.com"',
            "people.email",
            "ignore case",
        ),
        (
            'interests = ["hiring", "architecture"]',
            'interests = ["hiring"]\nprojects = ["ai-eval"]',
            "people.projects",
            "unknown project",
        ),
    ],
)
def test_cross_checks(cli, example: Path, old, new, key, fragment):
    _edit(example / "roster.toml", old, new)
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 2, result.output
    assert fragment in result.stderr
    if key:
        assert f": {key}: " in result.stderr


def test_cycle_through_program_people(cli, example: Path):
    _edit(example / "roster.toml", 'manager = "claudia"', 'manager = "noah"')
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 2
    assert "cycle" in result.stderr and "helga" in result.stderr and "lukas" in result.stderr


def test_plan_must_cover_every_month(cli, example: Path):
    _edit(example / "program.toml", "months = 6", "months = 8")
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 2
    assert "no topic for month 7, 8" in result.stderr


def test_warnings_exit_0(cli, example: Path):
    _edit(example / "roster.toml", 'role = "junior"', 'role = "junior"\nvolunteer = false')
    _edit(
        example / "roster.toml",
        'interests = ["new-frameworks", "team-culture", "onboarding"]',
        'interests = ["quantum"]',
    )
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 0, result.output
    assert "not a volunteer" in result.stderr
    assert "no junior lists quantum" in result.stderr
    assert "4 seniors but room for only 3" in result.stderr


def test_matches_naming_unknown_people_are_errors(cli, example: Path):
    (example / "matches.toml").write_text(
        '[[matches]]\nid = "m1"\njuniors = ["ghost"]\nseniors = ["helga"]\n', encoding="utf-8"
    )
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 2
    assert (
        "matches.toml:3: matches.juniors: names someone who is not in the roster" in result.stderr
    )


def test_validate_parses_each_file_once(example: Path, monkeypatch):
    from collections import Counter

    from rmcli.io import toml
    from rmcli.io.templates import shipped_root
    from rmcli.validate import check_program
    from trust_helpers import add_records

    add_records(example)  # sessions, check-ins and feedback
    shutil.copy(shipped_root() / "surveys" / "default.toml", example / "surveys.toml")
    (example / "erasures.toml").write_text(f'salt = "{"0" * 32}"\n', encoding="utf-8")
    parsed: Counter[str] = Counter()
    parse = toml.parse

    def counting(text: str, *, file: str):
        parsed[Path(file).name] += 1
        return parse(text, file=file)

    monkeypatch.setattr(toml, "parse", counting)
    problems = check_program(example)
    assert [p for p in problems if p.severity == "error"] == []
    assert parsed == Counter({p.name: 1 for p in example.glob("*.toml")})


def test_plan_checks_before_the_start_warn_one_line_each(cli, example: Path):
    program = example / "program.toml"
    clean = cli("validate", "-p", str(example))
    assert clean.exit_code == 0 and "0 warnings" in clean.stderr, clean.stderr
    text = program.read_text(encoding="utf-8")
    # Every month technology but the retrospective; short sessions; no confidentiality.
    text = text.replace('area = "culture"', 'area = "technology"')
    text = text.replace('area = "workplace"', 'area = "technology"')
    text = text.replace("session_minutes = 60", "session_minutes = 40")
    text = text.replace("confidential = true", "confidential = false")
    program.write_text(text, encoding="utf-8")
    result = cli("validate", "-p", str(example))
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("warning")]
    assert "4 warnings" in result.stderr
    assert len([x for x in lines if 'area = "workplace"' in x]) == 1
    assert len([x for x in lines if 'area = "culture"' in x]) == 1
    assert len([x for x in lines if "40 minutes" in x and "session_minutes" in x]) == 1
    assert len([x for x in lines if "confidential" in x]) == 1
    # The retrospective has its own area: it does not make the plan look balanced.
    assert 'area = "retrospective"' in text


def test_plan_checks_quiet_from_45_minutes(cli, example: Path):
    program = example / "program.toml"
    program.write_text(
        program.read_text(encoding="utf-8").replace("session_minutes = 60", "session_minutes = 45"),
        encoding="utf-8",
    )
    result = cli("validate", "-p", str(example))
    assert result.exit_code == 0 and "session_minutes" not in result.stderr


@pytest.mark.parametrize("starter", ["tech-six-months", "group", "peer", "project"])
@pytest.mark.parametrize("language", ["en", "de"])
def test_every_starter_gives_the_retrospective_its_own_area(cli, tmp_path: Path, starter, language):
    folder = tmp_path / "p"
    result = cli("init", str(folder), "--starter", starter, "--language", language, "--yes")
    assert result.exit_code == 0, result.output
    from rmcli.folder import load

    program = load(folder).program
    last = program.topic_for_month(program.months)
    assert last is not None and last.area == "retrospective"
    assert all(t.area != "retrospective" for t in program.topics if t.month < program.months)
    checked = cli("validate", "-p", str(folder))
    assert checked.exit_code == 0, checked.output
    assert "program.toml" not in checked.stderr, checked.stderr  # the roster is still empty
