"""Markup and control bytes typed into a program never act in any output rmcli writes.

Names, titles, departments, topic titles, prompts and the program's name carry injection
payloads (HTML, Markdown blocks and images, tables, Rich markup, line breaks); every output
channel shows them as text. Control bytes (ANSI and OSC sequences, bell) are refused by
`validate` in every text field, with file, line and key.
"""

from __future__ import annotations

import json
import re
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from icalendar import Calendar
from markdown_it import MarkdownIt

PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "# heading",
    "| a | b |\n|---|---|\n| c | d |",
    "![tracker](http://evil.example/p.png)",
    "[click](http://evil.example/)",
    "**bold** _em_ `code` ~~gone~~ &lt;b&gt;",
    "first line\n\n# a new block\n- a list",
    "Lena [/bold] Schmidt",
    "[bold red]X[/]",
    "Platform [ops]",
)
CONTROL_BYTES = ("\x1b[31mred", "\x1b]0;window title\x07", "bell\x07", "nul\x00", "csi\x9b31m")


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


PLAIN = tuple(f"plain words {n}" for n in range(len(PAYLOADS)))


def _plant(folder: Path, values: tuple[str, ...]) -> None:
    """Put one of `values` into every free-text field that an output shows."""

    def program(data: dict[str, Any]) -> None:
        data["name"] = values[0]
        data["organiser"] = values[1]
        for index, topic in enumerate(data["topics"]):
            topic["title"] = values[index % len(values)]
            topic["prompts"] = list(values)

    def roster(data: dict[str, Any]) -> None:
        for index, person in enumerate(data["people"]):
            person["name"] = values[index % len(values)]
            person["title"] = values[(index + 3) % len(values)]
            person["department"] = values[(index + 5) % len(values)]

    _edit(folder / "program.toml", program)
    _edit(folder / "roster.toml", roster)


def _structure(markdown: str) -> list[tuple[str, str, int]]:
    """Return the Markdown's element structure: every token but plain text and soft breaks."""
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    found: list[tuple[str, str, int]] = []

    def walk(tokens: list[Any]) -> None:
        for token in tokens:
            if token.type not in {"text", "softbreak"}:
                found.append((token.type, token.tag, token.nesting))
            walk(token.children or [])

    walk(parser.parse(markdown))
    return found


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


AGENDAS = (("lena-helga", "1"), ("lena-helga", "2"), ("lena-helga", "6"), ("cohort", "1"))


@pytest.fixture
def planted(example: Path, tmp_path: Path) -> tuple[Path, Path]:
    """Return (the program with plain words planted, the same with payloads planted)."""
    dirty = tmp_path / "dirty"
    shutil.copytree(example, dirty)
    _plant(example, PLAIN)
    _plant(dirty, PAYLOADS)
    return example, dirty


@pytest.mark.parametrize(("match", "session"), AGENDAS)
def test_agendas_keep_their_markdown_structure_whatever_the_names_say(
    planted: tuple[Path, Path], cli: Callable[..., Any], match: str, session: str
) -> None:
    clean, dirty = planted
    args = ("agenda", "--match", match, "--session", session, "--stdout", "--yes")
    before = cli("-p", str(clean), *args)
    after = cli("-p", str(dirty), *args)
    assert before.exit_code == 0 and after.exit_code == 0, after.stderr
    # Only text changed: no heading, list, table, link, image or HTML came from a payload.
    assert _structure(after.stdout) == _structure(before.stdout)
    rendered = MarkdownIt("commonmark").render(after.stdout)
    assert "<script>" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered  # shown, as text


def test_the_report_title_keeps_its_structure(
    planted: tuple[Path, Path], cli: Callable[..., Any]
) -> None:
    clean, dirty = planted
    outputs = []
    for folder in planted:
        result = cli("-p", str(folder), "evaluate", "--as-of", "2027-08-01")
        assert result.exit_code == 0, result.stderr
        outputs.append((folder / "reports" / "evaluation.md").read_text(encoding="utf-8"))
    assert _structure(outputs[1]) == _structure(outputs[0])
    assert "<script>" not in MarkdownIt("commonmark").render(outputs[1])
    assert clean != dirty


