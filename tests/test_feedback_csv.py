"""`rmcli feedback import/export`: CSV sheets in, blank sheets out, bad rows refused."""

from __future__ import annotations

import datetime as dt
import stat
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from feedback_helpers import COLUMNS, csv_text
from rmcli.errors import ProblemsError
from rmcli.feedback.csv import read_sheet
from rmcli.feedback.values import parse_rating
from rmcli.folder import load


def row(person: str, survey: str = "final", **cells: str) -> dict[str, str]:
    """Return one sheet row with the required final answers filled in."""
    found = dict.fromkeys(COLUMNS, "")
    found.update(person=person, survey=survey)
    if survey == "final":
        found.update(satisfaction="4", relationship="yes", **{"continue": "no"})
    found.update(cells)
    return found


def answers_of(folder: Path) -> list[dict[str, object]]:
    """Return the answers stored in feedback.toml."""
    return tomllib.loads((folder / "feedback.toml").read_text(encoding="utf-8"))["answers"]


def test_import_stores_every_value_typed_and_private(example, cli, tmp_path):
    sheet = tmp_path / "answers.csv"
    rows = [
        row(
            "lena",
            satisfaction="5",
            learned="architecture; prompt writing ;",
            skills="architecture=4;ai-tools=3",
            relationship="TRUE",
            worked="Real tools",
            gained="visibility;Sponsor",
            recommend="Keep it",
            answered="2027-07-02",
        ),
        row("helga", relationship="no", **{"continue": "Yes"}, gained="new-tools"),
    ]
    sheet.write_text(csv_text(rows), encoding="utf-8")
    result = cli("feedback", "import", str(sheet), "-p", str(example), "--as-of", "2027-07-09")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE((example / "feedback.toml").stat().st_mode) == 0o600
    stored = {a["person"]: a for a in answers_of(example)}
    lena, helga = stored["lena"], stored["helga"]
    assert lena["satisfaction"] == 5 and lena["relationship"] is True
    assert lena["continue"] is False
    assert lena["learned"] == ["architecture", "prompt writing"]
    assert lena["skills"] == {"architecture": 4, "ai-tools": 3}
    assert lena["gained"] == ["visibility", "sponsor"]
    assert lena["answered"] == dt.date(2027, 7, 2)
    assert helga["answered"] == dt.date(2027, 7, 9)  # --as-of dates undated rows
    assert helga["continue"] is True and helga["relationship"] is False
    assert "worked" not in helga  # unanswered questions are left out


@pytest.mark.parametrize("bad", ["0", "6", "4.5", "NaN", "inf", "-1", "four", "4,0", "1e0"])
def test_bad_rating_is_refused_with_file_line_column_and_nothing_written(
    example, cli, tmp_path, bad
):
    sheet = tmp_path / "answers.csv"
    rows = [row("lena"), row("jonas", worked="line one\nline two"), row("noah", satisfaction=bad)]
    sheet.write_text(csv_text(rows), encoding="utf-8")
    result = cli("feedback", "import", str(sheet), "-p", str(example))
    assert result.exit_code == 2
    # jonas's answer spans lines 3-4, so noah's row starts on line 5
    assert f"{sheet}:5: satisfaction: expected a whole number from 1 to 5" in result.stderr
    assert "Traceback" not in result.output
    assert not (example / "feedback.toml").exists()


def test_every_bad_cell_is_reported_without_echoing_values(example, cli, tmp_path):
    sheet = tmp_path / "answers.csv"
    rows = [
        row("Lena Schmidt"),
        row("lena", survey="exit-interview"),
        row("jonas", relationship="maybe"),
        row("aylin", satisfaction=""),
        row("noah", gained="fame"),
        row("helga", gained="visibility"),  # a junior option; helga is a senior
        row("thomas", answered="07/05/2027"),
        row("lena"),
        row("lena"),
    ]
    sheet.write_text(csv_text(rows), encoding="utf-8")
    result = cli("feedback", "import", str(sheet), "-p", str(example))
    assert result.exit_code == 2
    err = result.stderr
    assert f"{sheet}:2: person: unknown person id" in err
    assert "Lena Schmidt" not in err and "maybe" not in err and "fame" not in err
    assert f"{sheet}:3: survey: unknown survey" in err
    assert f"{sheet}:4: relationship: expected yes or no" in err
    assert f"{sheet}:5: satisfaction: required answer is missing" in err
    assert f"{sheet}:6: gained: expected options separated by ';'" in err
    assert f"{sheet}:7: gained: expected options" in err
    assert f"{sheet}:8: answered: expected a date as YYYY-MM-DD" in err
    assert f"{sheet}:10: person: the same person and survey appear again (first on line 9)" in err
    assert not (example / "feedback.toml").exists()


