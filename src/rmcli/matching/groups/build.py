"""Grow a grouping from starting senior teams: seat, re-place, re-split, fill the gaps.

Juniors are seated onto the teams by an exact slot assignment; seniors are re-placed onto
the junior groups round by round and the juniors seated again, alternating while the
total rises (block coordinate ascent, each block solved exactly); then pairs of groups are
re-split (`resplit`). A group the hard rules keep below the smallest size is dissolved
and the free people are added where they gain most.
"""

from __future__ import annotations

from rmcli.matching.groups.grouping import Group, Pairs, Sizes, members_of, past
from rmcli.matching.groups.resplit import improve
from rmcli.matching.groups.seating import place_seniors, seat_juniors, total
from rmcli.matching.score import Bools, Floats

MAX_ROUNDS = 20


def grow_groups(
    s: Floats,
    a: Bools,
    *,
    teams: list[list[int]],
    count: int,
    apart_j: Pairs,
    apart_s: Pairs,
    sizes: Sizes,
    polish: bool = True,
    rounds: int = MAX_ROUNDS,
    seats: list[int] | None = None,
    deadline: float | None = None,
) -> list[Group]:
    """Return groups grown from starting teams: seat, re-place, re-split, fill gaps.

    `rounds` bounds the alternating re-placing of seniors and re-seating of juniors;
    `seats`, when given, is the juniors' first seating onto `teams` (`seat_juniors`).
    Past `deadline` (`time.monotonic()`) no further round or re-split is started.
    """
    jmin, jmax, smin, smax = sizes
    if not teams:
        return []
    if seats is None:
        seats = seat_juniors(s, a, teams=teams, apart=apart_j, jmin=jmin, jmax=jmax)
    best = total(s, teams=teams, seats=seats)
    for _ in range(rounds if smax > 1 or s.shape[1] > count else 0):
        if past(deadline):
            break
        new_teams = place_seniors(
            s, a, seats=seats, count=count, apart=apart_s, smin=smin, smax=smax
        )
        new_seats = seat_juniors(s, a, teams=new_teams, apart=apart_j, jmin=jmin, jmax=jmax)
        now = total(s, teams=new_teams, seats=new_seats)
        if now <= best + 1e-9:
            break
        teams, seats, best = new_teams, new_seats, now
    if polish and len(teams) > 1:
        teams, seats = improve(
            s, a, teams, seats, apart_j=apart_j, apart_s=apart_s, sizes=sizes, deadline=deadline
        )
    groups = complete(teams, seats=seats, jmin=jmin, smin=smin)
    fill_gaps(s, a, groups, apart_j=apart_j, apart_s=apart_s, jmax=jmax, smax=smax)
    return groups


def complete(teams: list[list[int]], *, seats: list[int], jmin: int, smin: int) -> list[Group]:
    """Return (seniors, juniors) of every group that reaches the smallest sizes."""
    members = members_of(seats, len(teams))
    # a group the hard rules kept below the smallest size is dissolved; its people are free
    return [
        (t, m) for t, m in zip(teams, members, strict=True) if len(t) >= smin and len(m) >= jmin
    ]


def fill_gaps(
    s: Floats,
    a: Bools,
    groups: list[Group],
    *,
    apart_j: Pairs,
    apart_s: Pairs,
    jmax: int,
    smax: int,
) -> None:
    """Add free people to groups with room where no rule objects, best gain first."""
    _seat_free(s.T, a.T, groups, own=0, apart=apart_s, room=smax)  # seniors first
    _seat_free(s, a, groups, own=1, apart=apart_j, room=jmax)


def _seat_free(
    score: Floats,
    allowed: Bools,
    groups: list[Group],
    *,
    own: int,
    apart: Pairs,
    room: int,
) -> None:
    """Seat the free people of one role (rows; `own` 0 seniors, 1 juniors) where they gain most."""
    placed = {p for group in groups for p in group[own]}
    for p in sorted(set(range(score.shape[0])) - placed):
        options = [
            (float(score[p, group[1 - own]].sum()), -g)
            for g, group in enumerate(groups)
            if len(group[own]) < room
            and bool(allowed[p, group[1 - own]].all())
            and not any((p, other) in apart for other in group[own])
        ]
        if options:
            groups[-max(options)[1]][own].append(p)