@pytest.mark.parametrize(
    "args", [("roster", "list"), ("schedule",), ("match",), ("status",)], ids=" ".join
)
def test_the_terminal_shows_markup_as_typed(
    planted: tuple[Path, Path], cli: Callable[..., Any], args: tuple[str, ...]
) -> None:
    _, dirty = planted
    result = cli("-p", str(dirty), *args, env={"COLUMNS": "2000"})
    assert result.exit_code == 0, result.stderr
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "\x1b" not in output
    if args == ("roster", "list"):
        for payload in ("[bold red]X[/]", "Lena [/bold] Schmidt", "Platform [ops]"):
            assert payload in output


def test_json_carries_the_values_exactly(
    planted: tuple[Path, Path], cli: Callable[..., Any]
) -> None:
    _, dirty = planted
    result = cli("-p", str(dirty), "roster", "list", "--json")
    assert result.exit_code == 0
    names = [p["name"] for p in json.loads(result.stdout)["people"]]
    assert names[: len(PAYLOADS)] == list(PAYLOADS)[: len(names)]


def test_calendars_hold_no_control_bytes_and_one_line_names(
    planted: tuple[Path, Path], cli: Callable[..., Any], tmp_path: Path
) -> None:
    _, dirty = planted
    ics = tmp_path / "all.ics"
    result = cli("-p", str(dirty), "schedule", "--ics", str(ics), "--ics-dir", str(tmp_path / "p"))
    assert result.exit_code == 0, result.stderr
    for path in [ics, *sorted((tmp_path / "p").glob("*.ics"))]:
        raw = path.read_bytes()
        assert re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw) is None, path
        calendar = Calendar.from_ical(raw)
        for event in calendar.walk("VEVENT"):
            attendees = event.get("attendee", [])
            for attendee in attendees if isinstance(attendees, list) else [attendees]:
                name = str(attendee.params["cn"])
                assert "\n" not in name and '"' not in name
                assert _flat(name) in {_flat(p).replace('"', "'") for p in PAYLOADS}


FIELDS = (
    ("program.toml", ("name",), "name"),
    ("program.toml", ("organiser",), "organiser"),
    ("program.toml", ("topics", 0, "title"), "topics[1].title"),
    ("program.toml", ("topics", 0, "prompts", 1), "topics[1].prompts[2]"),
    ("roster.toml", ("people", 0, "name"), "people[1].name"),
    ("roster.toml", ("people", 1, "title"), "people[2].title"),
    ("roster.toml", ("people", 2, "department"), "people[3].department"),
)


@pytest.mark.parametrize("control", CONTROL_BYTES, ids=repr)
@pytest.mark.parametrize(("file", "path", "key"), FIELDS, ids=lambda v: str(v))
def test_validate_refuses_control_bytes_in_text_with_file_line_and_key(
    example: Path,
    cli: Callable[..., Any],
    file: str,
    path: tuple[str | int, ...],
    key: str,
    control: str,
) -> None:
    def change(data: dict[str, Any]) -> None:
        place: Any = data
        for step in path[:-1]:
            place = place[step]
        place[path[-1]] = f"Ana {control} Lopez"

    _edit(example / file, change)
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 2
    assert re.search(
        rf"{re.escape(file)}:\d+: {re.escape(key)}: contains a control character", result.stderr
    ), result.stderr
    assert "Lopez" not in result.stderr  # the value is not echoed


@pytest.mark.parametrize("control", CONTROL_BYTES, ids=repr)
def test_a_flag_with_control_bytes_is_refused_before_anything_is_written(
    example: Path, cli: Callable[..., Any], control: str
) -> None:
    before = (example / "roster.toml").read_bytes()
    result = cli(
        "-p",
        str(example),
        "roster",
        "add",
        "--id",
        "zoe",
        "--name",
        f"Zoe {control}",
        "--role",
        "junior",
        "--yes",
    )
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "control character" in result.stderr and "\x1b" not in result.stderr
    assert (example / "roster.toml").read_bytes() == before


