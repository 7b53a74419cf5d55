"""Local search for groups: re-split the people of two groups between them, exactly.

For a pair of groups, every division of their seniors into two teams is tried and
their juniors are seated onto the two teams by an exact slot assignment; the best
division that breaks no rule replaces the two groups when it raises the total.
"""

from __future__ import annotations

from itertools import chain, combinations
from typing import cast

import numpy as np
import numpy.typing as npt

from rmcli.matching.groups.grouping import Pairs, Sizes, members_of, past
from rmcli.matching.groups.seating import team_fits, team_sums
from rmcli.matching.score import Bools, Floats

NEIGHBOURS = 6  # groups tried with each group, the most promising first
MANY = 150  # groups beyond which 3 neighbours are tried, so large rosters stay quick
PASSES = 4


def improve(
    s: Floats,
    a: Bools,
    teams: list[list[int]],
    seats: list[int],
    *,
    apart_j: Pairs,
    apart_s: Pairs,
    sizes: Sizes,
    deadline: float | None = None,
) -> tuple[list[list[int]], list[int]]:
    """Return teams and seats after re-splitting promising pairs of groups.

    Past `deadline` (`time.monotonic()`) no further pair is re-split.
    """
    teams = [list(t) for t in teams]
    members = dict(enumerate(members_of(seats, len(teams))))
    for _ in range(PASSES):
        seats = _seats(members, len(seats))
        pairs = _candidates(s, teams, seats)
        idle = _hopeless(s, a, teams, members, pairs, apart_s=apart_s, sizes=sizes)
        touched: set[int] = set()  # groups re-split in this pass: their pairs are tried
        for g, h in pairs:
            if past(deadline):
                return teams, _seats(members, len(seats))
            if (g, h) in idle and g not in touched and h not in touched:
                continue
            if _resplit(s, a, teams, members, g, h, apart_j, apart_s, sizes) is not None:
                touched |= {g, h}
        if not touched:
            break
    return teams, _seats(members, len(seats))


def _hopeless(
    s: Floats,
    a: Bools,
    teams: list[list[int]],
    members: dict[int, list[int]],
    pairs: list[tuple[int, int]],
    *,
    apart_s: Pairs,
    sizes: Sizes,
) -> set[tuple[int, int]]:
    """Return the pairs of groups that no re-split raises by more than `_resplit`'s 1e-9.

    Every division of every pair is bounded at once as `two_bins` solves it (free juniors
    by their gain, the sizes kept), with a margin for the rounding of both sums: a pair
    left out is one `_resplit` would leave as it is.
    """
    jmin, jmax, smin, smax = sizes
    rows: list[int] = []  # the pair of each division
    firsts: list[list[int]] = []
    seconds: list[list[int]] = []
    for p, (g, h) in enumerate(pairs):
        for first, second in _splits(teams[g] + teams[h], smin=smin, smax=smax, apart=apart_s):
            rows.append(p)
            firsts.append(first)
            seconds.append(second)
    if not rows:
        return set(pairs)
    js, here = _padded([members[g] + members[h] for g, h in pairs])
    xg, _ = _team_values(s, a, js, here, teams=[teams[g] for g, _ in pairs])
    xh, _ = _team_values(s, a, js, here, teams=[teams[h] for _, h in pairs])
    cut = np.array([len(members[g]) for g, _ in pairs])
    held = np.where(np.arange(js.shape[1])[None, :] < cut[:, None], xg, xh)
    now, size = held.sum(axis=1), np.abs(held).sum(axis=1)
    at = np.array(rows)
    x0, ok0 = _team_values(s, a, js[at], here[at], teams=firsts)
    x1, ok1 = _team_values(s, a, js[at], here[at], teams=seconds)
    best = _bin_bounds(x0, x1, ok0, ok1, here[at], low=jmin, high=jmax)
    # each float sum errs by less than (its terms x eps) x the size of its terms
    size = size[at] + np.abs(x0).sum(axis=1) + np.abs(x1).sum(axis=1)
    slack = 8 * (js.shape[1] + 2) * np.finfo(float).eps * (1.0 + size)
    hopeful = set(at[best > now[at] + 1e-9 - slack].tolist())
    return {pair for p, pair in enumerate(pairs) if p not in hopeful}


