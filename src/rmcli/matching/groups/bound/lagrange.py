"""The pair bound for groups of at most two seniors: prices on the juniors.

Lagrangian relaxation of "every junior in at most one group" (and of the group count),
subgradient steps with Polyak's step length, and Shor's averaged primal to read senior
pairings from the steps.

Why it is valid. Take any grouping with at least `groups` groups: each group g has
seniors S_g (one or two) and `low` to `high` juniors J_g, each allowed with every
senior of g, every junior in at most one group. Write v_g(j) = sum of f(j, s) over s
in S_g. For any prices lam_j >= 0 and any price mu >= 0 on each group:

    total = sum_g (mu + sum_{j in J_g} (v_g(j) - lam_j)) - mu * #groups + sum_{j placed} lam_j
          <= sum_g value(S_g) - mu * groups + sum_j lam_j

as #groups >= groups, where value(S) = max(0, mu + the `low` largest v_S(j) - lam_j +
the positive parts of the next `high - low`) over the juniors allowed with all of S
(J_g is `low` to `high` of them: its sum is at most that), and 0 when fewer than `low`
juniors are allowed (no group has S then). The teams S_g are disjoint, so they form a
matching of seniors (pairs and singles). Put W[s, t] = value({s, t}) (0 when s and t
may not share a group) and W[s, s] = 2 value({s}) when single-senior groups are
allowed, else 0. A matching read as a permutation (pairs swapped, everyone else fixed)
scores sum_s W[s, sigma(s)] >= 2 sum_g value(S_g), as W >= 0. So half the best
assignment on W + sum lam - mu * groups bounds the total of every grouping with at
least `groups` groups (groups = 0: every grouping). Any lam, mu >= 0 (and low = 0)
give a valid bound; the steps only tighten it. The caller passes the fewest groups
that can hold as many people as its grouping places, so the bound covers every
grouping placing at least as many.

Any table W' >= W entrywise bounds as well (each assignment scores at least as much on
W'). `lists` values the pairs from each senior's short junior list, giving upper (and
lower) values for the pairs it marks loose. The best assignment is bounded through
column prices (`sparse`: any prices give a bound, the optimal ones the best assignment
itself): it is solved on few edges, and a loose pair is summed over every junior only
when its upper value beats its prices, so the bound is that of W itself, or a hair
above when a step stops with a few entries over their prices (float32 sums; `slack`
covers their rounding). Every step counts the smallest group (`low`), so the
prices are tuned to the bound that holds. On the sparse path a step may carry the last
step's table to its prices instead of taking the lists again (`stale`: still at least
W), first making exact the pairs its assignment likely takes, so its prices are W's.
"""

from __future__ import annotations

import numpy as np

from rmcli.matching.groups.bound.lists import Table, fill, list_values, zeros
from rmcli.matching.groups.bound.sparse import certified
from rmcli.matching.groups.bound.stale import carried, likely, worth_carrying
from rmcli.matching.groups.bound.values import largest, slack, too_few, uses
from rmcli.matching.groups.grouping import past
from rmcli.matching.groups.pairing import assign, read_pairs
from rmcli.matching.score import Bools, Floats
from rmcli.progress import Progress, quiet
from rmcli.words import say

STEPS = 24  # subgradient steps on the prices, for 600 seniors or more
MAX_STEPS = 60  # for fewer seniors, as many more as the same work allows
PATIENCE = 25  # steps per step without progress allowed before the step length halves
MU_SCALE = 4.0  # scale of the group price's steps against a junior's
SPARSE = 1000  # seniors from which the assignment is solved sparse and certified
AVERAGED = (0.5, 0.35)  # the last shares of the steps whose pairings are averaged into starts


