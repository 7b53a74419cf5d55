"""Shared fixtures: a copy of the example program and a CLI runner."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from tests.year_helpers import write_year
from typer.testing import CliRunner

from rmcli.cli import app

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "programs" / "tech-six-months"

# Derandomised so that CI gives the same verdict on every run.
settings.register_profile(
    "rmcli",
    derandomize=True,
    deadline=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
settings.load_profile("rmcli")


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Say messages in English whatever the machine's locale (tests that need German set it)."""
    monkeypatch.setenv("RMCLI_LANGUAGE", "en")


@pytest.fixture
def example(tmp_path: Path) -> Path:
    """Return a fresh copy of the bundled example program."""
    target = tmp_path / "tech"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns(".*"))  # tracked files only
    return target


@pytest.fixture
def cli() -> Callable[..., object]:
    """Return a function that runs rmcli with arguments and returns the result."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> object:
        return runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)

    return run


@pytest.fixture(scope="session")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a year program whose plan and flag counts are kept (90 pairs: 1,084 sessions,
    1,080 match-days); tests change copies of it only."""
    return write_year(tmp_path_factory.mktemp("year") / "program", pairs=90, held=11)


@pytest.fixture
def year_copy(year: Path, tmp_path: Path) -> Path:
    """Return a fresh copy of the year program, without a cache."""
    target = tmp_path / "program"
    subprocess.run(["cp", "-a", str(year), str(target)], check=True)
    return target
