"""The words of an evaluation in English and German, and number formats."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "junior": "Juniors",
        "senior": "Seniors",
        "all": "All",
        "satisfaction": "satisfaction",
        "relationship": "relationship formed",
        "continue": "wish to continue",
        "gained": "what the program gave",
        "department": "satisfaction by department",
        "learned": "skills learned",
        "skills_change": "change in self-assessment",
        "worked": "what worked",
        "change": "what to change",
        "recommend": "recommendations",
        "small": "hidden: fewer than {limit} answers",
        "complement": "hidden: could otherwise be worked out from the total",
        "comments": "hidden: fewer than {limit} written answers",
        "none": "no answers",
        "departments": "{count} departments",
        "hidden_cell": "hidden",
        "none_cell": "-",
        "technology": "Technology",
        "workplace": "Workplace",
        "culture": "Culture",
        "other": "Other skills",
        "written": "{what}: {n} written answers, in the report",
        "as_of": "as of",
    },
    "de": {
        "junior": "Juniors",
        "senior": "Seniors",
        "all": "Alle",
        "satisfaction": "Zufriedenheit",
        "relationship": "Beziehung entstanden",
        "continue": "Wunsch weiterzumachen",
        "gained": "was das Programm gebracht hat",
        "department": "Zufriedenheit nach Bereich",
        "learned": "gelernte Fähigkeiten",
        "skills_change": "Veränderung der Selbsteinschätzung",
        "worked": "was funktioniert hat",
        "change": "was sich ändern sollte",
        "recommend": "Empfehlungen",
        "small": "verborgen: weniger als {limit} Antworten",
        "complement": "verborgen: sonst aus der Gesamtzahl zu errechnen",
        "comments": "verborgen: weniger als {limit} Freitextantworten",
        "none": "keine Antworten",
        "departments": "{count} Bereiche",
        "hidden_cell": "verborgen",
        "none_cell": "-",
        "technology": "Technologie",
        "workplace": "Arbeitsplatz",
        "culture": "Kultur",
        "other": "Andere Fähigkeiten",
        "written": "{what}: {n} Freitextantworten, im Bericht",
        "as_of": "Stand",
    },
}


def word(key: str, language: str, **values: object) -> str:
    """Return a word or phrase in a language (English when unknown)."""
    table = WORDS.get(language, WORDS["en"])
    return table.get(key, WORDS["en"].get(key, key)).format(**values)


def number(value: float, language: str, places: int = 2) -> str:
    """Return a number with a decimal point (en) or comma (de), trailing zeros dropped."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".") if places else f"{value:.0f}"
    return text.replace(".", ",") if language == "de" else text


def signed(value: float, language: str) -> str:
    """Return a change with its sign, such as +0.5."""
    return ("+" if value > 0 else "") + number(value, language)


def percent(value: float, language: str) -> str:
    """Return a share as a whole percentage (75% in English, 75 % in German)."""
    whole = f"{round(value * 100)}"
    return f"{whole} %" if language == "de" else f"{whole}%"