def _padded(lists: list[list[int]]) -> tuple[npt.NDArray[np.intp], Bools]:
    """Return the lists as rows of one index array (0 past a list's end) and where they hold."""
    lengths = np.fromiter(map(len, lists), dtype=np.intp, count=len(lists))
    held = np.arange(int(lengths.max(initial=0)))[None, :] < lengths[:, None]
    index = np.zeros(held.shape, dtype=np.intp)
    index[held] = np.fromiter(chain.from_iterable(lists), dtype=np.intp, count=int(lengths.sum()))
    return index, held


def _team_values(
    s: Floats, a: Bools, js: npt.NDArray[np.intp], here: Bools, *, teams: list[list[int]]
) -> tuple[Floats, Bools]:
    """Return each junior's summed score with its row's team (0 where none), and fits.

    A junior fits when it may join every senior of the team.
    """
    ks, held = _padded(teams)
    score = np.where(held[:, None, :], s[js[:, :, None], ks[:, None, :]], 0.0).sum(axis=2)
    fits = np.where(held[:, None, :], a[js[:, :, None], ks[:, None, :]], True).all(axis=2)
    return np.where(here, score, 0.0), fits & here


def _bin_bounds(
    x0: Floats, x1: Floats, ok0: Bools, ok1: Bools, here: Bools, *, low: int, high: int
) -> Floats:
    """Return `two_bins`' best total of every row (-inf where none), up to rounding."""
    forced0, forced1, free = ok0 & ~ok1, ok1 & ~ok0, ok0 & ok1
    base = np.where(forced0, x0, 0.0).sum(axis=1) + np.where(forced1 | free, x1, 0.0).sum(axis=1)
    gains = -np.sort(np.where(free, x1 - x0, np.inf), axis=1)  # largest gain first
    gained = np.cumsum(np.concatenate([np.zeros((len(base), 1)), gains], axis=1), axis=1)
    k = np.arange(gained.shape[1])[None, :]
    size0 = forced0.sum(axis=1)[:, None] + k
    rest = here.sum(axis=1)[:, None] - size0
    fits = (k <= free.sum(axis=1)[:, None]) & (low <= size0) & (size0 <= high)
    fits &= (low <= rest) & (rest <= high)
    stuck = np.any(here & ~ok0 & ~ok1, axis=1)  # a junior neither team may take
    fits &= ~stuck[:, None]
    found: Floats = np.where(fits, base[:, None] + gained, -np.inf).max(axis=1)
    return found


def _seats(members: dict[int, list[int]], count: int) -> list[int]:
    """Return each junior's group index, -1 when in none."""
    seats = [-1] * count
    for g, juniors in members.items():
        for j in juniors:
            seats[j] = g
    return seats


def _candidates(s: Floats, teams: list[list[int]], seats: list[int]) -> list[tuple[int, int]]:
    """Return pairs of groups whose juniors like each other's seniors most."""
    count = len(teams)
    team_score = team_sums(s, teams=teams)  # juniors x groups
    member = np.zeros((s.shape[0], count))
    for j, g in enumerate(seats):
        if g >= 0:
            member[j, g] = 1.0
    cross = member.T @ team_score  # [g, h]: juniors of g with the seniors of h
    gain = cross + cross.T - np.diag(cross)[:, None] - np.diag(cross)[None, :]
    np.fill_diagonal(gain, -np.inf)
    near = NEIGHBOURS if count <= MANY else 3
    rows, cols = np.nonzero(_firsts(-gain, near + 1))
    pairs = zip(rows.tolist(), cols.tolist(), strict=True)
    return sorted({(min(g, h), max(g, h)) for g, h in pairs if g != h})


def _firsts(values: Floats, count: int) -> Bools:
    """Return where each row's `count` smallest values are, the first of equals first.

    That is the start of a stable sort of each row, found without sorting it.
    """
    if count >= values.shape[1]:
        return np.ones(values.shape, dtype=bool)
    kth = np.partition(values, count - 1, axis=1)[:, count - 1 : count]
    below, tied = values < kth, values == kth
    room = count - below.sum(axis=1, keepdims=True)
    first: Bools = below | (tied & (np.cumsum(tied, axis=1) <= room))
    return first


