"""The flags at many days at once (evaluate's flag history) are the status's flags on each day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from rmcli.evaluation.anonymity import minimum
from rmcli.evaluation.health import flag_history, month_ends
from rmcli.folder import Snapshot, load
from rmcli.models import MatchesFile, Program, Roster, SessionRecord, SessionsFile
from rmcli.models.checkins import CHALLENGES, Checkin, CheckinsFile
from rmcli.schedule.plan import plan_sessions
from rmcli.status import compute, compute_status, status_of
from rmcli.status.compute import MatchFlags
from rmcli.status.rules import CHALLENGE_FLAGS
from running_helpers import PAIRS, PLANNED, write_matches
from year_helpers import write_year

START = dt.date(2027, 1, 11)
PEOPLE = [p for pair in PAIRS.values() for p in pair]

records = st.lists(
    st.tuples(
        st.sampled_from(list(PAIRS)),
        st.integers(1, 7),  # 7: a session beyond the plan
        st.sampled_from(["held", "cancelled", "moved"]),
        st.sampled_from([10, 45, 60]),
        st.integers(-10, 40),  # days from the planned date
        st.sampled_from(["technology", "culture", None]),
        st.sampled_from([None, True, False]),
    ),
    max_size=24,
)
answers = st.lists(
    st.tuples(
        st.sampled_from([*PEOPLE, "gone"]),  # "gone": someone no longer on the roster
        st.sampled_from([-5, 0, 20, 40, 90, 150]),  # few days: two answers on one day happen
        st.integers(1, 5),
        st.booleans(),
        st.lists(st.sampled_from(CHALLENGES), max_size=2, unique=True),
    ),
    max_size=20,
)
any_days = st.lists(st.sampled_from([-20, 0, 20, 30, 40, 60, 90, 150, 220]), min_size=1, max_size=6)
days = any_days.map(sorted)


def log_of(drawn: list[tuple[Any, ...]]) -> SessionsFile:
    """Return a sessions file of drawn (match, number, status, minutes, shift, area, shared)."""
    found = []
    for match, number, status, minutes, shift, area, shared in drawn:
        planned = PLANNED[min(number, len(PLANNED)) - 1]
        data: dict[str, object] = {
            "match": match,
            "number": number,
            "date": planned + dt.timedelta(days=shift),
            "minutes": minutes,
            "status": status,
        }
        if area:
            data["area"] = area
        if shared is not None:
            data["senior_shared"] = shared
        found.append(SessionRecord.model_validate(data))
    return SessionsFile(sessions=found)


def checkins_of(drawn: list[tuple[Any, ...]]) -> CheckinsFile:
    """Return a check-ins file of drawn (person, day offset, score, wants_help, challenges)."""
    return CheckinsFile(
        checkins=[
            Checkin.model_validate(
                {
                    "person": person,
                    "date": START + dt.timedelta(days=offset),
                    "score": score,
                    "wants_help": help_,
                    "challenges": challenges,
                }
            )
            for person, offset, score, help_, challenges in drawn
        ]
    )


def setting(example: Path) -> tuple[Program, Roster, MatchesFile]:
    """Return the example's program and roster with its four pairs matched."""
    matches = write_matches(example)
    snapshot = load(example)
    return snapshot.program, snapshot.roster, matches


@given(log=records, said=answers, offsets=days, peer=st.booleans())
def test_match_flags_are_the_status_flags_on_each_day(
    example: Path,
    log: list[tuple[Any, ...]],
    said: list[tuple[Any, ...]],
    offsets: list[int],
    peer: bool,
) -> None:
    """Indexing once for many days finds each match's flags as compute_status does that day."""
    assert_flags_as_status(example, log=log, said=said, offsets=offsets, peer=peer)


@given(log=records, said=answers, offsets=any_days, peer=st.booleans())
def test_match_flags_in_any_order_are_the_status_flags(
    example: Path,
    log: list[tuple[Any, ...]],
    said: list[tuple[Any, ...]],
    offsets: list[int],
    peer: bool,
) -> None:
    """Days out of order, or named twice, get their own day's flags, in the order asked."""
    assert_flags_as_status(example, log=log, said=said, offsets=offsets, peer=peer)


def assert_flags_as_status(
    example: Path,
    *,
    log: list[tuple[Any, ...]],
    said: list[tuple[Any, ...]],
    offsets: list[int],
    peer: bool,
) -> None:
    """Assert that MatchFlags finds on each drawn day the flags of compute_status."""
    program, roster, matches = setting(example)
    if peer:  # peer pairs also raise one-direction, from who taught
        program = program.model_copy(update={"format": "peer"})
    sessions, checkins = log_of(log), checkins_of(said)
    planned = plan_sessions(program=program, matches=matches, roster=roster, log=sessions)
    when = [START + dt.timedelta(days=o) for o in offsets]
    flags = MatchFlags(
        program=program,
        roster=roster,
        matches=matches,
        sessions=sessions,
        checkins=checkins,
        planned=planned,
        days=when,
    )
    cut = len(said) % (len(matches.matches) + 1)  # asked in two runs, the later first
    every = list(flags(range(cut, len(matches.matches))))
    every[:0] = flags(range(cut))
    assert all(len(codes) == len(when) for _, codes in every)  # one answer for each day asked
    found = [[(match, codes[index]) for match, codes in every] for index in range(len(when))]
    for day, codes in zip(when, found, strict=True):
        status = compute_status(
            program=program,
            roster=roster,
            matches=matches,
            sessions=sessions,
            checkins=checkins,
            as_of=day,
            planned=planned,
        )
        assert codes == [(m.id, m.codes()) for m in status.matches]


def history_by_status(snapshot: Snapshot, *, as_of: dt.date) -> dict[str, dict[str, int]]:
    """Return code -> month -> matches raising it, from the full status at every month's end."""
    counts: dict[str, dict[str, int]] = {}
    for index, day in enumerate(month_ends(snapshot.program, as_of), start=1):
        for match in status_of(snapshot, as_of=day).matches:
            for code in dict.fromkeys(match.codes()):
                months = counts.setdefault(code, {})
                months[str(index)] = months.get(str(index), 0) + 1
    return counts


def test_flag_history_counts_the_status_flags_at_each_month_end(tmp_path: Path) -> None:
    """A year-long program: the history's counts and hints are those of status at month ends."""
    folder = write_year(tmp_path / "year", pairs=12, held=7)
    snapshot = load(folder)
    limit = minimum(snapshot.program.privacy.min_group)
    as_of = dt.date(2027, 12, 20)
    history, _hidden = flag_history(snapshot, as_of=as_of)
    expected = history_by_status(snapshot, as_of=as_of)
    assert expected  # the year program raises flags, so the comparison says something
    hints = {
        f.code: f.hint
        for day in month_ends(snapshot.program, as_of)
        for m in status_of(snapshot, as_of=day).matches
        for f in m.flags
    }
    shown = {entry["code"]: entry for entry in history}
    assert set(shown) == set(expected)
    for code, months in expected.items():
        entry = shown[code]
        assert entry["hint"] == hints[code]
        assert entry["months"] == sorted(int(m) for m in months)
        if code in CHALLENGE_FLAGS:  # from confidential check-ins: small counts held back
            months = {m: (n if n >= limit else None) for m, n in months.items()}
        assert entry["by_month"] == months


@given(said=answers, side=st.permutations([*PEOPLE, "gone"]))
def test_latest_answer_of_a_side_is_the_max(said: list[tuple[Any, ...]], side: list[str]) -> None:
    """The loop the flag history uses finds the latest answer day as max() over the side does."""
    latest = compute._latest(checkins_of(said), as_of=START + dt.timedelta(days=400))
    expected = max((latest[p].date for p in side if p in latest), default=None)
    assert compute._last(tuple(side), latest) == expected
