"""Draw an evaluation's charts as SVG with matplotlib, from the figures the report shows.

Charts read only `Evaluation.data`, where a held-back figure is already None: a group too
small to show becomes an empty panel that says why, never bars. Colours come from the
Okabe-Ito palette, and every series also has its own hatch pattern and a text label, so
no meaning rests on colour alone. Each SVG carries a <title> and a <desc> that say in
words what the chart shows, for screen readers.

Drawing is the slow part (matplotlib alone takes half a second to import), so a chart
already written is kept when it is exactly the chart these figures give: its root carries
a key made of everything the drawing depends on (the chart's words and figures, this
module's code, matplotlib's version) and a digest of the rest of the file, and only a file
whose key and digest both match is reused. Neither holds a digit, so a chart's numbers
stay the figures it shows.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import io
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rmcli import __version__
from rmcli.dates import add_months
from rmcli.evaluation.build import Evaluation
from rmcli.evaluation.health import month_ends
from rmcli.evaluation.tables import label
from rmcli.evaluation.wording import number, percent, word
from rmcli.models.roster import ROLES
from rmcli.words import N_, format_date, translation

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.patches import Rectangle
    from matplotlib.text import Text
    from matplotlib.typing import RcKeyType

# Okabe & Ito (2008): told apart with every common kind of colour blindness.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442")
HATCHES = ("", "//", "\\\\", "xx", "--", "||", "++")  # lines: dots would cost 60 kB a pattern
SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
# Fixed ids and no dates in the file: the same figures give the same SVG, byte for byte.
STYLE: dict[RcKeyType, Any] = {
    "svg.hashsalt": "rmcli",
    "svg.fonttype": "none",  # real text: searchable, readable by screen readers, small
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "hatch.linewidth": 0.8,
    "text.parse_math": False,  # a "$" in a word is a dollar sign, never TeX
}
WIDTH = 7.2  # inches: an A4 page's text width
HEIGHT = 2.8
LABEL_SIZE = 8  # points, the figures on the bars
LABEL_PAD = 2  # points between a bar and its figure
SLANT = 6  # more categories than this: their names are slanted
# DejaVu Sans: a digit is 0.64 em wide and a separator less; a line with its white ground
# is about 1.3 em high. Enough to tell whether a figure fits, without drawing it to measure.
EM_WIDE, EM_HIGH = 0.64, 1.3
AREAS = ("technology", "workplace", "culture", "other")
TITLES: dict[str, str] = {
    "satisfaction": N_("Satisfaction (1-5) by side"),
    "outcomes": N_("Relationship formed and want to continue"),
    "skills": N_("Self-assessment per topic area, intake and final (1-5)"),
    "sessions": N_("Sessions per month"),
    "flags": N_("Matches with each flag at the end of the month"),
    "answers": N_("{side} ({n} answers)"),
    "intake": N_("Intake"),
    "final": N_("Final"),
    "due": N_("Due"),
    "nothing": N_("nothing to show yet"),
}


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
class Chart:
    """A finished chart: file stem, title, text alternative and the SVG document."""

    name: str
    title: str
    desc: str
    svg: str


KEY_ATTRIBUTE = "data-rmcli-chart"
KEPT = re.compile(rf'<svg {KEY_ATTRIBUTE}="([a-p]+)-([a-p]+)" ')


def draw_charts(evaluation: Evaluation, *, drawn: Mapping[str, str] | None = None) -> list[Chart]:
    """Return every chart of an evaluation, in report order, in the program's language.

    `drawn` holds the SVG files already written, by chart name: one that is exactly the
    chart these figures give is returned as it is, and matplotlib draws only the others.
    """
    drawn = drawn or {}
    language = evaluation.program.language
    data = evaluation.data
    why = _reasons(evaluation, language)
    plans = {
        "satisfaction": _satisfaction(data, why, language),
        "outcomes": _outcomes(data, why, language),
        "skills": _skills(data, why, language),
        "sessions": _sessions(evaluation, language),
        "flags": _flags(evaluation, why, language),
    }
    charts: list[Chart] = []
    for name, panels in plans.items():
        title = _words(language, TITLES[name])
        charts.append(Chart(name, title, describe(panels), drawn.get(name, "")))
    keys = {c.name: chart_key(c.name, c.title, c.desc, plans[c.name]) for c in charts}
    missing = [i for i, c in enumerate(charts) if not is_chart(c.svg, keys[c.name])]
    if missing:
        import matplotlib  # noqa: PLC0415 (kept out of start-up)

        with matplotlib.rc_context(STYLE):  # the style set once for every chart drawn
            for i in missing:
                chart = charts[i]
                svg = _svg(chart.name, chart.title, chart.desc, plans[chart.name])
                charts[i] = dataclasses.replace(chart, svg=_keyed(svg, keys[chart.name]))
    return charts


def chart_key(name: str, title: str, desc: str, panels: list[Panel]) -> str:
    """Return the key of a chart: a digest of everything its drawing depends on."""
    inputs = {
        "rmcli": __version__,
        "code": _code_digest(),
        "matplotlib": _matplotlib_version(),
        "size": [WIDTH, HEIGHT],
        "style": STYLE,
        "chart": [name, title, desc, [dataclasses.asdict(p) for p in panels]],
    }
    return _letters(json.dumps(inputs, sort_keys=True, ensure_ascii=False))


def is_chart(svg: str, key: str) -> bool:
    """Return whether an SVG file is, unchanged, the chart drawn for this key."""
    found = KEPT.match(svg)
    if found is None or found.group(1) != key:
        return False
    body = "<svg " + svg[found.end() :]
    return found.group(2) == _letters(body)


def _keyed(svg: str, key: str) -> str:
    """Return the SVG with its key and the digest of the rest on its root element."""
    assert svg.startswith("<svg ")
    return f'<svg {KEY_ATTRIBUTE}="{key}-{_letters(svg)}" ' + svg[len("<svg ") :]


def _letters(text: str) -> str:
    # Hex digits spelt as letters: the file's numbers stay the figures the chart shows.
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
    return digest.translate(str.maketrans("0123456789", "ghijklmnop"))


@functools.cache
def _code_digest() -> str:
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


@functools.cache
def _matplotlib_version() -> str:
    return importlib.metadata.version("matplotlib")


def describe(panels: list[Panel]) -> str:
    """Return a chart's figures in words: the text alternative for screen readers."""
    parts: list[str] = []
    for panel in panels:
        head = f"{panel.title}: " if panel.title else ""
        if panel.empty is not None:
            parts.append(f"{head}{panel.empty}.")
            continue
        items = []
        for series in panel.series:
            shown = [
                f"{c} {t}"
                for c, v, t in zip(panel.categories, series.values, series.texts, strict=True)
                if t
            ]
            items.append(
                f"{series.label}: {', '.join(shown)}" if series.label else ", ".join(shown)
            )
        parts.append(f"{head}{'; '.join(items)}.")
    return " ".join(parts)


