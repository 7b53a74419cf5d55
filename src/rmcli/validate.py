"""Check a whole program folder and report every problem at once (`rmcli validate`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from rmcli.errors import Problem
from rmcli.feedback.files import check_feedback_file
from rmcli.folder import Snapshot, load
from rmcli.forget.record import check_erasures
from rmcli.io.labels import tag_labels
from rmcli.io.lock import leftover_problems
from rmcli.io.toml import locate
from rmcli.matching import check_match_rules
from rmcli.models.program import ADVISED_SESSION_MINUTES
from rmcli.org import find_cycles
from rmcli.roster.checks import roster_problems
from rmcli.running.checkin import checkin_file_problems
from rmcli.running.log import session_file_problems
from rmcli.schedule.place import Hours, best_shared_minutes, default_hours, hours_of
from rmcli.words import SOURCE_LANGUAGE, say, say_n

COHORT = "cohort"  # the match id of the whole-cohort group sessions

__all__ = ["check_program", "find_cycles", "has_errors"]

Check = Callable[[Snapshot], list[Problem]]


def check_program(folder: Path) -> list[Problem]:
    """Return every error and warning about the files of a program folder."""
    snapshot = load(folder)
    return [problem for check in checks() for problem in check(snapshot)]


def checks() -> list[Check]:
    """Return the checks of a program, in the order their problems are reported."""
    return [
        file_problems,
        check_templates,
        checkin_file_problems,
        session_file_problems,
        check_feedback_file,
        check_match_rules,
        check_leftovers,
        check_erasures,
        check_plan,
        check_method,
        check_labels,
        check_roster,
        check_commitment,
        check_matches,
        check_shared_hours,
        check_sessions,
    ]


def file_problems(snapshot: Snapshot) -> list[Problem]:
    """Return the problems that keep program, roster, matches, sessions or sent from loading."""
    return [
        *snapshot.program_file.problems,
        *snapshot.roster_file.problems,
        *snapshot.matches_file.problems,
        *snapshot.sessions_file.problems,
        *snapshot.sent_file.problems,
    ]


def check_plan(snapshot: Snapshot) -> list[Problem]:
    """Check that the topic plan covers every month once and projects fit the format."""
    loaded = snapshot.program_file.loaded
    if loaded is None:
        return []
    program, text, file = loaded.model, loaded.text, loaded.file
    problems: list[Problem] = []
    months = Counter(t.month for t in program.topics)
    for index, topic in enumerate(program.topics):
        if months[topic.month] > 1:
            msg = say("month planned more than once")
            line = locate(text, ("topics", index, "month"))
            problems.append(Problem(file, msg, "topics.month", line))
        if topic.month > program.months:
            msg = say(
                "month {month} is after the program's {months} months",
                month=topic.month,
                months=program.months,
            )
            line = locate(text, ("topics", index, "month"))
            problems.append(Problem(file, msg, "topics.month", line, severity="warning"))
    missing = [m for m in range(1, program.months + 1) if m not in months]
    if missing:
        listed = ", ".join(str(m) for m in missing)
        msg = say(
            "the plan has no topic for month {months}; add a [[topics]] entry for each month",
            months=listed,
        )
        problems.append(Problem(file, msg, "topics", locate(text, ("topics",))))
    if program.format == "project" and not program.projects:
        msg = say("format 'project' needs at least one [[projects]] entry")
        problems.append(Problem(file, msg, "projects", locate(text, ("format",))))
    for index, project in enumerate(program.projects):
        for number, milestone in enumerate(project.milestones):
            if milestone.month > program.months:
                msg = say(
                    "milestone of month {month} is after the program's {months} months",
                    month=milestone.month,
                    months=program.months,
                )
                line = locate(text, ("projects", index, "milestones", number))
                problems.append(Problem(file, msg, "projects.milestones", line, severity="warning"))
    if program.plan == "project" and program.format != "project":
        msg = say('plan = "project" only applies to format = "project"; the topics are used')
        problems.append(Problem(file, msg, "plan", locate(text, ("plan",)), severity="warning"))
    if program.format != "project" and program.projects:
        msg = say("[[projects]] are only used with format = 'project'")
        problems.append(
            Problem(file, msg, "projects", locate(text, ("projects", 0)), severity="warning")
        )
    return problems


def check_method(snapshot: Snapshot) -> list[Problem]:
    """Warn before the start where the plan departs from the guide's structure.

    Only technology, sessions too short for a real exchange and no promise of
    confidentiality are the pitfalls a plan shows before anyone has met.
    """
    loaded = snapshot.program_file.loaded
    if loaded is None:
        return []
    program, text, file = loaded.model, loaded.text, loaded.file
    problems: list[Problem] = []
    areas = {t.area for t in program.topics if t.month <= program.months}
    if program.topics and program.format != "project":
        for area in ("workplace", "culture"):
            if area not in areas:
                msg = say(
                    'the plan has no month with area = "{area}" (the retrospective does not '
                    "count); the most valuable insights are often not technical",
                    area=area,
                )
                problems.append(
                    Problem(file, msg, "topics.area", locate(text, ("topics",)), severity="warning")
                )
    if program.session_minutes < ADVISED_SESSION_MINUTES:
        msg = say(
            "sessions of {minutes} minutes leave little room for a real exchange; "
            "plan {advised} or more",
            minutes=program.session_minutes,
            advised=ADVISED_SESSION_MINUTES,
        )
        line = locate(text, ("session_minutes",))
        problems.append(Problem(file, msg, "session_minutes", line, severity="warning"))
    if not program.confidential:
        msg = say(
            "sessions are not promised confidentiality; people speak openly only when "
            "what is said stays in the session"
        )
        line = locate(text, ("confidential",))
        problems.append(Problem(file, msg, "confidential", line, severity="warning"))
    return problems


def check_labels(snapshot: Snapshot) -> list[Problem]:
    """Warn about tags that sentences in the program's language could only quote by id.

    English turns an unlabelled id into words; any other language would put an English
    id into its sentences, so each such tag is named once, where it is first used.
    """
    loaded = snapshot.program_file.loaded
    if loaded is None or loaded.model.language == SOURCE_LANGUAGE:
        return []
    program = loaded.model
    named = tag_labels(program.labels, program.language)
    first: dict[str, tuple[str, str, int | None]] = {}  # tag -> file, key, line
    for index, topic in enumerate(program.topics):
        for number, tag in enumerate(topic.tags):
            line = locate(loaded.text, ("topics", index, "tags", number))
            first.setdefault(tag, (loaded.file, "topics.tags", line))
    for index, project in enumerate(program.projects):
        for number, tag in enumerate(project.topics):
            line = locate(loaded.text, ("projects", index, "topics", number))
            first.setdefault(tag, (loaded.file, "projects.topics", line))
    roster = snapshot.roster_file.loaded
    for index, person in enumerate(roster.model.people if roster else []):
        for key in ("expertise", "interests"):
            for tag in getattr(person, key):
                if roster is not None and tag not in first:
                    line = locate(roster.text, ("people", index, key))
                    first[tag] = (roster.file, f"people.{key}", line)
    problems: list[Problem] = []
    for tag, (file, key, line) in first.items():
        if not named.has(tag):
            msg = say(
                "tag {tag} has no label in the program's language ({language}), so sentences "
                'quote its id; add {tag} = "..." under [labels] in program.toml',
                tag=tag,
                language=program.language,
            )
            problems.append(Problem(file, msg, key, line, severity="warning"))
    return problems


# Seniors without committed time warned about one by one; the rest in one warning, so that a
# roster that records nobody's time does not bury the other problems under a thousand lines.
ONE_BY_ONE = 5


def check_commitment(snapshot: Snapshot) -> list[Problem]:
    """Warn about senior volunteers who have not committed time: seniors must want it."""
    loaded = snapshot.roster_file.loaded
    if loaded is None:
        return []
    missing = [
        (index, person.id)
        for index, person in enumerate(loaded.model.people)
        if person.role == "senior" and person.volunteer and not person.committed_minutes
    ]
    shown = missing if len(missing) <= ONE_BY_ONE + 1 else missing[:ONE_BY_ONE]

    def warning(index: int, msg: str) -> Problem:
        line = locate(loaded.text, ("people", index, "id"))
        return Problem(loaded.file, msg, "people.committed_minutes", line, severity="warning")

    problems = [
        warning(
            index,
            say(
                "{id}: senior volunteer without committed time; "
                "record committed_minutes (minutes a month)",
                id=person_id,
            ),
        )
        for index, person_id in shown
    ]
    if len(shown) < len(missing):
        (index, person_id), others = missing[len(shown)], len(missing) - len(shown) - 1
        msg = say_n(
            "{id} and {n} other senior volunteer have no committed time; "
            "record committed_minutes (minutes a month) for each",
            "{id} and {n} other senior volunteers have no committed time; "
            "record committed_minutes (minutes a month) for each",
            others,
            id=person_id,
        )
        problems.append(warning(index, msg))
    return problems


def check_roster(snapshot: Snapshot) -> list[Problem]:
    """Check ids, references, emails and reporting lines of the roster."""
    roster, program = snapshot.roster_file.loaded, snapshot.program_file.loaded
    return roster_problems(roster, program.model if program else None) if roster else []


def check_matches(snapshot: Snapshot) -> list[Problem]:
    """Check that every match names known people, each in no more matches than their capacity."""
    roster, loaded = snapshot.roster_file.loaded, snapshot.matches_file.loaded
    if roster is None or loaded is None:
        return []
    people = roster.model.by_id()
    problems: list[Problem] = []
    seen: Counter[str] = Counter()
    ids: Counter[str] = Counter()
    for index, match in enumerate(loaded.model.matches):
        ids[match.id] += 1
        if ids[match.id] == 2:
            line = locate(loaded.text, ("matches", index, "id"))
            msg = say("match id appears twice")
            problems.append(Problem(loaded.file, msg, "matches.id", line))
        for key, expected in (("juniors", "junior"), ("seniors", "senior")):
            for person in getattr(match, key):
                seen[person] += 1
                found: list[str] = []
                if person not in people:
                    found.append(say("names someone who is not in the roster (left the program?)"))
                elif people[person].role != expected:
                    found.append(say("lists someone whose role is not {role}", role=expected))
                allowed = people[person].capacity if person in people else 1
                if seen[person] == allowed + 1:
                    found.append(
                        say(
                            "{person} is in more matches than their capacity of {capacity}",
                            person=person,
                            capacity=allowed,
                        )
                    )
                if found:  # the line is looked up only for what is reported
                    line = locate(loaded.text, ("matches", index, key))
                    problems.extend(Problem(loaded.file, m, f"matches.{key}", line) for m in found)
    return problems


def check_shared_hours(snapshot: Snapshot) -> list[Problem]:
    """Warn about matches whose people share too few working hours for one session."""
    program, roster = snapshot.program_file.loaded, snapshot.roster_file.loaded
    loaded = snapshot.matches_file.loaded
    if program is None or roster is None or loaded is None:
        return []
    hours = hours_of(program=program.model, roster=roster.model)
    fallback = default_hours(program.model)
    problems: list[Problem] = []
    cache: dict[tuple[Hours, ...], int] = {}
    for index, match in enumerate(loaded.model.matches):
        profiles = tuple(dict.fromkeys(hours.get(p, fallback) for p in match.people))
        if profiles not in cache:
            cache[profiles] = best_shared_minutes(program=program.model, people=list(profiles))
        shared, needed = cache[profiles], program.model.session_minutes
        if shared < needed:
            msg = say(
                "its people share {shared} min of working hours a day, a session needs "
                "{minutes} min ({missing} min short)",
                shared=shared,
                minutes=needed,
                missing=needed - shared,
            )
            line = locate(loaded.text, ("matches", index, "id"))
            problems.append(
                Problem(loaded.file, f"{match.id}: {msg}", "matches", line, severity="warning")
            )
    return problems


def check_sessions(snapshot: Snapshot) -> list[Problem]:
    """Warn about sessions of matches that are gone; they stay as the program's history."""
    matches, loaded = snapshot.matches_file.loaded, snapshot.sessions_file.loaded
    if matches is None or loaded is None:
        return []
    known = {*matches.model.by_id(), COHORT}
    problems: list[Problem] = []
    warned: set[str] = set()
    for index, record in enumerate(loaded.model.sessions):
        if record.match not in known and record.match not in warned:
            warned.add(record.match)
            line = locate(loaded.text, ("sessions", index, "match"))
            msg = say(
                "no such match in matches.toml (dissolved?); its sessions are kept as history"
            )
            problems.append(Problem(loaded.file, msg, "sessions.match", line, severity="warning"))
    return problems


