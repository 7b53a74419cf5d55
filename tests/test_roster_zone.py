"""A person who names no time zone works in the program's zone, not in UTC."""

from __future__ import annotations

import json
import re
from pathlib import Path

from rmcli.folder import load

AS_OF = "2027-01-01"


def _without_zones(example: Path) -> None:
    """Start the example's sessions at 09:00 Berlin and let nobody in the roster name a zone."""
    program = example / "program.toml"
    program.write_text(
        program.read_text(encoding="utf-8").replace('time = "10:00"', 'time = "09:00"'),
        encoding="utf-8",
    )
    roster = example / "roster.toml"
    text = re.sub(r"^timezone = .*\n", "", roster.read_text(encoding="utf-8"), flags=re.M)
    roster.write_text(text, encoding="utf-8")


def test_people_without_a_zone_meet_in_the_programs_working_hours(example: Path, cli) -> None:  # type: ignore[no-untyped-def]
    _without_zones(example)
    result = cli("-p", str(example), "schedule", "--json", "--as-of", AS_OF)
    assert result.exit_code == 0, result.output
    sessions = [s for s in json.loads(result.stdout)["sessions"] if s["kind"] == "match"]
    # 09:00 in Berlin is inside everyone's 09:00-17:00 there; in UTC it would be 08:00,
    # before their day starts, and the sessions would move to 10:00.
    assert sessions and {s["start"][11:16] for s in sessions} == {"09:00"}
    assert all(s["local"] == {} for s in sessions)  # nobody reads times in another zone


def test_the_roster_file_keeps_what_was_written(example: Path) -> None:
    _without_zones(example)
    snapshot = load(example)
    assert {p.timezone for p in snapshot.roster.people} == {"Europe/Berlin"}
    written = snapshot.roster_file.strict().model
    assert not any("timezone" in p.model_fields_set for p in written.people)
    assert {p.timezone for p in written.people} == {"UTC"}  # the model's own default


def test_a_zone_someone_names_is_kept(example: Path) -> None:
    snapshot = load(example)
    named = {p.id: p.timezone for p in snapshot.roster_file.strict().model.people}
    assert {p.id: p.timezone for p in snapshot.roster.people} == named
    assert len(set(named.values())) > 1  # the example's people work in several zones
