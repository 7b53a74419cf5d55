"""Each status flag appears exactly when its condition holds (core, compute_status)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rmcli.folder import load
from rmcli.models import Program, SessionsFile
from rmcli.models.checkins import CheckinsFile
from rmcli.status import FLAG_CODES, ProgramStatus, compute_status
from running_helpers import PLANNED, checkins, record, sessions, write_matches

D = dt.date
START = D(2027, 1, 11)


def fresh(day: dt.date, *, score: int = 4, wants_help: bool = False) -> CheckinsFile:
    """Return recent, good check-ins of both people of p-lena (so no-checkin stays quiet)."""
    return checkins(
        {"person": "lena", "date": day, "score": score, "wants_help": wants_help},
        {"person": "markus", "date": day, "score": 4},
    )


@pytest.fixture
def run(example: Path) -> Callable[..., ProgramStatus]:
    """Return a function computing the status of the example with the four pairs."""
    matches = write_matches(example)
    program = load(example).program
    roster = load(example).roster

    def compute(
        log: SessionsFile,
        *,
        as_of: dt.date,
        answers: CheckinsFile | None = None,
        plan: Program | None = None,
    ) -> ProgramStatus:
        return compute_status(
            program=plan or program,
            roster=roster,
            matches=matches,
            sessions=log,
            checkins=answers if answers is not None else fresh(as_of),
            as_of=as_of,
        )

    compute.program = program  # type: ignore[attr-defined]  # tests read the plan from it
    return compute


def codes(result: ProgramStatus, match: str = "p-lena") -> list[str]:
    """Return the flag codes of one match."""
    return next(m for m in result.matches if m.id == match).codes()


def test_no_session_three_weeks_after_start(run) -> None:
    assert "no-session" not in codes(run(sessions(), as_of=START + dt.timedelta(days=20)))
    assert "no-session" in codes(run(sessions(), as_of=START + dt.timedelta(days=21)))
    cancelled = sessions(record("p-lena", 1, status="cancelled", minutes=0))
    assert "no-session" in codes(run(cancelled, as_of=D(2027, 2, 1)))
    assert "no-session" not in codes(run(sessions(record("p-lena", 1)), as_of=D(2027, 2, 1)))
    # A session logged for a later day does not count yet.
    late = sessions(record("p-lena", 1, date=D(2027, 2, 5)))
    assert "no-session" in codes(run(late, as_of=D(2027, 2, 1)))
    assert "no-session" not in codes(run(late, as_of=D(2027, 2, 5)))


def test_overdue_after_the_grace_week(run) -> None:
    first = PLANNED[0]
    assert "overdue" not in codes(run(sessions(), as_of=first + dt.timedelta(days=7)))
    result = run(sessions(), as_of=first + dt.timedelta(days=8))
    assert "overdue" in codes(result)
    assert result.matches[0].overdue == 1
    for status, raised in (("held", False), ("moved", False), ("cancelled", True)):
        log = sessions(record("p-lena", 1, status=status))
        assert ("overdue" in codes(run(log, as_of=D(2027, 1, 25)))) is raised, status


def test_short_sessions_by_last_or_median(run) -> None:
    day = D(2027, 3, 17)
    ok = sessions(record("p-lena", 1, minutes=40), record("p-lena", 2, minutes=40))
    assert "short-sessions" not in codes(run(ok, as_of=day))
    last = sessions(record("p-lena", 1, minutes=60), record("p-lena", 2, minutes=39))
    assert "short-sessions" in codes(run(last, as_of=day))
    recovered = sessions(record("p-lena", 1, minutes=20), record("p-lena", 2), record("p-lena", 3))
    assert "short-sessions" not in codes(run(recovered, as_of=day))
    median = sessions(
        record("p-lena", 1, minutes=30), record("p-lena", 2, minutes=30), record("p-lena", 3)
    )
    assert "short-sessions" in codes(run(median, as_of=day))


def test_short_sessions_never_below_thirty_minutes(run) -> None:
    half_hour = run.program.model_copy(update={"session_minutes": 30})
    day = D(2027, 1, 13)
    thirty = sessions(record("p-lena", 1, minutes=30))
    assert "short-sessions" not in codes(run(thirty, as_of=day, plan=half_hour))
    short = sessions(record("p-lena", 1, minutes=29))
    assert "short-sessions" in codes(run(short, as_of=day, plan=half_hour))


def test_cancellations_need_a_run_of_two(run) -> None:
    day = D(2027, 3, 17)
    one = sessions(record("p-lena", 1), record("p-lena", 2, status="cancelled"))
    assert "cancellations" not in codes(run(one, as_of=day))
    two = sessions(record("p-lena", 1, status="cancelled"), record("p-lena", 2, status="moved"))
    assert "cancellations" in codes(run(two, as_of=day))
    ended = sessions(*two.sessions, record("p-lena", 3))
    assert "cancellations" not in codes(run(ended, as_of=day))


def test_only_technology_after_three_sessions(run) -> None:
    day = D(2027, 3, 17)
    two = sessions(record("p-lena", 1), record("p-lena", 2))
    assert "only-technology" not in codes(run(two, as_of=day))
    three_tech = sessions(*two.sessions, record("p-lena", 3, area="technology"))
    assert "only-technology" in codes(run(three_tech, as_of=day))
    as_planned = sessions(*two.sessions, record("p-lena", 3))  # month 3 is culture
    assert "only-technology" not in codes(run(as_planned, as_of=day))
    unknown = sessions(*two.sessions, record("p-lena", 3, area=""))
    assert "only-technology" not in codes(run(unknown, as_of=day))


def test_one_way_when_senior_never_shares(run) -> None:
    day = D(2027, 2, 17)
    never = sessions(
        record("p-lena", 1, senior_shared=False), record("p-lena", 2, senior_shared=False)
    )
    assert "one-way" in codes(run(never, as_of=day))
    once = sessions(
        record("p-lena", 1, senior_shared=True), record("p-lena", 2, senior_shared=False)
    )
    assert "one-way" not in codes(run(once, as_of=day))
    unrecorded = sessions(record("p-lena", 1, senior_shared=False), record("p-lena", 2))
    assert "one-way" not in codes(run(unrecorded, as_of=day))


def test_one_way_when_junior_never_leads(run) -> None:
    day = D(2027, 2, 17)
    senior_led = sessions(
        record("p-lena", 1, led_by="markus"), record("p-lena", 2, led_by="markus")
    )
    assert "one-way" in codes(run(senior_led, as_of=day))
    junior_led = sessions(record("p-lena", 1, led_by="markus"), record("p-lena", 2, led_by="lena"))
    assert "one-way" not in codes(run(junior_led, as_of=day))


def test_help_and_low_score_follow_the_latest_answer(run) -> None:
    log = sessions(record("p-lena", 1))
    day = D(2027, 1, 20)
    helped = fresh(D(2027, 1, 15), score=3, wants_help=True)
    assert codes(run(log, as_of=day, answers=helped)) == ["help-requested"]
    low = fresh(D(2027, 1, 15), score=2)
    assert codes(run(log, as_of=day, answers=low)) == ["low-checkin"]
    later = checkins(
        *(c.model_dump() for c in low.checkins),
        {"person": "lena", "date": D(2027, 1, 19), "score": 3},
    )
    assert codes(run(log, as_of=day, answers=later)) == []
    # An answer given after the as-of day is not known yet.
    assert codes(run(log, as_of=D(2027, 1, 14), answers=low)) == []


def test_no_checkin_after_the_cadence(run) -> None:
    log = sessions(record("p-lena", 1))
    none = checkins()
    assert "no-checkin" not in codes(run(log, as_of=START + dt.timedelta(days=31), answers=none))
    assert "no-checkin" in codes(run(log, as_of=START + dt.timedelta(days=32), answers=none))
    junior_only = checkins({"person": "lena", "date": D(2027, 2, 10), "score": 4})
    result = run(log, as_of=D(2027, 2, 12), answers=junior_only)
    flag = next(f for f in result.matches[0].flags if f.code == "no-checkin")
    assert "seniors" in flag.detail and "juniors" not in flag.detail
    biweekly = run.program.model_copy(
        update={"cadence": run.program.cadence.model_copy(update={"one_to_one": "biweekly"})}
    )
    assert "no-checkin" in codes(
        run(log, as_of=START + dt.timedelta(days=15), answers=none, plan=biweekly)
    )
    end = run.program.end()
    assert "no-checkin" in codes(run(log, as_of=end - dt.timedelta(days=1), answers=none))
    assert "no-checkin" not in codes(run(log, as_of=end, answers=none)), "not after the program"


def test_quiet_before_the_start_and_when_all_is_well(run) -> None:
    before = run(sessions(), as_of=START - dt.timedelta(days=1), answers=checkins())
    assert all(m.flags == [] for m in before.matches)
    good = sessions(
        record("p-lena", 1, led_by="lena", senior_shared=True),
        record("p-lena", 2, led_by="lena", senior_shared=False),
    )
    result = run(good, as_of=D(2027, 2, 20))
    assert codes(result) == []
    lena = result.matches[0]
    assert (lena.held, lena.due, lena.planned, lena.streak, lena.all_held) == (2, 2, 6, 2, True)
    assert lena.areas == ("technology",)
    assert result.action_needed  # the other pairs held nothing: they are overdue


def test_advice_flags_alone_need_no_action(run) -> None:
    log = sessions(record("p-lena", 1, minutes=10))
    result = run(log, as_of=D(2027, 1, 13))
    assert codes(result) == ["short-sessions"]
    assert not result.action_needed  # the other pairs have nothing due yet either
    overdue = run(log, as_of=D(2027, 1, 25))
    assert overdue.action_needed


def test_successes_and_on_time_share(run) -> None:
    log = sessions(
        record("p-lena", 1),
        record("p-lena", 2),
        record("p-lena", 3, date=D(2027, 3, 30)),  # 14 days late: held, not on time
        record("p-jonas", 1),
    )
    result = run(log, as_of=D(2027, 4, 1))
    found = {(s.match, s.code, s.count) for s in result.successes}
    assert found == {("p-lena", "all-held", 3), ("p-lena", "streak", 3)}
    # 4 pairs x 3 past sessions; lena 2 on time, jonas 1.
    assert (result.on_time, result.past_due) == (3, 12)
    assert result.on_time_share == 0.25


def test_upcoming_lists_the_next_two_weeks(run) -> None:
    result = run(sessions(record("p-lena", 4, date=D(2027, 4, 1))), as_of=D(2027, 4, 1))
    listed = {(u.match, u.number, u.date) for u in result.upcoming}
    assert ("p-jonas", 4, D(2027, 4, 13)) in listed
    assert ("p-lena", 4, D(2027, 4, 13)) not in listed  # logged already
    assert {u.kind for u in result.upcoming} == {"match", "cohort"}  # cohort meets 2027-04-07


statuses = st.sampled_from(["held", "cancelled", "moved"])
records = st.lists(
    st.tuples(st.integers(1, 6), statuses, st.integers(0, 120), st.integers(-10, 60)),
    max_size=8,
    unique_by=lambda t: t[0],
)


@given(log=records, offset=st.integers(0, 200))
def test_records_after_the_day_change_nothing(run, log, offset) -> None:
    """The status as of a day only depends on what was logged up to that day."""
    day = START + dt.timedelta(days=offset)
    full = sessions(
        *(
            record("p-lena", n, status=s, minutes=m, date=PLANNED[n - 1] + dt.timedelta(days=d))
            for n, s, m, d in log
        )
    )
    known = SessionsFile(sessions=[r for r in full.sessions if r.date <= day])
    answers = checkins()
    first = run(full, as_of=day, answers=answers).to_json()
    assert first == run(known, as_of=day, answers=answers).to_json()
    for match in first["matches"]:
        assert {f["code"] for f in match["flags"]} <= set(FLAG_CODES)
        assert match["held"] <= len(log)


def test_people_who_left_the_roster_are_not_asked_for_check_ins(example: Path) -> None:
    matches = write_matches(example)
    roster = load(example).roster
    without_markus = roster.model_copy(
        update={"people": [p for p in roster.people if p.id != "markus"]}
    )
    result = compute_status(
        program=load(example).program,
        roster=without_markus,
        matches=matches,
        sessions=sessions(record("p-lena", 1)),
        checkins=checkins({"person": "lena", "date": D(2027, 2, 1), "score": 4}),
        as_of=D(2027, 2, 12),
    )
    lena = result.matches[0]
    assert lena.seniors == () and lena.codes() == []
    jonas = result.matches[1]
    assert "no-checkin" in jonas.codes()  # still raised where people are there to ask


def test_every_flag_has_a_one_line_hint_in_every_language() -> None:
    from rmcli.status.rules import HINTS
    from rmcli.words import languages, translation

    assert set(HINTS) == set(FLAG_CODES)
    assert "de" in languages()
    for language in languages():
        for code, hint in HINTS.items():
            text = translation(language).gettext(hint)
            assert len(f"! {code}: {text}") <= 80, (language, code)


@pytest.mark.parametrize(
    "code", ["junior-hesitant", "senior-not-serious", "unclear-expectations", "no-time"]
)
def test_each_challenge_in_a_latest_checkin_raises_its_flag(run, code: str) -> None:
    day = D(2027, 1, 20)
    log = sessions(record("p-lena", 1))
    named = checkins(
        {"person": "lena", "date": day, "score": 4, "challenges": [code]},
        {"person": "markus", "date": day, "score": 4, "challenges": [code]},
    )
    result = run(log, as_of=day, answers=named)
    flag = next(f for f in result.matches[0].flags if f.code == code)
    assert flag.action and flag.hint and "2" in flag.detail
    assert code not in codes(result, "p-jonas")  # only the pair whose people named it
    # A later answer without it clears the flag.
    later = checkins(
        *[a.model_dump() for a in named.checkins],
        *[
            {"person": p, "date": day + dt.timedelta(days=1), "score": 4}
            for p in ("lena", "markus")
        ],
    )
    assert code not in codes(run(log, as_of=day + dt.timedelta(days=1), answers=later))
    assert code in codes(run(log, as_of=day + dt.timedelta(days=1), answers=named))


def test_a_pair_with_an_action_flag_has_no_success(run) -> None:
    log = sessions(record("p-lena", 1), record("p-lena", 2), record("p-lena", 3))
    day = D(2027, 3, 20)
    assert {s.match for s in run(log, as_of=day).successes} == {"p-lena"}
    worried = checkins(
        {"person": "lena", "date": day, "score": 4, "challenges": ["no-time"]},
        {"person": "markus", "date": day, "score": 4},
    )
    result = run(log, as_of=day, answers=worried)
    assert "no-time" in codes(result)
    assert result.successes == []
    # An advice flag alone does not take the success away.
    short = sessions(record("p-lena", 1), record("p-lena", 2), record("p-lena", 3, minutes=15))
    advised = run(short, as_of=day)
    assert "short-sessions" in codes(advised)
    assert {s.match for s in advised.successes} == {"p-lena"}
