"""`rmcli validate`: matches in matches.toml that a hard rule now forbids (light: no numpy)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rmcli.errors import Problem
from rmcli.io.toml import locate
from rmcli.matching.rules import make_rules, together
from rmcli.words import say

if TYPE_CHECKING:
    from rmcli.folder import Snapshot


def check_match_rules(snapshot: Snapshot) -> list[Problem]:
    """Return a warning per match whose people a hard rule keeps apart (e.g. a new manager)."""
    program, roster = snapshot.program_file.loaded, snapshot.roster_file.loaded
    loaded = snapshot.matches_file.loaded
    if program is None or roster is None or loaded is None:
        return []  # the file checks report why these do not load
    rules = make_rules(roster=roster.model, forbid=program.model.matching.forbid)
    people = roster.model.by_id()
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
            message = say(
                "match {match} joins people a hard rule keeps apart ({reasons});"
                " `rmcli match --fresh` re-matches them unless the match is locked",
                match=match.id,
                reasons=", ".join(say(reason) for reason in reasons),
            )
            line = locate(loaded.text, ("matches", index, "id"))
            problems.append(Problem(loaded.file, message, "matches", line, severity="warning"))
    return problems