def has_errors(problems: list[Problem]) -> bool:
    """Return whether any problem is an error rather than a warning."""
    return any(p.severity == "error" for p in problems)


def check_templates(snapshot: Snapshot) -> list[Problem]:
    """Return problems with `templates_dir`: a missing folder, templates that do not parse."""
    loaded = snapshot.program_file.loaded
    if loaded is None:
        return []  # program.toml's own problems are reported by the main checks
    program = loaded.model
    if not program.templates_dir:
        return []
    import jinja2  # noqa: PLC0415 (only a program with its own templates needs it)

    own = Path(program.templates_dir).expanduser()
    own = own if own.is_absolute() else snapshot.folder / own
    if not own.is_dir():
        line = locate(loaded.text, ("templates_dir",))
        return [Problem(loaded.file, say("folder does not exist"), "templates_dir", line)]
    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    problems: list[Problem] = []
    for path in sorted(own.rglob("*.j2")):
        try:
            env.parse(path.read_text(encoding="utf-8"), name=path.name, filename=str(path))
        except jinja2.TemplateSyntaxError as exc:
            msg = say("template syntax error: {reason}", reason=exc.message)
            problems.append(Problem(str(path), msg, "", exc.lineno))
        except (OSError, UnicodeDecodeError):
            problems.append(Problem(str(path), say("cannot be read as UTF-8 text")))
    return problems


def check_leftovers(snapshot: Snapshot) -> list[Problem]:
    """Return warnings about an earlier run that was killed while it held the lock."""
    return leftover_problems(snapshot.folder)
