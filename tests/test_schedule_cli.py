"""`rmcli schedule` end to end: tables, JSON, statuses and iCalendar files."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import pytest

from rmcli.folder import MATCHES_FILE, ROSTER_FILE, load
from schedule_helpers import PAIRS, edit_program, write_log, write_matches

Cli = Callable[..., Any]


def events(path: Path) -> list[icalendar.Event]:
    """Parse an .ics file back and return its events."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


def attendees(event: icalendar.Event) -> set[str]:
    """Return the attendee addresses of an event, without mailto:."""
    found = event.get("attendee")
    found = found if isinstance(found, list) else [found] if found else []
    return {str(a).removeprefix("mailto:") for a in found}


def test_schedule_json_lists_every_session_with_status(example: Path, cli: Cli) -> None:
    write_matches(example)
    write_log(example, [("helga-aylin", 1, "held"), ("markus-jonas", 1, "cancelled")])
    result = cli("-p", str(example), "schedule", "--json", "--as-of", "2027-03-01")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    sessions = data["sessions"]
    assert len(sessions) == len(PAIRS) * 6 + 2
    by_key = {(s["match"], s["number"]): s for s in sessions}
    assert by_key[("helga-aylin", 1)]["status"] == "held"
    assert by_key[("markus-jonas", 1)]["status"] == "cancelled"
    assert by_key[("sabine-noah", 1)]["status"] == "passed"  # 12 January, nothing logged
    assert by_key[("sabine-noah", 3)]["status"] == "upcoming"  # 16 March
    assert by_key[("helga-aylin", 6)]["last"] is True
    assert by_key[("cohort", 1)]["date"] == "2027-04-07"  # 6 April is a skip date
    assert by_key[("cohort", 1)]["minutes"] == 90
    assert by_key[("helga-aylin", 2)]["start"] == "2027-02-16T10:00:00+01:00"


def test_schedule_table_for_one_match(example: Path, cli: Cli) -> None:
    write_matches(example)
    result = cli("-p", str(example), "schedule", "--match", "sabine-noah", "--as-of", "2027-01-01")
    assert result.exit_code == 0, result.output
    assert "match sabine-noah" in result.stdout
    assert "helga-aylin" not in result.stdout
    assert "2027-06-15 Tue" in result.stdout
    assert result.stdout.count("upcoming") == 6


def test_schedule_tables_fit_80_columns_and_name_people_once(example: Path, cli: Cli) -> None:
    """A match meets with the same people every time: they are named in the title, and
    the topics are not cut short to make room for them (CliRunner renders 80 columns)."""
    write_matches(example)
    result = cli("-p", str(example), "schedule", "--as-of", "2027-01-01")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 80
    assert "\u2026" not in result.stdout  # no cell ends in an ellipsis
    rows = [line for line in lines if line.startswith("\u2502")]
    for junior, senior in PAIRS:
        title = next(line for line in lines if line.startswith(f"match {senior}-{junior}:"))
        assert junior in title and senior in title and "Europe/Berlin" in title
        assert not any(junior in row or senior in row for row in rows)
    assert f"cohort meetings, everyone ({2 * len(PAIRS)})" in result.stdout


def test_schedule_without_matches_asks_to_run_match_first(example: Path, cli: Cli) -> None:
    (example / MATCHES_FILE).unlink(missing_ok=True)
    result = cli("-p", str(example), "schedule")
    assert result.exit_code == 1
    assert "rmcli match" in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--match", "nobody"], "--match nobody"),
        (["--as-of", "31.12.2027"], "--as-of"),
    ],
)
def test_schedule_bad_flags_exit_2(example: Path, cli: Cli, args: list[str], expected: str) -> None:
    write_matches(example)
    result = cli("-p", str(example), "schedule", *args)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Traceback" not in result.output


