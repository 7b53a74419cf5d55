"""One writer at a time on a program folder."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rmcli.errors import InputError, LockedError

LOCK_NAME = ".rmcli.lock"
WAIT_SECONDS = 5.0


@contextmanager
def program_lock(folder: Path, *, timeout: float | None = None) -> Iterator[None]:
    """Hold `<folder>/.rmcli.lock` for a whole read-modify-write."""
    from filelock import FileLock, Timeout

    wait = float(os.environ.get("RMCLI_LOCK_TIMEOUT", WAIT_SECONDS)) if timeout is None else timeout
    lock = FileLock(folder / LOCK_NAME, mode=0o600)
    try:
        lock.acquire(timeout=wait)
    except Timeout as exc:
        raise LockedError(
            f"{folder}: another rmcli command is changing this program; try again when it ends",
            hint=f"if no rmcli is running, the lock is held by a stuck process: see {LOCK_NAME}",
        ) from exc
    except PermissionError as exc:
        raise InputError(f"{folder}: cannot write here: the folder is read-only") from exc
    try:
        yield
    finally:
        lock.release()
