"""A person who names no time zone works in the program's zone, not in UTC."""

from __future__ import annotations

import json
import re
import zoneinfo
from collections.abc import Iterator
from pathlib import Path

import pytest

from rmcli.folder import load
from rmcli.models import zones

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


@pytest.fixture
def fake_zones(tmp_path: Path) -> Iterator[Path]:
    """Point zoneinfo at a folder of its own, with the corners its walk treats specially."""
    root = tmp_path / "zoneinfo"
    tzif = b"TZif2" + bytes(40)
    for name in ("Europe/Berlin", "Etc/GMT+5", "UTC", "posixrules", "right/UTC", "posix/UTC"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(tzif)
    (root / "zone.tab").write_text("not a zone\n", encoding="utf-8")
    (root / "Far").mkdir()
    (root / "Far" / "Away").write_bytes(b"nope")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "Zone").write_bytes(tzif)
    (root / "Linked").symlink_to(tmp_path / "outside")  # a link to a folder: not walked
    (root / "GB").symlink_to(root / "Europe" / "Berlin")  # a link to a file: listed
    zoneinfo.reset_tzpath(to=[str(root)])
    zones._available.cache_clear()
    zones._listed.cache_clear()
    yield root
    zoneinfo.reset_tzpath()
    zones._available.cache_clear()
    zones._listed.cache_clear()


def test_zone_names_are_accepted_and_refused_as_the_full_list_would(fake_zones: Path) -> None:
    names = [
        *("Europe/Berlin", "Etc/GMT+5", "UTC", "GB", "posixrules", "right/UTC", "posix/UTC"),
        *("zone.tab", "Far/Away", "Far", "Europe", "Linked/Zone", "Linked", "Mars/Base", ""),
        *("Europe/../Europe/Berlin", "./UTC", "Europe//Berlin", "Europe/Berlin/", "europe/berlin"),
        str(fake_zones / "UTC"),
    ]
    listed = zoneinfo.available_timezones() | {"UTC"}
    assert {n for n in names if zones._listed(n)} == {n for n in names if n in listed}
    assert {"Europe/Berlin", "GB"} <= listed and "Linked/Zone" not in listed


def test_a_known_zone_is_checked_without_walking_the_database(
    fake_zones: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def walked() -> set[str]:
        raise AssertionError("the whole zone database was walked")

    monkeypatch.setattr(zoneinfo, "available_timezones", walked)
    assert zones.check_zone("Europe/Berlin") == "Europe/Berlin"
    with pytest.raises(AssertionError):
        zones.check_zone("Mars/Base")  # a name it cannot vouch for goes to the full list
