"""The HTML pages of `evaluate --html` and `status --html`, read as a browser reads them."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import html5lib
import pytest

from feedback_helpers import AS_OF
from feedback_helpers import program_with_answers as build

NS = "{http://www.w3.org/1999/xhtml}"


def parse(path: Path) -> Any:
    """Return the page's tree; a parse error (an unclosed tag, a stray character) fails."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True)
    return parser.parse(path.read_bytes())


def text(element: Any) -> str:
    """Return an element's text as shown, whitespace collapsed."""
    return " ".join("".join(element.itertext()).split())


def by_id(tree: Any, ident: str) -> Any:
    found = [e for e in tree.iter() if e.get("id") == ident]
    assert len(found) == 1, ident
    return found[0]


def section(tree: Any, heading: str) -> Any:
    """Return the section whose heading has this id."""
    found = [s for s in tree.iter(f"{NS}section") if s.find(f"{NS}h2").get("id") == heading]
    assert len(found) == 1, heading
    return found[0]


def rows(table: Any) -> dict[str, list[str]]:
    """Return a table's body rows by their first cell."""
    body = table.find(f"{NS}tbody")
    found: dict[str, list[str]] = {}
    for row in body.findall(f"{NS}tr"):
        cells = [text(c) for c in row]
        found[cells[0]] = cells[1:]
    return found


