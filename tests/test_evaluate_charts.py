"""The evaluation's SVG charts: embedded in the report, accessible, and never a hidden figure."""

from __future__ import annotations

import json
import re
import stat
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from feedback_helpers import AS_OF
from feedback_helpers import program_with_answers as build

SVG = "{http://www.w3.org/2000/svg}"
NAMES = ("satisfaction", "outcomes", "skills", "sessions", "flags")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")  # 4.5, 4,5, and grouped: 1,234.5 or 1.234,5


def charts_of(folder: Path) -> dict[str, ET.Element]:
    """Return the parsed SVG charts a program's report folder holds, by name."""
    found = sorted((folder / "reports" / "charts").glob("*.svg"))
    return {p.stem: ET.parse(p).getroot() for p in found}


def texts(root: ET.Element) -> list[str]:
    """Return every text a reader sees or hears: <text>, <title> and <desc>."""
    tags = {f"{SVG}text", f"{SVG}title", f"{SVG}desc", f"{SVG}tspan"}
    return [e.text for e in root.iter() if e.tag in tags and e.text]


def shown_numbers(data: Any, language: str) -> set[str]:
    """Return every figure of `evaluate --json` as the report writes it (held back: null)."""
    from rmcli.evaluation.wording import number, percent

    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, bool) or value is None:
            return
        if isinstance(value, int | float):
            for text in (str(value), number(value, language), percent(value, language)):
                found.update(NUMBER.findall(text))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            found.update(NUMBER.findall(value))  # dates and thresholds as the data has them

    walk(data)
    return found


