"""Draw an evaluation's charts as SVG, from the figures the report shows.

Charts read only `Evaluation.data`, where a held-back figure is already None: a group too
small to show becomes an empty panel that says why, never bars. Colours come from the
Okabe-Ito palette, and every series also has its own hatch pattern and a text label, so
no meaning rests on colour alone. Each SVG carries a <title> and a <desc> that say in
words what the chart shows, for screen readers; `bars` lays them out, `svg` writes them.

A chart already written is kept when it is exactly the chart these figures give: its root
carries a key made of everything the drawing depends on (the chart's words and figures,
the drawing code) and a digest of the rest of the file, and only a file whose key and
digest both match is reused. Neither holds a digit, so a chart's numbers stay the figures
it shows.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rmcli import __version__
from rmcli.dates import add_months
from rmcli.evaluation import bars, svg
from rmcli.evaluation.bars import Panel, Series
from rmcli.evaluation.build import Evaluation
from rmcli.evaluation.health import month_ends
from rmcli.evaluation.tables import label
from rmcli.evaluation.wording import number, percent, word
from rmcli.models.roster import ROLES
from rmcli.words import N_, format_date, translation

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
    chart these figures give is returned as it is, and only the others are drawn.
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
    for i in missing:
        chart = charts[i]
        drawing = bars.draw(
            name=chart.name, title=chart.title, desc=chart.desc, panels=plans[chart.name]
        )
        charts[i] = dataclasses.replace(chart, svg=_keyed(drawing, keys[chart.name]))
    return charts


def chart_key(name: str, title: str, desc: str, panels: list[Panel]) -> str:
    """Return the key of a chart: a digest of everything its drawing depends on."""
    inputs = {
        "rmcli": __version__,
        "code": _code_digest(),
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
    modules = (__file__, bars.__file__, svg.__file__)
    return hashlib.sha256(b"".join(Path(m).read_bytes() for m in modules)).hexdigest()


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
