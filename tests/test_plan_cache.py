"""The kept plan: the same sessions as planning them, used only for the files and code it came from."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import EXAMPLE
from tests.schedule_helpers import fresh_schedule, poison_plan

from rmcli.cli import output
from rmcli.folder import MATCHES_FILE, PROGRAM_FILE, ROSTER_FILE, SESSIONS_FILE, load
from rmcli.io import aside, cache
from rmcli.models import Program
from rmcli.schedule import kept, plan_json
from rmcli.schedule.place import Unplaced
from rmcli.schedule.plan import PlannedSession, Schedule, copied, plan_schedule

PLACED = "schedule.placed"


@pytest.fixture
def folder(year: Path, tmp_path: Path) -> Path:
    """A fresh copy of the year program, without a cache."""
    target = tmp_path / "program"
    subprocess.run(["cp", "-a", str(year), str(target)], check=True)
    return target


def _same(found: Schedule, wanted: Schedule) -> None:
    """Assert two schedules are equal, their starts' zones (ZoneInfo: the same object) and folds too."""
    assert found == wanted
    assert [(s.start.tzinfo, s.start.fold) for s in found.sessions] == [
        (s.start.tzinfo, s.start.fold) for s in wanted.sessions
    ]


def test_kept_plan_equals_fresh_planning_and_is_private(folder: Path) -> None:
    fresh = fresh_schedule(folder)
    assert len(fresh.sessions) >= kept.KEPT_FROM
    _same(kept.schedule_of(load(folder)), fresh)  # planned, then kept
    entry = cache.entry_path(folder, PLACED)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    _same(kept.schedule_of(load(folder)), fresh)  # from the entry
    poisoned = poison_plan(folder)
    assert kept.schedule_of(load(folder)) == poisoned  # the entry is what answers


def test_log_plan_is_kept_apart_from_the_placed_plan(folder: Path) -> None:
    snapshot = load(folder)
    drafted = plan_schedule(program=snapshot.program, matches=snapshot.matches)
    assert kept.schedule_of(load(folder), placed=False) == drafted
    assert cache.entry_path(folder, "schedule.drafted").is_file()
    assert kept.schedule_of(load(folder), placed=False) == drafted
    _same(kept.schedule_of(load(folder)), fresh_schedule(folder))


@pytest.mark.parametrize("name", [PROGRAM_FILE, ROSTER_FILE, MATCHES_FILE])
def test_an_edit_to_any_input_file_plans_again(folder: Path, name: str) -> None:
    kept.schedule_of(load(folder))
    poison_plan(folder)
    with (folder / name).open("a", encoding="utf-8") as file:
        file.write("\n# edited\n")
    _same(kept.schedule_of(load(folder)), fresh_schedule(folder))


def test_a_moved_session_in_the_log_moves_the_kept_plan(folder: Path, cli: object) -> None:
    kept.schedule_of(load(folder))
    before = {(s.match, s.number): s.start for s in fresh_schedule(folder).sessions}
    text = (folder / SESSIONS_FILE).read_text(encoding="utf-8")
    match = load(folder).matches.matches[0].id
    text += (
        f'\n[[sessions]]\nmatch = "{match}"\nnumber = 12\ndate = 2027-12-20\n'
        'status = "moved"\nminutes = 0\nto = 2027-12-21T14:00:00\n'
    )
    (folder / SESSIONS_FILE).write_text(text, encoding="utf-8")
    found = kept.schedule_of(load(folder))
    _same(found, fresh_schedule(folder))
    moved = next(s for s in found.sessions if (s.match, s.number) == (match, 12))
    assert moved.start != before[(match, 12)]
    assert moved.start.replace(tzinfo=None) == dt.datetime(2027, 12, 21, 14, 0)


class _Counted:
    """`plan_schedule` called through, counting its calls: how a command shows it planned."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, **kwargs: Any) -> Schedule:
        self.calls += 1
        return plan_schedule(**kwargs)


def _entry(folder: Path) -> tuple[bytes, int]:
    """Return the kept plan's bytes and modification time: what a reused entry keeps."""
    path = cache.entry_path(folder, PLACED)
    return path.read_bytes(), path.stat().st_mtime_ns