def evaluate_json(cli, folder: Path) -> dict[str, Any]:
    result = cli("evaluate", "-p", str(folder), "--as-of", AS_OF, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_every_chart_is_written_private_embedded_and_titled(tmp_path, cli):
    folder = build(tmp_path, cli)
    evaluate_json(cli, folder)
    charts = charts_of(folder)
    assert sorted(charts) == sorted(NAMES)
    report = (folder / "reports" / "evaluation.md").read_text(encoding="utf-8")
    for name, root in charts.items():
        path = folder / "reports" / "charts" / f"{name}.svg"
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        # A text alternative first, tied to the image role, for screen readers.
        assert [c.tag for c in root][:2] == [f"{SVG}title", f"{SVG}desc"]
        assert root.get("role") == "img"
        title, desc = root[0].text or "", root[1].text or ""
        assert root.get("aria-labelledby") == f"{root[0].get('id')} {root[1].get('id')}"
        assert title and len(desc) > 20
        assert title in texts(root)[2:]  # the title is drawn too, not only announced
        assert f"![{title}](charts/{name}.svg)" in report
        # No date, no version, no random id: the same figures give the same file.
        raw = path.read_text(encoding="utf-8")
        assert "<metadata" not in raw and "dc:date" not in raw
    assert (folder / "reports" / "charts").stat().st_mode & 0o077 == 0


def test_series_differ_by_pattern_as_well_as_colour(tmp_path, cli):
    folder = build(tmp_path, cli)
    evaluate_json(cli, folder)
    raw = (folder / "reports" / "charts" / "sessions.svg").read_text(encoding="utf-8")
    fills = set(re.findall(r"fill(?::|=) ?\"?(#[0-9a-f]{6})", raw))
    assert {"#0072b2", "#e69f00", "#009e73"} <= fills  # Okabe-Ito
    assert raw.count("<pattern") >= 2  # hatches on every series after the first
    root = ET.fromstring(raw)
    legend = [e for e in root.iter() if e.get("id") == "sessions-legend0"]
    assert legend and all(w in texts(legend[0]) for w in ("Due", "Held", "Cancelled"))


@pytest.mark.parametrize(("juniors", "seniors"), [(14, 4), (4, 9)])
def test_a_hidden_group_is_an_empty_labelled_panel_without_bars(tmp_path, cli, juniors, seniors):
    folder = build(tmp_path, cli, juniors=juniors, seniors=seniors)
    data = evaluate_json(cli, folder)
    charts = charts_of(folder)
    for name, key in (("satisfaction", "satisfaction"), ("outcomes", "relationship")):
        root = charts[name]
        ids = [e.get("id") or "" for e in root.iter()]
        seen = " ".join(texts(root))
        for panel, role in enumerate(("junior", "senior")):
            bars = [i for i in ids if i.startswith(f"{name}-bars{panel}-")]
            if data[key][role] is None:
                assert bars == [], (name, role)
            else:
                assert bars, (name, role)
        assert data[key]["junior"] is None and data[key]["senior"] is None
        assert "hidden: fewer than 5 answers" in seen
        assert "hidden: could otherwise be worked out from the total" in seen


@pytest.mark.parametrize(
    ("juniors", "seniors", "language"), [(14, 10, "en"), (14, 4, "de"), (5, 5, "en")]
)
def test_no_chart_holds_a_number_the_report_does_not_show(
    tmp_path, cli, juniors, seniors, language
):
    folder = build(tmp_path, cli, juniors=juniors, seniors=seniors, language=language)
    data = evaluate_json(cli, folder)
    allowed = shown_numbers(data, language)
    allowed |= {str(r) for r in range(1, 6)}  # the rating scale, 1 to 5
    allowed |= {data["start"][:4], data["as_of"][:4]}  # the years in month names
    for name, root in charts_of(folder).items():
        for text in texts(root):
            extra = set(NUMBER.findall(text)) - allowed
            assert not extra, (name, text, extra)


def test_the_control_charts_of_a_lower_threshold_would_be_caught(tmp_path, cli):
    # The check above can fail: with min_group 3 the four seniors get bars, and their
    # figures are not among those the min_group 5 report shows.
    folder = build(tmp_path, cli, juniors=14, seniors=4)
    strict = evaluate_json(cli, folder)
    allowed = shown_numbers(strict, "en") | {str(r) for r in range(1, 6)} | {"2027"}
    text = (folder / "program.toml").read_text(encoding="utf-8")
    (folder / "program.toml").write_text(text.replace("min_group = 5", "min_group = 3"))
    loose = evaluate_json(cli, folder)
    assert loose["satisfaction"]["senior"] is not None
    seen = {
        n for root in charts_of(folder).values() for t in texts(root) for n in NUMBER.findall(t)
    }
    assert seen - allowed


def chart_files(folder: Path) -> dict[str, bytes]:
    return {p.stem: p.read_bytes() for p in sorted((folder / "reports" / "charts").glob("*.svg"))}


def test_a_chart_is_kept_only_when_it_is_exactly_the_one_its_figures_give(tmp_path, cli):
    folder = build(tmp_path, cli, juniors=14, seniors=4)
    evaluate_json(cli, folder)
    first = chart_files(folder)
    charts = folder / "reports" / "charts"
    # An edited figure, another chart under this name, a file that is no SVG: drawn again.
    edited = first["satisfaction"].replace(b"<desc", b"<desc data-x='y'", 1)
    assert edited != first["satisfaction"]
    (charts / "satisfaction.svg").write_bytes(edited)
    (charts / "outcomes.svg").write_bytes(first["skills"])
    (charts / "skills.svg").write_bytes(b"\xff not text")
    evaluate_json(cli, folder)
    assert chart_files(folder) == first
    # Other figures give other charts, the same as drawn from nothing.
    text = (folder / "program.toml").read_text(encoding="utf-8")
    (folder / "program.toml").write_text(text.replace("min_group = 5", "min_group = 3"))
    evaluate_json(cli, folder)
    kept = chart_files(folder)
    assert kept["satisfaction"] != first["satisfaction"]
    for path in charts.glob("*.svg"):
        path.unlink()
    evaluate_json(cli, folder)
    assert chart_files(folder) == kept


def test_charts_kept_whole_are_not_drawn_again(tmp_path, cli, monkeypatch):
    from rmcli.evaluation import bars

    folder = build(tmp_path, cli)
    drawn: list[str] = []
    real = bars.draw

    def counted(**given: Any) -> str:
        drawn.append(given["name"])
        return real(**given)

    monkeypatch.setattr(bars, "draw", counted)
    for _ in range(2):
        assert cli("evaluate", "-p", str(folder), "--as-of", AS_OF, "--html").exit_code == 0
    (folder / "reports" / "charts" / "flags.svg").unlink()
    evaluate_json(cli, folder)
    assert drawn == [*NAMES, "flags"]  # all five, none the second time, then the missing one


def test_a_held_back_figures_reason_breaks_into_lines_within_the_chart():
    from rmcli.evaluation.bars import LABEL_SIZE, PAGE, Panel, Series, draw
    from rmcli.evaluation.svg import wide

    reason = "hidden: could otherwise be worked out from the total"
    names = ["Relationship formed", "Want to continue"]
    shown = Panel("Seniors", names, [Series("", [0.5, None], ["50%", reason])], share=True)
    panels = [Panel("Juniors", empty="hidden: fewer than 5 answers"), shown]
    root = ET.fromstring(draw(name="outcomes", title="Outcomes", desc="d", panels=panels))
    (label,) = [e for e in root.iter(f"{SVG}text") if e.get("id") == "outcomes-label1-0-1"]
    lines = list(label.iter(f"{SVG}tspan"))
    assert len(lines) > 1 and " ".join(t.text or "" for t in lines) == reason
    for line in lines:  # centred on its category, each line ends inside the page
        assert float(line.get("x") or 0) + wide(line.text or "", LABEL_SIZE) / 2 <= PAGE[0]


def test_no_two_series_of_a_chart_look_alike() -> None:
    """Nine flags are more than seven colours: colour and hatch together still tell all apart."""
    from rmcli.evaluation.svg import look

    looks = [look(s) for s in range(49)]
    assert len(set(looks)) == len(looks)
