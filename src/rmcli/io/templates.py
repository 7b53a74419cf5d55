"""Find and render Jinja2 templates: a program's own folder first, then the ones rmcli ships.

Compiling a template is most of rendering a report (the evaluation's: ~40 ms). A program
that has a cache folder (`io.cache`: big programs only) keeps each template's compiled code
there (`_compiled`), under a key of the template's exact source, Jinja's and Python's
versions and this module, so an organiser's edited template is compiled again.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
import hashlib
import marshal
import os
import sys
import traceback
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rmcli import words
from rmcli.errors import InputError, RmcliError
from rmcli.io import cache
from rmcli.io.atomic import write_text
from rmcli.io.toml import locate
from rmcli.words import say

if TYPE_CHECKING:
    import jinja2


def shipped_root() -> Path:
    """Return the templates folder shipped with rmcli (in the wheel, else the checkout's)."""
    packaged = resources.files("rmcli") / "templates"
    if isinstance(packaged, Path) and packaged.is_dir():
        return packaged
    # An editable install or a checkout: templates/ sits at the top of the repository.
    return Path(__file__).resolve().parents[3] / "templates"


def search_path(
    *, area: str, language: str, program_folder: Path, templates_dir: str | None
) -> list[Path]:
    """Return the folders searched for an area's templates, the program's override first.

    A language's folder holds its whole texts; the area's own folder holds what every
    language shares (words there go through the catalogs).
    """
    folders: list[Path] = []
    shared: list[Path] = []
    if templates_dir:
        own = Path(templates_dir).expanduser()
        own = own if own.is_absolute() else program_folder / own
        if not own.is_dir():
            raise InputError(
                say(
                    "{place}: templates_dir: folder {folder} does not exist",
                    place=_setting_place(program_folder / "program.toml", "templates_dir"),
                    folder=templates_dir,
                ),
                hint=say("point templates_dir in program.toml at a folder, or remove the key"),
            )
        folders.append(own / area / language)
        shared.append(own / area)
    folders.append(shipped_root() / area / language)
    shared.append(shipped_root() / area)
    return [f for f in (*folders, *shared) if f.is_dir()]


def _setting_place(file: Path, key: str) -> str:
    """Return `FILE:LINE` of a top-level setting (just FILE when it cannot be read)."""
    try:
        line = locate(file.read_text(encoding="utf-8"), (key,))
    except (OSError, UnicodeDecodeError):
        line = None
    return _place(str(file), line)


@functools.lru_cache(maxsize=16)
def environment(
    *, area: str, language: str, program_folder: Path, templates_dir: str | None
) -> jinja2.Environment:
    """Return a Jinja2 environment for one area and language; undefined names are errors.

    Templates get the language's words as `_()`, `ngettext()`, `pgettext()`, dates as
    `format_date(day, form="long")` and figures through the `number` filter. One environment
    a process for the same arguments, so a template is compiled once (`prepare`).
    """
    import jinja2  # noqa: PLC0415 (kept out of start-up)

    folders = search_path(
        area=area, language=language, program_folder=program_folder, templates_dir=templates_dir
    )
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        undefined=jinja2.StrictUndefined,
        # Markdown and plain text as written; HTML templates (*.html.j2) escape every value.
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default=False),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=_compiled(program_folder),
    )
    env.install_gettext_translations(words.translation(language), newstyle=True)  # type: ignore[attr-defined]
    env.globals["format_date"] = functools.partial(words.format_date, language=language)
    # Every figure a reader sees, grouped and with the decimal sign of the language:
    # {{ count | number }} -> 1,695 / 1.695; {{ mean | number(places=2) }} -> 4.5 / 4,5.
    env.filters["number"] = functools.partial(words.format_number, language=language)
    return env


def prepare(env: jinja2.Environment, name: str) -> None:
    """Load and compile a template before it is rendered; a fault is left for `render` to report."""
    with contextlib.suppress(Exception):  # `render` meets it again and names file and line
        env.get_template(name)


