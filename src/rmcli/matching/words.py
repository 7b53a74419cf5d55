"""The reasons of a match in the program's language (German and others in locales/)."""

from __future__ import annotations

from collections.abc import Mapping

from rmcli.words import NC_, format_decimal, translation

# A context of their own: "{count} departments" reads differently in an evaluation.
WORDS: dict[str, tuple[str, str]] = {
    "teaches": NC_("match reason", "teaches {topics} that the senior wants to learn"),
    "learns": NC_("match reason", "learns {topics} from the senior in turn"),
    "both_prefer": NC_("match reason", "both prefer each other"),
    "junior_asked": NC_("match reason", "the junior asked for this senior"),
    "senior_asked": NC_("match reason", "the senior asked for this junior"),
    "departments": NC_("match reason", "different departments"),
    "languages": NC_("match reason", "share {count} languages ({languages})"),
    "hours": NC_("match reason", "{hours} h of shared working hours"),
    "same_hours": NC_("match reason", "same working hours"),
    "project": NC_("match reason", "both chose the project {project}"),
    "projects": NC_("match reason", "both chose the projects {projects}"),
    "group_teaches": NC_("match reason", "{junior} teaches {senior} {topics}"),
    "group_departments": NC_("match reason", "{count} departments"),
    "team_project": NC_("match reason", "the project {project} was chosen by {people}"),
    "quoted": NC_("match reason", "“{title}”"),
    "nothing": NC_("match reason", "no soft criterion met"),
}


def say(language: str, key: str, **values: object) -> str:
    """Return one reason in `language` (English when the language has no catalog)."""
    if isinstance(hours := values.get("hours"), float | int):
        values["hours"] = format_decimal(hours, language, places=2)
    return translation(language).pgettext(*WORDS[key]).format(**values)


def project_title(language: str, project: str, titles: Mapping[str, str]) -> str:
    """Return a project's title in quotes, so a reason names it as people know it."""
    return say(language, "quoted", title=titles.get(project, project))


def chose_projects(language: str, projects: list[str], titles: Mapping[str, str]) -> str:
    """Return the reason that both chose these projects, named by their titles."""
    named = ", ".join(project_title(language, p, titles) for p in projects)
    if len(projects) == 1:
        return say(language, "project", project=named)
    return say(language, "projects", projects=named)