def _words(language: str, text: str, **values: object) -> str:
    return translation(language).gettext(text).format(**values)


def _reasons(evaluation: Evaluation, language: str) -> dict[tuple[str, str], str]:
    """Return why each held-back (figure, group) is hidden, in the program's language."""
    return {
        (h.subject, h.slice): word(h.reason, language, limit=h.limit) for h in evaluation.hidden
    }


def _satisfaction(
    data: dict[str, Any], why: dict[tuple[str, str], str], language: str
) -> list[Panel]:
    panels: list[Panel] = []
    ratings = [str(r) for r in range(1, 6)]
    for role in ROLES:
        figure = data["satisfaction"].get(role)
        side = word(role, language)
        if figure is None:
            reason = why.get(("satisfaction", role), word("none", language))
            panels.append(Panel(side, empty=reason))
            continue
        counts = [figure["distribution"][r] for r in ratings]
        title = _words(language, TITLES["answers"], side=side, n=number(figure["n"], language))
        panels.append(
            Panel(
                title,
                ratings,
                [Series("", [float(c) for c in counts], [number(c, language) for c in counts])],
            )
        )
    return panels


def _outcomes(data: dict[str, Any], why: dict[tuple[str, str], str], language: str) -> list[Panel]:
    panels: list[Panel] = []
    keys = ("relationship", "continue")
    names = [label(k, language) for k in keys]
    for role in ROLES:
        side = word(role, language)
        values = [data[k].get(role) for k in keys]
        if all(v is None for v in values):
            reason = why.get(("relationship", role), word("none", language))
            panels.append(Panel(side, empty=reason))
            continue
        texts = [
            percent(v, language) if v is not None else why.get((k, role), "")
            for k, v in zip(keys, values, strict=True)
        ]
        panels.append(Panel(side, names, [Series("", values, texts)], share=True))
    return panels


