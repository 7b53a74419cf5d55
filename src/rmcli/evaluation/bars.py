"""Lay out bar charts: panels side by side, bars grouped or stacked, figures, names, legend.

A few lines of our own instead of a plotting library, whose import alone took longer than
the rest of an evaluation; `svg` writes (and escapes) the markup. Lengths are points on a
7.2 x 2.8 inch page, an A4 page's text width. A panel with nothing to show (a group held
back, no data yet) is a dashed frame that says why. Every bar carries its figure as text,
so there is no axis scale to read off.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from rmcli.evaluation import svg

PAGE = (518.4, 201.6)
SIZE, TITLE_SIZE, HEAD_SIZE, LABEL_SIZE, SMALL = 9.0, 10.8, 10.0, 8.0, 8.0
LABEL_PAD = 2.0  # points between a bar and its figure
TICK = 3.5  # the length of a tick, and the gap between it and its name
SLANT = 6  # more categories than this: their names are slanted
EM_HIGH = 1.3  # a line with its white ground, in em
SWATCH, LINE = 16.0, 10.0  # a legend entry's sample bar, and a legend line's height


@dataclass
class Series:
    """One set of bars: a label, a value per category (None: nothing to draw) and its text."""

    label: str
    values: list[float | None]
    texts: list[str]


@dataclass
class Panel:
    """One set of axes: its title (none when alone), categories, series, or why it is empty."""

    title: str
    categories: list[str] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)
    empty: str | None = None  # why nothing is drawn (a hidden group, no data yet)
    stacked: bool = False
    share: bool = False  # values are shares (0-1), drawn on a 0-100% scale


@dataclass(frozen=True)
class Box:
    """Where a panel's axes lie on the page, in points from its top left corner."""

    x: float
    top: float
    width: float
    bottom: float


@dataclass(frozen=True)
class Bar:
    """One bar: its series and category, left edge, base (in values) and figure."""

    series: int
    category: int
    left: float
    base: float
    value: float | None  # None: held back, no bar
    text: str

    @property
    def height(self) -> float:
        """Return the height in values: a held-back figure has none."""
        return self.value or 0.0


def draw(*, name: str, title: str, desc: str, panels: list[Panel]) -> str:
    """Return one chart as an SVG document, titled and described, its ids prefixed by `name`."""
    width, height = PAGE
    slanted = any(len(p.categories) > SLANT for p in panels)
    left, bottom = (0.06, 0.27) if slanted else (0.02, 0.16)
    top = height * (0.22 if any(p.title for p in panels) else 0.14)
    span = width * (0.98 - left) / (len(panels) + 0.08 * (len(panels) - 1))
    used = max((len(p.series) for p in panels if p.empty is None), default=0)
    body = [
        svg.patterns(name, used),
        svg.tag("rect", width=width, height=height, fill="#ffffff"),
        svg.text(title, 0.02 * width, 0.02 * height + TITLE_SIZE, TITLE_SIZE, font_weight="bold"),
    ]
    for index, panel in enumerate(panels):
        box = Box(width * left + index * span * 1.08, top, span, height * (1 - bottom))
        body += svg.group(f"{name}-panel{index}", list(_panel(panel, box, name, index)))
    return svg.document(name=name, title=title, desc=desc, size=PAGE, font=SIZE, body=body)


def _panel(panel: Panel, box: Box, name: str, index: int) -> Iterator[str]:
    middle = box.x + box.width / 2
    if panel.title:
        yield svg.text(panel.title, middle, box.top - 6, HEAD_SIZE, text_anchor="middle")
    if panel.empty is None:
        yield from _bars(panel, box, name, index)
        return
    high = box.bottom - box.top
    frame = {"fill": "none", "stroke": "#777777", "stroke_dasharray": "3.2,2.4"}
    yield svg.tag("rect", x=box.x, y=box.top, width=box.width, height=high, **frame)
    lines = svg.wrapped(panel.empty, box.width * 0.9, SIZE)
    first = box.top + high / 2 - (len(lines) - 1) * SIZE * 0.6 + SIZE * 0.35
    yield svg.lines(lines, middle, first, SIZE)


