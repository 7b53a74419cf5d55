"""Draw a long table of plain cells, or many plain lines, fast: as Rich draws them.

Rich lays out and wraps every cell of every row (~60 % of `status --all` at 10,000 people).
When each cell is plain text whose lines fit its column, every body line has one shape: Rich
draws the header, the edges and rows of placeholders of its column widths, and each line of
a body row is a placeholder row with the cells' lines put in (blank below a cell's last
line: cells are aligned to the top). Rich also draws the rows that decide the widths, the
first rows, the tallest and some with blank lines, and the shortcut is taken only when it
gives those rows exactly as Rich does and the same header; otherwise Rich draws all of it.

Each body line then goes out as few segments as it can: the pieces of one style as one
segment (one per line where no colour is written), since every segment costs Rich's print
a pass of its own. A line shows the same on a terminal, and off one its bytes are Rich's.
"""

from __future__ import annotations

import re
from copy import copy
from itertools import repeat
from operator import attrgetter
from typing import TYPE_CHECKING, TypeVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.table import Row, Table
from rich.text import Text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from rich.console import Console, ConsoleOptions, RenderResult

LONG = 8  # fewer body rows than this: Rich draws the table itself (checking costs more)
_FIRST = 3  # Rich draws this many first rows (and the widest and narrowest) to check against
# A placeholder fills each cell: a private-use character, one cell wide, in no real text.
_MARK = "\ue000"
# What Rich would not draw as typed on one line: control bytes, line breaks, the mark.
_UNPLAIN = re.compile("[\x00-\x1f\x7f-\x9f\x85\u2028\u2029\ue000]")
# What Rich would not draw as typed in a cell: the same, but "\n" between its lines.
_UNPLAIN_CELL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\x85\u2028\u2029\ue000]")
# A line that ends in white space, among texts joined by NUL (no text holds one).
_TRAILING = re.compile(r"\s\x00|[^\S\n]\n")

Line = list[Segment]
# A placeholder row: each segment with the column whose text it holds, or None.
Shape = list[tuple[Segment, int | None]]
# A line as format strings of the padded cells, one per run of one style.
Runs = list[tuple[str, Style | None]]
T = TypeVar("T")


class Fast:
    """A table that draws its body rows from placeholder rows where that is safe."""

    def __init__(self, table: Table, *, long: int = LONG) -> None:
        self.table = table
        self.long = max(long, _FIRST)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Yield the table as Rich draws it: from placeholder rows, or by Rich itself."""
        texts = _plain(self.table) if len(self.table.rows) >= self.long else None
        drawn = None if texts is None else _drawn(self.table, texts, console, options)
        if drawn is None:
            yield self.table
        else:
            yield from drawn


class Lines:
    """Lines of text in one style, printed as Rich prints them joined into one Text."""

    def __init__(self, lines: Sequence[str], *, style: str = "") -> None:
        self.lines = lines
        self.style = style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        """Yield each line as it is where Rich would neither wrap nor pad one; else the Text."""
        lines = self.lines
        text = "\n".join(lines)
        if (
            not lines
            or options.justify not in (None, "default")
            or _UNPLAIN.search("".join(lines))
            or max(map(len if _narrow(lines) else cell_len, lines)) > options.max_width
        ):
            yield Text(text, style=self.style)
            return
        style = console.get_style(self.style) or None
        if _plainly(console) or style is None:
            yield from map(Segment, map(str.__add__, lines, repeat("\n")))
            return
        newline = Segment.line()
        for line in lines:
            yield Segment(line, style)
            yield newline


def add_rows(table: Table, rows: Sequence[Sequence[str | Text]]) -> None:
    """Add rows of a cell a column, as `Table.add_row` adds each: a column at a time."""
    try:
        columns = [column._cells for column in table.columns]
    except AttributeError:  # another Rich: its own way
        columns = []
    if not rows:
        return
    if not columns or set(map(len, rows)) - {len(columns)}:
        for row in rows:
            table.add_row(*row)
        return
    for cells, texts in zip(columns, zip(*rows, strict=True), strict=True):
        cells.extend(texts)
    table.rows.extend(Row() for _ in rows)


def _plainly(console: Console) -> bool:
    """Tell whether styles print as nothing: no colour system, nothing recorded."""
    return console.color_system is None and not console.record


def _plain(table: Table) -> list[list[str]] | None:
    """Return each column's texts when every cell is plain and as its column's first, else None.

    A text may hold several lines where its column aligns its cells to the top.
    """
    top, _, bottom, _ = table.padding
    if (
        top
        or bottom
        or table.show_footer
        or table.show_lines
        or table.leading
        or table.row_styles
        or table.expand
        or table.caption
        or table.width is not None
        or any(row.style or row.end_section for row in table.rows)
        or any(c.width or c.ratio or c.highlight for c in table.columns)
    ):
        return None
    columns: list[list[str]] = []
    for n, column in enumerate(table.columns):
        cells = column._cells
        kind = _kind(cells[0])
        if kind is None or _justify(table, n) is None:
            return None
        if kind == ("str",):
            if set(map(type, cells)) != {str}:
                return None
            texts: list[str] = cells  # type: ignore[assignment]
        elif any(type(cell) is not Text for cell in cells) or len(set(map(_kind, cells))) != 1:
            return None
        else:
            texts = list(map(attrgetter("plain"), cells))
        together = "".join(texts)
        if _UNPLAIN_CELL.search(together) or _TRAILING.search("\x00".join(texts) + "\x00"):
            return None
        if column.vertical != "top" and "\n" in together:
            return None
        columns.append(texts)
    return columns


def _kind(cell: object) -> tuple[object, ...] | None:
    """Return what besides its text decides how a cell is drawn; None for anything richer."""
    if isinstance(cell, str):
        return ("str",)
    if type(cell) is Text and not cell.spans:
        return ("text", cell.style, cell.justify, cell.overflow, cell.no_wrap, cell.end)
    return None


def _justify(table: Table, column: int) -> str | None:
    """Return how a column's cells are justified when it is left or right, else None."""
    cell = table.columns[column]._cells[0]
    justify = (cell.justify if isinstance(cell, Text) else None) or table.columns[column].justify
    return justify if justify in ("left", "right") else None


