"""The one helper that writes files: whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from rmcli.errors import InputError

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
PUBLIC_FILE = 0o644


def write_text(path: Path, text: str, *, private: bool = True) -> None:
    """Replace `path` with `text` atomically: temp file, fsync, re-read, rename, fsync folder."""
    data = text.encode("utf-8")
    target = _through_symlink(path)
    folder = target.parent
    mode = _mode_for(target, private=private)
    try:
        fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except PermissionError as exc:
        raise InputError(f"{path}: cannot write here: the folder is read-only") from exc
    except FileNotFoundError as exc:
        raise InputError(f"{path}: cannot write: the folder does not exist") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if tmp.read_bytes() != data:
            raise OSError(f"{path}: the written file did not read back the same")
        if mode != PRIVATE_FILE:
            tmp.chmod(mode)
        _pause_for_tests()
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    fsync_dir(folder)


def make_private_dir(path: Path) -> None:
    """Create a folder readable by its owner only (and its missing parents)."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entry table so that a rename survives a power cut."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _through_symlink(path: Path) -> Path:
    # A symlinked program file is written at its target, so the link stays a link.
    return path.resolve() if path.is_symlink() else path


def _mode_for(target: Path, *, private: bool) -> int:
    if private:
        return PRIVATE_FILE
    try:
        return target.stat().st_mode & 0o777
    except FileNotFoundError:
        return PUBLIC_FILE


def _pause_for_tests() -> None:
    # Fault-injection tests set this to kill a writer between fsync and rename.
    delay = os.environ.get("RMCLI_TEST_WRITE_PAUSE")
    if delay:
        import time

        time.sleep(float(delay))