def _resplit(
    s: Floats,
    a: Bools,
    teams: list[list[int]],
    members: dict[int, list[int]],
    g: int,
    h: int,
    apart_j: Pairs,
    apart_s: Pairs,
    sizes: Sizes,
) -> float | None:
    """Re-split groups g and h in place when that raises their total; return the gain."""
    jmin, jmax, smin, smax = sizes
    juniors = members[g] + members[h]
    seniors = teams[g] + teams[h]
    sj, aj = s[juniors], a[juniors]
    now = float(sj[: len(members[g])][:, teams[g]].sum() + sj[len(members[g]) :][:, teams[h]].sum())
    best: tuple[float, list[int], list[int], list[int]] | None = None
    splits = _splits(seniors, smin=smin, smax=smax, apart=apart_s)
    both = [team for split in splits for team in split]  # one gather for every split
    x = team_sums(sj, teams=both).T.tolist() if splits else []  # per team, the same sums
    ok = cast(list[list[bool]], team_fits(aj, teams=both).T.tolist() if splits else [])
    for n, split in enumerate(splits):
        found = two_bins(x[2 * n], x[2 * n + 1], ok[2 * n], ok[2 * n + 1], low=jmin, high=jmax)
        if found is None:
            continue
        total, spot = found
        if total <= now + 1e-9 or (best is not None and total <= best[0] + 1e-9):
            continue
        if any(_clash([juniors[i] for i, t in enumerate(spot) if t == b], apart_j) for b in (0, 1)):
            continue
        best = (total, split[0], split[1], spot)
    if best is None:
        return None
    total, teams[g], teams[h], spot = best
    members[g] = [j for j, t in zip(juniors, spot, strict=True) if t == 0]
    members[h] = [j for j, t in zip(juniors, spot, strict=True) if t == 1]
    return total - now


def _splits(seniors: list[int], *, smin: int, smax: int, apart: Pairs) -> list[list[list[int]]]:
    """Return every division of the seniors into two teams of smin..smax that breaks no rule."""
    splits: list[list[list[int]]] = []
    for size in range(smin, smax + 1):
        if not smin <= len(seniors) - size <= smax:
            continue
        for first in combinations(seniors, size):
            split = [list(first), [k for k in seniors if k not in first]]
            if not any(_clash(team, apart) for team in split):
                splits.append(split)
    return splits


def two_bins(
    x0: list[float], x1: list[float], ok0: list[bool], ok1: list[bool], *, low: int, high: int
) -> tuple[float, list[int]] | None:
    """Return the best total and bin (0/1) per item, each bin holding low..high items.

    Exact: for a given size of bin 0, the free items with the largest x0 - x1 go there.
    """
    n = len(x0)
    if any(not (p or q) for p, q in zip(ok0, ok1, strict=True)):
        return None
    forced0 = [i for i in range(n) if ok0[i] and not ok1[i]]
    forced1 = [i for i in range(n) if ok1[i] and not ok0[i]]
    free = sorted((i for i in range(n) if ok0[i] and ok1[i]), key=lambda i: (x1[i] - x0[i], i))
    base = sum(x0[i] for i in forced0) + sum(x1[i] for i in forced1) + sum(x1[i] for i in free)
    best: tuple[float, int] | None = None
    gain = 0.0
    for k in range(len(free) + 1):
        if k:
            gain += x0[free[k - 1]] - x1[free[k - 1]]
        size0 = len(forced0) + k
        fits = low <= size0 <= high and low <= n - size0 <= high
        if fits and (best is None or base + gain > best[0] + 1e-12):
            best = (base + gain, k)
    if best is None:
        return None
    bins = [1] * n
    for i in forced0 + free[: best[1]]:
        bins[i] = 0
    return best[0], bins


def _clash(members: list[int], apart: Pairs) -> bool:
    """Return whether two of the members may not share a group."""
    return any((x, y) in apart for x, y in combinations(members, 2))
