"""Options of `rmcli match` and the parsing of their values (light: typer and stdlib only)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from rmcli.models import Program
    from rmcli.models.program import Weights

WriteOption = Annotated[bool, typer.Option("--write", help="Write the proposal to matches.toml.")]
ReviewOption = Annotated[
    bool, typer.Option("--review", help="Accept, reject or lock each new match, then write.")
]
ExplainOption = Annotated[
    str | None,
    typer.Option(
        "--explain",
        metavar="ID",
        help="Explain one person's match and their other candidates.",
        show_default=False,
    ),
]
ShowOption = Annotated[bool, typer.Option("--show", help="Only print the current matches.toml.")]
WeightOption = Annotated[
    list[str] | None,
    typer.Option(
        "--weight",
        metavar="CRITERION=NUMBER",
        help="Try another weight for this run, e.g. topics=5 (repeatable).",
        show_default=False,
    ),
]
FairOption = Annotated[
    bool,
    typer.Option("--fair", help="Raise the worst-off match's score first, the total second."),
]
FreshOption = Annotated[
    bool,
    typer.Option(
        "--fresh", help="Re-match everyone except locked matches (default: keep existing matches)."
    ),
]
SeedOption = Annotated[
    int,
    typer.Option(
        "--seed", metavar="N", help="Break ties between equally good matchings differently."
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="Date recorded on new matches (default: today).",
        show_default=False,
    ),
]


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
