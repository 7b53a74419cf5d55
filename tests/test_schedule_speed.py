"""The indexed ways of the schedule give what a scan of the log gives."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

import year_helpers
from rmcli.models import MatchesFile, Program, SessionRecord, SessionsFile
from rmcli.models.sessions import SESSION_STATUSES
from rmcli.schedule.plan import (
    logged_statuses,
    next_session,
    next_sessions,
    plan_sessions,
    status_in,
)

PROGRAM = Program.model_validate(year_helpers.program(pairs=3))
MATCHES = MatchesFile.model_validate({"matches": year_helpers.matches(pairs=3)})
PLAN = plan_sessions(program=PROGRAM, matches=MATCHES)
RECORDS = st.lists(
    st.builds(
        lambda match, number, status: SessionRecord(
            match=match, number=number, date=dt.date(2027, 3, 1), status=status
        ),
        st.sampled_from([m.id for m in MATCHES.matches] + ["gone"]),
        st.integers(min_value=1, max_value=13),
        st.sampled_from(SESSION_STATUSES),
    ),
    max_size=40,
)


@given(RECORDS)
def test_next_sessions_agree_with_a_scan_per_match(records: list[SessionRecord]) -> None:
    """The first session not held, found in one pass, is the one a scan per match finds."""
    log = SessionsFile(sessions=records)
    found = next_sessions(PLAN, log=log)
    for match in [m.id for m in MATCHES.matches]:
        held = {r.number for r in records if r.match == match and r.status == "held"}
        scanned = next((s for s in PLAN if s.match == match and s.number not in held), None)
        assert found.get(match) == scanned == next_session(PLAN, match=match, log=log)


@given(RECORDS, st.dates(min_value=dt.date(2027, 1, 1), max_value=dt.date(2028, 2, 1)))
def test_statuses_from_the_index_are_the_scanned_ones(
    records: list[SessionRecord], as_of: dt.date
) -> None:
    """A status from the index is the last matching record's (as planning reads a session
    logged twice), else passed or upcoming."""
    logged = logged_statuses(SessionsFile(sessions=records))
    for session in PLAN:
        last = next(
            (
                r
                for r in reversed(records)
                if (r.match, r.number) == (session.match, session.number)
            ),
            None,
        )
        expected = last.status if last else "passed" if session.date < as_of else "upcoming"
        assert status_in(logged, session, as_of=as_of) == expected