def _drawn(
    table: Table, columns: list[list[str]], console: Console, options: ConsoleOptions
) -> list[Segment] | None:
    """Return the table's segments built from placeholder rows, or None where Rich must draw."""
    if getattr(console, "_markup", True) or getattr(console, "_emoji", True):
        return None  # a str cell would be read as markup: only a plain console is safe
    cells = _Cells(columns)
    lengths = cells.lengths
    # The pinned rows hold each column's widest and narrowest text: the same widths as all.
    pins = sorted({*range(_FIRST), *_extremes(lengths), *cells.telling()})
    pinned = _with_rows(table, [_row(table, r) for r in pins])
    sample = _lines(console, pinned, options)
    try:  # Rich's own width per column, and the padding in it
        widths = pinned._calculate_column_widths(console, options)
        spaces = [w - pinned._get_padding_width(c) for c, w in enumerate(widths)]
    except AttributeError:  # another Rich: let it draw
        return None
    if min(spaces) < 1 or any(max(n) > space for n, space in zip(lengths, spaces, strict=True)):
        return None  # a cell would wrap, or a column has no room for a placeholder
    drawn = _placeholders(table, spaces, console, options)
    bottom = 1 if table.box and table.show_edge else 0
    body = sum(cells.heights[r] for r in pins)
    head, rows, tail = _split(sample, body=body, bottom=bottom)
    if drawn is None or len(rows) != body or drawn[0] != head or drawn[2] != tail:
        return None
    shapes = drawn[1]
    if any(sum(cell_len(s.text) for s, _ in shape) > options.max_width for shape in shapes):
        return None  # wider than the console (a column's least width): Rich would crop it
    right = [_justify(table, c) == "right" for c in range(len(columns))]
    padded = cells.padded(spaces, right=right)
    plainly = _plainly(console)
    runs = [_runs(shape, spaces, plainly=plainly) for shape in shapes]
    lines = iter(rows)
    for place, pin in enumerate(pins):
        shape = _pick(shapes, place, len(pins))
        form = _pick(runs, place, len(pins))
        start = cells.starts[pin]
        for at in range(start, start + cells.heights[pin]):
            line = next(lines)
            texts = [column[at] for column in padded]
            # Rich draws a blank line of a cell as one piece, not in the placeholder's pieces
            if at not in cells.blank and _fill(shape, texts, spaces) != line:
                return None
            if _merged(line, plainly=plainly) != _line(form, texts):
                return None
    out: list[Segment] = []
    newline = Segment.line()
    for line in head:
        out += line
        out.append(newline)
    out += _body(runs, padded, first=cells.heights[0], last=cells.heights[-1])
    for line in tail:
        out += line
        out.append(newline)
    return out