MOVED = 'status = "moved"\nminutes = 0\nto = 2027-12-21\nsequence = 1\n'
# (session 12 of the first match, else of the second (not logged yet), what is logged of it,
# whether the kept plan is still the plan); the first's 12 was MOVED
EDITS = [
    (0, "# a comment\n", True),
    (2, 'status = "held"\nminutes = 60\nnote = "went well"\n', True),
    (2, 'status = "moved"\nminutes = 0\n', True),  # not said where: placed as planned
    (1, MOVED + 'note = "again"\n', True),
    (1, MOVED.replace("moved", "held"), True),  # held on the day it was moved to
    (1, MOVED.replace("12-21", "12-22"), False),
    (1, MOVED.replace("12-21", "12-21T00:00:00"), False),  # that time, not any on the day
    (1, MOVED.replace("= 1", "= 2"), False),
    (1, MOVED.replace("moved", "cancelled"), False),
    (2, 'status = "held"\nminutes = 60\nsequence = 1\n', False),
]


@pytest.mark.parametrize(("which", "edit", "reused"), EDITS)
def test_the_kept_plan_outlives_only_log_edits_planning_does_not_read(
    folder: Path, which: int, edit: str, reused: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    matches = [m.id for m in load(folder).matches.matches]
    head = "\n[[sessions]]\nnumber = 12\ndate = 2027-12-20\nmatch = "
    with (folder / SESSIONS_FILE).open("a", encoding="utf-8") as file:
        file.write(f'{head}"{matches[0]}"\n{MOVED}')
    before = kept.schedule_of(load(folder))
    entry = _entry(folder)
    with (folder / SESSIONS_FILE).open("a", encoding="utf-8") as file:
        file.write(f'{head}"{matches[which - 1]}"\n{edit}' if which else edit)
    counted = _Counted()
    monkeypatch.setattr(kept, "plan_schedule", counted)
    found = kept.schedule_of(load(folder))
    _same(found, fresh_schedule(folder))
    assert (counted.calls == 0) is reused
    assert (_entry(folder) == entry) is reused
    assert (found == before) is reused  # each edit planning reads changes the plan


def test_logging_a_held_session_keeps_the_plan(folder: Path, cli: Any) -> None:
    kept.schedule_of(load(folder))
    entry = _entry(folder)
    logged = len(load(folder).sessions.sessions)
    match = load(folder).matches.matches[0].id
    run = cli(
        "log",
        "-p",
        str(folder),
        "-m",
        match,
        "--date",
        "2027-12-20",
        "--yes",
        "--as-of",
        "2027-12-20",
    )
    assert run.exit_code == 0, run.output
    assert len(load(folder).sessions.sessions) == logged + 1
    assert _entry(folder) == entry  # status would take the plan from here
    poisoned = poison_plan(folder)
    assert kept.schedule_of(load(folder)) == poisoned


EXAMPLE_MATCHES = ["aylin-markus", "jonas-thomas", "lena-helga", "noah-sabine", "cohort"]
moments = st.builds(
    dt.datetime,
    st.just(2027),
    st.integers(1, 7),
    st.integers(1, 28),
    st.integers(0, 23),
    st.sampled_from([0, 30]),
)


@st.composite
def records(draw: st.DrawFn) -> str:
    """Return one logged session of the example program as TOML."""
    status = draw(st.sampled_from(["held", "cancelled", "moved"]))
    lines = [
        f'match = "{draw(st.sampled_from(EXAMPLE_MATCHES))}"',
        f"number = {draw(st.integers(1, 6))}",
        "date = 2027-03-01",
        f'status = "{status}"',
        f'note = "{draw(st.sampled_from(["", "a note"]))}"',
    ]
    to = draw(st.none() | moments | moments.map(lambda m: m.date()))
    if to is not None:
        lines.append(f"to = {to.isoformat()}")
    sequence = draw(st.none() | st.integers(1, 3))
    if sequence is not None:
        lines.append(f"sequence = {sequence}")
    return "[[sessions]]\n" + "\n".join(lines) + "\n"


@given(st.lists(records(), max_size=6), records())
def test_a_kept_plan_is_fresh_planning_after_any_logged_session(
    base: list[str], added: str
) -> None:
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as patch:
        folder = Path(tmp) / "tech"
        shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".*"))
        patch.setattr(kept, "KEPT_FROM", 1)  # keep the small example's plan too
        (folder / SESSIONS_FILE).write_text("\n".join(["# log", *base]), encoding="utf-8")
        kept.schedule_of(load(folder))
        entry = _entry(folder)
        (folder / SESSIONS_FILE).write_text("\n".join(["# log", *base, added]), encoding="utf-8")
        counted = _Counted()
        patch.setattr(kept, "plan_schedule", counted)
        _same(kept.schedule_of(load(folder)), fresh_schedule(folder))
        record = load(folder).sessions.sessions[-1]
        ordinary = record.status != "cancelled" and record.to is None and not record.sequence
        key = (f'match = "{record.match}"\n', f"number = {record.number}\n")
        if ordinary and not any(all(line in r for line in key) for r in base):
            assert counted.calls == 0  # a session logged as held: the plan stays
            assert _entry(folder) == entry


