"""Draw bar charts as SVG: bars, hatch patterns, their figures, names, a legend, empty panels.

A few lines of our own instead of a plotting library, whose import alone took longer than
the rest of an evaluation. Every text and attribute value goes through `_escaped`, the one
place words become markup; every length is written with at most two decimals, so the same
panels give the same bytes. Lengths are points on a 7.2 x 2.8 inch page (an A4 page's text
width); text widths are estimated for DejaVu Sans, enough to place a text and to tell
whether a figure fits its bar without drawing it to measure.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterator
from dataclasses import dataclass, field

from rmcli.escape import CONTROL, REPLACEMENT

# Okabe & Ito (2008): told apart with every common kind of colour blindness.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442")
# Lines across an 8-point tile: every series after the first has its own pattern.
_UP, _DOWN = "M0 8L8 0M-2 2L2 -2M6 10L10 6", "M0 0L8 8M-2 6L2 10M6 -2L10 2"
HATCHES = ("", _UP, _DOWN, _UP + _DOWN, "M0 4H8", "M4 0V8", "M0 4H8M4 0V8")
PAGE = (518.4, 201.6)
FONT = "'DejaVu Sans', Arial, Helvetica, sans-serif"
SIZE, TITLE_SIZE, HEAD_SIZE, LABEL_SIZE, SMALL = 9.0, 10.8, 10.0, 8.0, 8.0
LABEL_PAD = 2.0  # points between a bar and its figure
TICK = 3.5  # the length of a tick, and the gap between it and its name
SLANT = 6  # more categories than this: their names are slanted
EM_HIGH = 1.3  # a line with its white ground, in em
INK, EDGE, FRAME = "#000000", "#222222", "#777777"
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
    """Return one chart as an SVG document, titled and described, its ids prefixed by `name`.

    Prefixed ids let several charts sit in one HTML page without clashing.
    """
    width, height = PAGE
    slanted = any(len(p.categories) > SLANT for p in panels)
    left, bottom = (0.06, 0.27) if slanted else (0.02, 0.16)
    top = height * (0.22 if any(p.title for p in panels) else 0.14)
    span = width * (0.98 - left) / (len(panels) + 0.08 * (len(panels) - 1))
    used = max((len(p.series) for p in panels if p.empty is None), default=0)
    hatched = [s for s in range(used) if HATCHES[s % len(HATCHES)]]
    lines = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}pt" height="{height}pt"'
        f' viewBox="0 0 {width} {height}" version="1.1" role="img"'
        f' aria-labelledby="{_escaped(name)}-title {_escaped(name)}-desc"'
        f' font-family="{_escaped(FONT)}" font-size="{_num(SIZE)}">',
        _tag("title", title, id=f"{name}-title") + _tag("desc", desc, id=f"{name}-desc"),
        f"<defs>{''.join(_pattern(name, s) for s in hatched)}</defs>",
        _tag("rect", width=width, height=height, fill="#ffffff"),
        _text(title, 0.02 * width, 0.02 * height + TITLE_SIZE, TITLE_SIZE, font_weight="bold"),
    ]
    for index, panel in enumerate(panels):
        box = Box(width * left + index * span * 1.08, top, span, height * (1 - bottom))
        lines.append(f'<g id="{_escaped(name)}-panel{index}">')
        lines.extend(_panel(panel, box, name, index))
        lines.append("</g>")
    return "\n".join([*lines, "</svg>"]) + "\n"


def wide(text: str, size: float) -> float:
    """Return about how wide a text is drawn, in points."""
    return size * sum(0.64 if c.isdigit() else 0.3 if c in " .,:;'!|il" else 0.6 for c in text)


def _panel(panel: Panel, box: Box, name: str, index: int) -> Iterator[str]:
    middle = box.x + box.width / 2
    if panel.title:
        yield _text(panel.title, middle, box.top - 6, HEAD_SIZE, text_anchor="middle")
    if panel.empty is None:
        yield from _bars(panel, box, name, index)
        return
    high = box.bottom - box.top
    yield _tag(
        "rect",
        x=box.x,
        y=box.top,
        width=box.width,
        height=high,
        fill="none",
        stroke=FRAME,
        stroke_width=0.8,
        stroke_dasharray="3.2,2.4",
    )
    lines = _wrapped(panel.empty, box.width * 0.9)
    first = box.top + high / 2 - (len(lines) - 1) * SIZE * 0.6 + SIZE * 0.35
    spans = [_tag("tspan", t, x=middle, y=first + n * SIZE * 1.2) for n, t in enumerate(lines)]
    yield f'<text text-anchor="middle">{"".join(spans)}</text>'


def _bars(panel: Panel, box: Box, name: str, index: int) -> Iterator[str]:
    """Yield a panel's legend, bars, their figures, axis line and category names."""
    count, many = len(panel.categories), len(panel.series)
    step = box.width / ((count - 0.2) * 1.1)  # points per category; a 5% margin either side
    start = box.x + step * (0.05 * (count - 0.2) + 0.4)  # the first category's middle
    width = 0.8 * step if panel.stacked else 0.8 * step / many
    top = box.top
    if any(s.label for s in panel.series):
        yield from _legend(panel.series, box, name, index)
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
    turned = not panel.stacked and any(wide(b.text, LABEL_SIZE) > width for b in shown)
    for b in shown if turned else ():
        share = min((wide(b.text, LABEL_SIZE) + LABEL_PAD) / room, 0.8)
        limit = max(limit, b.height / (1 - share))  # the bar plus its upright figure fit
    scale = room / limit
    figures: list[str] = []
    for b in bars:
        y, high = box.bottom - (b.base + b.height) * scale, b.height * scale
        if b.value is not None:  # a bar for every figure shown, none where it is held back
            yield _tag(
                "rect",
                id=f"{name}-bars{index}-{b.series}-{b.category}",
                x=b.left,
                y=y,
                width=width,
                height=high,
                fill=_fill(name, b.series),
                stroke=EDGE,
                stroke_width=0.6,
            )
        ident = f"{name}-label{index}-{b.series}-{b.category}"
        if b.text and not (panel.stacked and _crowded(b.text, width, high)):
            figures.extend(_figure(b.text, b.left + width / 2, y, high, panel, turned, ident))
    yield _tag(
        "path",
        d=f"M{_num(box.x)} {_num(box.bottom)}H{_num(box.x + box.width)}",
        stroke=INK,
        stroke_width=0.8,
    )
    yield from figures
    yield from _names(panel.categories, start, step, box.bottom)


