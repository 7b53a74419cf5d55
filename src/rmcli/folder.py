"""Name the files of a program folder, find it, load it once and write its files back safely."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel

from rmcli.errors import InputError, Problem, ProblemsError
from rmcli.io import cache, heap, tomlw
from rmcli.io.atomic import write_text
from rmcli.io.cache import CACHE_NAME as CACHE_NAME  # listed with the other names
from rmcli.io.lock import HOLDER_NAME as HOLDER_NAME  # listed with the other names
from rmcli.io.lock import LOCK_NAME as LOCK_NAME
from rmcli.io.splice import splice
from rmcli.io.templates import shipped_root
from rmcli.io.toml import decode, read_model_seen
from rmcli.models import MatchesFile, Program, Roster, SessionsFile
from rmcli.models.checkins import CheckinsFile
from rmcli.words import say

if TYPE_CHECKING:  # imported where read: `status` reads none of them (start-up time)
    from rmcli.models.feedback import FeedbackFile, SurveysFile
    from rmcli.models.recommendations import RecommendationsFile
    from rmcli.models.sent import SentFile

M = TypeVar("M", bound=BaseModel)

PROGRAM_FILE = "program.toml"
ROSTER_FILE = "roster.toml"
MATCHES_FILE = "matches.toml"
SESSIONS_FILE = "sessions.toml"
CHECKINS_FILE = "checkins.toml"
FEEDBACK_FILE = "feedback.toml"
SURVEYS_FILE = "surveys.toml"
ERASURES_FILE = "erasures.toml"
RECOMMENDATIONS_FILE = "recommendations.toml"
SENT_FILE = "sent.toml"
OUTBOX_DIR = "outbox"
REPORTS_DIR = "reports"
AGENDAS_DIR = f"{REPORTS_DIR}/agendas"
KIT_DIR = "kit"  # editable texts for steps 1 and 2: the pitch, the calls, the sign-up sheet
EVALUATION_REPORT = "evaluation.md"  # in REPORTS_DIR
EVALUATION_PAGE = "evaluation.html"  # in REPORTS_DIR
STATUS_PAGE = "status.html"  # in REPORTS_DIR
CHARTS_DIR = "charts"  # in REPORTS_DIR: the evaluation's SVG charts
# LOCK_NAME and HOLDER_NAME (the lock's files) come from rmcli.io.lock, which owns them.
DEFAULT_SURVEYS = ("surveys", "default.toml")  # in a templates folder
GENERATED_HEADER = (
    "# Written by rmcli; rmcli rewrites this file whole, so keep hand edits to values.\n"
)


@dataclass(frozen=True)
class Loaded(Generic[M]):
    """A model with the text it came from, for locating keys in later checks."""

    model: M
    text: str
    file: str
    seen: cache.Seen | None = None  # the bytes read, for entries derived from them


@dataclass(frozen=True)
class FileRead(Generic[M]):
    """One file as read: its model with its text (None when it does not load) and its problems."""

    file: str
    loaded: Loaded[M] | None
    problems: list[Problem]

    def strict(self) -> Loaded[M]:
        """Return the loaded file, raising every problem found in it."""
        if self.loaded is None or self.problems:
            raise ProblemsError(
                self.problems or [Problem(file=self.file, message=say("cannot be loaded"))]
            )
        return self.loaded


def find_program(explicit: Path | None, *, cwd: Path | None = None) -> Path:
    """Return the program folder: the one named, the current one, or the only one in programs/."""
    here = cwd or Path.cwd()
    if explicit is not None:
        folder = explicit if explicit.is_absolute() else here / explicit
        if not (folder / PROGRAM_FILE).is_file():
            raise InputError(
                say("{folder}: no {file} there", folder=explicit, file=PROGRAM_FILE),
                hint=say("create a program with `rmcli init DIR`, or name another folder with -p"),
            )
        return folder if cwd is not None else explicit
    if (here / PROGRAM_FILE).is_file():
        return Path()
    candidates = sorted(p.parent for p in (here / "programs").glob(f"*/{PROGRAM_FILE}"))
    if len(candidates) == 1:
        return candidates[0].relative_to(here)
    if candidates:
        names = ", ".join(str(c.relative_to(here)) for c in candidates)
        raise InputError(
            say("several programs here ({names}); choose one with -p DIR", names=names)
        )
    raise InputError(
        say("no {file} in this folder or under ./programs/", file=PROGRAM_FILE),
        hint=say("create one with `rmcli init DIR`, or name it with -p DIR or RMCLI_PROGRAM"),
    )


def load_file(
    folder: Path,
    name: str,
    model: type[M],
    *,
    missing_ok: bool = False,
    before: FileRead[M] | None = None,
) -> FileRead[M]:
    """Read one file of a program folder: the model with its text, and any problems.

    `before` is the file as read earlier: when it loaded and the file still holds its text,
    it is returned as it was, neither parsed nor checked again.
    """
    path = folder / name
    file = str(path)
    kept = before.loaded if before is not None else None  # a file that loaded had no problems
    if before is not None and kept is not None and kept.text and _holds(path, kept.text):
        return before
    in_folder = path.parent == folder  # not the shipped surveys, say
    with heap.long_lived():  # a year of records: millions of objects held to the end
        found, problems, text, seen = read_model_seen(
            model,
            path,
            file=file,
            missing_ok=missing_ok,
            cache_folder=folder if in_folder else None,
        )
    loaded = None if found is None else Loaded(model=found, text=text, file=file, seen=seen)
    return FileRead(file=file, loaded=loaded, problems=problems)


def _holds(path: Path, text: str) -> bool:
    """Return whether a file's text is still `text` (a model is a function of its text)."""
    try:
        now, _ = decode(path.read_bytes(), file=str(path))
    except OSError:
        return False
    return now == text


