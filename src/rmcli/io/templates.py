"""Find and render Jinja2 templates: a program's own folder first, then the ones rmcli ships."""

from __future__ import annotations

import functools
import traceback
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rmcli import words
from rmcli.errors import InputError
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


def environment(
    *, area: str, language: str, program_folder: Path, templates_dir: str | None
) -> jinja2.Environment:
    """Return a Jinja2 environment for one area and language; undefined names are errors.

    Templates get the language's words as `_()`, `ngettext()`, `pgettext()`, dates as
    `format_date(day, form="long")` and figures through the `number` filter.
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
    )
    env.install_gettext_translations(words.translation(language), newstyle=True)  # type: ignore[attr-defined]
    env.globals["format_date"] = functools.partial(words.format_date, language=language)
    # Every figure a reader sees, grouped and with the decimal sign of the language:
    # {{ count | number }} -> 1,695 / 1.695; {{ mean | number(places=2) }} -> 4.5 / 4,5.
    env.filters["number"] = functools.partial(words.format_number, language=language)
    return env


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
