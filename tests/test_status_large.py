"""`rmcli status` on a large program: the matches that need action first, a line for the rest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rmcli.cli.views.status import ROWS
from year_helpers import write_year

AS_OF = "2027-08-20"
PAIRS = ROWS + 12


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a program with more matches than the dashboard lists."""
    return write_year(tmp_path_factory.mktemp("large") / "year", pairs=PAIRS, held=7)


def rows(text: str) -> list[str]:
    """Return the match ids of the dashboard's table rows, in order."""
    return [line.split()[0] for line in text.splitlines() if line.strip().startswith("m000")]


def test_large_program_lists_the_matches_that_need_action_first(cli, large: Path) -> None:
    result = cli("status", "-p", str(large), "--as-of", AS_OF, env={"COLUMNS": "160"})
    data = json.loads(cli("status", "-p", str(large), "--as-of", AS_OF, "--json").stdout)
    needing = {m["id"] for m in data["matches"] if any(f["action"] for f in m["flags"])}
    table = rows(result.stdout.split("Flags (! needs action)")[0])
    assert len(table) == ROWS
    assert set(table) <= needing or needing <= set(table)  # action first, whichever is fewer
    quiet = (
        len(data["matches"])
        - len(needing)
        - sum(1 for m in data["matches"] if m["flags"] and m["id"] not in needing)
    )
    summary = " ".join(result.stdout.split())
    assert f"{ROWS} of {PAIRS} matches shown" in summary
    assert f"{len(needing)} need action" in summary and f"{quiet} no flags" in summary
    assert "--all shows every row" in summary


def test_all_shows_every_row_and_json_every_match(cli, large: Path) -> None:
    every = cli("status", "-p", str(large), "--as-of", AS_OF, "--all", env={"COLUMNS": "160"})
    table = rows(every.stdout.split("Flags (! needs action)")[0])
    assert sorted(table) == [f"m{i:05d}" for i in range(PAIRS)]
    assert "--all shows every row" not in every.stdout
    data = json.loads(cli("status", "-p", str(large), "--as-of", AS_OF, "--json").stdout)
    assert len(data["matches"]) == PAIRS


def test_small_program_shows_every_row_without_a_summary(cli, tmp_path: Path) -> None:
    small = write_year(tmp_path / "small", pairs=ROWS - 1, held=7)
    result = cli("status", "-p", str(small), "--as-of", AS_OF, env={"COLUMNS": "160"})
    assert len(rows(result.stdout.split("Flags (! needs action)")[0])) == ROWS - 1
    assert "matches shown" not in " ".join(result.stdout.split())
