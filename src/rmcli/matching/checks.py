"""`rmcli validate`: matches in matches.toml that a hard rule now forbids (light: no numpy)."""

from __future__ import annotations

from pathlib import Path

from rmcli.errors import Problem, RmcliError
from rmcli.folder import MATCHES_FILE, load_program, load_roster, read_file
from rmcli.io.toml import locate
from rmcli.matching.rules import make_rules, together
from rmcli.models import MatchesFile


def check_match_rules(folder: Path) -> list[Problem]:
    """Return a warning per match whose people a hard rule keeps apart (e.g. a new manager)."""
    if not (folder / MATCHES_FILE).is_file():
        return []
    try:
        program = load_program(folder)
        roster = load_roster(folder)
        loaded = read_file(folder, MATCHES_FILE, MatchesFile)
    except RmcliError:
        return []  # the file checks report why these do not load
    rules = make_rules(roster=roster, forbid=program.matching.forbid)
    people = roster.by_id()
    problems: list[Problem] = []
    for index, match in enumerate(loaded.model.matches):
        members = [people[p] for p in match.people if p in people]
        reasons = sorted(
            {
                why
                for i, a in enumerate(members)
                for b in members[i + 1 :]
                if (why := together(a, b, rules)) is not None
            }
        )
        if reasons:
            message = (
                f"match {match.id} joins people a hard rule keeps apart ({', '.join(reasons)}); "
                "`rmcli match --fresh` re-matches them unless the match is locked"
            )
            line = locate(loaded.text, ("matches", index, "id"))
            problems.append(Problem(loaded.file, message, "matches", line, severity="warning"))
    return problems
