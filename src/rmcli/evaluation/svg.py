"""Write SVG markup: elements, text, numbers, hatch patterns, every word escaped.

Every text and attribute value goes through `escaped` (`rmcli.escape.xml`: no tag, no
attribute and no control character can come from a word); every length is
written with at most two decimals, so the same drawing gives the same bytes. Text widths
are estimated for DejaVu Sans: enough to place a text and to tell whether a figure fits
its bar without drawing it to measure.
"""

from __future__ import annotations

from rmcli import escape

# Okabe & Ito (2008): told apart with every common kind of colour blindness.
PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442")
# Lines across an 8-point tile: every series after the first has its own pattern.
_UP, _DOWN = "M0 8L8 0M-2 2L2 -2M6 10L10 6", "M0 0L8 8M-2 6L2 10M6 -2L10 2"
HATCHES = ("", _UP, _DOWN, _UP + _DOWN, "M0 4H8", "M4 0V8", "M0 4H8M4 0V8")
FONT = "'DejaVu Sans', Arial, Helvetica, sans-serif"
EDGE = "#222222"  # bars' outlines and hatch lines


def document(
    *, name: str, title: str, desc: str, size: tuple[float, float], font: float, body: list[str]
) -> str:
    """Return an SVG document: its <title> and <desc> first, read out through role="img".

    Ids start with `name`, so that several charts sit in one HTML page without clashing.
    """
    width, height = size
    head = start(
        "svg",
        xmlns="http://www.w3.org/2000/svg",
        width=f"{num(width)}pt",
        height=f"{num(height)}pt",
        viewBox=f"0 0 {num(width)} {num(height)}",
        version="1.1",
        role="img",
        aria_labelledby=f"{name}-title {name}-desc",
        font_family=FONT,
        font_size=font,
    )
    described = tag("title", title, id=f"{name}-title") + tag("desc", desc, id=f"{name}-desc")
    return "\n".join([head, described, *body, "</svg>"]) + "\n"


def look(series: int) -> tuple[str, str]:
    """Return a series' colour and hatch; no two of the first 49 series look alike."""
    # both tuples have 7 entries: shifting the hatch each round keeps the pairs apart
    return PALETTE[series % len(PALETTE)], HATCHES[(series + series // len(PALETTE)) % len(HATCHES)]


def patterns(name: str, series: int) -> str:
    """Return the <defs> of the hatch patterns of `series` series: colour crossed by lines."""
    found = [
        f'<pattern id="{escaped(name)}-hatch{s}" patternUnits="userSpaceOnUse" width="8"'
        f' height="8">{tag("rect", width=8, height=8, fill=colour)}'
        f"{tag('path', d=hatch, stroke=EDGE, stroke_width=0.8)}</pattern>"
        for s, (colour, hatch) in ((s, look(s)) for s in range(series))
        if hatch
    ]
    return f"<defs>{''.join(found)}</defs>"


def fill(name: str, series: int) -> str:
    """Return how a series' bars are filled: its colour, hatched but for the first of 7."""
    colour, hatch = look(series)
    return f"url(#{name}-hatch{series})" if hatch else colour


def group(ident: str, parts: list[str]) -> list[str]:
    """Return parts inside a <g> of this id."""
    return [start("g", id=ident), *parts, "</g>"]


def text(words: str, x: float, y: float, size: float, **attributes: object) -> str:
    """Return a <text> at (x, y), its baseline's start (or middle, or end)."""
    return tag("text", words, x=x, y=y, font_size=size, **attributes)


def lines(texts: list[str], x: float, y: float, size: float, **attributes: object) -> str:
    """Return a <text> of lines centred on x, the first line's baseline at y."""
    spans = [tag("tspan", t, x=x, y=y + n * size * 1.2) for n, t in enumerate(texts)]
    if len(spans) == 1:  # one line: the text itself, as `text` writes it
        return text(texts[0], x, y, size, text_anchor="middle", **attributes)
    opened = start("text", font_size=size, text_anchor="middle", **attributes)
    return opened + "".join(spans) + "</text>"


def turned(degrees: int, x: float, y: float) -> str:
    """Return the transform that turns an element about (x, y)."""
    return f"rotate({degrees} {num(x)} {num(y)})"


def tag(name: str, words: str | None = None, /, **attributes: object) -> str:
    """Return one element, empty or holding a text."""
    opened = start(name, **attributes)
    if words is None:
        return opened[:-1] + "/>"
    return f"{opened}{escaped(words)}</{name}>"


def start(name: str, /, **attributes: object) -> str:
    """Return an element's start tag; attribute names are spelt with "-" for "_"."""
    pairs = "".join(f' {k.replace("_", "-")}="{escaped(v)}"' for k, v in attributes.items())
    return f"<{name}{pairs}>"


def escaped(value: object) -> str:
    """Return a text or a number as it may stand in SVG: no markup, no control character."""
    if isinstance(value, float | int):
        return num(value)
    return escape.xml(str(value))


def num(value: float) -> str:
    """Return a number with at most two decimals, and no "-0"."""
    written = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if written == "-0" else written


def wide(words: str, size: float) -> float:
    """Return about how wide a text is drawn, in points."""
    return size * sum(0.64 if c.isdigit() else 0.3 if c in " .,:;'!|il" else 0.6 for c in words)


def wrapped(words: str, room: float, size: float) -> list[str]:
    """Return a text broken into lines at spaces, each about as wide as `room` at most."""
    lines: list[str] = []
    for word in words.split(" "):
        if lines and wide(f"{lines[-1]} {word}", size) <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines
