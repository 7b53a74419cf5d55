"""Keep big program files as validated JSON, so a command reads them without parsing TOML.

A program with a year of data holds megabytes of TOML; parsing and validating it took about
as long as everything else a command does. A cache entry is the model's JSON behind a key
made of the file's bytes and the model's schema, so an entry is used only for exactly the
bytes it was made from, by the code that made it; anything else falls back to the parse.
Entries hold the same personal data as their files: 0600, in a folder git ignores, and
`rmcli forget` removes the folder.

`status` and `evaluate` keep their entries after the answer (`answer_first`): where a child
can be forked (`aside.hand_off`), the child writes them while the command ends. The child
holds `.rmcli-cache/.writing` shared while it writes; `drop` (what `forget` calls) and
`settled` take it whole, so they wait for it. A command started meanwhile may miss an entry
and parse or plan again; entries are whole files, and each checks its files after it is
written (`keep_entry`), so what a child writes after a `forget` is removed again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import VERSION as PYDANTIC_VERSION
from pydantic import BaseModel, ValidationError

from rmcli.errors import InputError, RmcliError
from rmcli.io import aside
from rmcli.io.atomic import make_private_dir, write_text
from rmcli.words import say

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

CACHE_NAME = ".rmcli-cache"  # in the program folder
CACHE_FROM_BYTES = 64 * 1024  # smaller files parse in milliseconds: not worth an entry
_FORMAT = b"rmcli-cache 2\n"  # 2: the key hashes the digest of the bytes
# what changes from one process to the next: validators' addresses, the ids in schema refs
_ADDRESS = re.compile(r" at 0x[0-9a-f]+|:[0-9]{6,}(?=')")
_WROTE = ".written"  # the entry of which bytes rmcli wrote to a file
_WRITING = ".writing"  # locked (shared) by whoever keeps entries after an answer (`answer_first`)
_IGNORE = "# rmcli's cache of this program's big files (personal data): never commit it.\n*\n"


def key_of(model: type[BaseModel], data: bytes) -> str:
    """Return the key of a file's bytes read as `model`: its code and the bytes' digest."""
    digest = hashlib.blake2b(_FORMAT, digest_size=20)
    digest.update(_code_of(model).encode())
    digest.update(digest_of(data).encode())
    return digest.hexdigest()


_DIGESTS: dict[int, tuple[bytes, str]] = {}  # by id, with the bytes: an id is never reused
_DIGESTS_KEPT = 8  # the files of one command, hashed for `Seen`, the key and the `.written`


def digest_of(data: bytes) -> str:
    """Return the digest of a file's bytes, hashed once for all that ask for the same bytes."""
    found = _DIGESTS.get(id(data))
    if found is not None and found[0] is data:
        return found[1]
    digest = hashlib.blake2b(data, digest_size=20).hexdigest()
    if len(_DIGESTS) >= _DIGESTS_KEPT:
        del _DIGESTS[next(iter(_DIGESTS))]  # the oldest
    _DIGESTS[id(data)] = (data, digest)
    return digest


@lru_cache
def _code_of(model: type[BaseModel]) -> str:
    """Return a fingerprint of the code that validates `model`: its schema and the models' source.

    The schema names validators but not their bodies, so the source of the models package
    (and of the dates it checks against) is part of the key: an entry made by other code is
    never used.
    """
    schema = _ADDRESS.sub("", repr(model.__pydantic_core_schema__))
    digest = hashlib.blake2b(schema.encode(), digest_size=20)
    digest.update(_models_source())
    return f"{model.__module__}.{model.__qualname__} {digest.hexdigest()}"


def _models_source() -> bytes:
    """Return a digest of the source of the models package and the dates it checks against."""
    return source_digest(("models", "dates.py"))


@lru_cache
def source_digest(paths: tuple[str, ...]) -> bytes:
    """Return a digest of rmcli's source under `paths` (packages or modules), once a process."""
    here = Path(__file__).resolve().parent.parent  # the rmcli package
    files: list[Path] = []
    for name in paths:
        place = here / name
        files.extend(place.rglob("*.py") if place.is_dir() else [place])
    digest = hashlib.blake2b(digest_size=20)
    for source in sorted(files):
        digest.update(str(source.relative_to(here)).encode() + b"\0")
        digest.update(source.read_bytes())
    return digest.digest()


@dataclass(frozen=True)
class Seen:
    """The bytes a command read of one file: their digest, and the file's status before reading."""

    digest: str
    status: tuple[int, int, int] | None  # inode, size, mtime in ns; None: the file was absent

    @classmethod
    def of(cls, data: bytes, status: os.stat_result | None) -> Seen:
        """Return what was seen of a file's bytes (None status: absent)."""
        return cls(digest_of(data), None if status is None else _identity(status))


