"""The thresholds of the status flags, from the guide's pitfalls; documented in docs/running.md."""

from __future__ import annotations

from rmcli.models.program import MIN_SESSION_MINUTES

FLAG_CODES: tuple[str, ...] = (
    "no-session",
    "overdue",
    "short-sessions",
    "cancellations",
    "only-technology",
    "one-way",
    "help-requested",
    "low-checkin",
    "no-checkin",
)
# Flags about how sessions go are advice; the others need the organiser now (exit 1).
ADVICE_CODES = frozenset({"short-sessions", "only-technology", "one-way"})

GRACE_DAYS = 7  # a session counts as overdue once its planned date is this many days past
NO_SESSION_DAYS = 21  # "no-session" once the program started this long ago without a session
CANCEL_RUN = 2  # this many cancelled or moved sessions in a row raise "cancellations"
ONLY_TECH_AFTER = 3  # "only-technology" from this many held sessions on
ONE_WAY_AFTER = 2  # "one-way" once this many held sessions recorded who led / shared
UPCOMING_DAYS = 14  # the dashboard lists planned sessions this many days ahead
STREAK_SUCCESS = 3  # a streak of this many held sessions is a success
CADENCE_DAYS = {"monthly": 31, "biweekly": 14}  # "no-checkin" after this long without one


def is_short(minutes: float, *, session_minutes: int) -> bool:
    """Return whether a session is too short: under 30 minutes or a third below the plan."""
    return minutes < MIN_SESSION_MINUTES or minutes * 3 < session_minutes * 2


# What to do, in one line: "! help-requested: <hint>" fits 80 columns.
HINTS: dict[str, dict[str, str]] = {
    "en": {
        "no-session": "Ask both if the time is blocked; don't let it be an alibi.",
        "overdue": "Agree a new date with the pair and log what happened.",
        "short-sessions": "Block 30-60 minutes of real time, not between meetings.",
        "cancellations": "Talk to both about time and commitment.",
        "only-technology": "Plan a culture or workplace topic next.",
        "one-way": "The junior leads; the senior shares context too.",
        "help-requested": "Get in touch this week: they asked for your help.",
        "low-checkin": "Talk to the person and clarify expectations.",
        "no-checkin": "Ask both sides how it is going.",
    },
    "de": {
        "no-session": "Fragt, ob die Zeit geblockt ist: kein Alibi-Programm.",
        "overdue": "Neuen Termin mit dem Paar finden und Stand eintragen.",
        "short-sessions": "30-60 Minuten fest blocken, nicht zwischen Meetings.",
        "cancellations": "Mit beiden über Zeit und Verbindlichkeit sprechen.",
        "only-technology": "Als Nächstes ein Thema zu Kultur oder Arbeitswelt.",
        "one-way": "Der Junior leitet an, der Senior teilt auch Kontext.",
        "help-requested": "Diese Woche melden: Hilfe vom Orga-Team gewünscht.",
        "low-checkin": "Gespräch suchen und Erwartungen klären.",
        "no-checkin": "Beide Seiten fragen, wie es läuft.",
    },
}

DETAILS: dict[str, dict[str, str]] = {
    "en": {
        "no-session": "none held {days} days after the start",
        "overdue": "{count} session(s) more than {grace} days past their date",
        "short-sessions": "last {last} min, median {median} min (plan {plan})",
        "cancellations": "last {count} sessions cancelled or moved",
        "only-technology": "{count} held sessions, all technology",
        "one-way-senior": "senior shared context in none of {count} sessions",
        "one-way-junior": "junior led none of {count} sessions",
        "help-requested": "{count} person(s)",
        "low-checkin": "{count} person(s) at {low} or below",
        "no-checkin": "{side}: none for {days} days",
        "juniors": "juniors",
        "seniors": "seniors",
    },
    "de": {
        "no-session": "keine {days} Tage nach dem Start",
        "overdue": "{count} Session(s) mehr als {grace} Tage überfällig",
        "short-sessions": "zuletzt {last} Min., Median {median} Min. (Plan {plan})",
        "cancellations": "letzte {count} Sessions abgesagt oder verschoben",
        "only-technology": "{count} Sessions, alle zu Technik",
        "one-way-senior": "Senior teilte in keiner von {count} Sessions Kontext",
        "one-way-junior": "Junior leitete keine von {count} Sessions",
        "help-requested": "{count} Person(en)",
        "low-checkin": "{count} Person(en) bei {low} oder darunter",
        "no-checkin": "{side}: seit {days} Tagen keiner",
        "juniors": "Juniors",
        "seniors": "Seniors",
    },
}