@pytest.mark.parametrize("part", ["code", "zones", "python"])
def test_other_code_zone_data_or_python_plans_again(
    folder: Path, part: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept.schedule_of(load(folder))
    poison_plan(folder)
    if part == "code":
        monkeypatch.setattr(cache, "source_digest", lambda paths: b"other code")
    elif part == "zones":
        real = kept._zone_data
        monkeypatch.setattr(kept, "_zone_data", lambda zone: b"2099a" + (real(zone) or b""))
    else:
        monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    _same(kept.schedule_of(load(folder)), fresh_schedule(folder))


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
    _same(kept.schedule_of(snapshot), fresh_schedule(folder))
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
    _same(kept.schedule_of(load(folder)), fresh_schedule(folder))


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


@given(sessions(), sessions())
def test_a_copied_session_is_the_one_replace_makes(
    session: PlannedSession, other: PlannedSession
) -> None:
    own = {"match": other.match, "number": other.number, "people": other.people, "topic": None}
    before = dict(vars(session))
    made = copied(session, own)
    wanted = dataclasses.replace(session, **own)
    assert made == wanted and vars(made) == vars(wanted) and hash(made) == hash(wanted)
    assert vars(session) == before  # the session copied from is left as it was


def test_sessions_placed_as_drafted_are_written_as_every_session_is(folder: Path) -> None:
    snapshot = load(folder)
    projects = [
        m.model_copy(update={"project": "p1" if i % 3 == 0 else None})
        for i, m in enumerate(snapshot.matches.matches)
    ]
    matches = snapshot.matches.model_copy(update={"matches": projects})
    for program in (snapshot.program, snapshot.program.model_copy(update={"plan": "project"})):
        schedule = plan_schedule(
            program=program, matches=matches, roster=snapshot.roster, log=snapshot.sessions
        )
        assert 0 < len(schedule.drafted) < len(schedule.sessions)  # not the cancelled ones
        encoded = plan_json.encode(schedule, program)
        assert encoded is not None
        # read once a number and project: the very entry read session by session
        assert encoded == plan_json.encode(dataclasses.replace(schedule, drafted={}), program)
        decoded = plan_json.decode(encoded.encode(), program)
        assert decoded is not None
        _same(decoded, schedule)


def test_a_start_outside_a_named_zone_is_not_kept() -> None:
    start = dt.datetime(2027, 3, 1, 10, tzinfo=dt.UTC)
    session = PlannedSession("m1", 1, "match", start.date(), start, 60, 2, None, True, True, ())
    assert plan_json.encode(Schedule(sessions=[session], unplaced=[]), PROGRAM) is None


@pytest.mark.parametrize("command", [["status"], ["status", "--json"], ["evaluate", "--json"]])
def test_a_command_sends_its_answer_before_it_keeps_an_entry(
    folder: Path, cli: Any, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    events: list[str] = []
    sent, keep_entry = output.sent, cache.keep_entry

    def sending() -> None:
        events.append("sent")
        sent()

    def keeping(*args: Any, **kwargs: Any) -> None:
        events.append(args[1])  # the entry's name
        keep_entry(*args, **kwargs)

    monkeypatch.setattr(output, "sent", sending)
    monkeypatch.setattr(cache, "keep_entry", keeping)
    monkeypatch.setattr(
        aside, "forks", lambda: False
    )  # kept here (a child: test_cache_after_answer)
    result = cli(*command, "-p", str(folder), "--as-of", "2027-12-31")
    assert result.exit_code in (0, 1), result.output
    assert events[0] == "sent"
    assert {"schedule.placed", "sessions.toml"} <= set(events[1:])
    assert cache.entry_path(folder, "schedule.placed").is_file()