def load(folder: Path, *, after: Snapshot | None = None) -> Snapshot:
    """Return the files of a program folder, each read when first asked for.

    With `after` (a snapshot of the same folder taken earlier, as a command reads it again
    under the lock), a file whose text has not changed since is not parsed again: its
    model is the one `after` read, so it must not have been changed in place.
    """
    return Snapshot(folder=folder, after=after)


@dataclass(frozen=True)
class Snapshot:
    """The files of one program folder, each read and checked at most once.

    The `*_file` accessors return what was read with its problems, for `rmcli validate`; the
    model accessors (`program`, `roster` ...) raise those problems, for commands. An optional
    file that does not exist reads as an empty model.
    """

    folder: Path
    after: Snapshot | None = field(default=None, repr=False, compare=False)
    _reads: dict[str, FileRead[Any]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def read(self, name: str, model: type[M], *, missing_ok: bool = False) -> FileRead[M]:
        """Return one file of the folder, read the first time it is asked for."""
        found: FileRead[M] | None = self._reads.get(name)
        if found is None:
            before = self.after._reads.get(name) if self.after is not None else None
            found = load_file(self.folder, name, model, missing_ok=missing_ok, before=before)
            self._reads[name] = found
        return found

    @property
    def program_file(self) -> FileRead[Program]:
        """Return program.toml as read."""
        return self.read(PROGRAM_FILE, Program)

    @property
    def roster_file(self) -> FileRead[Roster]:
        """Return roster.toml as read (an absent roster is a problem)."""
        return self.read(ROSTER_FILE, Roster)

    @property
    def matches_file(self) -> FileRead[MatchesFile]:
        """Return matches.toml as read (no matches when it does not exist yet)."""
        return self.read(MATCHES_FILE, MatchesFile, missing_ok=True)

    @property
    def sessions_file(self) -> FileRead[SessionsFile]:
        """Return sessions.toml as read (no sessions when none is logged yet)."""
        return self.read(SESSIONS_FILE, SessionsFile, missing_ok=True)

    @property
    def checkins_file(self) -> FileRead[CheckinsFile]:
        """Return checkins.toml as read (no answers when none is recorded yet)."""
        return self.read(CHECKINS_FILE, CheckinsFile, missing_ok=True)

    @property
    def feedback_file(self) -> FileRead[FeedbackFile]:
        """Return feedback.toml as read (no answers when nobody answered yet)."""
        from rmcli.models.feedback import FeedbackFile  # noqa: PLC0415 (kept out of start-up)

        return self.read(FEEDBACK_FILE, FeedbackFile, missing_ok=True)

    @property
    def sent_file(self) -> FileRead[SentFile]:
        """Return sent.toml as read (nothing sent when it does not exist yet)."""
        from rmcli.models.sent import SentFile  # noqa: PLC0415 (kept out of start-up)

        return self.read(SENT_FILE, SentFile, missing_ok=True)

    @property
    def surveys_file(self) -> FileRead[SurveysFile]:
        """Return the program's surveys.toml as read, else the default set of its templates."""
        from rmcli.models.feedback import SurveysFile  # noqa: PLC0415 (kept out of start-up)

        if (self.folder / SURVEYS_FILE).is_file():
            return self.read(SURVEYS_FILE, SurveysFile)
        program = self.program_file.loaded
        path = default_surveys_path(program.model if program else None, self.folder)
        # an absolute path: the folder part of `folder / name` falls away
        return self.read(str(path), SurveysFile)

    @property
    def program(self) -> Program:
        """Return program.toml, raising its problems."""
        return self.program_file.strict().model

    @cached_property
    def roster(self) -> Roster:
        """Return roster.toml, raising its problems; who names no zone works in the program's.

        A person without `timezone` reads the program's `[calendar] timezone` (not UTC), so
        placement, matching and agendas all see the zone the organiser meant. The file's own
        model (`roster_file`) keeps what was written, for checks and edits.
        """
        return _zoned(self.roster_file.strict().model, self)

    @property
    def matches(self) -> MatchesFile:
        """Return matches.toml, raising its problems."""
        return self.matches_file.strict().model

    @property
    def sessions(self) -> SessionsFile:
        """Return sessions.toml, raising its problems."""
        return self.sessions_file.strict().model

    @property
    def checkins(self) -> CheckinsFile:
        """Return checkins.toml, raising its problems."""
        return self.checkins_file.strict().model

    @property
    def feedback(self) -> FeedbackFile:
        """Return feedback.toml, raising its problems."""
        return self.feedback_file.strict().model

    @property
    def sent(self) -> SentFile:
        """Return sent.toml, raising its problems."""
        return self.sent_file.strict().model

    @property
    def surveys(self) -> SurveysFile:
        """Return the surveys of the program, raising their problems and the program's."""
        self.program_file.strict()  # surveys belong to a program that loads
        return self.surveys_file.strict().model

    @property
    def recommendations(self) -> RecommendationsFile:
        """Return recommendations.toml (empty when missing), raising its problems."""
        from rmcli.models.recommendations import RecommendationsFile  # noqa: PLC0415 (kept out of start-up)

        return self.read(RECOMMENDATIONS_FILE, RecommendationsFile, missing_ok=True).strict().model


def default_surveys_path(program: Program | None = None, folder: Path | None = None) -> Path:
    """Return the default surveys file: the program's templates_dir, else the shipped one."""
    if program is not None and program.templates_dir and folder is not None:
        own = Path(program.templates_dir).expanduser()
        own = (own if own.is_absolute() else folder / own) / Path(*DEFAULT_SURVEYS)
        if own.is_file():
            return own
    return shipped_root() / Path(*DEFAULT_SURVEYS)


def drawn_charts(folder: Path) -> dict[str, str]:
    """Return the chart files a program's reports folder holds, by name (unreadable: left out).

    The evaluation keeps a chart that is, byte for byte, the one its figures would give.
    """
    found: dict[str, str] = {}
    charts = folder / REPORTS_DIR / CHARTS_DIR
    for path in sorted(charts.glob("*.svg")) if charts.is_dir() else []:
        try:
            found[path.stem] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # drawn again
    return found


def dump_owned(model: BaseModel) -> str:
    """Return the TOML text of a file that rmcli owns, with its generated-file header."""
    data: dict[str, Any] = model.model_dump(mode="python", exclude_none=True)
    return GENERATED_HEADER + tomlw.dumps(data)


def write_owned(
    folder: Path,
    name: str,
    model: BaseModel,
    *,
    private: bool = True,
    before: Loaded[Any] | None = None,
) -> Path:
    """Write a file that rmcli owns whole (matches, sessions, feedback ...), and keep it cached.

    Writers hold the program lock, so nothing replaces the file between the write and the
    cache entry; the models read back from their TOML as they were written (a property test).
    `before` is the file as read, of which `model` is a change (see `_spliced`).
    """
    path = folder / name
    text = _spliced(folder, name, model, before=before) if before is not None else None
    if text is None:
        text = dump_owned(model)
    write_text(path, text, private=private)
    cache.keep(folder, name, model, data=text.encode("utf-8"), seen=path.stat(), written=True)
    return path


def _spliced(folder: Path, name: str, model: BaseModel, *, before: Loaded[Any]) -> str | None:
    """Return `dump_owned(model)` made from the text read, when only a few tables changed.

    Only for a text this rmcli wrote itself (not one edited by hand since), and a model whose
    one field is an array that kept the objects read around the tables that changed (as
    `put_checkins` and `put_record` keep them): the same bytes, without writing 48,000
    check-ins again.
    """
    fields = list(type(model).model_fields)
    if (
        len(fields) != 1
        or type(before.model) is not type(model)
        or before.seen is None
        or not before.text.startswith(GENERATED_HEADER)
        or not cache.wrote(folder, name, before.seen)
    ):
        return None
    old, new = getattr(before.model, fields[0]), getattr(model, fields[0])
    start = 0
    while start < min(len(old), len(new)) and new[start] is old[start]:
        start += 1
    end = 0  # tables kept at the end
    while end < min(len(old), len(new)) - start and new[-1 - end] is old[-1 - end]:
        end += 1
    changed = new[start : len(new) - end]
    if not all(isinstance(item, BaseModel) for item in changed):
        return None
    body = splice(
        before.text[len(GENERATED_HEADER) :],
        key=fields[0],
        count=len(old),
        start=start,
        stop=len(old) - end,
        tables=[item.model_dump(mode="python", exclude_none=True) for item in changed],
    )
    return None if body is None else GENERATED_HEADER + body


def _zoned(roster: Roster, snapshot: Snapshot) -> Roster:
    """Return the roster with the program's zone for everyone who names none."""
    program = snapshot.program_file.loaded
    if program is None:
        return roster  # the program's own problems are reported where it is read
    zone = program.model.calendar.timezone
    unset = [p for p in roster.people if "timezone" not in p.model_fields_set]
    if not unset or all(p.timezone == zone for p in unset):
        return roster
    people = [
        p if "timezone" in p.model_fields_set else p.model_copy(update={"timezone": zone})
        for p in roster.people
    ]
    return roster.model_copy(update={"people": people})