def test_ics_parses_back_with_attendees_and_stable_uids(
    example: Path, cli: Cli, tmp_path: Path
) -> None:
    write_matches(example)
    target = tmp_path / "cal.ics"
    assert cli("-p", str(example), "schedule", "--ics", str(target)).exit_code == 0
    first = events(target)
    assert len(first) == len(PAIRS) * 6 + 2
    emails = {p.id: p.email for p in load(example).roster.people}
    for event in first:
        assert event["uid"]
        assert event.decoded("duration").total_seconds() in {3600, 5400}
        assert attendees(event)
        assert "Outline" not in str(event["description"])  # the plain outline, not the agenda
        assert "–" in str(event["description"])  # clock ranges of the steps
    session_one = [e for e in first if str(e["summary"]).startswith("Reverse mentoring 1/6")]
    assert {frozenset(attendees(e)) for e in session_one} == {
        frozenset({emails[j], emails[s]}) for j, s in PAIRS
    }
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    # A second run gives the same UIDs for the same sessions.
    assert cli("-p", str(example), "schedule", "--ics", str(target)).exit_code == 0
    assert [str(e["uid"]) for e in events(target)] == [str(e["uid"]) for e in first]
    assert len({str(e["uid"]) for e in first}) == len(first)


def test_uids_survive_adding_a_match(example: Path, cli: Cli, tmp_path: Path) -> None:
    write_matches(example, pairs=PAIRS[1:])
    before = tmp_path / "before.ics"
    after = tmp_path / "after.ics"
    assert cli("-p", str(example), "schedule", "--ics", str(before)).exit_code == 0
    write_matches(example)  # helga-aylin joins, first in the file
    assert cli("-p", str(example), "schedule", "--ics", str(after)).exit_code == 0

    def starts(path: Path) -> dict[str, Any]:
        return {str(e["uid"]): e.decoded("dtstart") for e in events(path)}

    old, new = starts(before), starts(after)
    assert len(new) == len(old) + 6
    assert all(new[uid] == start for uid, start in old.items())


def test_ics_dir_holds_only_each_persons_sessions(example: Path, cli: Cli, tmp_path: Path) -> None:
    write_matches(example)
    folder = tmp_path / "calendars"
    assert cli("-p", str(example), "schedule", "--ics-dir", str(folder)).exit_code == 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    files = sorted(p.name for p in folder.iterdir())
    assert files == sorted(f"{person}.ics" for pair in PAIRS for person in pair)
    emails = {p.id: p.email for p in load(example).roster.people}
    own = events(folder / "aylin.ics")
    assert len(own) == 6 + 2
    assert all(emails["aylin"] in attendees(e) for e in own)
    assert not any(emails["jonas"] in attendees(e) for e in own if "1/6" in str(e["summary"]))


def test_ics_in_german_and_for_one_match(example: Path, cli: Cli, tmp_path: Path) -> None:
    write_matches(example)
    edit_program(example, language="de")
    target = tmp_path / "de.ics"
    result = cli("-p", str(example), "schedule", "--match", "cohort", "--ics", str(target))
    assert result.exit_code == 0, result.output
    found = events(target)
    assert [str(e["summary"]) for e in found] == [
        "Reverse Mentoring, Gruppentreffen 1/2: Team culture through junior eyes",
        "Reverse Mentoring, Gruppentreffen 2/2: Retrospective and recommendations",
    ]
    assert "Begrüßung" in str(found[0]["description"])


def test_people_without_email_are_named_and_left_out(
    example: Path, cli: Cli, tmp_path: Path
) -> None:
    write_matches(example)
    roster = (example / ROSTER_FILE).read_text(encoding="utf-8")
    (example / ROSTER_FILE).write_text(
        roster.replace('email = "helga.brandt@example.com"\n', ""), encoding="utf-8"
    )
    target = tmp_path / "cal.ics"
    result = cli("-p", str(example), "schedule", "--match", "helga-aylin", "--ics", str(target))
    assert result.exit_code == 0, result.output
    assert "helga" in result.stderr and "warning" in result.stderr
    assert all(attendees(e) == {"aylin.demir@example.com"} for e in events(target))
