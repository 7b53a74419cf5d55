"""Keep big program files as validated JSON, so a command reads them without parsing TOML.

A program with a year of data holds megabytes of TOML; parsing and validating it took about
as long as everything else a command does. A cache entry is the model's JSON behind a key
made of the file's bytes and the model's schema, so an entry is used only for exactly the
bytes it was made from, by the code that made it; anything else falls back to the parse.
Entries hold the same personal data as their files: 0600, in a folder git ignores, and
`rmcli forget` removes the folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from rmcli.errors import InputError, RmcliError
from rmcli.io.atomic import make_private_dir, write_text
from rmcli.words import say

M = TypeVar("M", bound=BaseModel)

CACHE_NAME = ".rmcli-cache"  # in the program folder
CACHE_FROM_BYTES = 64 * 1024  # smaller files parse in milliseconds: not worth an entry
_FORMAT = b"rmcli-cache 1\n"
# what changes from one process to the next: validators' addresses, the ids in schema refs
_ADDRESS = re.compile(r" at 0x[0-9a-f]+|:[0-9]{6,}(?=')")
_IGNORE = "# rmcli's cache of this program's big files (personal data): never commit it.\n*\n"


def key_of(model: type[BaseModel], data: bytes) -> str:
    """Return the key of a file's bytes read as `model`."""
    digest = hashlib.blake2b(_FORMAT, digest_size=20)
    digest.update(_code_of(model).encode())
    digest.update(data)
    return digest.hexdigest()


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


@lru_cache(maxsize=1)
def _models_source() -> bytes:
    """Return a digest of the source of the models package and the dates it checks against."""
    here = Path(__file__).resolve().parent.parent  # the rmcli package
    digest = hashlib.blake2b(digest_size=20)
    for source in sorted([*(here / "models").glob("*.py"), here / "dates.py"]):
        digest.update(source.read_bytes())
    return digest.digest()


def entry_path(folder: Path, name: str) -> Path:
    """Return where the entry of one file of the folder is kept."""
    return folder / CACHE_NAME / f"{name}.json"


def recall(folder: Path, name: str, model: type[M], *, data: bytes) -> M | None:
    """Return the model kept for exactly these bytes, else None."""
    if len(data) < CACHE_FROM_BYTES:
        return None
    try:
        kept = entry_path(folder, name).read_bytes()
    except OSError:
        return None
    key, _, body = kept.partition(b"\n")
    if key.decode("ascii", "replace") != key_of(model, data):
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
    path = entry_path(folder, name)
    # only what the file sets: a default stays a default (`model_fields_set` tells them apart)
    if written:
        body = found.model_dump_json(by_alias=True, exclude_none=True)
    else:
        body = found.model_dump_json(by_alias=True, exclude_unset=True)
    text = key_of(type(found), data) + "\n" + body
    try:
        if not path.parent.is_dir():
            make_private_dir(path.parent)
            write_text(path.parent / ".gitignore", _IGNORE)
        write_text(path, text)
    except (RmcliError, OSError):
        return  # a read-only folder still answers, only without the cache
    if not _same_file(folder / name, seen):
        with contextlib.suppress(OSError):
            path.unlink()


def _same_file(path: Path, seen: os.stat_result) -> bool:
    """Tell whether `path` is still the file whose status was `seen`."""
    try:
        now = path.stat()
    except OSError:
        return False
    return (now.st_ino, now.st_size, now.st_mtime_ns) == (
        seen.st_ino,
        seen.st_size,
        seen.st_mtime_ns,
    )


def drop(folder: Path) -> None:
    """Remove the folder's cache, every entry of every file (what `forget` must not leave)."""
    cache = folder / CACHE_NAME
    try:
        shutil.rmtree(cache)
    except FileNotFoundError:
        return
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(
            say("{path}: cannot delete the cache: {reason}", path=cache, reason=reason)
        ) from exc
