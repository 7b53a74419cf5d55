"""Peer format end to end: the plan alternates who teaches; agendas, schedule and status show it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tomlkit

from rmcli.folder import PROGRAM_FILE
from schedule_helpers import edit_program, write_matches

Cli = Callable[..., Any]
PAIR = "markus-jonas"  # jonas (junior) with markus (senior)


def _peer(folder: Path, *, language: str = "en") -> None:
    edit_program(folder, format="peer", language=language)
    write_matches(folder)


def _agenda(cli: Cli, folder: Path, number: int) -> str:
    result = cli("-p", str(folder), "agenda", "--match", PAIR, "--session", str(number), "--stdout")
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def test_schedule_names_the_teacher_alternating(example: Path, cli: Cli) -> None:
    _peer(example)
    result = cli("-p", str(example), "schedule", "--match", PAIR, "--json")
    assert result.exit_code == 0, result.output
    rows = sorted(json.loads(result.stdout)["sessions"], key=lambda r: r["number"])
    teachers = [r["teacher"] for r in rows if r["match"] == PAIR]
    # The first (getting to know) and last (retrospective) sessions belong to both.
    assert teachers == ["", "junior", "senior", "junior", "senior", ""]
    table = cli("-p", str(example), "schedule", "--match", PAIR, env={"COLUMNS": "120"})
    assert "junior teaches" in table.stdout and "senior teaches" in table.stdout


def test_a_topic_overrides_the_teacher(example: Path, cli: Cli) -> None:
    _peer(example)
    path = example / PROGRAM_FILE
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    doc["topics"][2]["teacher"] = "junior"  # month 3 would be the senior's turn
    path.write_text(tomlkit.dumps(doc), encoding="utf-8")
    rows = json.loads(cli("-p", str(example), "schedule", "--match", PAIR, "--json").stdout)[
        "sessions"
    ]
    assert [r["teacher"] for r in sorted(rows, key=lambda r: r["number"])][2] == "junior"


def test_agendas_cast_the_roles_of_the_session(example: Path, cli: Cli) -> None:
    _peer(example)
    second, third = _agenda(cli, example, 2), _agenda(cli, example, 3)
    assert "Today Jonas Weber teaches Markus Richter." in second
    assert "Today Markus Richter teaches Jonas Weber." in third
    assert "The senior shows it hands-on" in third and "The junior shows it" not in third
    assert "For the senior (teaching today)" in third
    assert "the expert in this session" not in second + third
    assert second != third
    first = _agenda(cli, example, 1)
    assert "teaches and learns" in first and "Today" not in first.split("## ")[0]


def test_german_agendas_cast_the_roles(example: Path, cli: Cli) -> None:
    _peer(example, language="de")
    assert "Heute bringt Jonas Weber Markus Richter etwas bei." in _agenda(cli, example, 2)
    third = _agenda(cli, example, 3)
    assert "Heute bringt Markus Richter Jonas Weber etwas bei." in third
    assert "Der Senior zeigt es praktisch" in third or "Senior zeigt" in third


def test_calendar_and_status_show_the_teacher(example: Path, cli: Cli) -> None:
    _peer(example)
    ics = example / "out.ics"
    result = cli("-p", str(example), "schedule", "--ics", str(ics))
    assert result.exit_code == 0, result.output
    text = ics.read_text(encoding="utf-8").replace("\n ", "")
    assert "Today Jonas Weber teaches Markus Richter" in text
    status = cli("-p", str(example), "status", "--as-of", "2027-02-10", "--json")
    upcoming = json.loads(status.stdout)["upcoming"]
    assert {"match": PAIR, "number": 2, "teacher": "junior"}.items() <= next(
        u for u in upcoming if u["match"] == PAIR
    ).items()


def test_one_direction_when_one_side_never_teaches(example: Path, cli: Cli) -> None:
    _peer(example)
    for _ in range(4):
        logged = cli(
            "-p", str(example), "log", "--match", PAIR, "--led-by", "jonas",
            "--as-of", "2027-12-31", "--yes",
        )  # fmt: skip
        assert logged.exit_code == 0, logged.output
    data = json.loads(cli("-p", str(example), "status", "--as-of", "2027-04-20", "--json").stdout)
    pair = next(m for m in data["matches"] if m["id"] == PAIR)
    flag = next(f for f in pair["flags"] if f["code"] == "one-direction")
    assert "seniors taught none of the last 3" in flag["detail"] and not flag["action"]
    # Following the plan (nothing recorded) raises nothing.
    other = "helga-aylin"
    for _ in range(4):
        assert (
            cli("-p", str(example), "log", "--match", other, "--as-of", "2027-12-31", "--yes")
        ).exit_code == 0
    data = json.loads(cli("-p", str(example), "status", "--as-of", "2027-04-20", "--json").stdout)
    aylin = next(m for m in data["matches"] if m["id"] == other)
    assert "one-direction" not in [f["code"] for f in aylin["flags"]]