def test_header_problems(example, cli, tmp_path):
    sheet = tmp_path / "answers.csv"
    sheet.write_text("who,survey,satisfactoin\nlena,final,4\n", encoding="utf-8")
    result = cli("feedback", "import", str(sheet), "-p", str(example))
    assert result.exit_code == 2
    assert f"{sheet}:1: header: unknown column 'who'" in result.stderr
    assert f"{sheet}:1: header: unknown column 'satisfactoin'" in result.stderr
    assert f"{sheet}:1: header: missing column 'person'" in result.stderr


def test_required_column_missing_from_sheet(example, tmp_path):
    sheet = tmp_path / "answers.csv"
    sheet.write_text("person,survey,satisfaction\nlena,final,4\n", encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        read_sheet(
            sheet,
            roster=load(example).roster,
            surveys=load(example).surveys,
            today=dt.date(2027, 7, 1),
        )
    keys = {p.key for p in caught.value.problems}
    assert {"relationship", "continue"} <= keys


def test_semicolon_separated_sheet_from_a_german_spreadsheet(example, cli, tmp_path):
    sheet = tmp_path / "antworten.csv"
    text = (
        "\ufeffperson;survey;satisfaction;relationship;continue;learned\n"
        'lena;final;3;ja;nein;"ai-tools;Prompts schreiben"\n'
    )
    sheet.write_text(text, encoding="utf-8")
    result = cli("feedback", "import", str(sheet), "-p", str(example))
    assert result.exit_code == 0, result.output
    lena = answers_of(example)[0]
    assert (lena["relationship"], lena["continue"]) == (True, False)
    assert lena["learned"] == ["ai-tools", "Prompts schreiben"]


def test_answering_again_replaces_only_after_confirmation(example, cli, tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.write_text(csv_text([row("lena", satisfaction="2"), row("noah")]), encoding="utf-8")
    second.write_text(csv_text([row("lena", satisfaction="5")]), encoding="utf-8")
    assert cli("feedback", "import", str(first), "-p", str(example)).exit_code == 0
    before = (example / "feedback.toml").read_text(encoding="utf-8")
    refused = cli("feedback", "import", str(second), "-p", str(example))
    assert refused.exit_code == 2
    assert "--replace" in refused.stderr
    assert (example / "feedback.toml").read_text(encoding="utf-8") == before
    done = cli("feedback", "import", str(second), "-p", str(example), "--replace")
    assert done.exit_code == 0
    stored = {a["person"]: a["satisfaction"] for a in answers_of(example)}
    assert stored == {"lena": 5, "noah": 4}


def test_blank_export_lists_everyone_and_reimports_as_nothing(example, cli, tmp_path):
    sheet = tmp_path / "blank.csv"
    result = cli("feedback", "export", "--blank", str(sheet), "-p", str(example))
    assert result.exit_code == 0, result.output
    lines = sheet.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    for column in (
        "person",
        "survey",
        "satisfaction",
        "learned",
        "relationship",
        "continue",
        "worked",
        "change",
    ):
        assert column in header
    people = [p.id for p in load(example).roster.people]
    assert [line.split(",")[:2] for line in lines[1:]] == [[p, "final"] for p in people]
    again = cli("feedback", "import", str(sheet), "-p", str(example))
    assert again.exit_code == 2
    assert "no answered rows" in again.stderr
    assert not (example / "feedback.toml").exists()


def test_export_writes_the_blank_sheet_but_never_over_an_existing_file(example, cli, tmp_path):
    sheet = tmp_path / "blank.csv"
    plain = cli("feedback", "export", str(sheet), "-p", str(example))
    assert plain.exit_code == 0, plain.output  # --blank is what export always writes
    header, first = sheet.read_text(encoding="utf-8").splitlines()[:2]
    assert first.endswith("final" + "," * (header.count(",") - 1))
    sheet.write_text("keep me", encoding="utf-8")
    kept = cli("feedback", "export", "--blank", str(sheet), "-p", str(example))
    assert kept.exit_code == 2 and sheet.read_text(encoding="utf-8") == "keep me"
    over = cli(
        "feedback",
        "export",
        "--blank",
        str(sheet),
        "-p",
        str(example),
        "--yes",
        "--survey",
        "intake",
    )
    assert over.exit_code == 0
    assert (
        sheet.read_text(encoding="utf-8").splitlines()[1].endswith("intake" + "," * 12)
    )  # and the organisation's gains
    assert (
        cli(
            "feedback",
            "export",
            "--blank",
            str(sheet),
            "-p",
            str(example),
            "--yes",
            "--survey",
            "nope",
        ).exit_code
        == 2
    )


def test_program_surveys_toml_overrides_the_default(example, cli, tmp_path):
    (example / "surveys.toml").write_text(
        '[[surveys]]\nid = "final"\nen = "Final"\n'
        '[[surveys.questions]]\nid = "satisfaction"\nkind = "rating"\nen = "How?"\n'
        '[[surveys.questions]]\nid = "lunch"\nkind = "yesno"\nen = "Lunch together?"\n',
        encoding="utf-8",
    )
    sheet = tmp_path / "a.csv"
    sheet.write_text("person,survey,satisfaction,lunch\nlena,final,4,yes\n", encoding="utf-8")
    result = cli("feedback", "import", str(sheet), "-p", str(example))
    assert result.exit_code == 0, result.output
    assert answers_of(example)[0]["extra"] == {"lunch": True}


def test_broken_surveys_toml_is_located(example, cli, tmp_path):
    (example / "surveys.toml").write_text(
        '[[surveys]]\nid = "final"\nen = "Final"\n'
        '[[surveys.questions]]\nid = "satisfaction"\nkind = "text"\nen = "How?"\n',
        encoding="utf-8",
    )
    sheet = tmp_path / "a.csv"
    sheet.write_text("person,survey\nlena,final\n", encoding="utf-8")
    result = cli("feedback", "import", str(sheet), "-p", str(example))
    assert result.exit_code == 2
    assert "surveys.toml:4" in result.stderr and "must have kind 'rating'" in result.stderr


@given(st.text(max_size=6))
def test_a_rating_is_exactly_a_digit_from_one_to_five(text):
    expected = text.strip() in {"1", "2", "3", "4", "5"}
    try:
        value = parse_rating(text)
    except ValueError:
        assert not expected
    else:
        assert expected and value == int(text.strip())


def test_validate_checks_feedback_toml(example, cli):
    (example / "feedback.toml").write_text(
        '[[answers]]\nperson = "lena"\nsurvey = "final"\nanswered = 2027-07-01\nsatisfaction = 7\n',
        encoding="utf-8",
    )
    result = cli("validate", "-p", str(example))
    assert result.exit_code == 2
    assert "feedback.toml:5: answers[1].satisfaction:" in result.output
    (example / "feedback.toml").write_text(
        '[[answers]]\nperson = "zoe"\nsurvey = "final"\nanswered = 2027-07-01\n',
        encoding="utf-8",
    )
    warned = cli("validate", "-p", str(example))
    assert "feedback.toml:2: answers.person: names someone who is not in the roster" in (
        warned.output
    )


def test_trailing_separators_and_broken_csv(example, cli, tmp_path):
    sheet = tmp_path / "a.csv"
    sheet.write_text(
        "person,survey,satisfaction,relationship,continue,,\nlena,final,4,yes,no,,\n",
        encoding="utf-8",
    )
    assert cli("feedback", "import", str(sheet), "-p", str(example)).exit_code == 0
    sheet.write_text(
        "person,survey,satisfaction,relationship,continue,\nnoah,final,4,yes,no,oops\n",
        encoding="utf-8",
    )
    filled = cli("feedback", "import", str(sheet), "-p", str(example))
    assert filled.exit_code == 2 and f"{sheet}:2: header: a filled cell" in filled.stderr
    sheet.write_text("person,survey,worked\nlena,final," + "x" * 200_000 + "\n", encoding="utf-8")
    broken = cli("feedback", "import", str(sheet), "-p", str(example))
    assert broken.exit_code == 2
    assert "not a readable CSV sheet" in broken.stderr and "Traceback" not in broken.output
    sheet.write_bytes("person,survey\nlena,final\n".encode("utf-16"))
    assert "not UTF-8" in cli("feedback", "import", str(sheet), "-p", str(example)).stderr
