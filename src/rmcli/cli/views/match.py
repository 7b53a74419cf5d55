"""Render proposals, matches and explanations as rich tables or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rmcli.cli.output import fixed, out, print_json, share
from rmcli.errors import ActionNeeded
from rmcli.words import N_, say

WIDE = 110  # console columns from which the reasons fit beside the people

if TYPE_CHECKING:
    from rmcli.matching import Explanation, Proposal
    from rmcli.models import Match, Program


class NobodyMatched(ActionNeeded):
    """No match can be formed; the reasons are the lines."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(
            say("nobody can be matched"),
            hint=say("add people or relax [matching] in program.toml"),
        )
        self.reasons = reasons

    def lines(self) -> list[str]:
        return [self.message, *self.reasons]


def check_feasible(proposal: Proposal, *, program: Program) -> None:
    """Raise NobodyMatched (exit 1) when the proposal holds no match at all."""
    if proposal.matches:
        return
    reasons = [*proposal.notes, *(f"{pid}: {why}" for pid, why in proposal.unmatched)]
    if not reasons:
        reasons = [
            say("the roster has nobody to match in format {format}", format=repr(program.format))
        ]
    raise NobodyMatched(reasons)


def matches_json(found: list[Match], new: set[str] | None = None) -> list[dict[str, Any]]:
    """Return matches as JSON-ready dicts."""
    rows = []
    for m in found:
        row = m.model_dump(mode="json", exclude_none=True)
        if new is not None:
            row["new"] = m.id in new
        rows.append(row)
    return rows


def summary(proposal: Proposal) -> dict[str, Any]:
    """Return the figures printed under the table."""
    matched = sorted({p for m in proposal.matches for p in m.people})
    share = proposal.total / proposal.bound if proposal.bound else None
    return {
        "matches": len(proposal.matches),
        "matched": len(matched),
        "unmatched": len(proposal.unmatched),
        "total": round(proposal.total, 4),
        "mean": None if proposal.mean is None else round(proposal.mean, 4),
        "worst": proposal.worst,
        "bound": None if proposal.bound is None else round(proposal.bound, 4),
        "share_of_bound": None if share is None else round(share, 4),
        "exact": proposal.exact,
    }


def changes(before: list[Match], after: list[Match]) -> dict[str, list[str]]:
    """Return which matches (by people) appear or disappear against matches.toml."""
    old = {frozenset(m.people): m.id for m in before}
    new = {frozenset(m.people): m.id for m in after}
    return {
        "added": sorted(new[k] for k in new.keys() - old.keys()),
        "removed": sorted(old[k] for k in old.keys() - new.keys()),
    }


def print_proposal(proposal: Proposal, *, json: bool, changes: dict[str, list[str]] | None) -> None:
    """Print the proposal: matches, unmatched people with reasons, and the summary."""
    figures = summary(proposal)
    if json:
        data: dict[str, Any] = {
            "matches": matches_json(proposal.matches, proposal.new),
            "unmatched": [{"id": p, "reason": r} for p, r in proposal.unmatched],
            "dissolved": proposal.dissolved,
            "notes": proposal.notes,
            "summary": figures,
        }
        if changes is not None:
            data["changes"] = changes
        print_json(data)
        return
    print_matches(proposal.matches, new=proposal.new)
    console = out()
    if proposal.unmatched:
        from rich.table import Table

        table = Table(title=say("Unmatched"))
        table.add_column(say("id"))
        table.add_column(say("reason"))
        for pid, why in proposal.unmatched:
            table.add_row(pid, why)
        console.print(table)
    for line in proposal.notes:
        console.print(line, markup=False)
    if proposal.dissolved:
        console.print(
            say(
                "dissolved (someone left or a rule now forbids it): {matches}",
                matches=", ".join(proposal.dissolved),
            ),
            markup=False,
        )
    if changes is not None:
        none = say("none")
        console.print(
            say(
                "against matches.toml: added {added}; removed {removed}",
                added=", ".join(changes["added"]) or none,
                removed=", ".join(changes["removed"]) or none,
            ),
            markup=False,
        )
    console.print(_figures_line(figures), markup=False)


