"""Groups: placeholder until the group solver lands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rmcli.matching.pool import Pool
from rmcli.matching.rules import Rules
from rmcli.models import Match
from rmcli.models.program import Matching

if TYPE_CHECKING:
    from rmcli.matching.engine import Context


def match_groups(
    pool: Pool, *, ctx: Context, rules: Rules, matching: Matching, seed: int
) -> tuple[list[Match], float | None]:
    """Return groups of the pool and an upper bound on their total."""
    return [], None
