"""`rmcli match` and `rmcli matches`: propose, explain, review and write matches."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rmcli.cli.options import ProgramOption, YesOption, can_ask, need_answer, program_dir
from rmcli.cli.output import JsonOption

if TYPE_CHECKING:
    from rmcli.matching.engine import Proposal
    from rmcli.models import Program, Roster
    from rmcli.models.program import Weights

WeightOption = Annotated[
    list[str] | None,
    typer.Option(
        "--weight",
        help="Try another weight for this run, e.g. topics=5 (repeatable).",
        show_default=False,
    ),
]


def register(app: typer.Typer) -> None:
    """Add `match` and `matches` to the app."""
    app.command("match")(match)
    app.command("matches")(matches)


def match(
    ctx: typer.Context,
    program: ProgramOption = None,
    write: Annotated[
        bool, typer.Option("--write", help="Write the proposal to matches.toml.")
    ] = False,
    review: Annotated[
        bool, typer.Option("--review", help="Accept, reject or lock each new match, then write.")
    ] = False,
    explain: Annotated[
        str | None,
        typer.Option(
            "--explain",
            metavar="ID",
            help="Explain one person's match and their other candidates.",
            show_default=False,
        ),
    ] = None,
    show: Annotated[
        bool, typer.Option("--show", help="Only print the current matches.toml.")
    ] = False,
    weight: WeightOption = None,
    fair: Annotated[
        bool,
        typer.Option("--fair", help="Raise the worst-off match's score first, the total second."),
    ] = False,
    fresh: Annotated[
        bool,
        typer.Option(
            "--fresh",
            help="Re-match everyone except locked matches (default: keep existing matches).",
        ),
    ] = False,
    seed: Annotated[
        int, typer.Option("--seed", help="Break ties between equally good matchings differently.")
    ] = 0,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="Date recorded on new matches (default: today).",
            show_default=False,
        ),
    ] = None,
    yes: YesOption = False,
    json: JsonOption = False,
) -> None:
    """Propose the best matches under the hard rules, explained; write them when asked."""
    from rmcli import store
    from rmcli.errors import InputError

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
    day = _as_of(as_of)
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
    from rmcli.lock import program_lock

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

        path = store.write_owned(folder, store.MATCHES_FILE, MatchesFile(matches=proposal.matches))
    from rmcli.cli.output import note

    note(f"wrote {path} ({len(proposal.matches)} matches)")


def matches(ctx: typer.Context, program: ProgramOption = None, json: JsonOption = False) -> None:
    """Print the current matches.toml as a table."""
    _show(program_dir(ctx, program), json=json)


def _show(folder: Path, *, json: bool) -> None:
    from rmcli import store
    from rmcli.cli.match_view import matches_json, print_matches
    from rmcli.cli.output import print_json

    found = store.load_matches(folder).matches
    if json:
        print_json({"matches": matches_json(found)})
    else:
        print_matches(found, new=set())


def _as_of(value: str | None) -> dt.date:
    from rmcli.errors import InputError

    if value is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError("--as-of: expected a date as YYYY-MM-DD") from None


def _weights(program: Program, pairs: list[str] | None) -> Weights:
    from pydantic import ValidationError

    from rmcli.errors import InputError
    from rmcli.models.program import Weights

    values: dict[str, Any] = program.matching.weights.model_dump()
    for item in pairs or []:
        key, sep, raw = item.partition("=")
        if not sep or key.strip() not in values:
            known = ", ".join(values)
            raise InputError(
                f"--weight {item}: expected CRITERION=NUMBER with a criterion of {known}"
            )
        try:
            values[key.strip()] = float(raw)
        except ValueError:
            raise InputError(f"--weight {item}: expected a number after '='") from None
    try:
        return Weights.model_validate(values)
    except ValidationError:
        raise InputError("--weight: weights must be numbers from 0 to 100") from None


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
    from rmcli import store
    from rmcli.cli import match_view
    from rmcli.matching.engine import context, propose
    from rmcli.matching.history import past_pairs
    from rmcli.matching.rules import make_rules

    program = store.load_program(folder)
    if fair and program.format == "group":
        from rmcli.errors import InputError

        raise InputError("--fair works for the pair formats (one-to-one, peer, project), not group")
    roster = store.load_roster(folder)
    existing = store.load_matches(folder)
    weights = _weights(program, weight)
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
        from rmcli.matching.candidates import explain

        found = explain(
            explain_id, roster=roster, proposal=proposal, rules=rules, ctx=context(program, weights)
        )
        match_view.print_explanation(found, json=json)
        return proposal, roster
    match_view.check_feasible(proposal, program=program)
    changes = match_view.changes(existing.matches, proposal.matches) if weight else None
    match_view.print_proposal(proposal, json=json, changes=changes)
    return proposal, roster