def _skills(data: dict[str, Any], why: dict[tuple[str, str], str], language: str) -> list[Panel]:
    by_area: dict[str, Any] = data["skills"]["by_area"]
    if not by_area:
        return [Panel("", empty=_words(language, TITLES["nothing"]))]
    areas = sorted(by_area, key=lambda a: (AREAS.index(a) if a in AREAS else len(AREAS), a))
    series: list[Series] = []
    for key in ("intake", "final"):
        values: list[float | None] = []
        texts: list[str] = []
        for area in areas:
            figure = by_area[area]
            if figure is None:
                values.append(None)
                # The reason is written once, under the area's first bar.
                texts.append(why.get(("skills_change", area), "") if key == "intake" else "")
            else:
                values.append(figure[f"mean_{key}"])
                texts.append(number(figure[f"mean_{key}"], language))
        series.append(Series(_words(language, TITLES[key]), values, texts))
    return [Panel("", [word(a, language) for a in areas], series)]


def _month_labels(evaluation: Evaluation, count: int, language: str) -> list[str]:
    start = evaluation.program.start
    return [format_date(add_months(start, m), language, form="MMM y") for m in range(count)]


def _sessions(evaluation: Evaluation, language: str) -> list[Panel]:
    rows = evaluation.data["sessions"]["by_month"]
    if not rows:
        return [Panel("", empty=_words(language, TITLES["nothing"]))]
    months = _month_labels(evaluation, len(rows), language)
    names = {
        "due": _words(language, TITLES["due"]),
        "held": label("held", language),
        "cancelled": label("cancelled", language),
    }
    series = [
        Series(name, [float(r[key]) for r in rows], [number(r[key], language) for r in rows])
        for key, name in names.items()
    ]
    return [Panel("", months, series)]


def _flags(evaluation: Evaluation, why: dict[tuple[str, str], str], language: str) -> list[Panel]:
    flags: list[dict[str, Any]] = evaluation.data.get("flags") or []
    count = len(month_ends(evaluation.program, evaluation.as_of))
    if not flags or not count:
        return [Panel("", empty=_words(language, TITLES["nothing"]))]
    months = _month_labels(evaluation, count, language)
    series = []
    for flag in flags:
        by_month: dict[str, int | None] = flag["by_month"]
        values: list[float | None] = []
        texts: list[str] = []
        for month in range(1, count + 1):
            key = str(month)
            if key in by_month and by_month[key] is None:
                # A challenge raised by too few matches: no bar, and the reason once.
                values.append(None)
                first = all(by_month.get(str(m)) is not None for m in range(1, month))
                reason = why.get(("challenge", flag["code"]), word("hidden_cell", language))
                texts.append(reason if first else "")
            else:
                value = by_month.get(key) or 0
                values.append(float(value))
                texts.append(number(value, language) if value else "")
        series.append(Series(flag["code"], values, texts))
    return [Panel("", months, series, stacked=True)]