def _bars(panel: Panel, box: Box, name: str, index: int) -> Iterator[str]:
    """Yield a panel's legend, bars, their figures, axis line and category names."""
    count, many = len(panel.categories), len(panel.series)
    step = box.width / ((count - 0.2) * 1.1)  # points per category; a 5% margin either side
    start = box.x + step * (0.05 * (count - 0.2) + 0.4)  # the first category's middle
    width = 0.8 * step if panel.stacked else 0.8 * step / many
    top = box.top
    if any(s.label for s in panel.series):
        yield from svg.group(f"{name}-legend{index}", list(_legend(panel.series, box, name)))
        top += math.ceil(many / min(4, many)) * LINE + 8
    room = box.bottom - top
    bars: list[Bar] = []
    bases = [0.0] * count
    for s, series in enumerate(panel.series):
        for i, (value, text) in enumerate(zip(series.values, series.texts, strict=True)):
            if panel.stacked:
                bars.append(Bar(s, i, start + step * i - width / 2, bases[i], value, text))
                bases[i] += value or 0.0
            else:
                bars.append(Bar(s, i, start + step * (i - 0.4) + width * s, 0.0, value, text))
    limit = 1.15 if panel.share else max([1.0, *(b.base + b.height for b in bars)]) * 1.18
    shown = [b for b in bars if b.text and b.value is not None]
    # Side by side, a figure wider than its bar runs into the next one's: stand all on end.
    upright = not panel.stacked and any(svg.wide(b.text, LABEL_SIZE) > width for b in shown)
    for b in shown if upright else ():
        share = min((svg.wide(b.text, LABEL_SIZE) + LABEL_PAD) / room, 0.8)
        limit = max(limit, b.height / (1 - share))  # the bar plus its upright figure fit
    scale = room / limit
    figures: list[str] = []
    outline = {"stroke": svg.EDGE, "stroke_width": 0.6}
    for b in bars:
        y, high = box.bottom - (b.base + b.height) * scale, b.height * scale
        ident = f"{name}-bars{index}-{b.series}-{b.category}"
        if b.value is not None:  # a bar for every figure shown, none where it is held back
            fill = svg.fill(name, b.series)
            yield svg.tag(
                "rect", id=ident, x=b.left, y=y, width=width, height=high, fill=fill, **outline
            )
        if b.text and not (panel.stacked and _crowded(b.text, width, high)):
            where = (b.left + width / 2, y, high, step)
            figures += _figure(
                b.text, where, panel.stacked, upright, ident.replace("-bars", "-label", 1)
            )
    axis = f"M{svg.num(box.x)} {svg.num(box.bottom)}H{svg.num(box.x + box.width)}"
    yield svg.tag("path", d=axis, stroke="#000000", stroke_width=0.8)
    yield from figures
    yield from _names(panel.categories, start, step, box.bottom)


def _crowded(text: str, width: float, high: float) -> bool:
    """Return whether a stacked segment is too small for its figure.

    Written anyway it would cover its neighbours; the figure stays in the chart's <desc>,
    the table below it and `--json`.
    """
    return high < EM_HIGH * LABEL_SIZE or width < svg.wide(text, LABEL_SIZE)


def _figure(
    text: str, where: tuple[float, float, float, float], stacked: bool, upright: bool, ident: str
) -> list[str]:
    """Return a bar's figure: inside a stacked segment on white, else above the bar.

    A text wider than its category (why a figure is held back) is broken into lines.
    """
    middle, y, high, room = where
    if stacked:
        across, line, centre = svg.wide(text, LABEL_SIZE) + 1.6, LABEL_SIZE * 1.2, y + high / 2
        ground = svg.tag(
            "rect",
            x=middle - across / 2,
            y=centre - line / 2,
            width=across,
            height=line,
            fill="#ffffff",
        )
        baseline = centre + LABEL_SIZE * 0.35
        return [
            ground,
            svg.text(text, middle, baseline, LABEL_SIZE, id=ident, text_anchor="middle"),
        ]
    if upright:
        x, foot = middle + LABEL_SIZE * 0.35, y - LABEL_PAD
        return [svg.text(text, x, foot, LABEL_SIZE, id=ident, transform=svg.turned(-90, x, foot))]
    lines = svg.wrapped(text, room, LABEL_SIZE)
    foot = y - LABEL_PAD - LABEL_SIZE * (0.2 + 1.2 * (len(lines) - 1))
    return [svg.lines(lines, middle, foot, LABEL_SIZE, id=ident)]


def _names(categories: list[str], start: float, step: float, bottom: float) -> Iterator[str]:
    """Yield a tick and the name under each category; many are slanted to fit."""
    slanted = len(categories) > SLANT
    size = SMALL if slanted else SIZE
    anchor = bottom + 2 * TICK
    for i, category in enumerate(categories):
        x = start + step * i
        tick = f"M{svg.num(x)} {svg.num(bottom)}v{svg.num(TICK)}"
        yield svg.tag("path", d=tick, stroke="#000000", stroke_width=0.8)
        # Slanted, each name ends under its own bar, slanted down to the left.
        how = (
            {"text_anchor": "end", "transform": svg.turned(-45, x, anchor)}
            if slanted
            else {"text_anchor": "middle"}
        )
        yield svg.text(category, x, anchor + size * 0.75, size, **how)


def _legend(series: list[Series], box: Box, name: str) -> Iterator[str]:
    """Yield a legend in the panel's upper left: a sample bar and the label of each series."""
    columns = min(4, len(series))
    widths = [
        max(SWATCH + 6 + svg.wide(s.label, SMALL) for s in series[c::columns])
        for c in range(columns)
    ]
    for n, entry in enumerate(series):
        row, column = divmod(n, columns)
        x = box.x + 4 + sum(widths[:column]) + 14 * column
        y = box.top + 4 + row * LINE
        yield svg.tag(
            "rect",
            x=x,
            y=y + 1.5,
            width=SWATCH,
            height=SMALL * 0.7,
            fill=svg.fill(name, n),
            stroke=svg.EDGE,
            stroke_width=0.6,
        )
        yield svg.text(entry.label, x + SWATCH + 6, y + SMALL * 0.85, SMALL)
