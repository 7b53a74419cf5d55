"""A command keeps the models it loads from the cache out of the cycle collector's scans."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.year_helpers import write_year

from rmcli.folder import load
from rmcli.io import heap


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A program with files big enough to be cached, read once so that the entries exist."""
    folder = write_year(tmp_path_factory.mktemp("year") / "program", pairs=48, held=11)
    _ = load(folder).checkins
    return folder


@pytest.fixture
def unfrozen() -> Iterator[None]:
    """Give back to the collector whatever a test froze."""
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("unfrozen")
@pytest.mark.parametrize("freeze", [True, False])
def test_models_read_from_the_cache_are_frozen_only_in_a_command(
    year: Path, monkeypatch: pytest.MonkeyPatch, freeze: bool
) -> None:
    monkeypatch.setattr(heap, "FREEZE", freeze)
    before = gc.get_freeze_count()
    checkins = load(year).checkins
    assert checkins.checkins
    assert (gc.get_freeze_count() > before) is freeze
    assert gc.isenabled()


def test_the_command_line_freezes_what_it_loads(year: Path) -> None:
    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('frozen', gc.get_freeze_count(), file=sys.stderr))\n"
        f"sys.argv = ['rmcli', '-p', {str(year)!r}, 'validate']\n"
        "from rmcli.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    counted = [line for line in done.stderr.splitlines() if line.startswith("frozen ")]
    assert counted and int(counted[0].split()[1]) > 0, done.stderr


def test_the_collector_rests_inside_and_runs_again_after() -> None:
    assert gc.isenabled()
    with heap.long_lived():
        assert not gc.isenabled()
        with heap.long_lived():  # a file read while planning
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