def _narrow(texts: Sequence[str]) -> bool:
    """Tell whether every character of the texts is one cell wide, so a length is a width."""
    joined = "".join(texts)
    if joined.isascii():
        return True  # printable: control bytes were ruled out
    if "\u200d" in joined or "\ufe0f" in joined:
        return False  # joiners and selectors make one cell of several characters
    return all(cell_len(character) == 1 for character in set(joined))


class _Cells:
    """The texts of a table's columns as lines: each row as tall as its tallest cell."""

    def __init__(self, columns: list[list[str]]) -> None:
        if not any("\n" in text for texts in columns for text in texts):
            self.lines = columns
            self.lengths = self._widths = [_lengths(texts) for texts in columns]
            self.heights = [1] * len(columns[0])
            self.starts = list(range(len(columns[0])))
            self.blank: set[int] = set()  # the lines where some cell is blank below its text
            return
        split = [[text.split("\n") for text in texts] for texts in columns]
        counts = [list(map(len, cells)) for cells in split]
        self.heights = list(map(max, zip(*counts, strict=True)))
        self.starts = [0]
        for height in self.heights[:-1]:
            self.starts.append(self.starts[-1] + height)
        # each column's lines, a cell's last line followed by blank ones down to its row's end
        self.lines = []
        self.lengths = []
        self._widths = []
        self.blank = set()
        for cells in split:
            lines: list[str] = []
            for own, height in zip(cells, self.heights, strict=True):
                self.blank.update(range(len(lines) + len(own), len(lines) + height))
                lines += own
                lines += [""] * (height - len(own))
            self.lines.append(lines)
            widths = _lengths(lines)
            self._widths.append(widths)
            self.lengths.append(
                [
                    max(widths[at : at + len(own)])
                    for own, at in zip(cells, self.starts, strict=True)
                ]
            )
        self._split = split

    def telling(self) -> set[int]:
        """Return rows that show how Rich draws tall rows: the tallest, and blank lines per column."""
        if all(height == 1 for height in self.heights):
            return set()
        found = {self.heights.index(max(self.heights))}
        for cells in self._split:
            for row, (own, height) in enumerate(zip(cells, self.heights, strict=True)):
                if len(own) < height:
                    found.add(row)
                    break
        return found

    def padded(self, spaces: list[int], *, right: list[bool]) -> list[list[str]]:
        """Return each column's lines padded to its width."""
        return [
            _padded(lines, widths, space, right=r)
            for lines, widths, space, r in zip(self.lines, self._widths, spaces, right, strict=True)
        ]


def _lengths(texts: list[str]) -> list[int]:
    """Return each text's width in cells."""
    return list(map(len if _narrow(texts) else cell_len, texts))


def _padded(texts: list[str], lengths: list[int], space: int, *, right: bool) -> list[str]:
    """Return each text padded with spaces to `space` cells, on the left if `right`."""
    if _narrow(texts):
        return list(map(str.rjust if right else str.ljust, texts, repeat(space)))
    if right:
        return [" " * (space - n) + text for text, n in zip(texts, lengths, strict=True)]
    return [text + " " * (space - n) for text, n in zip(texts, lengths, strict=True)]


def _extremes(lengths: list[list[int]]) -> set[int]:
    """Return the rows that hold each column's widest and narrowest text."""
    found: set[int] = set()
    for column in lengths:
        found.add(column.index(max(column)))
        found.add(column.index(min(column)))
    return found


def _row(table: Table, index: int) -> list[object]:
    return [column._cells[index] for column in table.columns]


def _with_rows(table: Table, rows: list[list[object]], *, widths: list[int] | None = None) -> Table:
    """Return a copy of the table holding only `rows`, its columns fixed to `widths` if given."""
    twin = copy(table)
    twin.columns = []
    for n, column in enumerate(table.columns):
        own = copy(column)
        own._cells = []
        if widths is not None:
            own.width = widths[n]
        twin.columns.append(own)
    twin.rows = []
    for row in rows:
        twin.add_row(*row)  # type: ignore[arg-type]
    return twin


