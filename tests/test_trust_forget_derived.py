"""`forget` leaves no derived file naming or quoting the person, and raises no false alarm."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomli_w

from rmcli.forget.plan import mention_pattern

Cli = Callable[..., Any]
PEOPLE = ("lena", "jonas", "aylin", "noah", "helga", "thomas", "sabine", "markus")
LENAS_ANSWER = "the standups that finally ended on time"
AS_OF = "2027-08-01"


def _answers(folder: Path) -> None:
    answers = [
        {
            "person": person,
            "survey": "final",
            "answered": dt.date(2027, 7, 1),
            "satisfaction": 4,
            "worked": LENAS_ANSWER if person == "lena" else f"answer number {i} of eight",
        }
        for i, person in enumerate(PEOPLE)
    ]
    (folder / "feedback.toml").write_text(tomli_w.dumps({"answers": answers}), encoding="utf-8")
    text = (folder / "program.toml").read_text(encoding="utf-8")
    (folder / "program.toml").write_text(
        text.replace("min_comments = 10", "min_comments = 3"), encoding="utf-8"
    )


def _everything(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): p.read_text(encoding="utf-8", errors="replace")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def test_forget_removes_or_rewrites_every_derived_file_and_exits_0(example: Path, cli: Cli) -> None:
    _answers(example)
    assert cli("-p", str(example), "evaluate", "--as-of", AS_OF).exit_code == 0
    made = cli(
        "-p",
        str(example),
        "schedule",
        "--ics",
        str(example / "sessions.ics"),
        "--ics-dir",
        str(example / "calendars"),
    )
    assert made.exit_code == 0, made.stderr
    assert cli("-p", str(example), "agenda", "--all", "--yes").exit_code == 0
    assert cli("-p", str(example), "agenda", "--match", "cohort", "--session", "1").exit_code == 0
    before = _everything(example)
    assert LENAS_ANSWER in before["reports/evaluation.md"]  # the report quotes her
    assert "Lena Schmidt" in before["sessions.ics"] and "calendars/lena.ics" in before

    result = cli("-p", str(example), "forget", "lena", "--yes", "--as-of", AS_OF)

    assert result.exit_code == 0, result.stderr
    after = _everything(example)
    mention = mention_pattern("lena", ["Lena Schmidt", "lena.schmidt@example.com"])
    for name, text in after.items():
        assert not mention.search(name) and not mention.search(text), name
        assert LENAS_ANSWER not in text, name
    # Shared calendars stay for everyone else; only what was hers is gone.
    events = before["sessions.ics"].count("BEGIN:VEVENT")
    assert 0 < after["sessions.ics"].count("BEGIN:VEVENT") < events  # her pair's sessions went
    assert "cohort meeting" in after["sessions.ics"] and "Jonas Weber" in after["sessions.ics"]
    assert "calendars/jonas.ics" in after and "calendars/helga.ics" in after
    jonas = "calendars/jonas.ics"
    assert before[jonas].count("BEGIN:VEVENT") == after[jonas].count("BEGIN:VEVENT")
    assert before["reports/agendas/jonas-thomas-1.md"] == after["reports/agendas/jonas-thomas-1.md"]
    assert "reports/evaluation.md" not in after  # counted her: `rmcli evaluate` makes it again
    assert cli("-p", str(example), "validate").exit_code == 0


def test_a_given_name_shared_with_colleagues_is_no_mention(example: Path, cli: Cli) -> None:
    roster = tomllib.loads((example / "roster.toml").read_text(encoding="utf-8"))
    for person in roster["people"]:
        if person["id"] == "aylin":
            person["name"] = "Lena Junior"  # shares the given name; "Junior" is a word too
    (example / "roster.toml").write_text(tomli_w.dumps(roster), encoding="utf-8")
    assert cli("-p", str(example), "agenda", "--all", "--yes").exit_code == 0
    agendas = sorted(p.name for p in (example / "reports" / "agendas").iterdir())
    result = cli("-p", str(example), "forget", "lena", "--yes")
    assert result.exit_code == 0, result.stderr  # "Lena Junior" is someone else
    left = sorted(p.name for p in (example / "reports" / "agendas").iterdir())
    # Only her match's agenda went; every agenda says "Junior", none of the others is hers.
    assert left == [a for a in agendas if not a.startswith("lena-")]
    assert "Lena Junior" in (example / "roster.toml").read_text(encoding="utf-8")


def test_a_file_rmcli_did_not_write_is_pointed_out_and_kept(example: Path, cli: Cli) -> None:
    (example / "minutes.md").write_text("Present: Lena Schmidt, Helga Brandt\n", encoding="utf-8")
    result = cli("-p", str(example), "forget", "lena", "--yes")
    assert result.exit_code == 1
    assert "minutes.md:1" in result.stderr and "Lena Schmidt" not in result.stderr
    assert (example / "minutes.md").exists()
