"""Figures in the pages and the report as the program's language writes them (issue 18).

A program of 1,200 people in English and in German: every count of a thousand or more
carries the language's grouping (1,200 / 1.200), every decimal the language's sign
(4.19 / 4,19), and no figure is written raw (1200). The separators are spelt out here,
not taken from the code under test.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import html5lib
import pytest

from year_helpers import write_year

AS_OF = "2027-08-20"  # status: the year past half
AFTER = "2028-01-20"  # evaluate: after the final survey
PAIRS = 600  # 1,200 people
GROUP = {"en": ",", "de": "."}
DECIMAL = {"en": ".", "de": ","}
OF = {"en": "of", "de": "von"}
# Dates and ids are not figures: 20.08.2027, 2027-08-20, "20 August 2027", "Aug 2027", j00012.
NOT_FIGURES = re.compile(
    r"\b\d{1,2}\.\d{1,2}\.\d{4}\b|\b\d{4}-\d{2}-\d{2}\b|\b20\d\d\b|\b[a-z]+\d+\b", re.IGNORECASE
)
FIGURE = re.compile(r"\d[\d.,]*\d|\d")
RAW = re.compile(r"\d{4,}")
SVG = "{http://www.w3.org/2000/svg}"


def grouped(n: int, language: str) -> str:
    """Return a whole number written with the language's thousands separator."""
    return f"{n:,}".replace(",", GROUP[language])


def figures(text: str) -> list[str]:
    """Return the figures of a text, dates and ids left out."""
    return FIGURE.findall(NOT_FIGURES.sub(" ", text))


def well_formed(figure: str, language: str) -> bool:
    """Return whether a figure is written as the language writes numbers."""
    group, decimal = re.escape(GROUP[language]), re.escape(DECIMAL[language])
    return re.fullmatch(rf"\d{{1,3}}(?:{group}\d{{3}})*(?:{decimal}\d+)?", figure) is not None


def visible(path: Path) -> list[str]:
    """Return the texts of an HTML page a reader sees or hears (the charts' words included)."""
    tree = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(path.read_bytes())
    found: list[str] = []
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.rsplit("}", 1)[-1] in ("style", "script"):
            continue
        found.append(element.text or "")
        found.append(element.get("title") or "")
        found.extend(element.get(a) or "" for a in ("aria-label", "alt"))
        found.append(element.tail or "")
    return [t for t in found if t.strip()]


def card(path: Path, ident: str) -> str:
    tree = html5lib.HTMLParser(namespaceHTMLElements=False).parse(path.read_bytes())
    (element,) = [e for e in tree.iter() if e.get("id") == ident]
    return " ".join(element.find("span").itertext())


@pytest.fixture(scope="module", params=["en", "de"])
def large(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Write a 1,200-person program in a language; return its folder, language and figures."""
    from typer.testing import CliRunner

    from rmcli.cli import app

    language = request.param
    folder = write_year(tmp_path_factory.mktemp(language) / "year", pairs=PAIRS, held=11)
    toml = folder / "program.toml"
    text = toml.read_text(encoding="utf-8")
    assert 'language = "en"' in text
    toml.write_text(text.replace('language = "en"', f'language = "{language}"'), "utf-8")
    runner = CliRunner()

    def run(*args: str) -> str:
        result = runner.invoke(app, ["-p", str(folder), *args], catch_exceptions=False)
        assert result.exit_code in (0, 1), result.output
        return result.stdout

    evaluation = json.loads(run("evaluate", "--as-of", AFTER, "--json"))
    run("evaluate", "--as-of", AFTER, "--html")
    status = json.loads(run("status", "--as-of", AS_OF, "--json"))
    run("status", "--as-of", AS_OF, "--html")
    return folder / "reports", language, evaluation, status


@pytest.mark.slow
def test_cards_group_thousands_as_the_language_does(large):
    reports, language, evaluation, status = large
    people = sum(evaluation["participation"]["people"].values())
    answered = sum(evaluation["respondents"].values())
    assert people >= 1000 and answered >= 1000  # the program is large enough to test this
    page = reports / "evaluation.html"
    of = OF[language]
    assert (
        card(page, "card-respondents")
        == f"{grouped(answered, language)} {of} {grouped(people, language)}"
    )
    sessions = evaluation["sessions"]
    assert card(page, "card-sessions") == (
        f"{grouped(sessions['held'], language)} {of} {grouped(sessions['due'], language)}"
    )
    mean = f"{evaluation['satisfaction']['all']['mean']:.2f}".rstrip("0").rstrip(".")
    assert card(page, "card-satisfaction") == f"{mean.replace('.', DECIMAL[language])} {of} 5"
    summary = status["summary"]
    assert summary["planned"] >= 1000
    assert card(reports / "status.html", "card-planned") == grouped(summary["planned"], language)
    assert card(reports / "status.html", "card-matches") == grouped(PAIRS, language)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["evaluation.html", "status.html", "evaluation.md"])
def test_no_figure_is_written_raw_or_in_another_language(large, name):
    reports, language, _, _ = large
    path = reports / name
    texts = visible(path) if name.endswith(".html") else [path.read_text(encoding="utf-8")]
    seen = [f for t in texts for f in figures(t)]
    raw = [f for f in seen if RAW.fullmatch(f)]
    assert not raw, raw[:10]
    wrong = sorted({f for f in seen if not well_formed(f, language)})
    assert not wrong, wrong[:10]
    # Both kinds of figure are there to be checked, or the test could pass on nothing.
    assert any(
        GROUP[language] in f and re.search(r"\d{4}", f.replace(GROUP[language], "")) for f in seen
    )
    if name.startswith("evaluation"):
        assert any(
            DECIMAL[language] in f and not re.fullmatch(r"\d{1,3}(?:\D\d{3})+", f) for f in seen
        )


def test_the_checks_above_catch_a_raw_or_foreign_figure():
    # The helpers the tests rely on: a raw count, an English decimal in German and a
    # German group in English are each caught; dates and ids are left alone.
    assert RAW.fullmatch("1200") and not well_formed("1200", "de")
    assert well_formed("1.200", "de") and not well_formed("1,200.5", "de")
    assert not well_formed("4,19", "en") and not well_formed("1.234,5", "en")
    assert well_formed("4,19", "de") and not well_formed("4.19", "de")
    assert well_formed("4.19", "en") and well_formed("1,234.5", "en")
    assert figures("20.08.2027, 2027-08-20, 20 August 2027, j00012: 1.200") == ["20", "1.200"]


@pytest.mark.slow
def test_a_thin_segment_of_the_flags_chart_loses_its_label_not_its_figure(large):
    reports, language, evaluation, _ = large
    root = ET.parse(reports / "charts" / "flags.svg").getroot()
    desc = root.find(f"{SVG}desc").text or ""
    given = [n for flag in evaluation["flags"] for n in flag["by_month"].values() if n and n >= 10]
    # Every figure is still in the words for screen readers ...
    described = figures(desc)
    assert all(grouped(n, language) in described for n in given)
    # ... but only the segments with room for one carry a label: 1,200 people flag enough
    # matches that many segments are thin, and a label there would cover its neighbours.
    bars = [e for e in root.iter() if (e.get("id") or "").startswith("flags-bars0-")]
    labels = [
        t
        for e in root.iter(f"{SVG}text")
        if (e.get("id") or "").startswith("flags-label0-")
        for t in e.itertext()
        if FIGURE.fullmatch(t.strip())
    ]
    assert bars and 0 < len(labels) < len(given)