def entry_path(folder: Path, name: str) -> Path:
    """Return where the entry of one file of the folder is kept."""
    return folder / CACHE_NAME / f"{name}.json"


def recall_entry(folder: Path, name: str, key: str) -> bytes | None:
    """Return the body of the entry `name` when it was kept under `key`, else None."""
    try:
        kept = entry_path(folder, name).read_bytes()
    except OSError:
        return None
    found, _, body = kept.partition(b"\n")
    return body if found.decode("ascii", "replace") == key else None


def keep_entry(folder: Path, name: str, key: str, data: str, *, inputs: Mapping[str, Seen]) -> None:
    """Keep `data` under `key`, unless a file of `inputs` (by name) changed since it was seen.

    The check comes after the write: if a file is replaced meanwhile (a `forget` running
    beside this command, say), the entry is removed again, so nothing erased lives on in it.
    """
    path = entry_path(folder, name)
    try:
        _make_cache(path.parent)
        write_text(path, key + "\n" + data)
    except (RmcliError, OSError):
        return  # a read-only folder still answers, only without the cache
    if not all(_still(folder / file, seen.status) for file, seen in inputs.items()):
        with contextlib.suppress(OSError):
            path.unlink()


# entries to keep once the command answered, each with its program folder
_pending: list[tuple[Path, Callable[[], None]]] | None = None


@contextmanager
def answer_first(*, flush: Callable[[], None], behind: bool = False) -> Iterator[None]:
    """Keep the entries asked for in the block at its end, after `flush` sent out the answer.

    Making an entry (the model's JSON, the plan's) is a few tenths of a second of a first
    run at 10,000 people that the answer does not need. With `behind` (the command ends
    after the block) a forked child keeps them while the command ends, where one can be
    (`aside.hand_off`), else they are kept here. Within another such block, the entries are
    kept at the end of the outer one. An entry still checks, when it is written, that its
    files are the ones it was made from (`keep_entry`); an interrupted command keeps none.
    """
    global _pending
    outer = _pending
    mine: list[tuple[Path, Callable[[], None]]] = []
    _pending = mine
    try:
        yield
    except (KeyboardInterrupt, SystemExit):
        mine.clear()  # interrupted: nothing kept
        raise
    finally:  # also after an exit code that follows the answer (flags that need action)
        _pending = outer
        if mine and outer is not None:  # within a block that answers last: kept at its end
            outer.extend(mine)
        elif mine:
            flush()
            _keep_all(mine, behind=behind)


def later(folder: Path, keep_one: Callable[[], None]) -> None:
    """Keep an entry of the folder now, or at the end of `answer_first` when a command answers first."""
    if _pending is None:
        keep_one()
    else:
        _pending.append((folder, keep_one))


def _keep_all(entries: list[tuple[Path, Callable[[], None]]], *, behind: bool) -> None:
    """Keep the entries, holding each folder's `_WRITING` lock: by a child `behind`, else here."""
    folders = list(dict.fromkeys(folder for folder, _ in entries))
    held: list[int] = []

    def start() -> bool:
        held.extend(fd for fd in map(_writing, folders) if fd >= 0)
        return True

    def work() -> None:
        for _, keep_one in entries:
            keep_one()

    if behind and aside.hand_off(start=start, work=work):
        return
    try:
        start()
        work()
    finally:
        for fd in held:
            os.close(fd)


def _writing(folder: Path) -> int:
    """Return the folder's `_WRITING` lock, held shared (-1: the cache folder cannot be made).

    `drop` and `settled` take it whole, so they wait for every writer. The file is removed
    with the folder (by `drop`, say) while another writer waits for it: that one then makes
    the folder and its lock again.
    """
    path = folder / CACHE_NAME / _WRITING
    while True:
        try:
            _make_cache(path.parent)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except (RmcliError, OSError):
            return -1  # a read-only folder: no entries either
        _lock(fd, shared=True)
        try:
            if os.path.samestat(os.fstat(fd), path.stat()):
                return fd
        except OSError:
            pass
        os.close(fd)


def settled(folder: Path) -> None:
    """Wait until no process is keeping entries of the folder (a child left to it by a command)."""
    with _writers_done(folder):
        pass


@contextmanager
def _writers_done(folder: Path) -> Iterator[None]:
    """Wait for the folder's writers of entries, and keep others out during the block."""
    try:
        fd = os.open(folder / CACHE_NAME / _WRITING, os.O_RDONLY)
    except OSError:  # no cache or no writer ever: nobody to wait for
        yield
        return
    try:
        _lock(fd, shared=False)
        yield
    finally:
        os.close(fd)  # and the lock with it


if sys.platform == "win32":  # no child is left to write there (`aside.forks`)

    def _lock(fd: int, *, shared: bool) -> None:
        """Take no lock (Windows)."""