def render(env: jinja2.Environment, name: str, context: Mapping[str, Any]) -> str:
    """Render one template, turning any template fault into an InputError naming file and line."""
    import jinja2  # noqa: PLC0415 (kept out of start-up)

    try:
        return tidy(env.get_template(name).render(**context))
    except jinja2.TemplateNotFound as exc:
        raise InputError(
            say("template {name} not found", name=exc.name),
            hint=say("a templates_dir override must keep the names of rmcli's templates"),
        ) from None
    except jinja2.TemplateSyntaxError as exc:
        where = _place(exc.filename or exc.name or name, exc.lineno)
        message = say("{where}: template syntax error: {reason}", where=where, reason=exc.message)
        raise InputError(message) from None
    except Exception as exc:  # any fault while rendering is the template's, not the user's data
        file, line = _template_frame(exc, fallback=name)
        message = say(
            "{where}: template failed: {error}: {reason}",
            where=_place(file, line),
            error=type(exc).__name__,
            reason=_short(exc),
        )
        raise InputError(message) from None


def tidy(text: str) -> str:
    """Return text with runs of blank lines collapsed to one and a single final newline."""
    lines = [line.rstrip() for line in text.strip("\n").splitlines()]
    kept: list[str] = []
    for line in lines:
        if line or (kept and kept[-1]):
            kept.append(line)
    return "\n".join(kept) + "\n"


def _place(file: str, line: int | None) -> str:
    return f"{file}:{line}" if line else file


def _short(exc: Exception) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return text[:200]


def _template_frame(exc: BaseException, *, fallback: str) -> tuple[str, int | None]:
    # Jinja2 rewrites tracebacks so that template lines appear as frames of the .j2 file.
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.endswith(".j2")]
    if not frames:
        return fallback, None
    last = frames[-1]
    return last.filename, last.lineno


def _compiled(program_folder: Path) -> jinja2.BytecodeCache | None:
    """Return the keeper of compiled templates in the program's cache folder (None: no owners
    to check files by, as on Windows)."""
    import jinja2  # noqa: PLC0415 (kept out of start-up)

    class Compiled(jinja2.BytecodeCache):
        """Compiled templates as files of the cache folder, used only when they are this user's own.

        Such a file is code that rendering runs: one that another user could have written
        (owner, or a folder or file writable by group or others) is never loaded.
        """

        def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            """Set the bucket's code from its file, when there is one of this user's own."""
            body = _private_bytes(_compiled_path(program_folder, bucket))
            if body is not None:
                with contextlib.suppress(ValueError, EOFError, TypeError, binascii.Error):
                    bucket.code = marshal.loads(base64.b64decode(body, validate=True))

        def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
            """Keep the bucket's code once the command answered, where the program has a cache."""
            path = _compiled_path(program_folder, bucket)
            if not path.parent.is_dir():
                # Never made for this (small programs have none), nor asked for: an entry
                # pending would have the command keep entries, and so make the folder.
                return
            body = base64.b64encode(marshal.dumps(bucket.code)).decode("ascii")

            def keep() -> None:
                if path.parent.is_dir():  # not removed meanwhile (`forget`)
                    with contextlib.suppress(RmcliError, OSError):
                        write_text(path, body)

            cache.later(program_folder, keep)

    return Compiled() if hasattr(os, "geteuid") else None


def _compiled_path(program_folder: Path, bucket: jinja2.bccache.Bucket) -> Path:
    """Return the file of a template's code: named by its name, file, source and compiler."""
    import jinja2  # noqa: PLC0415 (kept out of start-up)

    digest = hashlib.blake2b(_COMPILED_FORMAT, digest_size=20)
    digest.update(f"{sys.version}\0{jinja2.__version__}\0".encode())
    digest.update(cache.source_digest(("io/templates.py",)))
    digest.update(f"{bucket.key}\0{bucket.checksum}".encode())
    return program_folder / cache.CACHE_NAME / f"template.{digest.hexdigest()}.code"


_COMPILED_FORMAT = b"rmcli-template 1\n"


def _private_bytes(path: Path) -> bytes | None:
    """Return a file's bytes when it and its folder are this user's and no one else may write them."""
    try:
        if not _private(path.parent.stat()):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as file:
        if not _private(os.fstat(fd)):
            return None
        return file.read()


def _private(status: os.stat_result) -> bool:
    return status.st_uid == os.geteuid() and not status.st_mode & 0o022
