"""Read a CSV sheet from a spreadsheet or survey tool: the one reader of every import.

A sheet is UTF-8 (a byte-order mark is dropped), with LF, CRLF or CR line ends and a header
row; its cells are separated by commas, semicolons or tabs, detected from the header.
Errors name the file and the line a row starts on, never a cell's value.

A sheet holds at most MAX_ROWS data rows and MAX_BYTES bytes: a program has a few thousand
people, so a bigger file is a wrong export, refused before it is read whole.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from rmcli.errors import InputError, Problem, ProblemsError
from rmcli.escape import has_control
from rmcli.io.toml import decode
from rmcli.words import N_, say

DELIMITERS = ",;\t"
YES = frozenset({"yes", "y", "ja", "j", "true", "wahr", "1", "x"})
NO = frozenset({"no", "n", "nein", "false", "falsch", "0"})
EXPECTED_YES_OR_NO = N_("expected yes or no (ja/nein, true/false, 1/0 and x work too)")
SAVE_AS_UTF8 = N_("in a spreadsheet, save the sheet as 'CSV UTF-8'")
MAX_ROWS = 50_000
MAX_BYTES = 20 * 1024 * 1024


class Row(NamedTuple):
    """One data row: the line it starts on and its cells (stripped) by column name."""

    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Sheet:
    """The rows of a CSV file that are not blank, with the named columns of its header."""

    file: str
    columns: list[str]
    rows: list[Row]


def parse_yes_no(text: str) -> bool | None:
    """Return a yes/no answer in English or German as a bool, None when empty."""
    word = text.strip().casefold()
    if word in YES:
        return True
    if word in NO:
        return False
    if not word:
        return None
    raise ValueError(say(EXPECTED_YES_OR_NO))


def read_csv(path: Path, *, columns: Collection[str], required: Sequence[str] = ()) -> Sheet:
    """Return the sheet in a CSV file, or raise every problem of its header and row shapes."""
    file = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                say(
                    "{file}: {size} MB is over the limit of {most} MB for a sheet; nothing was read",
                    file=file,
                    size=-(-size // (1024 * 1024)),  # rounded up: never "20 MB is over 20 MB"
                    most=MAX_BYTES // (1024 * 1024),
                ),
                hint=say("split the sheet, or export only the rows of this program"),
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(say("{file}: file not found", file=file)) from None
    except OSError as exc:
        message = say("{file}: cannot be read ({reason})", file=file, reason=exc.strerror)
        raise InputError(message) from None
    return parse_csv(data, file=file, columns=columns, required=required)


def parse_csv(
    data: bytes, *, file: str, columns: Collection[str], required: Sequence[str] = ()
) -> Sheet:
    """Return the sheet in the bytes of a CSV file; `file` names it in messages."""
    records = _records(_text(data, file=file), file=file)
    header = [_column(name) for name in next(records, (1, []))[1]]
    if not any(header):
        msg = say("empty file; expected a header row")
        raise ProblemsError([Problem(file, msg, line=1)])
    problems = _header_problems(header, file=file, columns=columns, required=required)
    if problems:
        hint = say("expected the columns {columns}", columns=", ".join(columns))
        raise ProblemsError(problems, hint=hint)
    rows: list[Row] = []
    for count, (line, cells) in enumerate(records, start=1):
        if count > MAX_ROWS:
            msg = say("more than {most} rows; a sheet holds at most that many", most=MAX_ROWS)
            raise ProblemsError(
                [Problem(file=file, line=line, message=msg)],
                hint=say("split the sheet, or export only the rows of this program"),
            )
        row = _row(header, cells, file=file, line=line)
        if isinstance(row, Problem):
            problems.append(row)
        elif row is not None:
            rows.append(row)
    if problems:
        raise ProblemsError(problems)
    return Sheet(file=file, columns=[name for name in header if name], rows=rows)


def _text(data: bytes, *, file: str) -> str:
    """Return the text of a sheet's bytes with every line end as LF."""
    text, problems = decode(data, file=file)
    if text is None:
        raise ProblemsError(problems, hint=say(SAVE_AS_UTF8))
    # LF, CRLF and the old Mac CR all end a line, inside quoted cells too.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _records(text: str, *, file: str) -> Iterator[tuple[int, list[str]]]:
    """Yield each record's stripped cells with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    end = 0  # the last line read so far
    try:
        for cells in reader:
            line, end = end + 1, reader.line_num
            yield line, [cell.strip() for cell in cells]
    except csv.Error as exc:  # a quote never closed, or a cell beyond the csv module's limit
        msg = say("not a readable CSV sheet: {reason}", reason=exc)  # the csv module's English
        raise ProblemsError([Problem(file=file, line=end + 1, message=msg)]) from None


def _delimiter(text: str) -> str:
    """Return the delimiter of the header line; the most frequent candidate if unsure."""
    header = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(header, delimiters=DELIMITERS).delimiter
    except csv.Error:  # one column, or no candidate at all: counting decides, comma first
        return max(DELIMITERS, key=header.count)


def _column(name: str) -> str:
    """Return a header cell as a column name: `Wants help ` and `wants_help` are the same."""
    return "_".join(name.split()).casefold()


def _header_problems(
    header: list[str], *, file: str, columns: Collection[str], required: Sequence[str]
) -> list[Problem]:
    found = [
        Problem(file, say("unknown column '{column}'", column=c), "header", 1)
        for c in header
        if c and c not in columns
    ]
    found += [
        Problem(file, say("missing column '{column}'", column=c), "header", 1)
        for c in required
        if c not in header
    ]
    twice = sorted({c for c in header if c and header.count(c) > 1})
    return found + [
        Problem(file, say("column '{column}' twice", column=c), "header", 1) for c in twice
    ]


def _row(header: list[str], cells: list[str], *, file: str, line: int) -> Row | Problem | None:
    """Return a row's named cells, None for a blank row, or what is wrong with its shape."""
    if not any(cells):
        return None  # spreadsheets and survey tools like to end with blank rows
    if len(cells) < len(header) or any(cells[len(header) :]):
        msg = say(
            "expected {expected} cells as in the header, found {found}",
            expected=len(header),
            found=len(cells),
        )
        return Problem(file=file, line=line, message=msg)
    if any(cell for name, cell in zip(header, cells, strict=False) if not name):
        msg = say("a filled cell under a column without a name")
        return Problem(file, msg, "header", line)
    controlled = next((n for n, c in zip(header, cells, strict=False) if has_control(c)), None)
    if controlled is not None:
        msg = say("contains a control character (an escape, bell or similar byte); remove it")
        return Problem(file, msg, controlled, line)
    return Row(
        line=line, cells={name: cell for name, cell in zip(header, cells, strict=False) if name}
    )
