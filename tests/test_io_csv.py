"""The one CSV reader: encodings, delimiters, line ends and yes/no words, the same for every import."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rmcli.errors import ProblemsError
from rmcli.feedback.csv import read_sheet
from rmcli.folder import load
from rmcli.io.csv import EXPECTED_YES_OR_NO, parse_csv, parse_yes_no
from rmcli.roster.csv import people_from_csv
from rmcli.running.checkin import checkins_from_csv

EXAMPLE = Path(__file__).resolve().parent.parent / "programs" / "tech-six-months"
YES_WORDS = ["yes", "Yes", "y", "ja", "JA", "j", "true", "TRUE", "wahr", "1", "x", "X", " ja "]
NO_WORDS = ["no", "NO", "n", "nein", "Nein", "false", "False", "falsch", "0"]
OTHER_WORDS = ["maybe", "jein", "2", "-", "ok", "yes please"]
VARIANTS = [
    (delimiter, bom, ending)
    for delimiter in (",", ";", "\t")
    for bom in (False, True)
    for ending in ("\n", "\r\n")
]


def render(
    rows: list[list[str]], *, delimiter: str = ",", bom: bool = False, ending: str = "\n"
) -> bytes:
    """Return a sheet as a spreadsheet would save it: quoted where needed, UTF-8."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=ending).writerows(rows)
    return (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8")


# One sheet per import, with cells that need quoting in some dialect: separators, quotes, line breaks.
SHEETS: dict[str, list[list[str]]] = {
    "roster": [
        ["id", "name", "role", "volunteer", "expertise", "languages", "department"],
        ["zoe", "Zoe Berg", "junior", "ja", "ai-tools;remote-work", "de;en", 'Risk, "EMEA"'],
        ["max", "Max Mustermann", "senior", "no", "", "", "Tab\there"],
    ],
    "checkin": [
        ["person", "date", "score", "challenges", "text", "wants_help"],
        ["lena", "2027-02-01", "4", "no-time;other", 'busy, "sorry";\nnext week', "ja"],
        ["markus", "2027-02-02", "2", "", "", ""],
    ],
    "feedback": [
        ["person", "survey", "satisfaction", "relationship", "continue", "learned", "worked"],
        ["lena", "final", "3", "ja", "nein", "ai-tools;Prompts schreiben", 'Real tools;\n"a, b"'],
        ["helga", "final", "5", "x", "false", "", ""],
    ],
}


def _import(kind: str, path: Path) -> list[Any]:
    """Return what an import reads from a sheet, as plain data."""
    snapshot = load(EXAMPLE)
    program, roster = snapshot.program, snapshot.roster
    if kind == "roster":
        ids = {p.id for p in roster.people}
        people, columns = people_from_csv(path, people_ids=ids, org_ids=set(roster.org))
        return [sorted(columns), *(p.model_dump() for p in people)]
    if kind == "checkin":
        return [a.model_dump() for a in checkins_from_csv(path, program=program, roster=roster)]
    surveys = snapshot.surveys
    answers = read_sheet(path, roster=roster, surveys=surveys, today=dt.date(2027, 7, 9))
    return [a.model_dump(by_alias=True) for a in answers]


def test_the_plain_sheets_read_as_written(tmp_path: Path) -> None:
    path = tmp_path / "sheet.csv"
    path.write_bytes(render(SHEETS["roster"]))
    _, zoe, max_ = _import("roster", path)
    assert (zoe["expertise"], zoe["languages"], zoe["volunteer"]) == (
        ["ai-tools", "remote-work"],
        ["de", "en"],
        True,
    )
    assert (zoe["department"], max_["department"], max_["volunteer"]) == (
        'Risk, "EMEA"',
        "Tab\there",
        False,
    )
    path.write_bytes(render(SHEETS["checkin"]))
    lena, markus = _import("checkin", path)
    assert (lena["challenges"], lena["text"], lena["wants_help"]) == (
        ["no-time", "other"],
        'busy, "sorry";\nnext week',
        True,
    )
    assert (markus["score"], markus["text"], markus["wants_help"]) == (2, "", False)
    path.write_bytes(render(SHEETS["feedback"]))
    lena, helga = _import("feedback", path)
    assert (lena["relationship"], lena["continue"], lena["learned"]) == (
        True,
        False,
        ["ai-tools", "Prompts schreiben"],
    )
    assert lena["worked"] == 'Real tools;\n"a, b"'
    assert (helga["satisfaction"], helga["relationship"], helga["continue"]) == (5, True, False)


@pytest.mark.parametrize("kind", sorted(SHEETS))
@pytest.mark.parametrize(("delimiter", "bom", "ending"), VARIANTS)
def test_every_import_reads_every_dialect_alike(
    tmp_path: Path, kind: str, delimiter: str, bom: bool, ending: str
) -> None:
    plain, variant = tmp_path / "plain.csv", tmp_path / "variant.csv"
    plain.write_bytes(render(SHEETS[kind]))
    variant.write_bytes(render(SHEETS[kind], delimiter=delimiter, bom=bom, ending=ending))
    assert _import(kind, variant) == _import(kind, plain)


def test_cp1252_is_refused_alike_by_every_import(cli, example: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    text = "person,date,score,text\nlena,2027-02-01,4,ok\nnoah,2027-02-01,3,Grüße an Jürgen\n"
    sheet.write_bytes(text.encode("cp1252"))
    outputs = [
        cli("-p", str(example), *command, str(sheet))
        for command in (("roster", "import"), ("checkin", "import"), ("feedback", "import"))
    ]
    assert [r.exit_code for r in outputs] == [2, 2, 2]
    assert len({r.stderr for r in outputs}) == 1, [r.stderr for r in outputs]
    err = outputs[0].stderr
    assert f"{sheet}:3: not UTF-8 text; save the file as UTF-8" in err
    assert "CSV UTF-8" in err and "Gr" not in err.replace(str(sheet), "")


@pytest.mark.parametrize("word", YES_WORDS + NO_WORDS + OTHER_WORDS + [""])
def test_yes_no_words_are_read_alike_by_every_import(tmp_path: Path, word: str) -> None:
    expected: bool | str = (
        True if word in YES_WORDS else False if word in NO_WORDS or not word else "refused"
    )
    sheets = {
        "roster": [["id", "name", "role", "volunteer"], ["zoe", "Zoe Berg", "junior", word]],
        "checkin": [["person", "date", "score", "wants_help"], ["lena", "2027-02-01", "4", word]],
        "feedback": [
            ["person", "survey", "satisfaction", "relationship", "continue"],
            ["lena", "final", "4", word, "no"],
        ],
    }
    read: dict[str, bool | str] = {}
    for kind, rows in sheets.items():
        path = tmp_path / f"{kind}.csv"
        path.write_bytes(render(rows))
        try:
            found = _import(kind, path)[-1]
        except ProblemsError as exc:
            (problem,) = exc.problems
            assert problem.line == 2
            assert problem.message.endswith(
                EXPECTED_YES_OR_NO if word else "required answer is missing"
            )
            read[kind] = "refused"
        else:
            read[kind] = found.get("volunteer", found.get("wants_help", found.get("relationship")))
    if word:
        assert read == dict.fromkeys(sheets, expected)
    else:  # an empty cell is no where the column is optional; this question is required
        assert read == {"roster": False, "checkin": False, "feedback": "refused"}


@given(st.sampled_from(YES_WORDS + NO_WORDS + OTHER_WORDS + ["", "  "]))
def test_parse_yes_no_reads_english_and_german(word: str) -> None:
    if not word.strip():
        assert parse_yes_no(word) is None
    elif word in OTHER_WORDS:
        with pytest.raises(ValueError, match="expected yes or no"):
            parse_yes_no(word)
    else:
        assert parse_yes_no(word) is (word in YES_WORDS)


# A lone CR is left out: Python's writer leaves it unquoted when rows end in LF, unlike spreadsheets.
cells = st.lists(
    st.sampled_from(["a", "b", " ", "ä", ",", ";", "\t", '"', "\n", "\r\n"]), max_size=8
).map("".join)


@given(
    rows=st.lists(st.lists(cells, min_size=3, max_size=3), max_size=6),
    dialect=st.sampled_from(VARIANTS),
)
def test_rows_come_back_with_the_line_they_start_on(rows: list[list[str]], dialect) -> None:
    delimiter, bom, ending = dialect
    data = render([["a", "b", "c"], *rows], delimiter=delimiter, bom=bom, ending=ending)
    expected = []
    line = 2
    for row in rows:
        stripped = [c.replace("\r\n", "\n").replace("\r", "\n").strip() for c in row]
        if any(stripped):
            expected.append((line, dict(zip("abc", stripped, strict=True))))
        line += (
            render([row], ending=ending).replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n")
        )
    sheet = parse_csv(data, file="x.csv", columns="abc")
    assert sheet.columns == ["a", "b", "c"]
    assert [(r.line, r.cells) for r in sheet.rows] == expected


def _problems(data: bytes, columns: str = "abc", required: str = "") -> list[str]:
    with pytest.raises(ProblemsError) as caught:
        parse_csv(data, file="x.csv", columns=columns, required=required)
    return caught.value.lines()


def test_shape_problems_name_their_lines_not_their_values() -> None:
    data = b'a,b,c\n1,"two\nlines",3\nsecret,2\n1,2,3,4\n\n1,2,3,,\n'
    assert _problems(data) == [
        "x.csv:4: expected 3 cells as in the header, found 2",
        "x.csv:5: expected 3 cells as in the header, found 4",
    ]
    assert _problems(b'a,b,c\n1,2,3\nsecret,"never closed\n1,2,3\n') == [
        "x.csv:3: not a readable CSV sheet: unexpected end of data"
    ]
    assert _problems(b"a,b,c,\n1,2,3,\n1,2,3,secret\n") == [
        "x.csv:3: header: a filled cell under a column without a name"
    ]
    assert _problems(b"") == ["x.csv:1: empty file; expected a header row"]


def test_old_mac_line_ends_count_as_lines() -> None:
    sheet = parse_csv(b'a,b,c\r1,2,3\r4,"x\ry",6\r7,8,9', file="x.csv", columns="abc")
    assert [(r.line, r.cells["b"]) for r in sheet.rows] == [(2, "2"), (3, "x\ny"), (5, "8")]


def test_header_names_are_matched_loosely_and_checked() -> None:
    sheet = parse_csv(b"A, Wants Help ,c\n1,2,3\n", file="x.csv", columns=["a", "wants_help", "c"])
    assert sheet.rows[0].cells == {"a": "1", "wants_help": "2", "c": "3"}
    assert _problems(b"a,b,a,d\n", required="ac") == [
        "x.csv:1: header: unknown column 'd'",
        "x.csv:1: header: missing column 'c'",
        "x.csv:1: header: column 'a' twice",
    ]


@pytest.mark.parametrize(
    ("header", "delimiter"),
    [("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ('"a";"b";"c"', ";")],
)
def test_the_delimiter_is_read_from_the_header(header: str, delimiter: str) -> None:
    # The row holds every candidate more often than the header does: only the header decides.
    cells = ["x,y,z;;;\t\t\tw", "2", "3"]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerow(cells)
    sheet = parse_csv(f"{header}\n{buffer.getvalue()}".encode(), file="x.csv", columns="abc")
    assert list(sheet.rows[0].cells.values()) == cells
    one = parse_csv(b"a\nx;y\tz\n", file="x.csv", columns="a")  # one column: nothing to detect
    assert one.rows[0].cells == {"a": "x;y\tz"}


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    from rmcli.errors import InputError
    from rmcli.io.csv import read_csv

    with pytest.raises(InputError, match=r"none\.csv: file not found"):
        read_csv(tmp_path / "none.csv", columns="a")
    with pytest.raises(InputError, match="cannot be read"):
        read_csv(tmp_path, columns="a")


def test_a_sheet_over_the_row_limit_is_refused_with_its_line(
    cli: Any, example: Path, tmp_path: Path
) -> None:
    from rmcli.io.csv import MAX_ROWS

    sheet = tmp_path / "people.csv"
    rows = "".join(f"p{i},Person {i},junior\n" for i in range(MAX_ROWS + 1))
    sheet.write_text("id,name,role\n" + rows, encoding="utf-8")
    before = (example / "roster.toml").read_bytes()
    result = cli("-p", str(example), "roster", "import", str(sheet))
    assert result.exit_code == 2
    assert f"people.csv:{MAX_ROWS + 2}: more than {MAX_ROWS} rows" in result.stderr
    assert (example / "roster.toml").read_bytes() == before


def test_a_sheet_over_the_size_limit_is_refused_before_it_is_read(
    cli: Any, example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rmcli.io import csv as sheets

    sheet = tmp_path / "answers.csv"
    with sheet.open("wb") as handle:  # sparse: the size is real, the bytes are never read
        handle.truncate(sheets.MAX_BYTES + 1)
    read: list[Path] = []
    real = Path.read_bytes

    def watched(self: Path) -> bytes:
        read.append(self)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", watched)
    result = cli("-p", str(example), "checkin", "import", str(sheet))
    assert result.exit_code == 2
    assert "answers.csv: 21 MB is over the limit of 20 MB" in result.stderr
    assert sheet not in read
