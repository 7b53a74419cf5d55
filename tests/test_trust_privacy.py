"""No leaked feedback: small groups show no per-role figure, and no output carries private free text."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w

Cli = Callable[..., Any]
PEOPLE = {
    "junior": ["lena", "jonas", "aylin", "noah"],
    "senior": ["helga", "thomas", "sabine", "markus"],
}
# Answer-derived figures that must not exist per role below the threshold.
PER_ROLE = ("satisfaction", "relationship", "continue", "gained")
AS_OF = "2027-08-01"


def _secret(kind: str, person: str) -> str:
    return f"PRIVATE-{kind}-{person}-xq"


@pytest.fixture
def program(example: Path) -> Path:
    """Return the example program: final answers from 4 people per role, notes and check-in texts."""
    answers = [
        {
            "person": person,
            "survey": "final",
            "answered": dt.date(2027, 7, 1),
            "satisfaction": 1 + i % 5,
            "relationship": i % 3 != 0,
            "continue": i % 2 == 0,
            "worked": _secret("worked", person),
            "change": _secret("change", person),
            "recommend": _secret("recommend", person),
        }
        for i, person in enumerate(PEOPLE["junior"] + PEOPLE["senior"])
    ]
    sessions = [
        {
            "match": match,
            "number": 1,
            "date": dt.date(2027, 1, 13),
            "minutes": 60,
            "note": _secret("note", match),
        }
        for match in ("lena-helga", "jonas-thomas", "aylin-markus", "noah-sabine")
    ]
    checkins = [
        {
            "person": p,
            "date": dt.date(2027, 2, 2),
            "score": 2,
            "text": _secret("checkin", p),
            "wants_help": True,
        }
        for p in PEOPLE["junior"]
    ]
    (example / "feedback.toml").write_text(tomli_w.dumps({"answers": answers}))
    (example / "sessions.toml").write_text(tomli_w.dumps({"sessions": sessions}))
    (example / "checkins.toml").write_text(tomli_w.dumps({"checkins": checkins}))
    return example


def _outputs(cli: Cli, folder: Path) -> tuple[dict[str, Any], str]:
    """Run evaluate and status (tables, JSON, HTML and charts) and agendas; return the evaluation JSON and all text shown."""
    texts = []
    evaluation = cli("-p", str(folder), "evaluate", "--as-of", AS_OF, "--json")
    assert evaluation.exit_code == 0, evaluation.output
    texts.append(evaluation.output)
    for args in (
        ("evaluate", "--as-of", AS_OF, "--html"),  # the Markdown, its charts and the page
        ("status", "--as-of", AS_OF, "--html"),
        ("status", "--as-of", AS_OF, "--json"),
        ("agenda", "--all", "--yes"),
    ):
        result = cli("-p", str(folder), *args)
        assert "Traceback" not in result.output
        assert result.exit_code in (0, 1), result.output  # status exits 1 when a flag needs action
        texts.append(result.output)
    reports = sorted((folder / "reports").rglob("*"))
    names = {p.name for p in reports}
    # The written report, its charts and both pages are checked too.
    assert {"evaluation.md", "evaluation.html", "status.html", "satisfaction.svg"} <= names
    texts.extend(p.read_text(encoding="utf-8") for p in reports if p.is_file())
    return json.loads(evaluation.stdout), "\n".join(texts)


def test_four_per_role_shows_no_figure_per_role_and_no_free_text(program: Path, cli: Cli) -> None:
    data, shown = _outputs(cli, program)
    for key in PER_ROLE:
        assert data[key]["junior"] is None and data[key]["senior"] is None, key
    assert data["skills"]["by_role"] == {"junior": None, "senior": None}
    assert data["satisfaction"]["all"] is not None  # 8 answers together reach the threshold of 5
    assert all(value is None for value in data["comments"].values())  # 8 comments each, below 10
    assert "PRIVATE-" not in shown  # no note, check-in text or free-text answer anywhere


def test_the_same_data_shows_per_role_figures_and_text_once_thresholds_allow(
    program: Path, cli: Cli
) -> None:
    # The control: the checks above can fail, because lower thresholds reveal exactly those things.
    text = (program / "program.toml").read_text()
    text = text.replace("min_group = 5", "min_group = 3")
    text = text.replace("min_comments = 10", "min_comments = 3")
    (program / "program.toml").write_text(text)
    data, shown = _outputs(cli, program)
    assert data["satisfaction"]["junior"] is not None and data["satisfaction"]["senior"] is not None
    # Free-text answers show once above the threshold (with the names in them taken out).
    assert "PRIVATE-worked-[name]-xq" in shown and _secret("worked", "lena") not in shown
    # Session notes and check-in texts are never shown, whatever the thresholds.
    assert "PRIVATE-note" not in shown and "PRIVATE-checkin" not in shown
