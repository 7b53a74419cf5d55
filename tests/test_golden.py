"""The outputs of a seeded year-long program match files committed before any speed work.

Speed work must not change what an organiser sees: `schedule --json`, the calendar,
every agenda of `agenda --all`, `status --json` and `evaluate --json` (with its report)
come out bit for bit as in tests/data/golden/. When a change is meant to alter an output,
rewrite the files with `python tests/test_golden.py` and review the diff.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rmcli.cli import app
from year_helpers import write_year

GOLDEN = Path(__file__).parent / "data" / "golden"
PAIRS = 6  # above the privacy threshold of 5, so evaluate shows its figures
HELD = 7  # sessions logged per match: the year is past half, agendas remain to write
AS_OF = "2027-08-20"
AFTER = "2028-01-20"  # evaluate after the final survey


def outputs(folder: Path) -> dict[str, str]:
    """Return file name -> text of every output the golden files hold."""
    runner = CliRunner()

    def run(*args: str, codes: tuple[int, ...] = (0,)) -> str:
        result = runner.invoke(app, ["-p", str(folder), *args], catch_exceptions=False)
        assert result.exit_code in codes, result.output
        return result.stdout

    found = {
        "schedule.json": run(
            "schedule", "--json", "--as-of", AS_OF, "--ics", str(folder / "all.ics")
        ),
        "status.json": run("status", "--json", "--as-of", AS_OF, codes=(0, 1)),
        "evaluate.json": run("evaluate", "--json", "--as-of", AFTER),
    }
    found["all.ics"] = (folder / "all.ics").read_text(encoding="utf-8")
    found["evaluation.md"] = (folder / "reports" / "evaluation.md").read_text(encoding="utf-8")
    run("agenda", "--all")
    for path in sorted((folder / "reports" / "agendas").glob("*.md")):
        found[f"agendas/{path.name}"] = path.read_text(encoding="utf-8")
    return found


@pytest.fixture(scope="module")
def produced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Build the seeded program once and run every command on it."""
    folder = write_year(tmp_path_factory.mktemp("golden") / "year", pairs=PAIRS, held=HELD)
    return outputs(folder)


def test_the_same_files_come_out(produced: dict[str, str]) -> None:
    """Every golden file is produced, and nothing else."""
    committed = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert sorted(produced) == committed
    assert any(name.startswith("agendas/") for name in committed)


@pytest.mark.parametrize(
    "name",
    sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()),
)
def test_output_matches_golden_file(produced: dict[str, str], name: str) -> None:
    """The output is the committed text, bit for bit."""
    assert produced[name] == (GOLDEN / name).read_text(encoding="utf-8")


def rewrite() -> None:
    """Write the golden files anew from the current code."""
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        folder = write_year(Path(scratch) / "year", pairs=PAIRS, held=HELD)
        found = outputs(folder)
    for old in GOLDEN.rglob("*.*"):
        old.unlink()
    for name, text in found.items():
        (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
        (GOLDEN / name).write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {len(found)} files to {GOLDEN}\n")


if __name__ == "__main__":
    rewrite()
