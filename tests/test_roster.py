"""`rmcli roster`: list, add, import and remove, keeping the hand-written file's comments."""

from __future__ import annotations

import csv
import io
import json
import re
import tomllib
from pathlib import Path

import pytest

from rmcli.folder import load

COLUMNS = [
    "id",
    "name",
    "email",
    "role",
    "department",
    "manager",
    "volunteer",
    "expertise",
    "interests",
    "timezone",
    "languages",
]


def _roster(folder: Path) -> dict:
    return tomllib.loads((folder / "roster.toml").read_text(encoding="utf-8"))


def _write_csv(path: Path, rows: list[dict[str, str]], columns: list[str] = COLUMNS) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def _row(i: int, **changes: str) -> dict[str, str]:
    row = {
        "id": f"p{i:03d}",
        "name": f"Person {i}",
        "email": f"p{i}@example.com",
        "role": "junior" if i % 2 else "senior",
        "department": f"Dept {i % 10}",
        "manager": "claudia",
        "volunteer": "yes",
        "expertise": "ai-tools;remote-work",
        "interests": "architecture",
        "timezone": "Europe/Berlin",
        "languages": "en;de",
    }
    row.update(changes)
    return row


def test_list_table_and_json(cli, example: Path):
    table = cli("-p", str(example), "roster", "list")
    assert table.exit_code == 0
    for person in ("helga", "lena", "noah"):
        assert person in table.stdout
    data = json.loads(
        cli("-p", str(example), "roster", "list", "--json", "--role", "junior").stdout
    )
    assert [p["id"] for p in data["people"]] == ["lena", "jonas", "aylin", "noah"]
    assert data["org"]["lukas"] == "sabine"


def test_list_at_80_columns_keeps_topic_ids_whole(cli, example: Path):
    """At 80 columns name, role and department share a column; every topic id is on a
    line of its own, whole, and no line is wider than the console."""
    table = cli("-p", str(example), "roster", "list", env={"COLUMNS": "80"})
    assert table.exit_code == 0
    lines = table.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    cells = {cell.strip() for line in lines for cell in line.split("\u2502")}
    roster = load(example).roster
    for person in roster.people:
        assert set(person.expertise) | set(person.interests) <= cells
    wide = cli("-p", str(example), "roster", "list", env={"COLUMNS": "160"})
    assert "department" in wide.stdout and "time zone" in wide.stdout


def test_add_keeps_comments_and_validates(cli, example: Path):
    result = cli(
        "-p",
        str(example),
        "roster",
        "add",
        "--name",
        "Ana López",
        "--role",
        "junior",
        "--expertise",
        "ai-tools,remote-work",
        "--interests",
        "hiring",
        "--manager",
        "lukas",
        "--timezone",
        "Europe/Madrid",
        "--languages",
        "es",
        "--languages",
        "en",
    )
    assert result.exit_code == 0, result.output
    text = (example / "roster.toml").read_text(encoding="utf-8")
    assert "# reports to a senior in the program: they must not be matched" in text
    assert "# Reporting lines of people outside the program" in text
    ana = next(p for p in _roster(example)["people"] if p["id"] == "ana-lopez")
    assert ana["name"] == "Ana López"
    assert ana["expertise"] == ["ai-tools", "remote-work"]
    assert ana["languages"] == ["es", "en"]
    assert (example / "roster.toml").stat().st_mode & 0o777 == 0o600
    assert cli("-p", str(example), "validate").exit_code == 0


@pytest.mark.parametrize(
    ("flags", "fragment"),
    [
        (["--id", "lena", "--name", "Lena Two", "--role", "junior"], "already in the roster"),
        (["--name", "X", "--role", "mentor"], "--role: expected 'junior' or 'senior'"),
        (["--name", "X", "--role", "junior", "--manager", "ghost"], "unknown id"),
        (["--name", "X", "--role", "junior", "--timezone", "Mars/Base"], "IANA"),
        (["--role", "junior"], "--name is needed"),
    ],
)
def test_add_refuses_bad_input_and_writes_nothing(cli, example: Path, flags, fragment):
    before = (example / "roster.toml").read_bytes()
    result = cli("-p", str(example), "roster", "add", *flags)
    assert result.exit_code == 2, result.output
    assert fragment in result.stderr
    assert "Traceback" not in result.output
    assert (example / "roster.toml").read_bytes() == before


def test_import_500_rows_writes_a_valid_roster(cli, example: Path, tmp_path: Path):
    sheet = tmp_path / "people.csv"
    _write_csv(sheet, [_row(i) for i in range(500)])
    dry = cli("-p", str(example), "roster", "import", str(sheet), "--dry-run", "--json")
    assert dry.exit_code == 0, dry.output
    assert len(json.loads(dry.stdout)["added"]) == 500
    assert len(_roster(example)["people"]) == 8, "a dry run writes nothing"
    result = cli("-p", str(example), "roster", "import", str(sheet))
    assert result.exit_code == 0, result.output
    people = _roster(example)["people"]
    assert len(people) == 508
    assert people[-1]["id"] == "p499" and people[-1]["expertise"] == ["ai-tools", "remote-work"]
    assert "# reports to a senior in the program" in (example / "roster.toml").read_text(
        encoding="utf-8"
    )
    assert cli("-p", str(example), "validate").exit_code == 0


