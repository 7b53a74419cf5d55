"""The one helper that writes files: whole or not at all."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from rmcli.errors import InputError
from rmcli.words import say

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
# A temporary file whose writer is gone, or this old, is a leftover of a killed write.
STALE_TEMP_SECONDS = 3600
# Files a caller writes per `write_texts` call when it shows progress: few folder syncs, and
# the display still moves.
WRITTEN_AT_ONCE = 100
_TEMP = re.compile(r"^\.(?P<name>.+)\.(?P<pid>\d+)-[^.]+\.tmp$")


def write_text(path: Path, text: str, *, private: bool = True) -> None:
    """Replace `path` with `text` atomically: temp file, fsync, re-read, rename, fsync folder."""
    write_texts([(path, text)], private=private)


def write_texts(files: Sequence[tuple[Path, str]], *, private: bool = True) -> None:
    """Replace each path with its text, each whole or not at all, syncing each folder once.

    Every file is staged (temp file, fsync, re-read) before any is renamed, then each folder's
    entry table is flushed once: writing a thousand agendas costs a thousand file syncs, not
    two thousand with a folder sync after each. A failure before the renames leaves every
    old file; a failure among them leaves each file old or new, never a mix.
    """
    staged: list[tuple[Path, Path, Path]] = []  # temp file, target, the path as given
    folders: dict[Path, None] = {}
    try:
        for path, text in files:
            target = _through_symlink(path)
            if target.parent not in folders:
                # one listing per folder; a single file's write cleans only its own leftovers
                remove_stale_temps(target.parent, name=target.name if len(files) == 1 else None)
                folders[target.parent] = None
            tmp = _stage(path, target, text.encode("utf-8"), private=private)
            staged.append((tmp, target, path))
        for done, (tmp, target, path) in enumerate(staged):
            try:
                tmp.replace(target)
            except OSError as exc:
                staged = staged[done:]
                raise _failed(path, exc) from exc
            pause_for_tests("replaced", target)
        staged = []
    finally:
        for tmp, _, _ in staged:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
    for folder in folders:
        fsync_dir(folder)


def _stage(path: Path, target: Path, data: bytes, *, private: bool) -> Path:
    """Write `data` to a synced temporary file beside `target` and return it."""
    mode = _mode_for(target, private=private)
    try:
        # mkstemp creates the file 0600, so personal data is never readable by others.
        fd, tmp_name = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.{os.getpid()}-", suffix=".tmp"
        )
    except PermissionError as exc:
        message = say("{path}: cannot write here: the folder is read-only", path=path)
        raise InputError(message) from exc
    except FileNotFoundError as exc:
        message = say("{path}: cannot write: the folder does not exist", path=path)
        raise InputError(message) from exc
    except OSError as exc:
        raise InputError(
            say("{path}: cannot write: {reason}", path=path, reason=exc.strerror)
        ) from exc
    tmp = Path(tmp_name)
    try:
        pause_for_tests("created", target)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            pause_for_tests("written", target)
            os.fsync(handle.fileno())
        if tmp.read_bytes() != data:
            raise OSError(f"{path}: the written file did not read back the same")
        if mode != PRIVATE_FILE:
            tmp.chmod(mode)
        pause_for_tests("synced", target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise _failed(path, exc) from exc
        raise
    return tmp


def _failed(path: Path, exc: OSError) -> InputError:
    reason = exc.strerror or say("the write failed")
    message = say(
        "{path}: cannot write: {reason}; the old file is unchanged", path=path, reason=reason
    )
    return InputError(message)


def make_private_dir(path: Path) -> None:
    """Create a folder readable by its owner only (and its missing parents, 0700 too)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    try:
        # One level at a time: mkdir(parents=True) would give the parents the default mode.
        for level in reversed(missing):
            level.mkdir(mode=PRIVATE_DIR, exist_ok=True)
    except PermissionError as exc:
        message = say("{path}: cannot create the folder: permission denied or read-only", path=path)
        raise InputError(message) from exc
    except OSError as exc:  # a file where a folder belongs (reports, say), a full disk
        message = say(
            "{path}: cannot create the folder: {reason}",
            path=path,
            reason=exc.strerror or type(exc).__name__,
        )
        raise InputError(
            message, hint=say("move away the file that stands where the folder belongs")
        ) from exc


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entry table so that a rename survives a power cut."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def stale_temps(folder: Path, *, name: str | None = None) -> list[Path]:
    """Return the temporary files in `folder` left by writers that were killed."""
    found: list[Path] = []
    try:
        # `agenda --all` lists a folder of 2,000 agendas once a batch: names, not a Path each
        listed = os.listdir(folder)  # noqa: PTH208 (see above)
        names = [n for n in listed if n.startswith(".") and n.endswith(".tmp")]
    except OSError:
        return []
    now = time.time()
    for entry_name in names:
        match = _TEMP.match(entry_name)
        if match is None or (name is not None and match["name"] != name):
            continue
        entry = folder / entry_name
        try:
            age = now - entry.lstat().st_mtime
        except FileNotFoundError:
            continue
        if age > STALE_TEMP_SECONDS or not _alive(int(match["pid"])):
            found.append(entry)
    return sorted(found)


def remove_stale_temps(folder: Path, *, name: str | None = None) -> list[Path]:
    """Delete the leftovers of killed writes in `folder` (of one file, or all) and return them."""
    removed = []
    for entry in stale_temps(folder, name=name):
        with contextlib.suppress(OSError):
            entry.unlink()
            removed.append(entry)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own earlier temp of this file cannot be in use: writes do not nest
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _through_symlink(path: Path) -> Path:
    # A symlinked program file is written at its target, so the link stays a link.
    return path.resolve() if path.is_symlink() else path


def _mode_for(target: Path, *, private: bool) -> int:
    if private:
        return PRIVATE_FILE
    try:
        return target.stat().st_mode & 0o777  # a file the organiser shared keeps its mode
    except FileNotFoundError:
        return PRIVATE_FILE  # every file rmcli creates is its owner's alone


def pause_for_tests(point: str, target: Path) -> None:
    # Fault-injection tests see every pause point announced and have the writer wait at one of
    # them (the Nth, default the first), so that a kill lands exactly there.
    delay = os.environ.get("RMCLI_TEST_WRITE_PAUSE")
    if not delay:
        return
    if point not in os.environ.get("RMCLI_TEST_WRITE_PAUSE_AT", "synced").split(","):
        return
    only = os.environ.get("RMCLI_TEST_WRITE_PAUSE_FILE")
    if only and only != target.name:
        return

    _PAUSES.append(point)
    sys.stderr.write(f"rmcli-test-pause {point} {target.name}\n")
    sys.stderr.flush()
    if len(_PAUSES) == int(os.environ.get("RMCLI_TEST_WRITE_PAUSE_NTH", "1")):
        gate = os.environ.get("RMCLI_TEST_WRITE_PAUSE_WHILE")
        if not gate:
            time.sleep(float(delay))
            return
        # Wait while the gate file exists (at most the delay): the test decides when to go on.
        until = time.monotonic() + float(delay)
        while Path(gate).exists() and time.monotonic() < until:
            time.sleep(0.05)


_PAUSES: list[str] = []
