"""The kept plan: the same sessions as planning them, used only for the files and code it came from."""

from __future__ import annotations

import datetime as dt
import stat
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.year_helpers import write_year

from rmcli.folder import MATCHES_FILE, PROGRAM_FILE, ROSTER_FILE, SESSIONS_FILE, load
from rmcli.io import cache
from rmcli.models import Program
from rmcli.schedule import kept, plan_json
from rmcli.schedule.place import Unplaced
from rmcli.schedule.plan import PlannedSession, Schedule, plan_schedule

PLACED = "schedule.placed"


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A year program with enough sessions to be kept (90 pairs: 1,084 sessions)."""
    return write_year(tmp_path_factory.mktemp("year") / "program", pairs=90, held=11)


@pytest.fixture
def folder(year: Path, tmp_path: Path) -> Path:
    """A fresh copy of the year program, without a cache."""
    target = tmp_path / "program"
    subprocess.run(["cp", "-a", str(year), str(target)], check=True)
    return target


def _fresh(folder: Path) -> Schedule:
    snapshot = load(folder)
    return plan_schedule(
        program=snapshot.program,
        matches=snapshot.matches,
        roster=snapshot.roster,
        log=snapshot.sessions,
    )


def _same(found: Schedule, wanted: Schedule) -> None:
    """Assert two schedules are equal, their starts' zones (ZoneInfo: the same object) and folds too."""
    assert found == wanted
    assert [(s.start.tzinfo, s.start.fold) for s in found.sessions] == [
        (s.start.tzinfo, s.start.fold) for s in wanted.sessions
    ]


def _poison(folder: Path) -> Schedule:
    """Replace the kept plan's body (same key) by one without its last session; return it."""
    path = cache.entry_path(folder, PLACED)
    key, _, body = path.read_bytes().partition(b"\n")
    program = load(folder).program
    whole = plan_json.decode(body, program)
    assert whole is not None
    poisoned = Schedule(sessions=whole.sessions[:-1], unplaced=whole.unplaced)
    encoded = plan_json.encode(poisoned, program)
    assert encoded is not None
    path.write_bytes(key + b"\n" + encoded.encode())
    return poisoned


def test_kept_plan_equals_fresh_planning_and_is_private(folder: Path) -> None:
    fresh = _fresh(folder)
    assert len(fresh.sessions) >= kept.KEPT_FROM
    _same(kept.schedule_of(load(folder)), fresh)  # planned, then kept
    entry = cache.entry_path(folder, PLACED)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    _same(kept.schedule_of(load(folder)), fresh)  # from the entry
    poisoned = _poison(folder)
    assert kept.schedule_of(load(folder)) == poisoned  # the entry is what answers


def test_log_plan_is_kept_apart_from_the_placed_plan(folder: Path) -> None:
    snapshot = load(folder)
    drafted = plan_schedule(program=snapshot.program, matches=snapshot.matches)
    assert kept.schedule_of(load(folder), placed=False) == drafted
    assert cache.entry_path(folder, "schedule.drafted").is_file()
    assert kept.schedule_of(load(folder), placed=False) == drafted
    _same(kept.schedule_of(load(folder)), _fresh(folder))


@pytest.mark.parametrize("name", [PROGRAM_FILE, ROSTER_FILE, MATCHES_FILE, SESSIONS_FILE])
def test_an_edit_to_any_input_file_plans_again(folder: Path, name: str) -> None:
    kept.schedule_of(load(folder))
    _poison(folder)
    with (folder / name).open("a", encoding="utf-8") as file:
        file.write("\n# edited\n")
    _same(kept.schedule_of(load(folder)), _fresh(folder))


def test_a_moved_session_in_the_log_moves_the_kept_plan(folder: Path, cli: object) -> None:
    kept.schedule_of(load(folder))
    before = {(s.match, s.number): s.start for s in _fresh(folder).sessions}
    text = (folder / SESSIONS_FILE).read_text(encoding="utf-8")
    match = load(folder).matches.matches[0].id
    text += (
        f'\n[[sessions]]\nmatch = "{match}"\nnumber = 12\ndate = 2027-12-20\n'
        'status = "moved"\nminutes = 0\nto = 2027-12-21T14:00:00\n'
    )
    (folder / SESSIONS_FILE).write_text(text, encoding="utf-8")
    found = kept.schedule_of(load(folder))
    _same(found, _fresh(folder))
    moved = next(s for s in found.sessions if (s.match, s.number) == (match, 12))
    assert moved.start != before[(match, 12)]
    assert moved.start.replace(tzinfo=None) == dt.datetime(2027, 12, 21, 14, 0)


