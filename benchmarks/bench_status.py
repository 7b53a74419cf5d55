"""Time `compute_status` on a large program: python benchmarks/bench_status.py [PAIRS]."""

from __future__ import annotations

import datetime as dt
import sys
import time

from rmcli.models import MatchesFile, Program, Roster, SessionRecord, SessionsFile
from rmcli.models.checkins import Checkin, CheckinsFile
from rmcli.schedule.plan import plan_sessions
from rmcli.status import compute_status


def main(pairs: int) -> None:
    """Build a 12-month biweekly program with every session logged and time one status."""
    program = Program.model_validate(
        {
            "name": "benchmark",
            "start": dt.date(2027, 1, 11),
            "months": 12,
            "cadence": {"one_to_one": "biweekly"},
            "topics": [{"month": m, "title": f"Topic {m}"} for m in range(1, 13)],
        }
    )
    people = [{"id": f"j{i}", "name": "J", "role": "junior"} for i in range(pairs)]
    people += [{"id": f"s{i}", "name": "S", "role": "senior"} for i in range(pairs)]
    roster = Roster.model_validate({"people": people})
    matches = MatchesFile.model_validate(
        {
            "matches": [
                {"id": f"m{i}", "juniors": [f"j{i}"], "seniors": [f"s{i}"]} for i in range(pairs)
            ]
        }
    )
    planned = plan_sessions(program=program, matches=matches)
    log = SessionsFile(
        sessions=[
            SessionRecord(match=p.match, number=p.number, date=p.date, minutes=60)
            for p in planned
            if p.kind == "match"
        ]
    )
    answers = CheckinsFile(
        checkins=[Checkin(person=f"j{i}", date=dt.date(2027, 3, 1), score=4) for i in range(pairs)]
    )
    began = time.perf_counter()
    compute_status(
        program=program,
        roster=roster,
        matches=matches,
        sessions=log,
        checkins=answers,
        as_of=dt.date(2027, 12, 1),
    )
    took = time.perf_counter() - began
    print(f"{pairs} pairs, {len(log.sessions)} sessions logged: compute_status {took:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
