"""A write is whole or not at all: kill, interrupt and break writers at every point of a write."""

from __future__ import annotations

import os
import shutil
import signal
import tomllib
from pathlib import Path

import pytest
from tests.trust_helpers import add_records, parses, run, snapshot, start, stop_at_pause, temps

from rmcli.errors import InputError
from rmcli.io import atomic, lock

ADD = ("roster", "add", "--id", "zoe", "--name", "Zoe Faulty", "--role", "junior", "--yes")
POINTS = ("created", "written", "synced", "replaced")


@pytest.fixture
def expected_add(example: Path, tmp_path: Path) -> bytes:
    """Return the roster.toml that an uninterrupted `roster add` writes."""
    twin = tmp_path / "twin"
    shutil.copytree(example, twin)
    assert run(twin, *ADD).returncode == 0
    return (twin / "roster.toml").read_bytes()


@pytest.mark.slow
@pytest.mark.parametrize("point", POINTS)
def test_sigkill_at_each_point_of_a_write_leaves_old_or_new(
    example: Path, expected_add: bytes, point: str
) -> None:
    old = (example / "roster.toml").read_bytes()
    proc = start(
        example,
        *ADD,
        RMCLI_TEST_WRITE_PAUSE="60",
        RMCLI_TEST_WRITE_PAUSE_AT=point,
        RMCLI_TEST_WRITE_PAUSE_FILE="roster.toml",
    )
    assert stop_at_pause(proc, nth=1) == [f"{point} roster.toml"]
    assert proc.returncode == -signal.SIGKILL
    now = (example / "roster.toml").read_bytes()
    assert now == (expected_add if point == "replaced" else old)
    tomllib.loads(now.decode())
    # A killed process cannot clean up: its temp file stays until the next rmcli run on the folder.
    assert bool(temps(example)) == (point != "replaced")
    checked = run(example, "validate")
    assert checked.returncode == 0, (
        checked.stderr
    )  # leftovers are warnings: the real files are whole
    assert "ended without releasing its lock" in checked.stderr
    assert ("interrupted write" in checked.stderr) == (point != "replaced")
    after = run(
        example, "roster", "add", "--id", "yuri", "--name", "Yuri Next", "--role", "junior", "--yes"
    )
    assert after.returncode == 0, after.stderr
    assert "ended without releasing its lock" in after.stderr
    assert temps(example) == []
    assert not (example / lock.HOLDER_NAME).exists()
    assert 'id = "yuri"' in (example / "roster.toml").read_text()


@pytest.mark.slow
def test_sigkill_at_every_pause_of_a_multi_file_forget(example: Path, tmp_path: Path) -> None:
    add_records(example)
    twin = tmp_path / "twin"
    shutil.copytree(example, twin)
    assert run(twin, "forget", "jonas", "--yes", "--as-of", "2027-08-01").returncode == 0
    done = snapshot(twin)
    counts = tomllib.loads((twin / "erasures.toml").read_text())["erasures"][0]["removed"]
    before = snapshot(example)
    stops = 0
    # Pause before and after every rename of every file, and kill at each pause in turn.
    for nth in range(1, 40):
        trial = tmp_path / f"trial{nth}"
        shutil.copytree(example, trial)
        proc = start(
            trial,
            "forget",
            "jonas",
            "--yes",
            "--as-of",
            "2027-08-01",
            RMCLI_TEST_WRITE_PAUSE="60",
            RMCLI_TEST_WRITE_PAUSE_AT="synced,replaced",
            RMCLI_TEST_WRITE_PAUSE_NTH=str(nth),
        )
        seen = stop_at_pause(proc, nth=nth)
        if len(seen) < nth:
            assert proc.returncode == 0  # ran to the end: every pause has been tried
            break
        stops += 1
        now = snapshot(trial)
        parses(trial)
        for name, content in now.items():
            if name == "erasures.toml":
                continue  # random salt and token: checked below by parsing and counting
            assert content in (before[name], done[name]), f"{name} after kill {nth}"
        # Running it again finishes the erasure and cleans the leftovers.
        again = run(trial, "forget", "jonas", "--yes", "--as-of", "2027-08-01")
        assert again.returncode == 0, again.stderr
        assert {k: v for k, v in snapshot(trial).items() if k != "erasures.toml"} == {
            k: v for k, v in done.items() if k != "erasures.toml"
        }
        erasures = tomllib.loads((trial / "erasures.toml").read_text())["erasures"]
        assert len(erasures) == 1
        # The record holds what an uninterrupted run records, not just what was left to do.
        assert erasures[0]["removed"] == counts, f"record after kill {nth}"
        assert temps(trial) == []
    assert stops >= 10  # six files, two pauses each (the holder record pauses too)


