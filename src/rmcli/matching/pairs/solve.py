"""Pairs (one-to-one, peer, project): one exact assignment over the free people."""

from __future__ import annotations

import numpy as np

from rmcli.matching.context import Context
from rmcli.matching.pairs.assign import solve
from rmcli.matching.pool import Pool
from rmcli.matching.rules import Rules
from rmcli.matching.score import build
from rmcli.matching.words import say
from rmcli.models import Match


def match_pairs(
    pool: Pool, *, ctx: Context, rules: Rules, fair: bool, seed: int
) -> tuple[list[Match], float | None]:
    """Return the best pairs of the pool and an upper bound on their total."""
    juniors, seniors = pool.juniors, pool.seniors
    if not juniors or not seniors:
        return [], 0.0
    table = build(
        juniors,
        seniors,
        weights=ctx.weights,
        rules=rules,
        day=ctx.day,
        both_ways=ctx.both_ways,
        projects=ctx.projects,
    )
    pool.count_eligible(table.allowed)
    capacity = [pool.capacity[p.id] for p in juniors]
    upper = _bound(table.score, table.allowed, capacity)
    found = solve(table.score, table.allowed, capacity=capacity, fair=fair, seed=seed, reuse=True)
    matches = []
    for row, col in found:
        junior, senior = juniors[row], seniors[col]
        score, reasons = ctx.score(junior, senior)
        matches.append(
            Match(
                id="new",
                juniors=[junior.id],
                seniors=[senior.id],
                score=round(score, 4),
                reasons=reasons or [say(ctx.language, "nothing")],
            )
        )
    return matches, upper


def _bound(score: np.ndarray, allowed: np.ndarray, capacity: list[int]) -> float:
    """Return min(best partner per senior, best `capacity` partners per junior) summed."""
    masked = np.where(allowed, score, 0.0)
    per_senior = float(masked.max(axis=0).sum())
    most = min(max(capacity), masked.shape[1])
    if most == 1:
        per_junior = float(masked.max(axis=1).sum())
    else:
        top = -np.sort(-np.partition(masked, masked.shape[1] - most, axis=1)[:, -most:], axis=1)
        per_junior = float(sum(top[i, : capacity[i]].sum() for i in range(len(capacity))))
    return min(per_senior, per_junior)
