"""Render proposals, matches and explanations as rich tables or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rmcli.cli.output import out, print_json
from rmcli.errors import ActionNeeded

WIDE = 110  # console columns from which the reasons fit beside the people

if TYPE_CHECKING:
    from rmcli.matching import Explanation, Proposal
    from rmcli.models import Match, Program


class NobodyMatched(ActionNeeded):
    """No match can be formed; the reasons are the lines."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(
            "nobody can be matched", hint="add people or relax [matching] in program.toml"
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
        reasons = [f"the roster has nobody to match in format {program.format!r}"]
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

        table = Table(title="Unmatched")
        table.add_column("id")
        table.add_column("reason")
        for pid, why in proposal.unmatched:
            table.add_row(pid, why)
        console.print(table)
    for line in proposal.notes:
        console.print(line, markup=False)
    if proposal.dissolved:
        console.print(
            "dissolved (someone left or a rule now forbids it): " + ", ".join(proposal.dissolved),
            markup=False,
        )
    if changes is not None:
        console.print(
            f"against matches.toml: added {', '.join(changes['added']) or 'none'}; "
            f"removed {', '.join(changes['removed']) or 'none'}",
            markup=False,
        )
    mean = "-" if figures["mean"] is None else f"{figures['mean']:.2f}"
    worst = "-" if figures["worst"] is None else f"{figures['worst']:.2f}"
    share = ""
    if figures["exact"]:
        # pairs are solved exactly: the bound is the ideal of everyone's favourite, not a gap
        share = " (the best there is)"
    if figures["share_of_bound"] is not None:
        ideal = "the ideal (everyone's favourite)" if figures["exact"] else "the upper bound"
        share += f", {figures['share_of_bound']:.1%} of {ideal} {figures['bound']:.2f}"
    console.print(
        f"{figures['matches']} matches, {figures['matched']} people matched, {figures['unmatched']} unmatched; "
        f"total {figures['total']:.2f}{share}; mean {mean}, worst {worst}",
        markup=False,
    )


def print_matches(found: list[Match], *, new: set[str]) -> None:
    """Print matches as a table (id, people, score, status, reasons).

    On a console narrower than WIDE the reasons get a table of their own below, where
    they have the whole width, instead of a column a dozen characters wide.
    """
    from rich.table import Table

    console = out()
    wide = console.width >= WIDE
    table = Table(title="Matches")
    for column in ("id", "juniors", "seniors", "score", "status", *(["reasons"] if wide else [])):
        table.add_column(
            column,
            justify="right" if column == "score" else "left",
            no_wrap=column in ("id", "score", "status"),
            overflow="fold",
        )
    why = Table(title="Reasons")
    why.add_column("id", no_wrap=True)
    why.add_column("reasons", overflow="fold")
    for m in found:
        status = "locked" if m.locked else ("new" if m.id in new else "kept")
        project = f"project {m.project}; " if m.project else ""
        reasons = project + "; ".join(m.reasons)
        cells = [m.id, ", ".join(m.juniors), ", ".join(m.seniors), f"{m.score:.2f}", status]
        table.add_row(*cells, *([reasons] if wide else []))
        why.add_row(m.id, reasons)
    console.print(table)
    if not wide and found:
        console.print(why)


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
        console.print(
            f"{found.person} is in {found.match.id} (score {found.match.score:.2f})", markup=False
        )
    else:
        console.print(
            f"{found.person} is unmatched: {found.unmatched_reason or 'no match'}", markup=False
        )
    table = Table(title=f"Candidates for {found.person}")
    table.add_column("id", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    # on a narrow console "ruled out: ..." wraps, so the reasons keep room
    table.add_column("status", max_width=None if console.width >= WIDE else 22)
    table.add_column("reasons")
    for c in found.candidates:
        mine = found.match is not None and c.id in found.match.people
        status = (c.ruled_out and f"ruled out: {c.ruled_out}") or (
            "this match" if mine else (f"in {c.taken_by}" if c.taken_by else "free")
        )
        table.add_row(c.id, f"{c.score:.2f}", status, "; ".join(c.reasons))
    console.print(table)
