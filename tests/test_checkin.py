"""`rmcli checkin` and `rmcli checkin import`: answers recorded privately, bad rows located."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rmcli.cli import ask
from rmcli.errors import ProblemsError
from rmcli.folder import load
from rmcli.models.checkins import CHALLENGES, Checkin, CheckinsFile
from rmcli.running.checkin import (
    checkin_file_problems,
    checkins_from_csv,
    put_checkins,
)
from running_helpers import CHECKINS_FILE, write_matches

HEADER = "person,date,score,challenges,text,wants_help\n"


@pytest.fixture
def matched(example: Path) -> Path:
    """Return the example program with four pairs."""
    write_matches(example)
    return example


def test_checkin_with_flags(cli, matched: Path) -> None:
    result = cli(
        "checkin",
        "-p",
        str(matched),
        "--person",
        "lena",
        "--date",
        "2027-02-01",
        "--score",
        "2",
        "--challenge",
        "no-time",
        "--challenge",
        "junior-hesitant;other",
        "--text",
        "secret worry",
        "--wants-help",
    )
    assert result.exit_code == 0, result.output
    assert "secret worry" not in result.output
    path = matched / CHECKINS_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    (answer,) = load(matched).checkins.checkins
    assert answer == Checkin(
        person="lena",
        date=dt.date(2027, 2, 1),
        score=2,
        challenges=["no-time", "junior-hesitant", "other"],
        text="secret worry",
        wants_help=True,
    )


def test_same_person_and_day_replaces(cli, matched: Path) -> None:
    base = ("checkin", "-p", str(matched), "--person", "noah", "--date", "2027-02-01")
    assert cli(*base, "--score", "2").exit_code == 0
    again = cli(*base, "--score", "4")
    assert again.exit_code == 0 and "replaced" in again.stderr
    assert [a.score for a in load(matched).checkins.checkins] == [4]


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["--person", "nobody", "--score", "3"], "person"),
        (["--person", "lena", "--score", "6"], "score"),
        (["--person", "lena", "--score", "0"], "score"),
        (["--person", "lena", "--score", "3", "--date", "2026-01-01"], "date"),
        (["--person", "lena", "--score", "3", "--date", "01.02.2027"], "--date"),
        (["--person", "lena", "--score", "3", "--challenge", "boredom"], "challenges"),
        (["--person", "lena"], "--score"),
        (["--score", "3"], "--person"),
    ],
)
def test_bad_values_exit_2(cli, matched: Path, args, key) -> None:
    result = cli("checkin", "-p", str(matched), "--date", "2027-02-01", *args)
    assert result.exit_code == 2
    assert key in result.stderr
    assert "Traceback" not in result.output
    assert not (matched / CHECKINS_FILE).exists()


def test_interactive_checkin(cli, matched: Path, monkeypatch) -> None:
    choices = {"Who answered?": "jonas", "How is it going? (1 badly ... 5 very well)": "3"}
    monkeypatch.setattr(ask, "can_ask", lambda yes: not yes)
    monkeypatch.setattr(ask, "choice", lambda q, **_: choices[q])
    monkeypatch.setattr(ask, "text", lambda q, **kw: "2027-03-01" if "Date" in q else "")
    monkeypatch.setattr(
        ask,
        "many",
        lambda q, **kw: [kw["choices"][2]],  # the third label: no time
    )
    monkeypatch.setattr(ask, "yes_no", lambda q, **_: True)
    assert cli("checkin", "-p", str(matched)).exit_code == 0
    (answer,) = load(matched).checkins.checkins
    assert (answer.person, answer.date, answer.score) == ("jonas", dt.date(2027, 3, 1), 3)
    assert (answer.challenges, answer.wants_help) == (["no-time"], True)


def test_import_csv(cli, matched: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "survey.csv"
    csv_file.write_text(
        HEADER
        + "lena,2027-02-01,4,,fine,no\n"
        + 'markus,2027-02-02,2,no-time;senior-not-serious,"busy, sorry",ja\n'
        + "\n",
        encoding="utf-8",
    )
    result = cli("checkin", "import", str(csv_file), "-p", str(matched))
    assert result.exit_code == 0, result.output
    answers = load(matched).checkins.checkins
    assert [(a.person, a.score, a.challenges, a.wants_help) for a in answers] == [
        ("lena", 4, [], False),
        ("markus", 2, ["no-time", "senior-not-serious"], True),
    ]
    # -p given before the subcommand works too; same answers again replace, not duplicate.
    again = cli("checkin", "-p", str(matched), "import", str(csv_file))
    assert again.exit_code == 0 and "2 replaced" in again.stderr
    assert len(load(matched).checkins.checkins) == 2


def test_import_semicolon_sheet_from_a_german_spreadsheet(cli, matched, tmp_path) -> None:
    csv_file = tmp_path / "umfrage.csv"
    csv_file.write_bytes(
        (
            "\ufeffPerson;Date;Score;Challenges;Text;Wants help\r\n"
            'lena;2027-02-01;4;"no-time;other";"knapp, aber gut";nein\r\n'
            "markus;2027-02-02;2;;;ja\r\n"
        ).encode("utf-8")
    )
    result = cli("checkin", "import", str(csv_file), "-p", str(matched))
    assert result.exit_code == 0, result.output
    assert "imported 2 check-in answers" in result.stderr
    answers = load(matched).checkins.checkins
    assert [(a.person, a.score, a.challenges, a.text, a.wants_help) for a in answers] == [
        ("lena", 4, ["no-time", "other"], "knapp, aber gut", False),
        ("markus", 2, [], "", True),
    ]


def test_import_bad_rows_name_their_lines_and_write_nothing(cli, matched, tmp_path) -> None:
    csv_file = tmp_path / "survey.csv"
    csv_file.write_text(
        HEADER
        + "lena,2027-02-01,4,,ok,no\n"
        + 'jonas,2027-02-01,3,,"two\nlines",no\n'  # a quoted cell spans lines 3-4
        + "noah,2027-02-31,3,,,no\n"
        + "aylin,2027-02-01,9,,,no\n"
        + "markus,2027-02-01,3,,,perhaps\n"
        + "ghost,2027-02-01,3,,,no\n",
        encoding="utf-8",
    )
    result = cli("checkin", "import", str(csv_file), "-p", str(matched))
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert [line.split(":")[2] for line in lines] == ["5", "6", "7", "8"]
    assert "date" in lines[0] and "score" in lines[1] and "wants_help" in lines[2]
    assert "person" in lines[3] and "ghost" in lines[3]  # ids may be named, values not
    assert not (matched / CHECKINS_FILE).exists()


def test_import_needs_a_known_header(cli, matched, tmp_path) -> None:
    csv_file = tmp_path / "survey.csv"
    csv_file.write_text("who,when,score\nlena,2027-02-01,4\n", encoding="utf-8")
    result = cli("checkin", "import", str(csv_file), "-p", str(matched))
    assert result.exit_code == 2
    assert f"{csv_file}:1:" in result.stderr
    missing = cli("checkin", "import", str(tmp_path / "none.csv"), "-p", str(matched))
    assert missing.exit_code == 2 and "not found" in missing.stderr


@given(
    scores=st.lists(st.integers(1, 5), min_size=1, max_size=6),
    days=st.lists(st.integers(0, 100), min_size=1, max_size=6),
)
def test_put_checkins_keeps_one_answer_per_person_and_day(scores, days) -> None:
    answers = [
        Checkin(person="lena", date=dt.date(2027, 1, 11) + dt.timedelta(days=d), score=s)
        for s, d in zip(scores, days, strict=False)
    ]
    merged, replaced = put_checkins(checkins=CheckinsFile(), answers=answers)
    assert len(merged.checkins) == len({a.date for a in answers})
    assert replaced == len(answers) - len(merged.checkins)
    for answer in merged.checkins:  # the last answer of a day wins
        assert answer == [a for a in answers if a.date == answer.date][-1]


def test_core_import_and_file_check(matched: Path, tmp_path: Path) -> None:
    program, roster = load(matched).program, load(matched).roster
    sheet = tmp_path / "x.csv"
    sheet.write_text(HEADER + "lena,2027-02-01,5,,,\n", encoding="utf-8")
    answers = checkins_from_csv(sheet, program=program, roster=roster)
    assert [(a.person, a.score, a.wants_help) for a in answers] == [("lena", 5, False)]
    sheet.write_text(HEADER + "lena,2027-02-01,5\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        checkins_from_csv(sheet, program=program, roster=roster)
    assert caught.value.problems[0].line == 2
    (matched / CHECKINS_FILE).write_text(
        '[[checkins]]\nperson = "lena"\ndate = 2027-02-01\nscore = 4\n\n'
        '[[checkins]]\nperson = "ghost"\ndate = 2027-02-01\nscore = 4\n',
        encoding="utf-8",
    )
    (problem,) = checkin_file_problems(load(matched))
    assert (problem.key, problem.line) == ("checkins.person", 7)


def test_validate_reports_unknown_people_in_checkins(cli, matched: Path) -> None:
    (matched / CHECKINS_FILE).write_text(
        '[[checkins]]\nperson = "ghost"\ndate = 2027-02-01\nscore = 4\n', encoding="utf-8"
    )
    result = cli("validate", "-p", str(matched))
    assert result.exit_code == 2
    assert (
        "checkins.toml:2: checkins.person: names someone who is not in the roster" in result.stderr
    )
    (matched / CHECKINS_FILE).write_text("[[checkins]]\nscore = 9\n", encoding="utf-8")
    broken = cli("validate", "-p", str(matched))
    assert broken.exit_code == 2 and "checkins.toml" in broken.stderr


def test_show_lists_one_persons_answers_with_text(cli, matched: Path) -> None:
    for person, text in (("lena", "lena words"), ("noah", "noah words")):
        args = ("--person", person, "--date", "2027-02-01", "--score", "3", "--text", text)
        assert cli("checkin", "-p", str(matched), *args).exit_code == 0
    shown = cli("checkin", "-p", str(matched), "show", "--person", "lena", env={"COLUMNS": "200"})
    assert shown.exit_code == 0
    assert "lena words" in shown.stdout and "noah words" not in shown.stdout
    as_json = cli("checkin", "show", "-p", str(matched), "--person", "noah", "--json")
    assert [a["text"] for a in json.loads(as_json.stdout)] == ["noah words"]


answer_rows = st.lists(
    st.builds(
        dict,
        person=st.sampled_from(["lena", "jonas", "helga", "markus"]),
        day=st.integers(0, 150),
        score=st.integers(1, 5),
        challenges=st.lists(st.sampled_from(list(CHALLENGES)), unique=True, max_size=3),
        text=st.text(alphabet='ab äß,;"\n', max_size=20).map(str.strip),
        wants_help=st.booleans(),
    ),
    max_size=5,
)


@given(rows=answer_rows)
def test_csv_written_by_a_survey_tool_reads_back(example: Path, tmp_path: Path, rows) -> None:
    """Whatever a CSV writer quotes (commas, quotes, line breaks) comes back as written."""
    program, roster = load(example).program, load(example).roster
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["person", "date", "score", "challenges", "text", "wants_help"])
    for row in rows:
        day = program.start + dt.timedelta(days=row["day"])
        cells = [row["person"], day.isoformat(), row["score"], ";".join(row["challenges"])]
        writer.writerow([*cells, row["text"], "yes" if row["wants_help"] else "no"])
    sheet = tmp_path / "x.csv"
    sheet.write_bytes(buffer.getvalue().encode("utf-8"))
    answers = checkins_from_csv(sheet, program=program, roster=roster)
    assert [
        (a.person, (a.date - program.start).days, a.score, a.challenges, a.text, a.wants_help)
        for a in answers
    ] == [
        (r["person"], r["day"], r["score"], r["challenges"], r["text"], r["wants_help"])
        for r in rows
    ]
