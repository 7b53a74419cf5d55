"""Calendars people can use: invitations, one per person, moved and cancelled sessions.

Every calendar is read back by two independent parsers, icalendar and vobject.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import stat
import tomllib
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import tomli_w
import vobject
from icalendar import Calendar

from rmcli.folder import SESSIONS_FILE, load
from rmcli.schedule.calendar import person_calendar
from rmcli.schedule.plan import plan_schedule
from schedule_helpers import PAIRS, edit_program, pair_id, write_matches

AS_OF = "2027-01-04"


def _edit(path: Path, change: Any) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(tomli_w.dumps(data), encoding="utf-8")


def parse_both(path: Path) -> tuple[Calendar, Any]:
    """Return the calendar as icalendar and as vobject read it; both must agree on the events."""
    text = path.read_text(encoding="utf-8")
    first = Calendar.from_ical(text)
    second = vobject.readOne(text)
    uids = sorted(str(e["uid"]) for e in first.walk("VEVENT"))
    assert sorted(e.uid.value for e in second.vevent_list) == uids
    for event in second.vevent_list:
        assert event.dtstart.value.tzinfo is not None  # a zoned time, never floating
    return first, second


def schedule(cli: Any, example: Path, *args: str) -> Any:
    return cli("-p", str(example), "schedule", "--as-of", AS_OF, *args)


def test_every_event_is_an_invitation_from_the_organiser(
    cli: Any, example: Path, tmp_path: Path
) -> None:
    write_matches(example)
    target = tmp_path / "all.ics"
    assert schedule(cli, example, "--ics", str(target)).exit_code == 0
    calendar, parsed = parse_both(target)
    assert str(calendar["method"]) == "REQUEST" and parsed.method.value == "REQUEST"
    names = {p.id: p.name for p in load(example).roster.people}
    summaries = set()
    for event in calendar.walk("VEVENT"):
        organiser = event["organizer"]
        assert str(organiser) == "mailto:mentoring@example.com"
        assert str(organiser.params["cn"]) == "People & Culture, engineering"
        attendees = event.get("attendee")
        attendees = attendees if isinstance(attendees, list) else [attendees]
        assert all(a.params["cn"] for a in attendees)
        summary = str(event["summary"])
        summaries.add((summary, event.decoded("dtstart")))
        description = str(event["description"])
        assert "rmcli" not in description and "Questions to start from:" in description
        if "cohort" not in summary:
            match = next(m for m in load(example).matches.matches if names[m.juniors[0]] in summary)
            assert all(names[p] in summary for p in match.people)
    assert len(summaries) == len(list(calendar.walk("VEVENT")))  # no two alike
    # One VTIMEZONE for the zone every DTSTART names.
    zones = [str(z["tzid"]) for z in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/Berlin"]
    assert {e["dtstart"].params["tzid"] for e in calendar.walk("VEVENT")} == {"Europe/Berlin"}


def test_ics_dir_holds_each_persons_own_events_only(
    cli: Any, example: Path, tmp_path: Path
) -> None:
    write_matches(example)
    folder = tmp_path / "calendars"
    assert schedule(cli, example, "--ics-dir", str(folder)).exit_code == 0
    emails = {p.id: p.email for p in load(example).roster.people}
    files = sorted(folder.iterdir())
    assert {f.stem for f in files} == {p for pair in PAIRS for p in pair}
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        calendar, _ = parse_both(path)
        events = list(calendar.walk("VEVENT"))
        assert len(events) == 6 + 2  # six sessions of their match, two cohort meetings
        for event in events:
            attendees = event["attendee"] if isinstance(event["attendee"], list) else []
            assert f"mailto:{emails[path.stem]}" in [str(a) for a in attendees]


def test_person_calendar_matches_the_ics_dir_file(cli: Any, example: Path, tmp_path: Path) -> None:
    write_matches(example)
    folder = tmp_path / "calendars"
    assert schedule(cli, example, "--ics-dir", str(folder)).exit_code == 0
    snapshot = load(example)
    planned = plan_schedule(
        program=snapshot.program,
        matches=snapshot.matches,
        roster=snapshot.roster,
        log=snapshot.sessions,
    )
    text = person_calendar(
        program=snapshot.program,
        roster=snapshot.roster,
        matches=snapshot.matches,
        sessions=planned.sessions,
        person="aylin",
        folder=example,
        stamp=dt.datetime(2027, 1, 4, tzinfo=dt.UTC),
    )
    assert text == (folder / "aylin.ics").read_bytes().decode("utf-8")


def test_without_organiser_email_the_calendar_is_published_without_attendees(
    cli: Any, example: Path, tmp_path: Path
) -> None:
    write_matches(example)
    edit_program(example, organiser={"email": ""})
    target = tmp_path / "all.ics"
    result = schedule(cli, example, "--ics", str(target))
    assert result.exit_code == 0
    assert "no [organiser] email" in result.stderr
    calendar, _ = parse_both(target)
    assert str(calendar["method"]) == "PUBLISH"
    assert all("attendee" not in e and "organizer" not in e for e in calendar.walk("VEVENT"))


def test_a_new_york_senior_sees_the_session_in_shared_hours(
    cli: Any, example: Path, tmp_path: Path
) -> None:
    write_matches(example)

    def to_new_york(data: dict[str, Any]) -> None:
        helga = next(p for p in data["people"] if p["id"] == "helga")
        helga["timezone"] = "America/New_York"

    _edit(example / "roster.toml", to_new_york)
    folder = tmp_path / "calendars"
    assert schedule(cli, example, "--ics-dir", str(folder)).exit_code == 0
    _calendar, parsed = parse_both(folder / "helga.ics")
    own = [e for e in parsed.vevent_list if "cohort" not in e.summary.value]
    assert len(own) == 6
    for event in own:
        new_york = event.dtstart.value.astimezone(ZoneInfo("America/New_York"))
        berlin = event.dtstart.value.astimezone(ZoneInfo("Europe/Berlin"))
        assert new_york.hour >= 9 and berlin.hour + 1 <= 17
        assert "America/New_York" in event.description.value  # her own time in the text
    agenda = cli(
        "-p", str(example), "agenda", "--match", pair_id("aylin", "helga"), "--session", "1"
    )
    assert agenda.exit_code == 0, agenda.output
    assert "When in America/New_York:" in agenda.stdout


def test_moved_session_keeps_its_uid_with_a_higher_sequence(
    cli: Any, example: Path, tmp_path: Path
) -> None:
    write_matches(example)
    match = pair_id("aylin", "helga")
    before, after = tmp_path / "before.ics", tmp_path / "after.ics"
    assert schedule(cli, example, "--ics", str(before)).exit_code == 0
    moved = cli(
        "-p", str(example), "log", "--match", match, "--session", "2",
        "--status", "moved", "--to", "2027-02-18T14:30", "--yes",
    )  # fmt: skip
    assert moved.exit_code == 0, moved.output
    cancelled = cli(
        "-p", str(example), "log", "--match", match, "--session", "3",
        "--status", "cancelled", "--yes",
    )  # fmt: skip
    assert cancelled.exit_code == 0, cancelled.output
    assert schedule(cli, example, "--ics", str(after)).exit_code == 0

    def by_summary(path: Path) -> dict[str, Any]:
        calendar, _ = parse_both(path)
        return {
            str(e["summary"]).split(":")[0]: e
            for e in calendar.walk("VEVENT")
            if "Helga" in str(e["summary"])
        }

    old, new = by_summary(before), by_summary(after)
    key2 = next(k for k in old if k.startswith("Reverse mentoring 2/6"))
    key3 = next(k for k in old if k.startswith("Reverse mentoring 3/6"))
    assert str(new[key2]["uid"]) == str(old[key2]["uid"])
    assert new[key2].decoded("sequence") > old[key2].decoded("sequence")
    assert new[key2].decoded("dtstart") == dt.datetime(
        2027, 2, 18, 14, 30, tzinfo=ZoneInfo("Europe/Berlin")
    )
    assert str(new[key3]["status"]) == "CANCELLED"
    assert new[key3].decoded("sequence") > old[key3].decoded("sequence")
    assert str(new[key3]["uid"]) == str(old[key3]["uid"])
    # Logging the moved session as held later keeps the new time and the count.
    held = cli(
        "-p", str(example), "log", "--match", match, "--session", "2",
        "--status", "held", "--replace", "--as-of", "2027-03-01", "--yes",
    )  # fmt: skip
    assert held.exit_code == 0, held.output
    assert schedule(cli, example, "--ics", str(after)).exit_code == 0
    again = by_summary(after)
    assert again[key2].decoded("dtstart") == new[key2].decoded("dtstart")
    assert again[key2].decoded("sequence") == new[key2].decoded("sequence")


@pytest.mark.parametrize(
    ("to", "needle"),
    [
        ("2026-12-01", "--to: 2026-12-01 is outside the program"),
        ("2027-07-11T10:00", "--to: 2027-07-11 is outside the program"),
        ("18.02.2027", "--to: expected YYYY-MM-DD"),
    ],
)
def test_moving_outside_the_program_exits_2_and_writes_nothing(
    cli: Any, example: Path, to: str, needle: str
) -> None:
    write_matches(example)
    result = cli(
        "-p", str(example), "log", "--match", pair_id("aylin", "helga"), "--session", "2",
        "--status", "moved", "--to", to, "--yes",
    )  # fmt: skip
    assert result.exit_code == 2
    assert needle in result.stderr
    assert not (example / SESSIONS_FILE).exists()


def test_a_session_moved_outside_the_program_in_the_file_names_line_and_key(
    cli: Any, example: Path
) -> None:
    write_matches(example)
    (example / SESSIONS_FILE).write_text(
        '[[sessions]]\nmatch = "helga-aylin"\nnumber = 2\ndate = 2027-02-18\n'
        'status = "moved"\nto = 2028-02-18T10:00:00\n',
        encoding="utf-8",
    )
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 2
    assert f"{example / SESSIONS_FILE}:6: sessions.to: moved to a day outside" in result.stderr


def test_impossible_cadence_exits_1_and_writes_no_calendar(
    cli: Any, example: Path, tmp_path: Path
) -> None:
    # aylin mentors three seniors but works one hour a week: no room for three sessions.
    write_matches(example, pairs=(("aylin", "helga"), ("aylin", "markus"), ("aylin", "sabine")))

    def narrow(data: dict[str, Any]) -> None:
        aylin = next(p for p in data["people"] if p["id"] == "aylin")
        aylin["capacity"] = 3
        aylin["hours"] = "09:00-10:00"

    _edit(example / "roster.toml", narrow)
    edit_program(example, schedule={"days": ["tuesday"]}, cadence={"one_to_one": "biweekly"})
    target = tmp_path / "all.ics"
    result = schedule(cli, example, "--ics", str(target))
    assert result.exit_code == 1
    assert "no time shared by all its people" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("file", "key", "value", "needle"),
    [
        ("program.toml", "calendar.timezone", "Europe/Atlantis", "calendar.timezone"),
        ("program.toml", "schedule.hours", "17:00-09:00", "schedule.hours"),
        ("roster.toml", "hours", "17:00-09:00", "].hours: expected working hours"),
        ("roster.toml", "timezone", "Mars/Olympus", "].timezone: expected an IANA"),
    ],
)
def test_bad_zones_and_hours_exit_2_with_file_line_and_key(
    cli: Any, example: Path, tmp_path: Path, file: str, key: str, value: str, needle: str
) -> None:
    write_matches(example)
    if file == "program.toml":
        table, name = key.split(".")
        edit_program(example, **{table: {name: value}})
    else:

        def change(data: dict[str, Any]) -> None:
            data["people"][1][key] = value

        _edit(example / file, change)
    target = tmp_path / "all.ics"
    result = schedule(cli, example, "--ics", str(target))
    assert result.exit_code == 2
    assert re.search(rf"{re.escape(str(example / file))}:\d+: ", result.stderr), result.stderr
    assert needle in result.stderr
    assert value not in result.stderr  # the bad value is not echoed
    assert not target.exists()


def test_schedule_shows_each_persons_own_time_and_validate_warns_of_no_shared_hours(
    cli: Any, example: Path
) -> None:
    write_matches(example)

    def move(data: dict[str, Any]) -> None:
        people = {p["id"]: p for p in data["people"]}
        people["helga"]["timezone"] = "America/New_York"
        people["markus"]["timezone"] = "Pacific/Honolulu"  # no hours shared with jonas

    _edit(example / "roster.toml", move)
    result = cli("-p", str(example), "validate")
    assert result.exit_code == 0, result.output  # a warning: the organiser decides
    line = next(x for x in result.stderr.splitlines() if "markus-jonas" in x)
    assert f"{example / 'matches.toml'}:" in line
    assert "share 0 min of working hours a day, a session needs 60 min (60 min short)" in line
    assert "helga-aylin" not in result.stderr
    blocked = schedule(cli, example, "--json")
    assert blocked.exit_code == 1
    assert "match markus-jonas: its people share 0 min" in blocked.stderr

    def back(data: dict[str, Any]) -> None:
        next(p for p in data["people"] if p["id"] == "markus")["timezone"] = "Europe/Berlin"

    _edit(example / "roster.toml", back)
    shown = schedule(cli, example, "--json")
    assert shown.exit_code == 0, shown.output
    rows = [r for r in json.loads(shown.stdout)["sessions"] if r["match"] == "helga-aylin"]
    for row in rows:
        assert set(row["local"]) == {"helga"}
        assert row["local"]["helga"]["zone"] == "America/New_York"
        local = dt.datetime.fromisoformat(row["local"]["helga"]["start"])
        assert local == dt.datetime.fromisoformat(row["start"])  # the same moment
        assert local.utcoffset() != dt.datetime.fromisoformat(row["start"]).utcoffset()
    table = schedule(cli, example, "--match", "helga-aylin")
    first = dt.datetime.fromisoformat(rows[0]["local"]["helga"]["start"])
    assert f"helga at {first:%H:%M} in America/New_York" in " ".join(table.stdout.split())


def test_invitations_speak_the_programs_language(cli: Any, example: Path, tmp_path: Path) -> None:
    write_matches(example)
    edit_program(example, language="de")
    target = tmp_path / "all.ics"
    assert schedule(cli, example, "--ics", str(target)).exit_code == 0
    calendar, _ = parse_both(target)
    first = next(e for e in calendar.walk("VEVENT") if "Helga" in str(e["summary"]))
    assert " mit " in str(first["summary"])
    description = str(first["description"])
    assert "Fragen für den Einstieg:" in description
    assert "Ablauf mit Uhrzeiten (Europe/Berlin):" in description
    assert "Organisation: People & Culture, engineering" in description