def _svg(name: str, title: str, desc: str, panels: list[Panel]) -> str:
    """Return one chart as an SVG document with ids unique to the chart."""
    from matplotlib.figure import Figure  # noqa: PLC0415 (kept out of start-up)

    # Fixed margins: a layout engine would measure every text again, for little gain here.
    figure = Figure(figsize=(WIDTH, HEIGHT))
    top = 0.78 if any(p.title for p in panels) else 0.86
    # Slanted month names ("Sept. 2027") reach further down and, under the first bar, left.
    slanted = any(len(p.categories) > SLANT for p in panels)
    left, bottom = (0.06, 0.27) if slanted else (0.02, 0.16)
    figure.subplots_adjust(left=left, right=0.98, top=top, bottom=bottom, wspace=0.08)
    figure.suptitle(title, fontweight="bold", x=0.02, ha="left")
    axes = figure.subplots(1, len(panels), squeeze=False)[0]
    for index, (ax, panel) in enumerate(zip(axes, panels, strict=True)):
        _panel(ax, panel, gid=f"bars{index}")
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _accessible(buffer.getvalue(), name=name, title=title, desc=desc)


def _panel(ax: Axes, panel: Panel, *, gid: str) -> None:
    ax.set_title(panel.title)
    ax.set_yticks([])  # every bar carries its figure; an axis would only add numbers
    if panel.empty is not None:
        ax.set_xticks([])
        for spine in ax.spines.values():
            spine.set_visible(True)
            spine.set_linestyle((0, (4, 3)))
            spine.set_edgecolor("#777777")
        ax.text(0.5, 0.5, panel.empty, ha="center", va="center", wrap=True, transform=ax.transAxes)
        return
    count = len(panel.categories)
    width = 0.8 if panel.stacked else 0.8 / len(panel.series)
    bottoms = [0.0] * count
    top = 0.0
    labelled: list[tuple[Rectangle, Text]] = []
    for position, series in enumerate(panel.series):
        drawn = [v if v is not None else 0.0 for v in series.values]
        if panel.stacked:
            xs = [float(i) for i in range(count)]
        else:
            xs = [i - 0.4 + width * (position + 0.5) for i in range(count)]
        bars = ax.bar(
            xs,
            drawn,
            width=width,
            bottom=bottoms if panel.stacked else None,
            color=PALETTE[position % len(PALETTE)],
            hatch=HATCHES[position % len(HATCHES)],
            edgecolor="#222222",
            linewidth=0.6,
            label=series.label or None,
        )
        for i, (rect, value) in enumerate(zip(bars, series.values, strict=True)):
            # A bar for every figure shown, none where the figure is held back.
            rect.set_gid(f"{gid}-{position}-{i}")
            rect.set_visible(value is not None)
        texts = ax.bar_label(
            bars,
            labels=series.texts,
            label_type="center" if panel.stacked else "edge",
            padding=0 if panel.stacked else LABEL_PAD,
            fontsize=LABEL_SIZE,
            # A white ground keeps a figure readable on a hatched bar.
            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"}
            if panel.stacked
            else None,
        )
        labelled.extend(zip(bars, texts, strict=True))
        if panel.stacked:
            bottoms = [b + d for b, d in zip(bottoms, drawn, strict=True)]
            top = max([top, *bottoms])
        else:
            top = max([top, *drawn])
    if count > SLANT:
        # Each name ends under its own bar, slanted down to the left.
        ax.set_xticks(
            range(count), panel.categories, rotation=45, ha="right", rotation_mode="anchor"
        )
        ax.tick_params(axis="x", labelsize=8)
    else:
        ax.set_xticks(range(count), panel.categories)
    ax.set_ylim(0, 1.15 if panel.share else max(top, 1.0) * 1.18)
    ax.spines["left"].set_visible(False)
    if not panel.stacked:
        _turn_crowded(ax, labelled)
    if any(s.label for s in panel.series):
        ax.legend(loc="upper left", fontsize=8, frameon=False, ncols=min(4, len(panel.series)))
        ax.set_ylim(0, ax.get_ylim()[1] * (1.25 if len(panel.series) <= 4 else 1.45))
    if panel.stacked:
        _drop_crowded(ax, labelled)


