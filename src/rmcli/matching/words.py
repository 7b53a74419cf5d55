"""The reasons of a match in the program's language (English or German)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "teaches": "teaches {topics} that the senior wants to learn",
        "learns": "learns {topics} from the senior in turn",
        "both_prefer": "both prefer each other",
        "junior_asked": "the junior asked for this senior",
        "senior_asked": "the senior asked for this junior",
        "departments": "different departments",
        "languages": "share {count} languages ({languages})",
        "hours": "{hours:g} h of shared working hours",
        "same_hours": "same working hours",
        "project": "both chose project {project}",
        "group_teaches": "{junior} teaches {senior} {topics}",
        "group_departments": "{count} departments",
        "team_project": "project {project} chosen by {people}",
        "nothing": "no soft criterion met",
    },
    "de": {
        "teaches": "vermittelt {topics}, was der Senior lernen möchte",
        "learns": "lernt im Gegenzug {topics} vom Senior",
        "both_prefer": "beide wünschen sich einander",
        "junior_asked": "der Junior hat sich diesen Senior gewünscht",
        "senior_asked": "der Senior hat sich diesen Junior gewünscht",
        "departments": "verschiedene Abteilungen",
        "languages": "{count} gemeinsame Sprachen ({languages})",
        "hours": "{hours:g} Std. gemeinsame Arbeitszeit",
        "same_hours": "gleiche Arbeitszeiten",
        "project": "beide haben Projekt {project} gewählt",
        "group_teaches": "{junior} vermittelt {senior}: {topics}",
        "group_departments": "{count} Abteilungen",
        "team_project": "Projekt {project}, gewählt von {people}",
        "nothing": "kein weiches Kriterium erfüllt",
    },
}


def say(language: str, key: str, **values: object) -> str:
    """Return one reason in `language` (English when the language has no texts)."""
    return WORDS.get(language, WORDS["en"])[key].format(**values)