def test_import_updates_existing_people_and_reports_unchanged(cli, example: Path, tmp_path: Path):
    sheet = tmp_path / "update.csv"
    _write_csv(
        sheet,
        [
            {"id": "noah", "name": "Noah Fischer", "role": "junior", "department": "Risk"},
            {"id": "new1", "name": "New One", "role": "senior"},
        ],
        columns=["id", "name", "role", "department"],
    )
    result = cli("-p", str(example), "roster", "import", str(sheet), "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["updated"] == ["noah"]
    noah = next(p for p in _roster(example)["people"] if p["id"] == "noah")
    assert noah["department"] == "Risk"
    assert noah["expertise"] == ["remote-work", "async-collaboration", "developer-experience"], (
        "other keys kept"
    )


@pytest.mark.parametrize(
    ("change", "column", "fragment"),
    [
        ({"role": "mentor"}, "role", "'junior' or 'senior'"),
        ({"volunteer": "maybe"}, "volunteer", "expected yes or no"),
        ({"email": "not-an-email"}, "email", "expected an email address"),
        ({"manager": "ghost"}, "manager", "unknown id"),
        ({"id": "Upper Case"}, "id", "lower-case id"),
        ({"id": "p001"}, "id", "earlier row"),
        ({"timezone": "Nowhere/City"}, "timezone", "IANA"),
    ],
)
def test_import_with_one_bad_row_writes_nothing(
    cli, example: Path, tmp_path: Path, change, column, fragment
):
    rows = [_row(i) for i in range(1, 40)]
    rows[20] = _row(21, **change)
    sheet = tmp_path / "bad.csv"
    _write_csv(sheet, rows)
    before = (example / "roster.toml").read_bytes()
    result = cli("-p", str(example), "roster", "import", str(sheet))
    assert result.exit_code == 2, result.output
    assert f"{sheet}:22: {column}: " in result.stderr, result.stderr
    assert fragment in result.stderr
    assert "not-an-email" not in result.output
    assert (example / "roster.toml").read_bytes() == before


def test_import_locates_rows_after_a_cell_of_several_lines(cli, example: Path, tmp_path: Path):
    rows = [_row(1, department="Risk\nand Compliance"), _row(2, volunteer="perhaps")]
    sheet = tmp_path / "multi.csv"
    _write_csv(sheet, rows)
    result = cli("-p", str(example), "roster", "import", str(sheet))
    assert result.exit_code == 2, result.output
    # the first row spans lines 2-3, so the second starts on line 4
    assert f"{sheet}:4: volunteer: expected yes or no" in result.stderr
    assert "perhaps" not in result.output


def test_import_unknown_column_and_missing_file(cli, example: Path, tmp_path: Path):
    sheet = tmp_path / "cols.csv"
    sheet.write_text("id,name,role,shoe_size\nx,X,junior,44\n", encoding="utf-8")
    result = cli("-p", str(example), "roster", "import", str(sheet))
    assert result.exit_code == 2
    assert f"{sheet}:1: header: unknown column 'shoe_size'" in result.stderr
    missing = cli("-p", str(example), "roster", "import", str(tmp_path / "none.csv"))
    assert missing.exit_code == 2
    assert "none.csv: file not found" in missing.stderr


def test_remove_dissolves_the_match_and_keeps_the_reporting_line(cli, example: Path):
    (example / "matches.toml").write_text(
        '[[matches]]\nid = "m1"\njuniors = ["aylin"]\nseniors = ["thomas"]\n\n'
        '[[matches]]\nid = "m2"\njuniors = ["jonas"]\nseniors = ["markus"]\n',
        encoding="utf-8",
    )
    result = cli("-p", str(example), "roster", "remove", "thomas", "--yes", "--json")
    assert result.exit_code == 0, result.output
    change = json.loads(result.stdout)
    assert change["dissolved_matches"] == ["m1"]
    assert change["moved_to_org"] == ["thomas"]
    roster = _roster(example)
    assert "thomas" not in {p["id"] for p in roster["people"]}
    assert roster["org"]["thomas"] == "helga"
    matches = tomllib.loads((example / "matches.toml").read_text(encoding="utf-8"))["matches"]
    assert [m["id"] for m in matches] == ["m2"]
    assert cli("-p", str(example), "validate").exit_code == 0


def test_remove_cleans_avoid_and_prefer(cli, example: Path):
    result = cli("-p", str(example), "roster", "remove", "aylin", "--yes")
    assert result.exit_code == 0, result.output
    markus = next(p for p in _roster(example)["people"] if p["id"] == "markus")
    assert "prefer" not in markus
    assert cli("-p", str(example), "validate").exit_code == 0


def test_remove_needs_confirmation_without_a_terminal(cli, example: Path):
    before = (example / "roster.toml").read_bytes()
    result = cli("-p", str(example), "roster", "remove", "noah")
    assert result.exit_code == 1
    assert "--yes" in result.stderr
    assert (example / "roster.toml").read_bytes() == before
    unknown = cli("-p", str(example), "roster", "remove", "ghost", "--yes")
    assert unknown.exit_code == 2
    assert "no person with id 'ghost'" in unknown.stderr


def test_output_to_a_pipe_is_plain_text(cli, example: Path):
    for args in (["roster", "list"], ["validate"], ["match"]):
        result = cli("-p", str(example), *args)
        assert "\x1b[" not in result.stdout + result.stderr, args
    (example / "matches.toml").unlink()
    roster = example / "roster.toml"
    roster.write_text(
        roster.read_text(encoding="utf-8").replace('role = "junior"', 'role = "x"', 1),
        encoding="utf-8",
    )
    colour = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7])m")
    forced = cli("-p", str(example), "validate", env={"FORCE_COLOR": "1"})
    assert colour.search(forced.stderr), "the check can fail: forced colour shows red errors"
    plain = cli("-p", str(example), "validate", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not colour.search(plain.stderr), "NO_COLOR wins: no colours"