@pytest.mark.parametrize("part", ["code", "zones", "python"])
def test_other_code_zone_data_or_python_plans_again(
    folder: Path, part: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept.schedule_of(load(folder))
    _poison(folder)
    if part == "code":
        monkeypatch.setattr(cache, "source_digest", lambda paths: b"other code")
    elif part == "zones":
        real = kept._zone_data
        monkeypatch.setattr(kept, "_zone_data", lambda zone: b"2099a" + (real(zone) or b""))
    else:
        monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    _same(kept.schedule_of(load(folder)), _fresh(folder))


def test_source_digest_covers_the_planning_code() -> None:
    digest = cache.source_digest(("schedule", "models", "folder.py", "dates.py"))
    assert digest == cache.source_digest(("schedule", "models", "folder.py", "dates.py"))
    assert digest != cache.source_digest(("models", "folder.py", "dates.py"))
    assert digest != cache.source_digest(("schedule", "models", "dates.py"))


def test_a_file_replaced_while_planning_leaves_no_entry(folder: Path) -> None:
    snapshot = load(folder)
    _ = snapshot.program, snapshot.roster, snapshot.matches, snapshot.sessions  # read
    text = (folder / ROSTER_FILE).read_text(encoding="utf-8")
    (folder / ROSTER_FILE).unlink()  # another inode: a forget beside this command
    (folder / ROSTER_FILE).write_text(text, encoding="utf-8")
    _same(kept.schedule_of(snapshot), _fresh(folder))
    assert not cache.entry_path(folder, PLACED).exists()
    kept.schedule_of(load(folder))
    assert cache.entry_path(folder, PLACED).exists()  # the same run, undisturbed, keeps it


def test_a_small_plan_is_not_kept(example: Path) -> None:
    snapshot = load(example)
    found = kept.schedule_of(snapshot)
    assert 0 < len(found.sessions) < kept.KEPT_FROM
    assert not cache.entry_path(example, PLACED).exists()


def test_a_damaged_entry_plans_again(folder: Path) -> None:
    kept.schedule_of(load(folder))
    path = cache.entry_path(folder, PLACED)
    key, _, body = path.read_bytes().partition(b"\n")
    path.write_bytes(key + b"\n" + body[: len(body) // 2])
    _same(kept.schedule_of(load(folder)), _fresh(folder))


def test_forget_removes_the_kept_plan(folder: Path, cli: object) -> None:
    kept.schedule_of(load(folder))
    assert cache.entry_path(folder, PLACED).exists()
    person = load(folder).matches.matches[0].juniors[0]
    run = cli("forget", person, "-p", str(folder), "--yes", "--as-of", "2027-12-20")  # type: ignore[operator]
    assert run.exit_code in (0, 1), run.output
    assert not cache.entry_path(folder, PLACED).exists()


ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC", "Australia/Lord_Howe"]
PROGRAM = Program.model_validate(
    {
        "name": "round trip",
        "start": dt.date(2027, 1, 4),
        "months": 12,
        "topics": [{"month": m, "title": f"Topic {m}", "area": "culture"} for m in range(1, 13, 2)],
    }
)
days = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2029, 12, 31))


@st.composite
def sessions(draw: st.DrawFn) -> PlannedSession:
    month = draw(st.integers(1, 12))
    naive = draw(st.datetimes(min_value=dt.datetime(2026, 1, 1), max_value=dt.datetime(2029, 1, 1)))
    start = naive.replace(
        tzinfo=ZoneInfo(draw(st.sampled_from(ZONES))), fold=draw(st.integers(0, 1))
    )
    ids = st.text(alphabet="abcé-0123456789", min_size=1, max_size=6)
    return PlannedSession(
        match=draw(st.sampled_from(["m1", "m2", "cohort", "gé-3"])),
        number=draw(st.integers(1, 30)),
        kind=draw(st.sampled_from(["match", "cohort"])),
        date=draw(days),
        start=start,
        minutes=draw(st.integers(15, 240)),
        month=month,
        topic=PROGRAM.topic_for_month(month),
        first=draw(st.booleans()),
        last=draw(st.booleans()),
        people=tuple(draw(st.lists(ids, max_size=4))),
        part=draw(st.integers(1, 2)),
        parts=draw(st.integers(1, 2)),
        total=draw(st.integers(1, 30)),
        window=draw(st.none() | st.tuples(days, days)),
        sequence=draw(st.integers(0, 5)),
        cancelled=draw(st.booleans()),
        teacher=draw(st.sampled_from(["junior", "senior", ""])),
        group=draw(st.booleans()),
        project=draw(st.sampled_from(["", "p1"])),
        project_plan=draw(st.booleans()),
    )


unplaced = st.builds(
    Unplaced,
    key=st.tuples(st.sampled_from(["m1", "cohort"]), st.integers(1, 30)),
    earliest=days,
    latest=days,
    shared_minutes=st.integers(0, 600),
    minutes=st.integers(15, 240),
    moved=st.booleans(),
)


@given(st.lists(sessions(), max_size=30), st.lists(unplaced, max_size=3))
def test_encoding_round_trips_every_field(
    found: list[PlannedSession], lost: list[Unplaced]
) -> None:
    schedule = Schedule(sessions=found, unplaced=lost)
    encoded = plan_json.encode(schedule, PROGRAM)
    assert encoded is not None
    decoded = plan_json.decode(encoded.encode(), PROGRAM)
    assert decoded is not None
    _same(decoded, schedule)
    assert [vars(s) for s in decoded.sessions] == [vars(s) for s in schedule.sessions]


def test_a_start_outside_a_named_zone_is_not_kept() -> None:
    start = dt.datetime(2027, 3, 1, 10, tzinfo=dt.UTC)
    session = PlannedSession("m1", 1, "match", start.date(), start, 60, 2, None, True, True, ())
    assert plan_json.encode(Schedule(sessions=[session], unplaced=[]), PROGRAM) is None
