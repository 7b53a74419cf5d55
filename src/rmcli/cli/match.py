"""`rmcli match` and `rmcli matches`: propose, explain, review and write matches."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from rmcli.cli.match_options import (
    AsOfOption,
    ExplainOption,
    FairOption,
    FreshOption,
    ReviewOption,
    SeedOption,
    ShowOption,
    WeightOption,
    WriteOption,
    parse_weights,
)
from rmcli.cli.options import ProgramOption, YesOption, can_ask, need_answer, parse_day, program_dir
from rmcli.cli.output import JsonOption

if TYPE_CHECKING:
    from rmcli.matching import Proposal
    from rmcli.models import Roster


def register(app: typer.Typer) -> None:
    """Add `match` and `matches` to the app."""
    app.command("match")(match)
    app.command("matches")(matches)


def match(
    ctx: typer.Context,
    program: ProgramOption = None,
    write: WriteOption = False,
    review: ReviewOption = False,
    explain: ExplainOption = None,
    show: ShowOption = False,
    weight: WeightOption = None,
    fair: FairOption = False,
    fresh: FreshOption = False,
    seed: SeedOption = 0,
    as_of: AsOfOption = None,
    yes: YesOption = False,
    json: JsonOption = False,
) -> None:
    """Propose the best matches under the hard rules, explained; write them when asked."""
    from rmcli.errors import InputError
    from rmcli.folder import MATCHES_FILE, write_owned

    folder = program_dir(ctx, program)
    if show:
        _show(folder, json=json)
        return
    if weight and (write or review):
        raise InputError(
            "--weight tries weights for one run; it cannot be combined with --write or --review"
        )
    if explain is not None and (write or review):
        raise InputError("--explain only prints; run it without --write and --review")
    if review and not can_ask(yes):
        raise need_answer("a decision on each match (--review)")
    day = parse_day(as_of)
    if not (write or review):
        _run(
            folder,
            weight=weight,
            fair=fair,
            fresh=fresh or bool(weight),
            seed=seed,
            day=day,
            explain_id=explain,
            json=json,
        )
        return
    from rmcli.io.lock import program_lock

    with program_lock(folder):
        proposal, _ = _run(
            folder,
            weight=None,
            fair=fair,
            fresh=fresh,
            seed=seed,
            day=day,
            explain_id=explain,
            json=json,
            review=review,
        )
        from rmcli.models import MatchesFile

        path = write_owned(folder, MATCHES_FILE, MatchesFile(matches=proposal.matches))
    from rmcli.cli.output import note

    note(f"wrote {path} ({len(proposal.matches)} matches)")


def matches(ctx: typer.Context, program: ProgramOption = None, json: JsonOption = False) -> None:
    """Print the current matches.toml as a table."""
    _show(program_dir(ctx, program), json=json)


def _show(folder: Path, *, json: bool) -> None:
    from rmcli.cli.output import print_json
    from rmcli.cli.views.match import matches_json, print_matches
    from rmcli.folder import load_matches

    found = load_matches(folder).matches
    if json:
        print_json({"matches": matches_json(found)})
    else:
        print_matches(found, new=set())


def _run(
    folder: Path,
    *,
    weight: list[str] | None,
    fair: bool,
    fresh: bool,
    seed: int,
    day: dt.date,
    explain_id: str | None,
    json: bool,
    review: bool = False,
) -> tuple[Proposal, Roster]:
    """Load, propose (and review), print; raise ActionNeeded when nobody can be matched."""
    from rmcli.cli.views import match as match_view
    from rmcli.folder import load_matches, load_program, load_roster
    from rmcli.matching import make_context, make_rules, past_pairs, propose

    program = load_program(folder)
    if fair and program.format == "group":
        from rmcli.errors import InputError

        raise InputError("--fair works for the pair formats (one-to-one, peer, project), not group")
    roster = load_roster(folder)
    existing = load_matches(folder)
    weights = parse_weights(program, weight)
    history = past_pairs(folder, program.matching.history)
    rules = make_rules(roster=roster, forbid=program.matching.forbid, history=history)
    args: dict[str, Any] = {
        "program": program,
        "roster": roster,
        "weights": weights,
        "fair": fair,
        "seed": seed,
        "as_of": day,
    }
    proposal = propose(existing=existing, rules=rules, fresh=fresh, **args)
    if review:
        from rmcli.cli.match_review import review_loop

        proposal = review_loop(proposal, existing=existing, rules=rules, args=args)
    if explain_id is not None:
        from rmcli.matching import explain

        found = explain(
            explain_id,
            roster=roster,
            proposal=proposal,
            rules=rules,
            ctx=make_context(program, weights),
        )
        match_view.print_explanation(found, json=json)
        return proposal, roster
    match_view.check_feasible(proposal, program=program)
    changes = match_view.changes(existing.matches, proposal.matches) if weight else None
    match_view.print_proposal(proposal, json=json, changes=changes)
    return proposal, roster
