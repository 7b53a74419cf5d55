"""`rmcli forget --yes` works out its plan once, and parses the roster with tomlkit only when needed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomlkit

from rmcli import forget as core

Cli = Callable[..., Any]
AS_OF = ("--as-of", "2027-08-01")


@pytest.fixture
def planned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Count the real plans made (the core's `plan_forget`, called through, not replaced)."""
    calls: list[str] = []
    real = core.plan_forget

    def counted(*args: Any, **kwargs: Any) -> core.ForgetPlan:
        calls.append(kwargs["person_id"])
        return real(*args, **kwargs)

    monkeypatch.setattr(core, "plan_forget", counted)
    return calls


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count tomlkit parses (called through)."""
    calls: list[int] = []
    real = tomlkit.parse

    def counted(text: str) -> Any:
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(tomlkit, "parse", counted)
    return calls


def test_forget_yes_plans_once(example: Path, cli: Cli, planned: list[str]) -> None:
    result = cli("-p", str(example), "forget", "jonas", "--yes", *AS_OF)
    assert result.exit_code == 0, result.output
    assert planned == ["jonas"]
    assert "jonas" not in (example / "roster.toml").read_text(encoding="utf-8")


def test_dry_run_plans_once_and_changes_nothing(
    example: Path, cli: Cli, planned: list[str]
) -> None:
    before = (example / "roster.toml").read_bytes()
    result = cli("-p", str(example), "forget", "jonas", "--dry-run", *AS_OF)
    assert result.exit_code == 0, result.output
    assert planned == ["jonas"]
    assert (example / "roster.toml").read_bytes() == before


def test_without_yes_it_still_asks_before_erasing(
    example: Path, cli: Cli, planned: list[str]
) -> None:
    before = (example / "roster.toml").read_bytes()
    result = cli("-p", str(example), "forget", "jonas", *AS_OF)  # no terminal to ask on
    assert result.exit_code == 1
    assert "needs confirmation" in result.output
    assert planned == ["jonas"]  # planned for the question, nothing erased
    assert (example / "roster.toml").read_bytes() == before


def test_roster_nobody_names_is_edited_without_tomlkit(
    example: Path, cli: Cli, parsed: list[int]
) -> None:
    assert cli("-p", str(example), "forget", "jonas", "--yes", *AS_OF).exit_code == 0
    assert parsed == []


def test_a_manager_is_still_replaced_through_tomlkit(
    example: Path, cli: Cli, parsed: list[int]
) -> None:
    result = cli("-p", str(example), "forget", "helga", "--yes", *AS_OF)
    assert result.exit_code in (0, 1), result.output
    assert parsed  # her reports' manager lines change
    text = (example / "roster.toml").read_text(encoding="utf-8")
    assert 'manager = "helga"' not in text and 'manager = "forgotten-' in text
