"""Writers read, check and write under one lock: a check made before another writer's change is redone."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest
from tests.trust_helpers import SECRET_NOTE, start

pytestmark = pytest.mark.slow  # two real rmcli processes per test


def _log(match: str) -> tuple[str, ...]:
    return (
        "log",
        "--match",
        match,
        "--date",
        "2027-01-12",
        "--as-of",
        "2027-01-12",
        "--note",
        SECRET_NOTE,
        "--yes",
    )


def _waiting(proc: subprocess.Popen[str]) -> None:
    """Read stderr until the process says it is about to wait for the program lock."""
    assert proc.stderr is not None
    for line in proc.stderr:
        if line.startswith("rmcli-test-pause waiting"):
            return
    raise AssertionError(f"ended before it waited for the lock (exit {proc.wait()})")


def _race(
    folder: Path, gate: Path, first: tuple[str, ...], *, match: str = "lena-helga"
) -> tuple[int, str]:
    """Hold `first` at its first write, start `log` meanwhile, then let `first` finish; return log's exit."""
    gate.touch()
    holder = start(
        folder,
        *first,
        RMCLI_TEST_WRITE_PAUSE="120",
        RMCLI_TEST_WRITE_PAUSE_WHILE=str(gate),
    )
    assert holder.stderr is not None
    assert holder.stderr.readline().startswith("rmcli-test-pause"), holder.stderr.read()
    # log reads and checks everything it asks about before it waits for the lock.
    logger = start(
        folder,
        *_log(match),
        RMCLI_TEST_WRITE_PAUSE="0",
        RMCLI_TEST_WRITE_PAUSE_AT="waiting",
        RMCLI_TEST_WRITE_PAUSE_FILE=".rmcli.lock",
    )
    _waiting(logger)
    gate.unlink()
    assert holder.wait(timeout=120) == 0, holder.stderr.read()
    _, err = logger.communicate(timeout=120)
    return logger.returncode, err


def _sessions(folder: Path) -> list[dict[str, object]]:
    path = folder / "sessions.toml"
    if not path.exists():
        return []
    return list(tomllib.loads(path.read_text(encoding="utf-8")).get("sessions", []))


def _matches(folder: Path) -> set[str]:
    text = (folder / "matches.toml").read_text(encoding="utf-8")
    return {m["id"] for m in tomllib.loads(text).get("matches", [])}


@pytest.mark.parametrize(
    "first",
    [("forget", "lena", "--yes"), ("roster", "remove", "helga", "--yes")],
    ids=["forget", "roster remove"],
)
def test_log_started_during_a_dissolving_writer_refuses_the_gone_match(
    example: Path, tmp_path: Path, first: tuple[str, ...]
) -> None:
    code, err = _race(example, tmp_path / "gate", first)
    assert "lena-helga" not in _matches(example)
    assert code == 2, err
    assert "unknown match id" in err and "Traceback" not in err
    assert [s for s in _sessions(example) if s["match"] == "lena-helga"] == []
    assert SECRET_NOTE not in "".join(
        p.read_text(errors="replace") for p in example.rglob("*.toml")
    )


def _swap_seniors(folder: Path) -> None:
    """Pair lena with thomas and jonas with helga: allowed, but a fresh run pairs them otherwise."""
    path = folder / "matches.toml"
    blocks = path.read_text(encoding="utf-8").split("[[matches]]")
    for index, block in enumerate(blocks):
        if 'id = "lena-helga"' in block:
            blocks[index] = block.replace("lena-helga", "lena-thomas").replace(
                '"helga",', '"thomas",'
            )
        elif 'id = "jonas-thomas"' in block:
            blocks[index] = block.replace("jonas-thomas", "jonas-helga").replace(
                '"thomas",', '"helga",'
            )
    path.write_text("[[matches]]".join(blocks), encoding="utf-8")


def test_log_started_during_a_fresh_match_refuses_the_match_it_replaced(
    example: Path, tmp_path: Path
) -> None:
    _swap_seniors(example)
    assert "lena-thomas" in _matches(example)
    code, err = _race(
        example, tmp_path / "gate", ("match", "--write", "--fresh", "--yes"), match="lena-thomas"
    )
    after = _matches(example)
    assert "lena-thomas" not in after  # the fresh run re-matched lena while log waited
    assert code == 2, err
    assert "unknown match id" in err and "Traceback" not in err
    assert {str(s["match"]) for s in _sessions(example)} <= after