def _points(ax: Axes, rect: Rectangle) -> tuple[float, float]:
    """Return a bar's width and height in points, as drawn in the axes' final limits."""
    (x0, y0), (x1, y1) = ax.transData.transform(
        [
            (rect.get_x(), rect.get_y()),
            (rect.get_x() + rect.get_width(), rect.get_y() + rect.get_height()),
        ]
    )
    scale = 72 / ax.figure.dpi
    return (x1 - x0) * scale, (y1 - y0) * scale


def _wide(text: str) -> float:
    return EM_WIDE * LABEL_SIZE * len(text)


def _drop_crowded(ax: Axes, labelled: list[tuple[Rectangle, Text]]) -> None:
    """Leave out a stacked segment's label that does not fit inside the segment.

    A thin segment of a tall stack has no room for its figure: written anyway it covers its
    neighbours. The figure stays in the chart's <desc>, the table below it and `--json`.
    """
    for rect, text in labelled:
        words = text.get_text()
        if not words:
            continue
        wide, high = _points(ax, rect)
        if high < EM_HIGH * LABEL_SIZE or wide < _wide(words):
            text.remove()


def _turn_crowded(ax: Axes, labelled: list[tuple[Rectangle, Text]]) -> None:
    """Stand the figures on end when one is wider than its bar, and make room above for them.

    Side by side, a figure wider than its bar runs into the next one's ("1,000" over a
    month of three bars); upright, each stays over its own bar.
    """
    shown = [(r, t) for r, t in labelled if t.get_text() and r.get_visible()]
    if not any(_wide(t.get_text()) > _points(ax, r)[0] for r, t in shown):
        return
    room = ax.bbox.height * 72 / ax.figure.dpi  # the axes' height in points
    needed = ax.get_ylim()[1]
    for _, text in labelled:
        text.set_rotation(90)
    for rect, text in shown:
        # The bar's top plus the upright figure must stay inside the axes.
        share = min((_wide(text.get_text()) + LABEL_PAD) / room, 0.8)
        needed = max(needed, rect.get_height() / (1 - share))
    ax.set_ylim(0, needed)


def _accessible(svg: str, *, name: str, title: str, desc: str) -> str:
    """Return the SVG with <title>/<desc> first, role="img", and ids prefixed by the chart.

    Prefixed ids let several charts sit in one HTML page without clashing.
    """
    ET.register_namespace("", SVG_NS)
    ET.register_namespace("xlink", XLINK_NS)
    root = ET.fromstring(svg)
    for child in list(root):
        if child.tag == f"{{{SVG_NS}}}metadata":
            root.remove(child)
    known: set[str] = set()
    for element in root.iter():
        if "id" in element.attrib:
            known.add(element.attrib["id"])
            element.attrib["id"] = f"{name}-{element.attrib['id']}"

    def rename(text: str) -> str:
        return re.sub(
            r"url\(#([^)]+)\)",
            lambda m: f"url(#{name}-{m.group(1)})" if m.group(1) in known else m.group(0),
            text,
        )

    href = f"{{{XLINK_NS}}}href"
    for element in root.iter():
        for key, value in element.attrib.items():
            if key == href and value.startswith("#") and value[1:] in known:
                element.attrib[key] = f"#{name}-{value[1:]}"
            elif "url(#" in value:
                element.attrib[key] = rename(value)
        if element.tag == f"{{{SVG_NS}}}style" and element.text:
            element.text = rename(element.text)
    title_el = ET.Element(f"{{{SVG_NS}}}title", {"id": f"{name}-title"})
    title_el.text = title
    desc_el = ET.Element(f"{{{SVG_NS}}}desc", {"id": f"{name}-desc"})
    desc_el.text = desc
    root.insert(0, desc_el)
    root.insert(0, title_el)
    root.set("role", "img")
    root.set("aria-labelledby", f"{name}-title {name}-desc")
    return ET.tostring(root, encoding="unicode") + "\n"