def _crowded(text: str, width: float, high: float) -> bool:
    """Return whether a stacked segment is too small for its figure.

    Written anyway it would cover its neighbours; the figure stays in the chart's <desc>,
    the table below it and `--json`.
    """
    return high < EM_HIGH * LABEL_SIZE or width < wide(text, LABEL_SIZE)


def _figure(
    text: str, middle: float, y: float, high: float, panel: Panel, turned: bool, ident: str
) -> Iterator[str]:
    """Yield a bar's figure: inside a stacked segment on white, else above the bar."""
    if panel.stacked:
        across, line = wide(text, LABEL_SIZE) + 1.6, LABEL_SIZE * 1.2
        centre = y + high / 2
        yield _tag(
            "rect",
            x=middle - across / 2,
            y=centre - line / 2,
            width=across,
            height=line,
            fill="#ffffff",
        )
        baseline = centre + LABEL_SIZE * 0.35
        yield _text(text, middle, baseline, LABEL_SIZE, id=ident, text_anchor="middle")
    elif turned:
        x, foot = middle + LABEL_SIZE * 0.35, y - LABEL_PAD
        yield _text(text, x, foot, LABEL_SIZE, id=ident, transform=_turn(-90, x, foot))
    else:
        foot = y - LABEL_PAD - LABEL_SIZE * 0.2
        yield _text(text, middle, foot, LABEL_SIZE, id=ident, text_anchor="middle")


def _names(categories: list[str], start: float, step: float, bottom: float) -> Iterator[str]:
    """Yield a tick and the name under each category; many are slanted to fit."""
    slanted = len(categories) > SLANT
    size = SMALL if slanted else SIZE
    for i, category in enumerate(categories):
        x = start + step * i
        yield _tag(
            "path", d=f"M{_num(x)} {_num(bottom)}v{_num(TICK)}", stroke=INK, stroke_width=0.8
        )
        anchor = bottom + 2 * TICK
        if slanted:  # each name ends under its own bar, slanted down to the left
            yield _text(
                category,
                x,
                anchor + size * 0.75,
                size,
                text_anchor="end",
                transform=_turn(-45, x, anchor),
            )
        else:
            yield _text(category, x, anchor + size * 0.75, size, text_anchor="middle")


def _legend(series: list[Series], box: Box, name: str, index: int) -> Iterator[str]:
    """Yield a legend in the panel's upper left: a sample bar and the label of each series."""
    columns = min(4, len(series))
    widths = [
        max(SWATCH + 6 + wide(s.label, SMALL) for s in series[c::columns]) for c in range(columns)
    ]
    yield f'<g id="{_escaped(name)}-legend{index}">'
    for n, entry in enumerate(series):
        row, column = divmod(n, columns)
        x = box.x + 4 + sum(widths[:column]) + 14 * column
        y = box.top + 4 + row * LINE
        yield _tag(
            "rect",
            x=x,
            y=y + 1.5,
            width=SWATCH,
            height=SMALL * 0.7,
            fill=_fill(name, n),
            stroke=EDGE,
            stroke_width=0.6,
        )
        yield _text(entry.label, x + SWATCH + 6, y + SMALL * 0.85, SMALL)
    yield "</g>"


def _wrapped(text: str, room: float) -> list[str]:
    """Return a text broken into lines at spaces, each about as wide as `room` at most."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and wide(f"{lines[-1]} {word}", SIZE) <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def _pattern(name: str, series: int) -> str:
    """Return the hatch pattern of a series: its colour, crossed by dark lines."""
    colour = PALETTE[series % len(PALETTE)]
    hatch = HATCHES[series % len(HATCHES)]
    return (
        f'<pattern id="{_escaped(name)}-hatch{series}" patternUnits="userSpaceOnUse"'
        f' width="8" height="8">{_tag("rect", width=8, height=8, fill=colour)}'
        f"{_tag('path', d=hatch, stroke=EDGE, stroke_width=0.8)}</pattern>"
    )


def _fill(name: str, series: int) -> str:
    if HATCHES[series % len(HATCHES)]:
        return f"url(#{name}-hatch{series})"
    return PALETTE[series % len(PALETTE)]


def _turn(degrees: int, x: float, y: float) -> str:
    return f"rotate({degrees} {_num(x)} {_num(y)})"


def _text(words: str, x: float, y: float, size: float, **attributes: object) -> str:
    return _tag("text", words, x=x, y=y, font_size=size, **attributes)


def _tag(tag: str, words: str | None = None, /, **attributes: object) -> str:
    """Return one element; attribute names are spelt with "-" for "_"."""
    pairs = "".join(f' {k.replace("_", "-")}="{_escaped(v)}"' for k, v in attributes.items())
    if words is None:
        return f"<{tag}{pairs}/>"
    return f"<{tag}{pairs}>{_escaped(words)}</{tag}>"


def _escaped(value: object) -> str:
    """Return a text or a number as it may stand in SVG: no markup, no control character."""
    if isinstance(value, float | int):
        return _num(value)
    return html.escape(CONTROL.sub(REPLACEMENT, str(value)), quote=True)


def _num(value: float) -> str:
    written = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if written == "-0" else written
