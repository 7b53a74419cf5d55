"""Draw a long table of plain one-line cells fast, byte for byte as Rich draws it.

Rich lays out and wraps every cell of every row (~60 % of `status --all` at 10,000 people).
When each cell is plain text that fits its column, every body row has one shape: Rich draws
the header, the edges and rows of placeholders of its column widths, and each body row is a
placeholder row with its texts put in. Rich also draws the rows that decide the widths and
the first rows, and the shortcut is taken only when it gives those rows exactly as Rich
does and the same header; otherwise Rich draws all of it.
"""

from __future__ import annotations

import re
from copy import copy
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

LONG = 60  # fewer body rows than this: Rich draws the table itself
_FIRST = 3  # Rich draws this many first rows (and the widest and narrowest) to check against
# A placeholder fills each cell: a private-use character, one cell wide, in no real text.
_MARK = "\ue000"
# What Rich would not draw as typed on one line: control bytes, line breaks, the mark.
_UNPLAIN = re.compile("[\x00-\x1f\x7f-\x9f\x85\u2028\u2029\ue000]")

Line = list[Segment]
# A placeholder row: each segment with the column whose text it holds, or None.
Shape = list[tuple[Segment, int | None]]


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


def _plain(table: Table) -> list[list[str]] | None:
    """Return each row's texts when every cell is plain and as its column's first, else None."""
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
        or any(c.width or c.min_width or c.max_width or c.ratio for c in table.columns)
        or any(c.highlight for c in table.columns)
    ):
        return None
    rows = list(zip(*(column.cells for column in table.columns), strict=True))
    kinds = [_kind(cell) for cell in rows[0]]
    if any(kind is None for kind in kinds) or any(
        _justify(table, n) is None for n in range(len(kinds))
    ):
        return None
    texts: list[list[str]] = []
    for row in rows:
        plain = []
        for cell, kind in zip(row, kinds, strict=True):
            if _kind(cell) != kind:
                return None
            text = cell if isinstance(cell, str) else cell.plain
            if _UNPLAIN.search(text) or text[-1:].isspace():
                return None
            plain.append(text)
        texts.append(plain)
    return texts


def _kind(cell: object) -> tuple[object, ...] | None:
    """Return what besides its text decides how a cell is drawn; None for anything richer."""
    if isinstance(cell, str):
        return ("str",)
    if type(cell) is Text and not cell.spans:
        return ("text", cell.style, cell.justify, cell.overflow, cell.no_wrap, cell.end)
    return None


def _justify(table: Table, column: int) -> str | None:
    """Return how a column's cells are justified when it is left or right, else None."""
    first = table.columns[column].cells
    cell = next(iter(first))
    justify = (cell.justify if isinstance(cell, Text) else None) or table.columns[column].justify
    return justify if justify in ("left", "right") else None


def _drawn(
    table: Table, texts: list[list[str]], console: Console, options: ConsoleOptions
) -> list[Segment] | None:
    """Return the table's segments built from placeholder rows, or None where Rich must draw."""
    if getattr(console, "_markup", True) or getattr(console, "_emoji", True):
        return None  # a str cell would be read as markup: only a plain console is safe
    columns = range(len(texts[0]))
    lengths = [[cell_len(text) for text in row] for row in texts]
    pins = sorted({*range(_FIRST), *_extremes(lengths)})
    # The pinned rows hold each column's widest and narrowest text: the same widths as all.
    pinned = _with_rows(table, [_row(table, r) for r in pins])
    sample = _lines(console, pinned, options)
    try:  # Rich's own width per column, and the padding in it
        widths = pinned._calculate_column_widths(console, options)
        spaces = [w - pinned._get_padding_width(c) for c, w in enumerate(widths)]
    except AttributeError:  # another Rich: let it draw
        return None
    if min(spaces) < 1 or any(
        n > space for row in lengths for n, space in zip(row, spaces, strict=True)
    ):
        return None  # a cell would wrap, or a column has no room for a placeholder
    drawn = _placeholders(table, spaces, console, options)
    bottom = 1 if table.box and table.show_edge else 0
    head, rows, tail = _split(sample, body=len(pins), bottom=bottom)
    if drawn is None or drawn[0] != head or drawn[2] != tail:
        return None
    shapes = drawn[1]
    justify = [_justify(table, c) == "right" for c in columns]
    for place, (pin, line) in enumerate(zip(pins, rows, strict=True)):
        if (
            _fill(_pick(shapes, place, len(pins)), texts[pin], lengths[pin], spaces, justify)
            != line
        ):
            return None
    out: list[Segment] = []
    newline = Segment.line()
    for line in head:
        out += line
        out.append(newline)
    for place, row in enumerate(texts):
        out += _fill(_pick(shapes, place, len(texts)), row, lengths[place], spaces, justify)
        out.append(newline)
    for line in tail:
        out += line
        out.append(newline)
    return out


def _extremes(lengths: list[list[int]]) -> set[int]:
    """Return the rows that hold each column's widest and narrowest text."""
    found: set[int] = set()
    for column in zip(*lengths, strict=True):
        found.add(column.index(max(column)))
        found.add(column.index(min(column)))
    return found


def _row(table: Table, index: int) -> list[object]:
    return [list(column.cells)[index] for column in table.columns]


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


def _fill(
    shape: Shape, texts: list[str], lengths: list[int], spaces: list[int], right: list[bool]
) -> Line:
    """Return a row drawn from a placeholder row: each text in its cell, padded as Rich pads."""
    line: Line = []
    for segment, column in shape:
        if column is None:
            line.append(segment)
            continue
        blank = " " * (spaces[column] - lengths[column])
        text = blank + texts[column] if right[column] else texts[column] + blank
        line.append(
            Segment(
                segment.text.replace(_MARK * spaces[column], text), segment.style, segment.control
            )
        )
    return line


def _pick(shapes: list[Shape], place: int, rows: int) -> Shape:
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
