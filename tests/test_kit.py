"""Steps 1 and 2 of the method: `init` writes the kit; committed time in validate and match."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Cli = Callable[..., Any]
KIT = ("pitch.md", "call-juniors.md", "call-seniors.md", "sign-up.md", "sign-up.csv")


@pytest.mark.parametrize("language", ["en", "de"])
def test_init_writes_the_kit_in_the_programs_language(cli: Cli, tmp_path: Path, language) -> None:
    folder = tmp_path / "p"
    result = cli("init", str(folder), "--language", language, "--yes")
    assert result.exit_code == 0, result.output
    kit = folder / "kit"
    assert sorted(p.name for p in kit.iterdir()) == sorted(KIT)
    assert stat.S_IMODE(kit.stat().st_mode) == 0o700
    pitch = (kit / "pitch.md").read_text(encoding="utf-8")
    juniors = (kit / "call-juniors.md").read_text(encoding="utf-8")
    seniors = (kit / "call-seniors.md").read_text(encoding="utf-8")
    if language == "en":
        assert "invitation" in pitch and "never as an order" in pitch
        assert "HR has decided" in pitch  # the warning, quoted as what not to say
        for criterion in ("interested in the exchange", "expertise", "communicate", "courage"):
            assert criterion in juniors
        for criterion in ("open to learning", "ego aside", "really interested", "commit time"):
            assert criterion in seniors
    else:
        assert "Einladung" in pitch and "nie als Anweisung" in pitch
        assert "Mut" in juniors and "Ego" in seniors and "Zeit zusagen" in seniors
        for text in (pitch, juniors, seniors):
            assert " Sie " not in text and " Ihr " not in text  # one form of address: du


def test_kit_is_kept_on_a_second_init(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "p"
    assert cli("init", str(folder), "--yes").exit_code == 0
    pitch = folder / "kit" / "pitch.md"
    pitch.write_text("our own pitch\n", encoding="utf-8")
    assert cli("init", str(folder), "--yes", "--force").exit_code == 0
    assert pitch.read_text(encoding="utf-8") == "our own pitch\n"


def test_sign_up_sheet_imports_into_the_roster(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "p"
    assert cli("init", str(folder), "--yes").exit_code == 0
    sheet = folder / "kit" / "sign-up.csv"
    header = sheet.read_text(encoding="utf-8").splitlines()[0]
    assert "committed_minutes" in header
    rows = [
        header,
        "ana,Ana Example,ana@example.com,junior,Developer,Platform,,ai-tools,team-culture,,yes",
        "ben,Ben Example,ben@example.com,senior,CTO,Leadership,,,ai-tools,120,yes",
    ]
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli("roster", "import", str(sheet), "-p", str(folder))
    assert result.exit_code == 0, result.output
    shown = json.loads(cli("roster", "list", "-p", str(folder), "--json").stdout)
    people = shown["people"] if isinstance(shown, dict) else shown
    ben = next(p for p in people if p["id"] == "ben")
    assert ben["committed_minutes"] == 120


def test_validate_warns_about_a_senior_without_committed_time(cli: Cli, example: Path) -> None:
    roster = example / "roster.toml"
    clean = cli("validate", "-p", str(example))
    assert "committed_minutes" not in clean.stderr
    text = roster.read_text(encoding="utf-8")
    roster.write_text(text.replace("committed_minutes = 90\n", "", 1), encoding="utf-8")
    result = cli("validate", "-p", str(example))
    assert result.exit_code == 0
    lines = [x for x in result.stderr.splitlines() if "committed_minutes" in x]
    assert len(lines) == 1 and "senior volunteer without committed time" in lines[0]


def test_match_leaves_out_a_senior_who_committed_too_little(cli: Cli, example: Path) -> None:
    (example / "matches.toml").unlink(missing_ok=True)
    roster = example / "roster.toml"
    text = roster.read_text(encoding="utf-8")
    roster.write_text(text.replace("committed_minutes = 120", "committed_minutes = 45", 1))
    result = cli("-p", str(example), "match", "--json")
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    matched = {p for m in data["matches"] for p in m["juniors"] + m["seniors"]}
    assert "helga" not in matched  # 45 minutes a month, the plan's sessions take 60
    assert any(
        u["id"] == "helga" and "committed 45 minutes" in u["reason"] for u in data["unmatched"]
    ), data["unmatched"]


def test_validate_counts_the_seniors_without_committed_time_beyond_the_first_five(
    cli: Cli, tmp_path: Path
) -> None:
    """Five warnings name one senior each and a sixth the rest, each at a senior's line."""
    from year_helpers import write_year

    folder = write_year(tmp_path / "year", pairs=9, held=1)
    result = cli("validate", "-p", str(folder), "--json")
    assert result.exit_code == 0, result.output
    problems = [p for p in json.loads(result.stdout)["problems"] if "committed" in p["message"]]
    assert [p["message"].split(":")[0].split(" ")[0] for p in problems] == [
        f"s0000{n}" for n in range(6)
    ]
    assert "s00005 and 3 other senior volunteers have no committed time" in problems[-1]["message"]
    roster = (folder / "roster.toml").read_text(encoding="utf-8").splitlines()
    assert [roster[p["line"] - 1] for p in problems] == [f'id = "s0000{n}"' for n in range(6)]
    assert {p["severity"] for p in problems} == {"warning"}


def test_validate_names_six_seniors_without_committed_time_one_by_one(
    cli: Cli, tmp_path: Path
) -> None:
    """A count of one more would say no less than the senior's own line."""
    from year_helpers import write_year

    folder = write_year(tmp_path / "year", pairs=6, held=1)
    result = cli("validate", "-p", str(folder), "--json")
    problems = [p for p in json.loads(result.stdout)["problems"] if "committed" in p["message"]]
    assert [p["message"] for p in problems] == [
        f"s0000{n}: senior volunteer without committed time; "
        "record committed_minutes (minutes a month)"
        for n in range(6)
    ]
