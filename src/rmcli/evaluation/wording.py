"""The words of an evaluation (translated in locales/), and its number formats."""

from __future__ import annotations

from rmcli.words import N_, format_number, format_percent, translation

WORDS: dict[str, str] = {
    "junior": N_("Juniors"),
    "senior": N_("Seniors"),
    "all": N_("All"),
    "satisfaction": N_("satisfaction"),
    "relationship": N_("relationship formed"),
    "continue": N_("wish to continue"),
    "gained": N_("what the program gave"),
    "hoped": N_("what each side hoped to gain"),
    "department": N_("satisfaction by department"),
    "learned": N_("skills learned"),
    "skills_change": N_("change in self-assessment"),
    "worked": N_("what worked"),
    "change": N_("what to change"),
    "recommend": N_("recommendations"),
    "challenge": N_("matches with a challenge named in check-ins"),
    "stay": N_("juniors who intend to stay"),
    "decided": N_("ideas that reached a decision"),
    "small": N_("hidden: fewer than {limit} answers"),
    "complement": N_("hidden: could otherwise be worked out from the total"),
    "comments": N_("hidden: fewer than {limit} written answers"),
    "none": N_("no answers"),
    "open": N_("hidden until the survey is closed: it has answers after this date"),
    "final": N_("final survey"),
    "departments": N_("{count} departments"),
    "hidden_cell": N_("hidden"),
    "none_cell": N_("-"),
    "technology": N_("Technology"),
    "workplace": N_("Workplace"),
    "culture": N_("Culture"),
    "retrospective": N_("Retrospective"),
    "other": N_("Other skills"),
    "written": N_("{what}: {n} written answers, in the report"),
    "as_of": N_("as of"),
}


def word(key: str, language: str, **values: object) -> str:
    """Return a word or phrase in a language (English when unknown)."""
    text = WORDS.get(key, key)
    return translation(language).gettext(text).format(**values)


def number(value: float, language: str, places: int = 2) -> str:
    """Return a figure as the language writes it (2.5 / 2,5; 1,695 / 1.695), trailing zeros dropped."""
    return format_number(value, language, places=places)


def signed(value: float, language: str) -> str:
    """Return a change with its sign, such as +0.5."""
    return ("+" if value > 0 else "") + number(value, language)


def percent(value: float, language: str) -> str:
    """Return a share as a whole percentage (75% in English, 75 % in German)."""
    return format_percent(value, language)