def run(cli, folder: Path, *args: str) -> dict[str, Any]:
    result = cli(*args, "-p", str(folder), "--as-of", AS_OF, "--json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def assert_self_contained(tree: Any, path: Path) -> None:
    """No script, nothing fetched from anywhere, private file."""
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    tags = {e.tag.split("}")[-1] for e in tree.iter() if isinstance(e.tag, str)}
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert "iframe" not in tags and "object" not in tags
    for element in tree.iter():
        for key, value in element.attrib.items():
            fetched = value.startswith(("http:", "https:", "//"))
            assert not fetched or "xmlns" in key, (key, value)  # a namespace is only a name
    style = " ".join(e.text or "" for e in tree.iter(f"{NS}style"))
    assert "@page" in style and "break-inside: avoid" in style and "url(" not in style
    head = tree.find(f"{NS}head")
    viewport = [m for m in head.iter(f"{NS}meta") if m.get("name") == "viewport"]
    assert viewport and "width=device-width" in viewport[0].get("content")


@pytest.mark.parametrize("language", ["en", "de"])
def test_evaluation_page_shows_the_figures_of_the_json(tmp_path, cli, language):
    from rmcli.evaluation.wording import number, percent

    folder = build(tmp_path, cli, language=language)
    result = cli("evaluate", "-p", str(folder), "--as-of", AS_OF, "--html")
    assert result.exit_code == 0, result.output
    data = run(cli, folder, "evaluate")
    path = folder / "reports" / "evaluation.html"
    tree = parse(path)
    assert_self_contained(tree, path)
    assert tree.get("lang") == language
    title = {"en": "Evaluation: ", "de": "Auswertung: "}[language] + data["program"]
    assert text(tree.find(f"{NS}head/{NS}title")) == title
    assert text(tree.find(f".//{NS}h1")) == title
    of = {"en": "of", "de": "von"}[language]
    r, p, s = data["respondents"], data["participation"], data["sessions"]
    cards = {
        "card-respondents": f"{r['junior'] + r['senior']} {of} {p['people']['junior'] + p['people']['senior']}",
        "card-satisfaction": f"{number(data['satisfaction']['all']['mean'], language)} {of} 5",
        "card-relationship": percent(data["relationship"]["all"], language),
        "card-continue": percent(data["continue"]["all"], language),
        "card-sessions": f"{s['held']} {of} {s['due']}",
    }
    for ident, figure in cards.items():
        card = by_id(tree, ident)
        assert text(card.find(f"{NS}span")) == figure, ident
    participation = rows(by_id(tree, "table-participation"))
    assert len(participation) == 3
    people, answered = list(participation.values())[:2]
    assert people == [str(p["people"]["junior"]), str(p["people"]["senior"])]
    assert answered == [str(r["junior"]), str(r["senior"])]
    sessions = [cells[0] for cells in rows(by_id(tree, "table-sessions")).values()]
    assert sessions[:5] == [
        str(s[k]) for k in ("planned", "due", "held", "held_on_time", "cancelled")
    ]
    satisfaction = rows(by_id(tree, "table-satisfaction"))
    means = list(satisfaction.values())[1]
    assert means == [
        number(data["satisfaction"][k]["mean"], language) for k in ("junior", "senior", "all")
    ]
    # Every chart inline, with its text alternative; figure captions are the charts' titles.
    figures = list(tree.iter(f"{NS}figure"))
    svgs = [e for f in figures for e in f.iter("{http://www.w3.org/2000/svg}svg")]
    assert len(svgs) == 5 and all(s.get("role") == "img" for s in svgs)
    ids = [e.get("id") for e in tree.iter() if e.get("id")]
    assert len(ids) == len(set(ids))  # several charts in one page, no id twice
    for flag in data["flags"]:
        assert flag["hint"] in text(tree.find(f".//{NS}dl"))


def test_evaluation_page_hides_what_the_report_hides(tmp_path, cli):
    folder = build(tmp_path, cli, juniors=14, seniors=4)
    assert cli("evaluate", "-p", str(folder), "--as-of", AS_OF, "--html").exit_code == 0
    data = run(cli, folder, "evaluate")
    assert data["satisfaction"]["senior"] is None
    tree = parse(folder / "reports" / "evaluation.html")
    satisfaction = list(rows(by_id(tree, "table-satisfaction")).values())
    assert satisfaction[0][:2] == ["hidden", "hidden"]
    held_back = text(section(tree, "held-back"))
    assert "satisfaction: Seniors: hidden: fewer than 5 answers" in held_back
    assert [f"{h['what']}: {h['why']}" in held_back for h in data["hidden"]] == [True] * len(
        data["hidden"]
    )


def test_every_value_is_escaped(tmp_path, cli):
    import tomllib

    import tomli_w

    folder = build(tmp_path, cli, juniors=6, seniors=6)
    program = tomllib.loads((folder / "program.toml").read_text(encoding="utf-8"))
    program["name"] = "<script>alert(1)</script> & co"
    (folder / "program.toml").write_text(tomli_w.dumps(program), encoding="utf-8")
    assert cli("evaluate", "-p", str(folder), "--as-of", AS_OF, "--html").exit_code == 0
    assert cli("status", "-p", str(folder), "--as-of", AS_OF, "--html").exit_code in (0, 1)
    for page in ("evaluation.html", "status.html"):
        tree = parse(folder / "reports" / page)
        assert not list(tree.iter(f"{NS}script"))
        assert "<script>alert(1)</script> & co" in text(tree.find(f".//{NS}h1"))


def test_status_page_has_every_match_with_its_timeline_and_flags(tmp_path, cli):
    folder = build(tmp_path, cli, juniors=8, seniors=6)
    result = cli("status", "-p", str(folder), "--as-of", "2027-05-20", "--html")
    assert result.exit_code in (0, 1), result.output
    status = json.loads(cli("status", "-p", str(folder), "--as-of", "2027-05-20", "--json").stdout)
    path = folder / "reports" / "status.html"
    tree = parse(path)
    assert_self_contained(tree, path)
    summary = status["summary"]
    assert text(by_id(tree, "card-matches").find(f"{NS}span")) == str(len(status["matches"]))
    assert (
        text(by_id(tree, "card-sessions").find(f"{NS}span"))
        == f"{summary['held']} of {summary['due']}"
    )
    assert text(by_id(tree, "card-planned").find(f"{NS}span")) == str(summary["planned"])
    assert rows(by_id(tree, "table-flag-counts")) == {
        k: [str(v)] for k, v in summary["flag_counts"].items()
    }
    articles = list(tree.iter(f"{NS}article"))
    assert [a.get("id") for a in articles] == [f"match-{m['id']}" for m in status["matches"]]
    states = ("held", "cancelled", "moved", "planned", "overdue")
    for article, match in zip(articles, status["matches"], strict=True):
        marks = [
            li.get("class").split()[1]
            for li in article.iter(f"{NS}li")
            if "mark" in (li.get("class") or "")
        ]
        assert len(marks) == match["planned"]
        assert marks.count("held") == match["held"]
        assert marks.count("cancelled") == match["cancelled"]
        assert marks.count("moved") == match["moved"]
        assert set(marks) <= set(states)
        # Past planned dates never logged are overdue; the rest are still to come.
        assert (
            marks.count("planned")
            + match["held"]
            + match["cancelled"]
            + match["moved"]
            + marks.count("overdue")
            == match["planned"]
        )
        shown = text(article)
        assert f"{match['held']} held of {match['due']} due, {match['planned']} planned" in shown
        for flag in match["flags"]:
            assert flag["code"] in shown and flag["hint"] in shown
    # The timeline marks today between what is past and what is planned.
    assert any("today" in (li.get("class") or "") for li in tree.iter(f"{NS}li"))


def test_status_page_in_german_with_german_dates(tmp_path, cli):
    folder = build(tmp_path, cli, juniors=6, seniors=6, language="de")
    assert cli("status", "-p", str(folder), "--as-of", "2027-05-20", "--html").exit_code in (0, 1)
    tree = parse(folder / "reports" / "status.html")
    assert tree.get("lang") == "de"
    assert "Stand der Zahlen: 20. Mai 2027." in text(tree)
    assert "Verschoben" in text(tree) and "Überfällig" in text(tree)


def test_an_organiser_template_replaces_the_page(tmp_path, cli):
    folder = build(tmp_path, cli, juniors=6, seniors=6, templates_dir="mine")
    own = folder / "mine" / "report"
    own.mkdir(parents=True)
    (own / "status.html.j2").write_text(
        "<!DOCTYPE html><title>t</title><p>{{ status.name }} {{ summary.held }}</p>\n"
    )
    assert cli("status", "-p", str(folder), "--as-of", AS_OF, "--html").exit_code in (0, 1)
    status = json.loads(cli("status", "-p", str(folder), "--as-of", AS_OF, "--json").stdout)
    page = (folder / "reports" / "status.html").read_text(encoding="utf-8")
    assert f"{status['summary']['held']}</p>" in page
    assert "Evaluation" not in page and "timeline" not in page