def pair_bound(
    score: Floats,
    allowed: Bools,
    *,
    high: int,
    low: int = 0,
    singles: bool,
    apart: set[tuple[int, int]],
    prices: Floats,
    floor: float,
    groups: int = 0,
    count: int = 0,
    steps: int = 0,
    deadline: float | None = None,
    progress: Progress = quiet,
) -> tuple[float, list[list[list[int]]]]:
    """Return an upper bound on any grouping of at most two seniors per group.

    The bound holds for every grouping of `low` to `high` juniors a group with at
    least `groups` groups. `prices` start the juniors' prices (e.g. their value in a
    found grouping); `floor` is a known achievable total, used only to size the steps.
    Also returns pairings of up to `count` senior pairs to grow groupings from (not part
    of the bound): for each share in AVERAGED, the pairs the assignments of that last
    share of the steps chose most often (see `averaged`); a repeated pairing is left out.
    Past `deadline` (`time.monotonic()`) no further step is taken: the bound so far
    holds, only less tight.
    """
    f = np.where(allowed, score, -np.inf).T.copy()  # seniors x juniors
    nj = f.shape[1]
    k = min(high, nj)
    if f.size == 0 or k == 0 or low > k:
        return 0.0, []
    never = too_few(f, low=low) if low else None
    fit = largest(f)  # for the rounding slack: the same at every step
    lam = np.maximum(prices.astype(np.float64), 0.0)
    mu, best, pace, stuck = 0.0, np.inf, 1.0, 0
    chosen: list[list[int]] = []  # each step's assignment
    steps = steps or steps_for(f.shape[0])
    patience = max(1, steps // PATIENCE)  # long runs can wait longer
    edges: Bools | None = None  # the assignment's edges so far (see `sparse`)
    phase = say("upper bound steps")
    sparse = f.shape[0] >= SPARSE
    zero = zeros(f.shape[0], never=never, apart=apart)
    table: Table | None = None
    was = (lam, mu)
    for done in range(steps + 1):
        progress(phase, done, steps + 1)
        # the last step takes the lists again: its lower values weigh the pairings below
        carry = sparse and done < steps and worth_carrying(table)
        if carry:
            assert table is not None
            table = carried(
                table, f, lam=lam, extra=mu, was=was, high=k, low=low, singles=singles, zero=zero
            )
        else:
            table = list_values(
                f,
                lam=lam,
                extra=mu,
                high=k,
                low=low,
                singles=singles,
                apart=apart,
                never=never,
            )
        was = (lam, mu)

        def settle(
            a: np.ndarray, b: np.ndarray, table: Table = table, lam: Floats = lam, mu: float = mu
        ) -> None:
            table.settle(f, a, b, lam=lam, extra=mu, high=k, low=low)

        if sparse:
            if carry and chosen:  # the duals come from exact values
                settle(*likely(table, sigma=chosen[-1]))
            value, sigma, edges = certified(table, settle=settle, edges=edges)
        else:  # a small table: every loose pair summed, one dense assignment is faster
            fill(f, table, lam=lam, extra=mu, high=k, low=low)
            value, sigma = assign(table.upper)
        w = table.lower
        bound = value / 2.0 + float(lam.sum()) - mu * groups + f.shape[0] * slack(fit, lam, k)
        stuck = stuck + 1 if bound >= best else 0
        chosen.append(sigma)
        if stuck == patience:
            pace, stuck = pace / 2.0, 0  # no progress for a while: shorter steps
        best = min(best, bound)
        use, formed = uses(f, lam=lam, high=k, low=low, sigma=sigma, w=w)
        grad = 1.0 - use / 2.0
        grad[(lam <= 0.0) & (grad > 0.0)] = 0.0  # prices stay >= 0
        tilt = formed - groups if mu > 0.0 or formed < groups else 0.0
        g = np.append(grad, tilt * MU_SCALE)  # mu moves like a group's worth of prices
        norm = float((g**2).sum())
        if norm == 0.0 or bound - floor <= 1e-9:
            break
        if past(deadline):
            break  # any prices bound: the best so far stands
        step = pace * (bound - floor) / norm
        lam = np.maximum(lam - step * g[:-1], 0.0)
        mu = max(mu - step * MU_SCALE * float(g[-1]), 0.0)
    progress(phase, steps + 1, steps + 1)
    if not count:
        return float(best), []
    starts: list[list[list[int]]] = []
    for share in AVERAGED:
        pairs = averaged(chosen, w=w, count=count, apart=apart, share=share)
        if pairs not in starts:
            starts.append(pairs)
    return float(best), starts


def averaged(
    chosen: list[list[int]],
    *,
    w: Floats,
    count: int,
    apart: set[tuple[int, int]],
    share: float,
) -> list[list[int]]:
    """Return up to `count` senior pairs: those the last `share` of the steps chose most often.

    Each step's assignment is the best pairing at that step's prices, and the prices
    swing around the best ones, so one step's pairing is a poor start; how often a pair
    is chosen over the last steps estimates the relaxation's own pairing (Shor's averaged
    primal). Which share does best varies by roster, hence several. Ties go to the last
    values `w`.
    """
    ns = w.shape[0]
    last = chosen[int(len(chosen) * (1.0 - share)) :]
    rows = np.arange(ns)
    use = np.zeros((ns, ns))
    for sigma in last:
        use[rows, sigma] += 1.0
        use[sigma, rows] += 1.0
    value = use / len(last) * float(w.max(initial=0.0)) + w  # how often first, then worth
    np.fill_diagonal(value, 0.0)
    for s, t in apart:
        value[s, t] = -1.0  # never chosen while another partner is left
    _, sigma = assign(value)
    return read_pairs(value, sigma=sigma, count=count, apart=apart)


def steps_for(seniors: int) -> int:
    """Return the subgradient steps: STEPS at 600 seniors, more for fewer (work ~ seniors^2)."""
    return int(min(MAX_STEPS, max(STEPS, STEPS * (600 / max(seniors, 1)) ** 2)))