else:
    import fcntl

    def _lock(fd: int, *, shared: bool) -> None:
        """Wait for the lock of an open file, shared or whole (released when it is closed)."""
        fcntl.flock(fd, fcntl.LOCK_SH if shared else fcntl.LOCK_EX)


def remembered(
    folder: Path,
    name: str,
    key: str | None,
    *,
    compute: Callable[[], T],
    decode: Callable[[bytes], T | None],
    encode: Callable[[T], str | None],
    worth: Callable[[T], bool],
    inputs: Mapping[str, Seen],
) -> T:
    """Return what entry `name` keeps under `key`, else `compute()`, kept (`later`) when
    `worth` it; no key: computed, not kept. `decode` and `encode` give None for what an
    entry cannot carry: computed again, or not kept."""
    body = None if key is None else recall_entry(folder, name, key)
    found = None if body is None else decode(body)
    if found is not None:
        return found
    made = compute()
    if key is not None and worth(made):

        def keep_one(key: str = key) -> None:
            encoded = encode(made)
            if encoded is not None:
                keep_entry(folder, name, key, encoded, inputs=inputs)

        later(folder, keep_one)
    return made


def recall(folder: Path, name: str, model: type[M], *, data: bytes) -> M | None:
    """Return the model kept for exactly these bytes, else None."""
    if len(data) < CACHE_FROM_BYTES:
        return None
    body = recall_entry(folder, name, key_of(model, data))
    if body is None:
        return None
    try:
        return model.model_validate_json(body)
    except ValidationError:
        return None  # an entry of an older rmcli: read the file instead


def keep(
    folder: Path,
    name: str,
    found: BaseModel,
    *,
    data: bytes,
    seen: os.stat_result,
    written: bool = False,
) -> None:
    """Keep a validated model of a file's bytes, unless the file changed meanwhile.

    `seen` is the file's status before its bytes were read. If the file is replaced after
    that (a `forget` running beside this command, say), the entry is removed again, so an
    erased person never lives on in the cache. A file rmcli has just `written` from `found`
    (every value but None, as `folder.dump_owned` writes it) is kept as reading it back
    would give it, so the next command need not parse it.
    """
    if len(data) < CACHE_FROM_BYTES:
        return
    key, inputs = key_of(type(found), data), {name: Seen("", _identity(seen))}

    def keep_one() -> None:
        # only what the file sets: a default stays a default (`model_fields_set` tells them apart)
        if written:
            body = found.model_dump_json(by_alias=True, exclude_none=True)
        else:
            body = found.model_dump_json(by_alias=True, exclude_unset=True)
        keep_entry(folder, name, key, body, inputs=inputs)
        if written:  # and which bytes rmcli wrote, so that a change can be spliced in (`wrote`)
            keep_entry(folder, f"{name}{_WROTE}", _writer(), digest_of(data), inputs=inputs)

    later(folder, keep_one)


def wrote(folder: Path, name: str, seen: Seen) -> bool:
    """Tell whether the bytes `seen` are those this rmcli last wrote to the file, from a model."""
    kept = recall_entry(folder, f"{name}{_WROTE}", _writer())
    return kept is not None and kept.decode("ascii", "replace") == seen.digest


@lru_cache
def _writer() -> str:
    """Return a fingerprint of the code that turns a model into a file's text."""
    digest = hashlib.blake2b(f"{sys.version} {PYDANTIC_VERSION}".encode(), digest_size=20)
    digest.update(source_digest(("folder.py", "io/tomlw.py", "models", "dates.py")))
    return digest.hexdigest()


def _identity(status: os.stat_result) -> tuple[int, int, int]:
    return (status.st_ino, status.st_size, status.st_mtime_ns)


def _still(path: Path, seen: tuple[int, int, int] | None) -> bool:
    """Tell whether `path` is still the file whose status was `seen` (None: still absent)."""
    try:
        now = path.stat()
    except FileNotFoundError:
        return seen is None
    except OSError:
        return False
    return seen is not None and _identity(now) == seen


def _make_cache(cache: Path) -> None:
    """Make the cache folder, private and ignored by git, unless it is there."""
    if not cache.is_dir():
        make_private_dir(cache)
        write_text(cache / ".gitignore", _IGNORE)


def drop(folder: Path) -> None:
    """Remove the folder's cache, every entry of every file (what `forget` must not leave).

    A child still keeping entries of an earlier command is waited for (`settled`).
    """
    cache = folder / CACHE_NAME
    try:
        with _writers_done(folder):
            shutil.rmtree(cache)
    except FileNotFoundError:
        return
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(
            say("{path}: cannot delete the cache: {reason}", path=cache, reason=reason)
        ) from exc
