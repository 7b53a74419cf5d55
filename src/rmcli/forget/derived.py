"""Files rmcli made from the program (reports, agendas, calendars, sheets) after a person goes.

Each is removed or rewritten so that none names or quotes the forgotten person:

- under reports/ and outbox/ (introductions `announce` wrote): a file of one of their matches,
  or one that mentions them, is removed; the
  evaluation report is removed whenever anything of theirs goes, because its counts and quoted
  answers include them (`rmcli evaluate` makes it again);
- a calendar rmcli wrote (its PRODID says so), anywhere in the folder: their own events go, they
  leave the attendee list of shared ones (cohort meetings), and a calendar with no event left,
  or named after them, is removed;
- a CSV sheet with a `person` or `id` column first: their rows go.

Files rmcli did not write are left alone; the mention search afterwards points them out.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from rmcli.folder import EVALUATION_REPORT, OUTBOX_DIR, REPORTS_DIR
from rmcli.progress import Progress, due, quiet
from rmcli.words import say

RMCLI_PRODID = "-//rmcli//"
ROW_KEYS = ("person", "id")


@dataclass
class Derived:
    """What happens to the derived files: removed, or rewritten with a new text."""

    removed: list[str] = field(default_factory=list)
    rewritten: dict[str, str] = field(default_factory=dict)


def plan_derived(
    folder: Path,
    *,
    person: str,
    email: str,
    pattern: re.Pattern[str],
    matches: set[str],
    progress: Progress = quiet,
) -> Derived:
    """Return what to remove and rewrite among the files rmcli derived in `folder`."""
    derived = Derived()
    files = _files(folder)
    phase = say("reports and calendars looked through")
    for done, path in enumerate(files, start=1):
        if due(done, len(files)):
            progress(phase, done, len(files))
        name = str(path.relative_to(folder))
        text = _read(path)
        if text is None:
            continue
        if path.suffix == ".ics" and RMCLI_PRODID in text:
            new = None if pattern.search(path.name) else _calendar(text, email, pattern)
        elif path.suffix == ".csv" and path.relative_to(folder).parts[0] not in (
            REPORTS_DIR,
            OUTBOX_DIR,
        ):
            new = _sheet(text, person)
        elif path.relative_to(folder).parts[0] in (REPORTS_DIR, OUTBOX_DIR):
            of_match = any(path.name.startswith(f"{m}-") or path.stem == m for m in matches)
            mentioned = of_match or pattern.search(path.name) or pattern.search(text)
            new = None if mentioned or path.name == EVALUATION_REPORT else text
        else:
            continue
        if new is None:
            derived.removed.append(name)
        elif new != text:
            derived.rewritten[name] = new
    return derived


def _files(folder: Path) -> list[Path]:
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).parts
        if any(part.startswith(".") for part in relative):
            continue
        if path.is_file() and not path.is_symlink():
            found.append(path)
    return found


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _calendar(text: str, email: str, pattern: re.Pattern[str]) -> str | None:
    """Return the calendar without the person's events and attendance; None if nothing is left."""
    from icalendar import Calendar  # noqa: PLC0415 (kept out of start-up)

    calendar = Calendar.from_ical(text)
    address = f"mailto:{email}".casefold() if email else ""
    kept = []
    events = 0
    for component in calendar.subcomponents:
        if component.name != "VEVENT":
            kept.append(component)
            continue
        attendees = component.get("attendee", [])
        attendees = attendees if isinstance(attendees, list) else [attendees]
        others = [
            a
            for a in attendees
            if str(a).casefold() != address and not pattern.search(str(a.params.get("cn", "")))
        ]
        if len(others) != len(attendees):
            component.pop("attendee")
            for attendee in others:
                component.add("attendee", attendee, encode=False)
        if pattern.search(component.to_ical().decode("utf-8", errors="replace")):
            continue  # their own session: it names them or their match
        kept.append(component)
        events += 1
    if events == 0:
        return None
    calendar.subcomponents[:] = kept
    data: bytes = calendar.to_ical()
    return data.decode("utf-8")


def _sheet(text: str, person: str) -> str:
    """Return a CSV sheet without the rows about the person (keyed by its first column)."""
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or not rows[0] or rows[0][0].strip().casefold() not in ROW_KEYS:
        return text
    kept = [rows[0], *(r for r in rows[1:] if not r or r[0].strip() != person)]
    if len(kept) == len(rows):
        return text
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n" if "\r\n" in text else "\n")
    writer.writerows(kept)
    return buffer.getvalue()
