"""The thresholds of the status flags, from the guide's pitfalls; documented in docs/running.md."""

from __future__ import annotations

from rmcli.models.program import MIN_SESSION_MINUTES
from rmcli.words import N_, NN_

FLAG_CODES: tuple[str, ...] = (
    "no-session",
    "overdue",
    "short-sessions",
    "cancellations",
    "only-technology",
    "one-way",
    "one-direction",
    "help-requested",
    "low-checkin",
    "junior-hesitant",
    "senior-not-serious",
    "unclear-expectations",
    "no-time",
    "no-checkin",
)
# The guide's four challenges: a check-in code of the same name raises the flag.
CHALLENGE_FLAGS: tuple[str, ...] = (
    "junior-hesitant",
    "senior-not-serious",
    "unclear-expectations",
    "no-time",
)
# Flags about how sessions go are advice; the others need the organiser now (exit 1).
ADVICE_CODES = frozenset({"short-sessions", "only-technology", "one-way", "one-direction"})

GRACE_DAYS = 7  # a session counts as overdue once its planned date is this many days past
NO_SESSION_DAYS = 21  # "no-session" once the program started this long ago without a session
CANCEL_RUN = 2  # this many cancelled or moved sessions in a row raise "cancellations"
ONLY_TECH_AFTER = 3  # "only-technology" from this many held sessions on
ONE_WAY_AFTER = 2  # "one-way" once this many held sessions recorded who led / shared
ONE_DIRECTION_LAST = 3  # peer: "one-direction" when one side taught none of the last this many
UPCOMING_DAYS = 14  # the dashboard lists planned sessions this many days ahead
STREAK_SUCCESS = 3  # a streak of this many held sessions is a success
CADENCE_DAYS = {"monthly": 31, "biweekly": 14}  # "no-checkin" after this long without one


def is_short(minutes: float, *, session_minutes: int) -> bool:
    """Return whether a session is too short: under 30 minutes or a third below the plan."""
    return minutes < MIN_SESSION_MINUTES or minutes * 3 < session_minutes * 2


# What to do, in one line: "! help-requested: <hint>" fits 80 columns.
HINTS: dict[str, str] = {
    "no-session": N_("Ask both if the time is blocked; don't let it be an alibi."),
    "overdue": N_("Agree a new date with the pair and log what happened."),
    "short-sessions": N_("Block 30-60 minutes of real time, not between meetings."),
    "cancellations": N_("Talk to both about time and commitment."),
    "only-technology": N_("Plan a culture or workplace topic next."),
    "one-way": N_("The junior leads; the senior shares context too."),
    "one-direction": N_("Peer pair: let the other side teach the next session."),
    "help-requested": N_("Get in touch this week: they asked for your help."),
    "low-checkin": N_("Talk to the person and clarify expectations."),
    "junior-hesitant": N_("Tell the senior the junior is the expert; agree a safe space."),
    "senior-not-serious": N_("Talk to the senior about commitment: by choice, not duty."),
    "unclear-expectations": N_("Revisit with both the goals of the first session."),
    "no-time": N_("Protect the slot: dedicated, blocked time, not between meetings."),
    "no-checkin": N_("Ask both sides how it is going."),
}

DETAILS: dict[str, str] = {
    "no-session": N_("none held {days} days after the start"),
    "short-sessions": N_("last {last} min, median {median} min (plan {plan})"),
    "cancellations": N_("last {count} sessions cancelled or moved"),
    "only-technology": N_("{count} held sessions, all technology"),
    "one-way-senior": N_("senior shared context in none of {count} sessions"),
    "one-way-junior": N_("junior led none of {count} sessions"),
    "no-checkin": N_("{side}: none for {days} days"),
    "one-direction": N_("{side} taught none of the last {count} held sessions"),
    "juniors": N_("juniors"),
    "seniors": N_("seniors"),
}

# Details that name a count, in singular and plural (ngettext picks by the count).
COUNTED: dict[str, tuple[str, str]] = {
    "overdue": NN_(
        "{count} session more than {grace} days past its date",
        "{count} sessions more than {grace} days past their date",
    ),
    "help-requested": NN_("{count} person", "{count} people"),
    "low-checkin": NN_("{count} person at {low} or below", "{count} people at {low} or below"),
    "challenge": NN_(
        "named by {count} person in the latest check-in",
        "named by {count} people in their latest check-ins",
    ),
}