def _figures_line(figures: dict[str, Any]) -> str:
    """Return the summary line under the proposal, numbers in the organiser's language."""
    mean = "-" if figures["mean"] is None else fixed(figures["mean"])
    worst = "-" if figures["worst"] is None else fixed(figures["worst"])
    total = fixed(figures["total"])
    if figures["share_of_bound"] is None:
        # pairs are solved exactly: the bound is the ideal of everyone's favourite, not a gap
        best = say(" (the best there is)") if figures["exact"] else ""
    else:
        of = (
            N_(" (the best there is), {share} of the ideal (everyone's favourite) {bound}")
            if figures["exact"]
            else N_(", {share} of the upper bound {bound}")
        )
        best = say(of, share=share(figures["share_of_bound"]), bound=fixed(figures["bound"]))
    return say(
        "{matches} matches, {matched} people matched, {unmatched} unmatched; "
        "total {total}{best}; mean {mean}, worst {worst}",
        matches=figures["matches"],
        matched=figures["matched"],
        unmatched=figures["unmatched"],
        total=total,
        best=best,
        mean=mean,
        worst=worst,
    )


def print_matches(found: list[Match], *, new: set[str]) -> None:
    """Print matches as a table (id, people, score, status, reasons).

    On a console narrower than WIDE the reasons get a table of their own below, where
    they have the whole width, instead of a column a dozen characters wide.
    """
    from rich.table import Table

    from rmcli.cli.views.table import Fast

    console = out()
    wide = console.width >= WIDE
    table = Table(title=say("Matches"))
    table.add_column(say("id"), no_wrap=True, overflow="fold")
    table.add_column(say("juniors"), overflow="fold")
    table.add_column(say("seniors"), overflow="fold")
    table.add_column(say("score"), justify="right", no_wrap=True, overflow="fold")
    table.add_column(say("status"), no_wrap=True, overflow="fold")
    if wide:
        table.add_column(say("reasons"), overflow="fold")
    why = Table(title=say("Reasons"))
    why.add_column(say("id"), no_wrap=True)
    why.add_column(say("reasons"), overflow="fold")
    for m in found:
        status = say("locked") if m.locked else (say("new") if m.id in new else say("kept"))
        project = say("project {project}; ", project=m.project) if m.project else ""
        reasons = project + "; ".join(m.reasons)
        cells = [m.id, ", ".join(m.juniors), ", ".join(m.seniors), fixed(m.score), status]
        table.add_row(*cells, *([reasons] if wide else []))
        why.add_row(m.id, reasons)
    console.print(Fast(table))
    if not wide and found:
        console.print(Fast(why))


def print_explanation(found: Explanation, *, json: bool) -> None:
    """Print one person's match, their best other candidates, and who is ruled out."""
    if json:
        from dataclasses import asdict

        data = asdict(found)
        data["match"] = (
            found.match.model_dump(mode="json", exclude_none=True) if found.match else None
        )
        print_json(data)
        return
    from rich.table import Table

    console = out()
    if found.match:
        line = say(
            "{person} is in {match} (score {score})",
            person=found.person,
            match=found.match.id,
            score=fixed(found.match.score),
        )
    else:
        reason = found.unmatched_reason or say("no match")
        line = say("{person} is unmatched: {reason}", person=found.person, reason=reason)
    console.print(line, markup=False)
    table = Table(title=say("Candidates for {person}", person=found.person))
    table.add_column(say("id"), no_wrap=True)
    table.add_column(say("score"), justify="right", no_wrap=True)
    # on a narrow console "ruled out: ..." wraps, so the reasons keep room
    # a match id longer than that folds onto the next line instead of losing its end
    table.add_column(
        say("status"), max_width=None if console.width >= WIDE else 22, overflow="fold"
    )
    table.add_column(say("reasons"))
    for c in found.candidates:
        mine = found.match is not None and c.id in found.match.people
        status = (c.ruled_out and say("ruled out: {why}", why=c.ruled_out)) or (
            say("this match")
            if mine
            else (say("in {match}", match=c.taken_by) if c.taken_by else say("free"))
        )
        table.add_row(c.id, fixed(c.score), status, "; ".join(c.reasons))
    console.print(table)
