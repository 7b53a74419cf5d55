"""A grouping as index lists, and what every step of the group solver measures it by."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from rmcli.matching.score import Floats

Group = tuple[list[int], list[int]]  # (seniors, juniors), as indices
Sizes = tuple[int, int, int, int]  # jmin, jmax, smin, smax
Pairs = set[tuple[int, int]]  # indices of two people of one role who may not share a group
PAIRWISE = 8  # terms from which numpy sums pairwise; fewer it adds one by one from 0.0


@dataclass(frozen=True)
class Apart:
    """Same-role index pairs the rules keep apart, and the size bounds."""

    juniors: Pairs
    seniors: Pairs
    sizes: Sizes


def past(deadline: float | None) -> bool:
    """Return whether `deadline` (`time.monotonic()`, None: never) has passed."""
    return deadline is not None and time.monotonic() > deadline


def members_of(seats: list[int], count: int) -> list[list[int]]:
    """Return the people (indices) seated at each of `count` groups; -1 is no group."""
    members: list[list[int]] = [[] for _ in range(count)]
    for person, g in enumerate(seats):
        if g >= 0:
            members[g].append(person)
    return members


def placed(groups: list[Group]) -> int:
    """Return how many people the groups hold."""
    return sum(len(ks) + len(js) for ks, js in groups)


def added(terms: Iterable[Floats]) -> Floats:
    """Return the terms added one by one from 0.0, as numpy sums fewer than PAIRWISE terms:
    the same bits (signed zeros too), without its slow reduction over a short axis."""
    each = iter(terms)
    found: Floats = np.add(next(each), 0.0)
    for term in each:
        found += term
    return found


def row_sums(planes: Sequence[np.ndarray]) -> Floats:
    """Return the planes summed in float64 as numpy sums the terms of a contiguous row
    (one by one from 0.0 below PAIRWISE, pairwise from it): the same bits."""
    if len(planes) < PAIRWISE:
        return added(p.astype(np.float64, copy=False) for p in planes)
    found: Floats = np.stack(planes, axis=-1).astype(np.float64, copy=False).sum(axis=-1)
    return found


def total(s: Floats, groups: list[Group]) -> float:
    """Return the summed pair score of the groups (their `group_sums`, added in order)."""
    return float(sum(group_sums(s, groups)))


def group_sums(s: Floats, groups: list[Group]) -> Floats:
    """Return each group's summed pair score: `s[np.ix_(js, ks)].sum()`, bit for bit.

    Groups of one shape are gathered at once, each block a row of its own, which numpy
    sums as it sums the block alone.
    """
    sums = np.zeros(len(groups))
    shapes: dict[tuple[int, int], list[int]] = {}
    for g, (seniors, juniors) in enumerate(groups):
        shapes.setdefault((len(juniors), len(seniors)), []).append(g)
    for (nj, nk), at in shapes.items():
        js = np.array([groups[g][1] for g in at], dtype=np.intp).reshape(len(at), nj)
        ks = np.array([groups[g][0] for g in at], dtype=np.intp).reshape(len(at), nk)
        sums[at] = s[js[:, :, None], ks[:, None, :]].reshape(len(at), nj * nk).sum(axis=1)
    return sums


def rank(s: Floats, groups: list[Group]) -> tuple[int, float]:
    """Return people placed, then the total: what a better grouping has more of."""
    return placed(groups), round(total(s, groups), 9)
