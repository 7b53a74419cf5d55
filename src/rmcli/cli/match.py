"""`rmcli match` and `rmcli matches`: propose, explain, review and write matches."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from rmcli.cli import ask
from rmcli.cli.options import (
    AsOfOption,
    JsonOption,
    ProgramOption,
    YesOption,
    parse_day,
    program_dir,
)
from rmcli.cli.output import fixed
from rmcli.words import N_, say

if TYPE_CHECKING:
    from rmcli.matching import Proposal, Rules
    from rmcli.models import Match, MatchesFile, Program, Roster
    from rmcli.models.program import Weights

# Each decision on a proposed match, and how the question shows it.
DECISIONS = {"accept": N_("accept"), "reject": N_("reject"), "lock": N_("lock")}

WriteOption = Annotated[
    bool, typer.Option("--write", help=say("Write the proposal to matches.toml."))
]
ReviewOption = Annotated[
    bool, typer.Option("--review", help=say("Accept, reject or lock each new match, then write."))
]
ExplainOption = Annotated[
    str | None,
    typer.Option(
        "--explain",
        metavar="ID",
        help=say("Explain one person's match and their other candidates."),
        show_default=False,
    ),
]
ShowOption = Annotated[
    bool, typer.Option("--show", help=say("Only print the current matches.toml."))
]
WeightOption = Annotated[
    list[str] | None,
    typer.Option(
        "--weight",
        metavar="CRITERION=NUMBER",
        help=say("Try another weight for this run, e.g. topics=5 (repeatable)."),
        show_default=False,
    ),
]
FairOption = Annotated[
    bool,
    typer.Option("--fair", help=say("Raise the worst-off match's score first, the total second.")),
]
FreshOption = Annotated[
    bool,
    typer.Option(
        "--fresh",
        help=say("Re-match everyone except locked matches (default: keep existing matches)."),
    ),
]
NoProjectOption = Annotated[
    str | None,
    typer.Option(
        "--no-project",
        metavar="pair|leave-out",
        help=say(
            "Project format, pairs without a project place: match them one-to-one (pair) "
            "or leave them out for now (leave-out)."
        ),
    ),
]
SeedOption = Annotated[
    int,
    typer.Option(
        "--seed",
        metavar="N",
        min=0,
        max=2**32 - 1,  # the range a random generator's seed takes
        help=say("Break ties between equally good matchings differently."),
    ),
]
TimeLimitOption = Annotated[
    float | None,
    typer.Option(
        "--time-limit",
        metavar="SECONDS",
        min=0.0,
        help=say(
            "Group format: stop improving after about this many seconds and keep the best "
            "grouping found so far (the summary shows how close it is to the upper bound)."
        ),
        show_default=False,
    ),
]


def register(app: typer.Typer) -> None:
    """Add `match` and `matches` to the app."""
    app.command(
        "match",
        help=say(
            "Propose the best matches under the hard rules, explained; write them when asked."
        ),
    )(match)
    app.command("matches", help=say("Print the current matches.toml as a table."))(matches)


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
    time_limit: TimeLimitOption = None,
    as_of: AsOfOption = None,
    yes: YesOption = False,
    json: JsonOption = False,
    no_project: NoProjectOption = None,
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
            say(
                "--weight tries weights for one run; it cannot be combined with --write or --review"
            )
        )
    if explain is not None and (write or review):
        raise InputError(say("--explain only prints; run it without --write and --review"))
    if review and not ask.can_ask(yes):
        raise InputError(
            say("--review asks about each new match and needs a terminal"),
            hint=say("without a terminal, keep the proposal with `rmcli match --write`"),
        )
    day = parse_day(as_of)
    from rmcli.matching.pairs.projects import NO_PROJECT_CHOICES, settle_unplaced

    if no_project is not None and no_project not in NO_PROJECT_CHOICES:
        raise InputError(
            say("--no-project: expected one of {choices}", choices=", ".join(NO_PROJECT_CHOICES))
        )
    if not (write or review):
        proposal, roster = _run(
            folder,
            weight=weight,
            fair=fair,
            fresh=fresh or bool(weight),
            seed=seed,
            time_limit=time_limit,
            day=day,
            explain_id=explain,
            json=json,
        )
        if explain is None:
            settle_unplaced(
                proposal.matches, proposal.no_project, people=roster.by_id(), choice=no_project
            )
            _nothing_written(
                folder,
                weight=weight,
                fair=fair,
                fresh=fresh,
                seed=seed,
                as_of=as_of,
                no_project=no_project,
            )
        return
    from rmcli.io.lock import program_lock

    with program_lock(folder):
        proposal, roster = _run(
            folder,
            weight=None,
            fair=fair,
            fresh=fresh,
            seed=seed,
            time_limit=time_limit,
            day=day,
            explain_id=explain,
            json=json,
            review=review,
        )
        from rmcli.models import MatchesFile

        chosen = settle_unplaced(
            proposal.matches, proposal.no_project, people=roster.by_id(), choice=no_project
        )
        path = write_owned(folder, MATCHES_FILE, MatchesFile(matches=chosen))
    from rmcli.cli.output import note

    note(say("wrote {path} ({count} matches)", path=path, count=len(chosen)))


def _nothing_written(
    folder: Path,
    *,
    weight: list[str] | None,
    fair: bool,
    fresh: bool,
    seed: int,
    as_of: str | None,
    no_project: str | None,
) -> None:
    """Say on stderr that a proposal was only printed, and the command that keeps it."""
    import shlex

    from rmcli.cli.output import note
    from rmcli.words import say

    if weight:
        note(
            say(
                "nothing was written: --weight only tries weights; to keep them, set them "
                "under [matching.weights] in program.toml and run `rmcli match --write`"
            )
        )
        return
    words = ["rmcli", "match", "--write"]
    if folder != Path():
        words += ["-p", str(folder)]
    words += ["--fair"] if fair else []
    words += ["--fresh"] if fresh else []
    words += ["--seed", str(seed)] if seed else []
    words += ["--as-of", as_of] if as_of else []
    words += ["--no-project", no_project] if no_project else []
    note(
        say("nothing was written; to keep this proposal run `{command}`", command=shlex.join(words))
    )


def matches(ctx: typer.Context, program: ProgramOption = None, json: JsonOption = False) -> None:
    """Print the current matches.toml as a table."""
    _show(program_dir(ctx, program), json=json)


def _show(folder: Path, *, json: bool) -> None:
    from rmcli.cli.output import print_json
    from rmcli.cli.views.match import matches_json, print_matches
    from rmcli.folder import load

    found = load(folder).matches.matches
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
    time_limit: float | None,
    day: dt.date,
    explain_id: str | None,
    json: bool,
    review: bool = False,
) -> tuple[Proposal, Roster]:
    """Load, propose (and review), print; raise ActionNeeded when nobody can be matched."""
    from rmcli.cli.views import match as match_view
    from rmcli.folder import load
    from rmcli.matching import make_context, make_rules, past_pairs, propose

    snapshot = load(folder)
    program = snapshot.program
    if fair and program.format == "group":
        from rmcli.errors import InputError

        raise InputError(
            say("--fair works for the pair formats (one-to-one, peer, project), not group")
        )
    roster = snapshot.roster
    existing = snapshot.matches
    weights = parse_weights(program, weight)
    history = past_pairs(folder, program.matching.history)
    rules = make_rules(roster=roster, forbid=program.matching.forbid, history=history)
    args: dict[str, Any] = {
        "program": program,
        "roster": roster,
        "weights": weights,
        "fair": fair,
        "seed": seed,
        "time_limit": time_limit,
        "as_of": day,
    }
    from rmcli.cli.views.progress import shown

    with shown(json=json) as progress:
        proposal = propose(existing=existing, rules=rules, fresh=fresh, progress=progress, **args)
    if review:
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


def ask_decision(match: Match) -> str:
    """Ask whether to accept, reject or lock one proposed match."""
    title = say(
        "{match}: {juniors} with {seniors} (score {score}; {reasons})",
        match=match.id,
        juniors=", ".join(match.juniors),
        seniors=", ".join(match.seniors),
        score=fixed(match.score),
        reasons="; ".join(match.reasons),
    )
    shown = {say(word): decision for decision, word in DECISIONS.items()}
    picked = ask.choice(title, choices=list(shown), default=say(DECISIONS["accept"]))
    return shown[picked]


def review_loop(
    proposal: Proposal, *, existing: MatchesFile, rules: Rules, args: dict[str, Any]
) -> Proposal:
    """Ask about each new match until a round rejects none; return the final proposal."""
    from rmcli.matching import pair_key, propose
    from rmcli.models import MatchesFile

    decided: dict[str, Match] = {m.id: m for m in existing.matches if m.locked}
    while True:
        rejected: list[frozenset[str]] = []
        for match in proposal.matches:
            if match.id not in proposal.new or match.id in decided:
                continue
            answer = ask_decision(match)
            if answer == "reject":
                rejected.extend(pair_key(a, b) for a in match.juniors for b in match.seniors)
            else:
                decided[match.id] = match.model_copy(update={"locked": answer == "lock"})
        if not rejected:
            break
        rules = rules.with_rejected(rejected)
        # Decided matches stay; only the rest is solved again without the rejected pairs.
        keep = [m for m in existing.matches if m.id not in decided] + list(decided.values())
        proposal = propose(existing=MatchesFile(matches=keep), rules=rules, fresh=False, **args)
    final = [decided.get(m.id, m) for m in proposal.matches]
    proposal.matches = final
    return proposal


def parse_weights(program: Program, pairs: list[str] | None) -> Weights:
    """Return the program's weights with the --weight CRITERION=NUMBER changes applied."""
    from pydantic import ValidationError

    from rmcli.errors import InputError
    from rmcli.models.program import Weights

    values: dict[str, Any] = program.matching.weights.model_dump()
    for item in pairs or []:
        key, sep, raw = item.partition("=")
        if not sep or key.strip() not in values:
            known = ", ".join(values)
            raise InputError(
                say(
                    "--weight {item}: expected CRITERION=NUMBER with a criterion of {known}",
                    item=item,
                    known=known,
                )
            )
        try:
            values[key.strip()] = float(raw)
        except ValueError:
            raise InputError(
                say("--weight {item}: expected a number after '='", item=item)
            ) from None
    try:
        return Weights.model_validate(values)
    except ValidationError:
        raise InputError(say("--weight: weights must be numbers from 0 to 100")) from None
