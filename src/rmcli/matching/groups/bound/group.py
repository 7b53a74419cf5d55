"""The upper bound on a grouping's total that the summary reports.

One senior per group: the slot relaxation (juniors may join several seniors' slots),
solved exactly as one assignment. Two seniors: the Lagrangian pair bound (`lagrange`),
with the juniors priced from a found grouping.
"""

from __future__ import annotations

import numpy as np

from rmcli.matching.groups.bound.lagrange import pair_bound
from rmcli.matching.groups.grouping import Group, Pairs, rank
from rmcli.matching.groups.slots import bound
from rmcli.matching.score import Bools, Floats
from rmcli.models.program import Matching
from rmcli.progress import Progress, quiet

SHARE = 0.95  # of a junior's value in the found grouping: its starting price


def group_bound(
    s: Floats,
    a: Bools,
    *,
    groups: list[Group],
    apart_s: Pairs,
    matching: Matching,
    count: int,
    steps: int = 0,
    deadline: float | None = None,
    progress: Progress = quiet,
) -> tuple[float, list[list[list[int]]]]:
    """Return a bound on groupings placing as many people as `groups`, and senior pairings.

    One senior per group: the exact slot bound. At most two: the pair bound alone (the
    slot bound is looser there and slow), which also offers senior pairings to grow;
    `steps` overrides its step count (0: the default, see `lagrange.steps_for`).
    """
    (jmin, jmax), (smin, smax) = matching.juniors_per_group, matching.seniors_per_group
    if smax != 2:
        return bound(s, a, copies=smax, high=jmax), []
    prices = np.zeros(s.shape[0])
    for ks, js in groups:
        prices[js] = s[js][:, ks].sum(axis=1)
    placed, floor = rank(s, groups)
    tight, pairings = pair_bound(
        s,
        a,
        high=jmax,
        low=jmin,
        singles=smin <= 1,
        apart=apart_s,
        prices=SHARE * prices,
        floor=floor,
        groups=fewest_groups(placed=placed, juniors=s.shape[0], jmax=jmax, smax=smax),
        count=count,
        steps=steps,
        deadline=deadline,
        progress=progress,
    )
    return tight, pairings if smin == 2 else []


def fewest_groups(*, placed: int, juniors: int, jmax: int, smax: int) -> int:
    """Return the fewest groups that can place `placed` people (0 when none are placed)."""
    g = 0
    while g * smax + min(juniors, g * jmax) < placed:
        g += 1
    return g