def _placeholders(
    table: Table, spaces: list[int], console: Console, options: ConsoleOptions
) -> tuple[list[Line], list[Shape], list[Line]] | None:
    """Return header lines, the shapes of a first, middle and last row, and the bottom lines."""
    marks: list[object] = []
    for cell, space in zip(_row(table, 0), spaces, strict=True):
        fill = _MARK * space
        if isinstance(cell, Text):
            marks.append(
                Text(
                    fill,
                    cell.style,
                    justify=cell.justify,
                    overflow=cell.overflow,
                    no_wrap=cell.no_wrap,
                    end=cell.end,
                )
            )
        else:
            marks.append(fill)
    lines = _lines(console, _with_rows(table, [marks] * 3, widths=spaces), options)
    head, rows, tail = _split(lines, body=3, bottom=1 if table.box and table.show_edge else 0)
    shapes = [_shape(line, spaces) for line in rows]
    if any(shape is None for shape in shapes):
        return None
    return head, shapes, tail  # type: ignore[return-value]


def _shape(line: Line, spaces: list[int]) -> Shape | None:
    """Return a placeholder row with each segment's column, or None unless one holds each."""
    shape: Shape = []
    column = 0
    for segment in line:
        if _MARK not in segment.text:
            shape.append((segment, None))
            continue
        if column >= len(spaces) or segment.text.count(_MARK) != spaces[column]:
            return None
        if _MARK * spaces[column] not in segment.text:
            return None
        shape.append((segment, column))
        column += 1
    return shape if column == len(spaces) else None


def _fill(shape: Shape, cells: list[str], spaces: list[int]) -> Line:
    """Return a row drawn from a placeholder row: each padded text in its cell."""
    line: Line = []
    for segment, column in shape:
        if column is None:
            line.append(segment)
            continue
        text = segment.text.replace(_MARK * spaces[column], cells[column])
        line.append(Segment(text, segment.style, segment.control))
    return line


def _runs(shape: Shape, spaces: list[int], *, plainly: bool) -> Runs:
    """Return a placeholder row as format strings: one per run of segments of one style.

    A style that prints as nothing is no style; where no style prints (`plainly`), the
    whole line is one run. The line's end joins its last run when that has no style.
    """
    runs: list[tuple[list[str], Style | None]] = []
    for segment, column in [*shape, (Segment.line(), None)]:
        style = None if plainly else (segment.style or None)
        text = segment.text.replace("{", "{{").replace("}", "}}")
        if column is not None:
            text = text.replace(_MARK * spaces[column], f"{{{column}}}")
        if runs and runs[-1][1] == style:
            runs[-1][0].append(text)
        else:
            runs.append(([text], style))
    return [("".join(pieces), style) for pieces, style in runs]


def _line(runs: Runs, cells: Sequence[str]) -> Line:
    """Return one body line from its runs and its padded cells."""
    return [Segment(form.format(*cells), style) for form, style in runs]


def _merged(line: Line, *, plainly: bool) -> Line:
    """Return a line Rich drew, ended, with its runs of one style joined as `_runs` joins them."""
    merged: Line = []
    for text, segment_style, _ in [*line, Segment.line()]:
        style = None if plainly else (segment_style or None)
        if merged and merged[-1].style == style:
            merged[-1] = Segment(merged[-1].text + text, style)
        else:
            merged.append(Segment(text, style))
    return merged


def _body(runs: list[Runs], padded: list[list[str]], *, first: int, last: int) -> list[Segment]:
    """Return every body line: the first and the last row's from their own runs, the rest at once.

    `first` and `last` are how many lines the first and the last row take.
    """
    out: list[Segment] = []
    lines = len(padded[0])
    for at in range(min(first, lines)):
        out += _line(runs[0], [texts[at] for texts in padded])
    if first >= lines:
        return out
    inner = [texts[first:-last] for texts in padded]
    forms = [list(map(form.format, *inner)) for form, _ in runs[1]]
    styles = [style for _, style in runs[1]]
    if len(forms) == 1:
        out += map(Segment, forms[0], repeat(styles[0]))
    else:
        for row in zip(*forms, strict=True):
            out += map(Segment, row, styles)
    for at in range(lines - last, lines):
        out += _line(runs[2], [texts[at] for texts in padded])
    return out


def _pick(shapes: list[T], place: int, rows: int) -> T:
    """Return the shape of the row at `place`: Rich draws a first and a last row's edges apart."""
    if place == 0:
        return shapes[0]
    return shapes[2] if place == rows - 1 else shapes[1]


def _lines(console: Console, table: Table, options: ConsoleOptions) -> list[Line]:
    return list(Segment.split_lines(console.render(table, options)))


def _split(
    lines: list[Line], *, body: int, bottom: int
) -> tuple[list[Line], list[Line], list[Line]]:
    """Return the lines above the body rows, the body rows (one line each) and those below."""
    end = len(lines) - bottom
    return lines[: end - body], lines[end - body : end], lines[end:]
