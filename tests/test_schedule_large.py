"""`rmcli schedule` on a large program: the matches meeting next first, a line for the rest."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rmcli.cli import app
from rmcli.cli.output import SHORT_LIST
from year_helpers import write_year

AS_OF = "2027-08-20"
PAIRS = SHORT_LIST + 12
WIDE = {"COLUMNS": "200"}


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a program with more matches than schedule shows tables for.

    The first matches by id have their next session logged as cancelled, so they meet later
    than the others and the order by next session differs from the order by id.
    """
    folder = write_year(tmp_path_factory.mktemp("large") / "year", pairs=PAIRS, held=7)
    runner = CliRunner()
    out = runner.invoke(app, ["schedule", "-p", str(folder), "--as-of", AS_OF, "--json"]).stdout
    later = {f"m{i:05d}" for i in range(PAIRS - SHORT_LIST)}
    nexts: dict[str, dict[str, object]] = {}
    for s in json.loads(out)["sessions"]:
        if s["match"] in later and s["status"] == "upcoming" and s["match"] not in nexts:
            nexts[str(s["match"])] = s
    with (folder / "sessions.toml").open("a", encoding="utf-8") as log:
        for match, s in sorted(nexts.items()):
            log.write(
                f'\n[[sessions]]\nmatch = "{match}"\nnumber = {s["number"]}\n'
                f'date = {s["date"]}\nminutes = 0\nstatus = "cancelled"\n'
            )
    return folder


def tables(text: str) -> list[str]:
    """Return the match ids in the table titles, in order ('cohort' for the cohort meetings)."""
    found = re.findall(r"^\s*(?:match (\S+?)[:,]|(cohort) meetings)", text, flags=re.M)
    return [match or cohort for match, cohort in found]


def sessions(cli, folder: Path) -> list[dict[str, object]]:
    out = cli("schedule", "-p", str(folder), "--as-of", AS_OF, "--json").stdout
    return json.loads(out)["sessions"]


def test_large_program_shows_the_matches_meeting_next_first(cli, large: Path) -> None:
    result = cli("schedule", "-p", str(large), "--as-of", AS_OF, env=WIDE)
    assert result.exit_code == 0, result.output
    shown = tables(result.stdout)
    assert shown[-1] == "cohort"  # the cohort meetings concern everyone: always shown, last
    matches = shown[:-1]
    assert len(matches) == SHORT_LIST
    upcoming: dict[str, dt.datetime] = {}
    for s in sessions(cli, large):
        if s["kind"] == "match" and s["status"] == "upcoming":
            start = dt.datetime.fromisoformat(str(s["start"]))
            upcoming[str(s["match"])] = min(start, upcoming.get(str(s["match"]), start))
    order = sorted(upcoming, key=lambda m: (upcoming[m], m))
    assert matches == order[:SHORT_LIST]
    assert set(matches) == {f"m{i:05d}" for i in range(PAIRS - SHORT_LIST, PAIRS)}
    summary = " ".join(result.stdout.split())
    assert f"{SHORT_LIST} of {PAIRS} matches shown" in summary
    assert f"{PAIRS - SHORT_LIST} more" in summary
    assert "--all shows every table" in summary


def test_all_shows_every_table_and_json_every_session(cli, large: Path) -> None:
    every = cli("schedule", "-p", str(large), "--as-of", AS_OF, "--all", env=WIDE)
    shown = tables(every.stdout)
    assert shown == [f"m{i:05d}" for i in range(PAIRS)] + ["cohort"]
    assert "--all shows every table" not in every.stdout
    data = sessions(cli, large)
    assert {s["match"] for s in data} == {f"m{i:05d}" for i in range(PAIRS)} | {"cohort"}
    planned = sum(int(str(s["of"])) for s in data if s["number"] == 1)
    assert len(data) == planned  # every session of every match, none left out


def test_match_shows_its_table_in_a_large_program(cli, large: Path) -> None:
    last = f"m{PAIRS - 1:05d}"
    result = cli("schedule", "-p", str(large), "--as-of", AS_OF, "--match", last, env=WIDE)
    assert tables(result.stdout) == [last]
    assert "matches shown" not in result.stdout


def test_small_program_shows_every_table_without_a_summary(cli, tmp_path: Path) -> None:
    small = write_year(tmp_path / "small", pairs=SHORT_LIST, held=7)
    result = cli("schedule", "-p", str(small), "--as-of", AS_OF, env=WIDE)
    assert tables(result.stdout) == [f"m{i:05d}" for i in range(SHORT_LIST)] + ["cohort"]
    assert "matches shown" not in " ".join(result.stdout.split())


def test_after_the_end_the_first_matches_by_id_are_shown(cli, large: Path) -> None:
    # no match has a session to come: they tie, and the ids decide
    result = cli("schedule", "-p", str(large), "--as-of", "2028-06-01", env=WIDE)
    assert result.exit_code == 0, result.output
    assert tables(result.stdout) == [f"m{i:05d}" for i in range(SHORT_LIST)] + ["cohort"]
    assert f"{SHORT_LIST} of {PAIRS} matches shown" in " ".join(result.stdout.split())
    # each table shows every session of its match, not only those the summary counted
    assert result.stdout.count("12/12") == SHORT_LIST