@pytest.mark.slow
@pytest.mark.parametrize(("sig", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_sigint_or_sigterm_during_a_write_leaves_the_old_file(
    example: Path, sig: int, code: int
) -> None:
    old = (example / "roster.toml").read_bytes()
    proc = start(
        example, *ADD, RMCLI_TEST_WRITE_PAUSE="60", RMCLI_TEST_WRITE_PAUSE_FILE="roster.toml"
    )
    stop_at_pause(proc, nth=1, sig=sig)
    assert proc.returncode == code
    assert (example / "roster.toml").read_bytes() == old
    assert temps(example) == []
    assert not (example / lock.HOLDER_NAME).exists()  # the lock was released cleanly


@pytest.mark.parametrize("broken", ["replace", "fsync"])
def test_a_failing_rename_or_fsync_leaves_the_old_file_and_no_temp(
    example: Path, cli: object, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    old = (example / "roster.toml").read_bytes()
    real_fsync = os.fsync

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    if broken == "replace":
        monkeypatch.setattr(os, "replace", fail)
    else:
        # Fail only on the temp file; the lock's holder record is written first and must succeed.
        def fsync(fd: int) -> None:
            if ".roster.toml." in str(Path(f"/proc/self/fd/{fd}").readlink()):
                fail()
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)
    result = cli("-p", str(example), *ADD)  # type: ignore[operator]  # the cli fixture is a callable
    assert result.exit_code == 2
    assert "No space left on device" in result.stderr and "old file is unchanged" in result.stderr
    assert "Traceback" not in result.output
    assert (example / "roster.toml").read_bytes() == old
    assert temps(example) == []


def test_ctrl_c_inside_the_write_helper_removes_the_temp(
    example: Path, cli: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = (example / "roster.toml").read_bytes()
    real = os.replace

    def interrupt(src: object, dst: object) -> None:
        if str(dst).endswith("roster.toml"):
            raise KeyboardInterrupt
        real(src, dst)  # type: ignore[arg-type]  # passes through the holder record's paths

    monkeypatch.setattr(os, "replace", interrupt)
    result = cli("-p", str(example), *ADD)  # type: ignore[operator]  # the cli fixture is a callable
    assert result.exit_code == 130
    assert (example / "roster.toml").read_bytes() == old
    assert temps(example) == []


def test_write_text_core_keeps_a_symlink_and_makes_private_files(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    real.write_text("a = 1\n")
    link = tmp_path / "link.toml"
    link.symlink_to(real)
    atomic.write_text(link, "a = 2\n")
    assert link.is_symlink() and real.read_text() == "a = 2\n"
    assert real.stat().st_mode & 0o777 == 0o600
    atomic.write_text(tmp_path / "public.toml", "b = 1\n", private=False)
    assert (tmp_path / "public.toml").stat().st_mode & 0o777 == 0o600  # created: private
    (tmp_path / "public.toml").chmod(0o644)  # shared on purpose by the organiser
    atomic.write_text(tmp_path / "public.toml", "b = 2\n", private=False)
    assert (tmp_path / "public.toml").stat().st_mode & 0o777 == 0o644  # kept as they chose
    atomic.make_private_dir(tmp_path / "x" / "y")
    assert (tmp_path / "x" / "y").stat().st_mode & 0o777 == 0o700


def test_stale_temps_of_dead_writers_are_removed_live_ones_kept(tmp_path: Path) -> None:
    dead = tmp_path / ".roster.toml.999999999-abc.tmp"  # no such pid
    live = tmp_path / f".roster.toml.{os.getppid()}-def.tmp"  # our parent is alive
    other = tmp_path / ".matches.toml.999999999-ghi.tmp"
    for path in (dead, live, other):
        path.write_text("partial")
    atomic.write_text(tmp_path / "roster.toml", "x = 1\n")
    assert (
        not dead.exists() and live.exists() and other.exists()
    )  # only siblings of the written file
    assert atomic.stale_temps(tmp_path) == [other]


@pytest.mark.slow
def test_a_second_writer_waits_then_gets_a_clear_message(example: Path) -> None:
    proc = start(
        example, *ADD, RMCLI_TEST_WRITE_PAUSE="60", RMCLI_TEST_WRITE_PAUSE_FILE="roster.toml"
    )
    try:
        assert proc.stderr is not None
        assert proc.stderr.readline().startswith("rmcli-test-pause")
        second = run(
            example,
            "roster",
            "add",
            "--id",
            "yuri",
            "--name",
            "Yuri",
            "--role",
            "junior",
            "--yes",
            RMCLI_LOCK_TIMEOUT="0.5",
        )
        assert second.returncode == 1
        assert f"process {proc.pid} on this computer" in second.stderr
        assert "Traceback" not in second.stderr
    finally:
        proc.kill()
        proc.wait()


def test_lock_reports_a_crashed_holder_and_cleans_its_temps(tmp_path: Path) -> None:
    notices: list[str] = []
    (tmp_path / lock.HOLDER_NAME).write_text(
        'pid = 999999999\nhost = "x"\nstarted = "2027-01-01T00:00:00+00:00"\n'
    )
    (tmp_path / ".roster.toml.999999999-abc.tmp").write_text("partial")
    original = lock.report
    lock.report = notices.append
    try:
        with lock.program_lock(tmp_path):
            assert lock.read_holder(tmp_path) is not None
            with lock.program_lock(tmp_path):  # nested: no self-deadlock
                pass
    finally:
        lock.report = original
    assert len(notices) == 1 and "process 999999999" in notices[0] and "removed 1" in notices[0]
    assert temps(tmp_path) == [] and lock.read_holder(tmp_path) is None


def test_read_only_write_gives_input_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    with pytest.raises(InputError, match="read-only"):
        atomic.write_text(tmp_path / "x.toml", "a = 1\n")


@pytest.mark.slow
@pytest.mark.parametrize("nth", [2, 4, 7])  # of 7 renames: holder, record, 4 data files, roster
def test_sigint_in_the_middle_of_forget_stops_cleanly_and_a_rerun_finishes(
    example: Path, tmp_path: Path, nth: int
) -> None:
    add_records(example)
    twin = tmp_path / "twin"
    shutil.copytree(example, twin)
    assert run(twin, "forget", "jonas", "--yes").returncode == 0
    done = {k: v for k, v in snapshot(twin).items() if k != "erasures.toml"}
    before = snapshot(example)
    proc = start(
        example,
        "forget",
        "jonas",
        "--yes",
        RMCLI_TEST_WRITE_PAUSE="60",
        RMCLI_TEST_WRITE_PAUSE_AT="synced",
        RMCLI_TEST_WRITE_PAUSE_NTH=str(nth),
    )
    assert len(stop_at_pause(proc, nth=nth, sig=signal.SIGINT)) == nth
    assert proc.returncode == 130
    assert temps(example) == [] and not (example / lock.HOLDER_NAME).exists()
    parses(example)
    for name, content in snapshot(example).items():
        if name != "erasures.toml":
            assert content in (before[name], done[name]), name
    assert run(example, "forget", "jonas", "--yes").returncode == 0
    assert {k: v for k, v in snapshot(example).items() if k != "erasures.toml"} == done


def test_a_batch_that_fails_while_staging_leaves_every_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [tmp_path / f"a{i}.md" for i in range(3)]
    for path in files:
        path.write_text("old", encoding="utf-8")
    real_fsync = os.fsync

    def fsync(fd: int) -> None:  # the third file's disk is full
        if ".a2.md." in str(Path(f"/proc/self/fd/{fd}").readlink()):
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(InputError, match="No space left on device"):
        atomic.write_texts([(path, "new") for path in files])
    assert [p.read_text(encoding="utf-8") for p in files] == ["old"] * 3
    assert temps(tmp_path) == []
    monkeypatch.setattr(os, "fsync", real_fsync)
    atomic.write_texts([(path, "new") for path in files])  # the control: the same batch works
    assert [p.read_text(encoding="utf-8") for p in files] == ["new"] * 3
    assert {p.stat().st_mode & 0o777 for p in files} == {0o600}


def test_a_batch_syncs_each_folder_once_not_once_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[Path] = []
    monkeypatch.setattr(atomic, "fsync_dir", synced.append)
    (tmp_path / "b").mkdir()
    atomic.write_texts([(tmp_path / f"{i}.md", "x") for i in range(5)] + [(tmp_path / "b/c", "y")])
    assert synced == [tmp_path, tmp_path / "b"]
    synced.clear()
    for i in range(3):
        atomic.write_text(tmp_path / f"{i}.md", "z")
    assert synced == [tmp_path] * 3  # a single write still syncs its folder