def _plant_answers(folder: Path, values: tuple[str, ...]) -> None:
    """Put `values` into the program's and topics' names, departments and written answers."""

    def program(data: dict[str, Any]) -> None:
        data["name"] = values[0]
        for index, topic in enumerate(data["topics"]):
            topic["title"] = values[index % len(values)]

    def roster(data: dict[str, Any]) -> None:
        # Names stay: a written answer that names a person would be held back.
        for index, person in enumerate(data["people"]):
            person["department"] = values[1 + index % 2]  # two departments, each large enough

    def feedback(data: dict[str, Any]) -> None:
        for index, answer in enumerate(data["answers"]):
            if answer["survey"] != "final":
                continue
            answer["worked"] = values[index % 3]
            answer["change"] = values[3 + index % 3]
            answer["recommend"] = values[7]  # several lines
            answer["learned"] = [*answer["learned"], values[9]]  # a skill: one line, no ; or =

    _edit(folder / "program.toml", program)
    _edit(folder / "roster.toml", roster)
    _edit(folder / "feedback.toml", feedback)


def _tags(tree: Any) -> list[str]:
    return [e.tag for e in tree.iter() if isinstance(e.tag, str)]


@pytest.fixture
def answered(tmp_path: Path, cli: Callable[..., Any]) -> tuple[Path, Path]:
    """Return (a program with answers, plain words planted; the same with payloads planted)."""
    from feedback_helpers import program_with_answers

    clean = program_with_answers(tmp_path, cli, name="clean")
    dirty = program_with_answers(tmp_path, cli, name="dirty")
    _plant_answers(clean, PLAIN)
    _plant_answers(dirty, PAYLOADS)
    return clean, dirty


@pytest.mark.parametrize(
    ("command", "page"), [("evaluate", "evaluation.html"), ("status", "status.html")]
)
def test_the_html_pages_show_markup_as_text(
    answered: tuple[Path, Path], cli: Callable[..., Any], command: str, page: str
) -> None:
    import html5lib

    trees = []
    for folder in answered:
        result = cli("-p", str(folder), command, "--as-of", "2027-07-10", "--html")
        assert result.exit_code in (0, 1), result.stderr
        raw = (folder / "reports" / page).read_bytes()
        parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
        trees.append((raw, parser.parse(raw)))
    (_, clean), (raw, dirty) = trees
    # Only text changed: no element and no attribute came from a payload.
    assert _tags(dirty) == _tags(clean)
    assert b"<script>" not in raw and b"<img" not in raw
    assert not [k for e in dirty.iter() for k in e.attrib if k.lower().startswith("on")]
    shown = " ".join("".join(dirty.itertext()).split())
    assert "<script>alert(1)</script>" in shown  # the program's name, as typed
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in raw.decode("utf-8")
    if command == "evaluate":
        for planted in (PAYLOADS[1], PAYLOADS[2], PAYLOADS[3], PAYLOADS[7], PAYLOADS[9]):
            assert " ".join(planted.split()) in shown, planted  # departments, answers, skills


def test_the_charts_hold_no_planted_text_and_escape_any_text(
    answered: tuple[Path, Path], cli: Callable[..., Any]
) -> None:
    import xml.etree.ElementTree as ET

    from rmcli.evaluation.bars import Panel, Series, draw

    charts = []
    for folder in answered:
        assert cli("-p", str(folder), "evaluate", "--as-of", "2027-07-10").exit_code == 0
        found = sorted((folder / "reports" / "charts").glob("*.svg"))
        charts.append({p.name: p.read_bytes() for p in found})
    assert len(charts[1]) == 5 and charts[1] == charts[0]  # no free text reaches a chart
    # Were a name ever drawn, it would be text: escaped, never markup or TeX.
    words = ("<script>alert(1)</script>", "$\\alpha$ & <b>", "]]><svg onload=alert(1)>")
    panel = Panel(words[0], list(words), [Series(words[1], [1.0, 2.0, 3.0], list(words))])
    root = ET.fromstring(draw(name="test", title=words[2], desc=words[1], panels=[panel]))
    texts = ["".join(e.itertext()) for e in root.iter() if e.tag.endswith("}text")]
    assert {*words} <= {*texts}
    tags = {e.tag.split("}")[-1] for e in root.iter()}
    assert "script" not in tags and "foreignObject" not in tags
    assert not [k for e in root.iter() for k in e.attrib if k.lower().startswith("on")]
