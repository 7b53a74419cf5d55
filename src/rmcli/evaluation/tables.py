"""Tables of an evaluation as plain rows of text, for the terminal and the Markdown report."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rmcli.evaluation.wording import number, percent, signed, word
from rmcli.models.roster import ROLES
from rmcli.words import N_, translation

BAR = "█"
BAR_WIDTH = 10
CELL_WIDTH = 36
SLICES = (*ROLES, "all")
LABELS: dict[str, str] = {
    "participation": N_("Participation"),
    "people": N_("People in a match"),
    "respondents": N_("Answered the final survey"),
    "rate": N_("Response rate"),
    "sessions": N_("Sessions"),
    "figure": N_("Figure"),
    "value": N_("Value"),
    "planned": N_("Planned, whole program"),
    "due": N_("Due by this date"),
    "held": N_("Held"),
    "held_on_time": N_("Held on time (within a week)"),
    "cancelled": N_("Cancelled"),
    "median_minutes": N_("Median length (minutes)"),
    "satisfaction": N_("Satisfaction (1-5)"),
    "answers": N_("Answers"),
    "mean": N_("Mean"),
    "median": N_("Median"),
    "rating": N_("Rating {r}"),
    "outcomes": N_("Both sides win"),
    "sat_mean": N_("Mean satisfaction"),
    "relationship": N_("Relationship formed"),
    "continue": N_("Want to continue"),
    "skill_change": N_("Skills: mean change"),
    "gains": N_("What the program gave"),
    "side": N_("Side"),
    "gain": N_("Gain"),
    "share": N_("Share"),
    "hoped": N_("Hoped for"),
    "gained": N_("Gained"),
    "hopes": N_("What each side hoped for and what the program gave"),
    "learned": N_("Skills learned most often"),
    "skill": N_("Skill"),
    "people_col": N_("People"),
    "by_area": N_("Self-assessment, intake to final"),
    "area": N_("Topic area"),
    "change": N_("Mean change"),
    "departments": N_("Satisfaction by department"),
    "department": N_("Department"),
    "organisation": N_("What the organisation gained"),
    "stay": N_("More likely to stay"),
    "decided": N_("An idea reached a decision"),
    "followed": N_("Recommendations and leadership's answers"),
    "number": N_("No."),
    "recommendation": N_("Recommendation"),
    "state": N_("State"),
    "answer": N_("Answer"),
    "open": N_("open"),
    "answered": N_("answered"),
    "done": N_("carried out"),
    "flags": N_("Program health: matches with each flag"),
    "flag": N_("Flag"),
    "matches": N_("Matches"),
    "months": N_("In months"),
    "compare": N_("Cohorts side by side"),
    "this": N_("This program"),
    "other": N_("Other program"),
}


@dataclass
class Table:
    """A titled table of text cells; the first column is a label, the rest are figures."""

    key: str
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    left: int = 1  # how many leading columns hold labels (left-aligned)


def label(key: str, language: str, **values: object) -> str:
    """Return a table label in a language."""
    return translation(language).gettext(LABELS.get(key, key)).format(**values)


def clip(text: str, width: int = CELL_WIDTH) -> str:
    """Return text cut to a cell width, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def bar(count: int, most: int, language: str) -> str:
    """Return a bar of up to BAR_WIDTH blocks with the count after it."""
    blocks = round(count / most * BAR_WIDTH) if most else 0
    return f"{BAR * blocks} {number(count, language)}".strip() if count else "0"


def _cell(value: Any, language: str, kind: str) -> str:
    if value is None:
        return word("hidden_cell", language)
    if kind == "percent":
        return percent(value, language)
    if kind == "signed":
        return signed(value, language)
    return number(value, language)


def build_tables(data: dict[str, Any], *, language: str, options: dict[str, str]) -> list[Table]:
    """Return every table of an evaluation, in report order."""
    lang = language
    roles = [word(r, lang) for r in ROLES]
    every = [*roles, word("all", lang)]
    tables: list[Table] = []
    part = data["participation"]
    t = Table("participation", label("participation", lang), ["", *roles])
    t.rows.append([label("people", lang), *(number(part["people"][r], lang) for r in ROLES)])
    t.rows.append(
        [label("respondents", lang), *(number(data["respondents"][r], lang) for r in ROLES)]
    )
    t.rows.append(
        [
            label("rate", lang),
            *(
                percent(part["response_rate"][r], lang)
                if part["response_rate"][r] is not None
                else word("none_cell", lang)
                for r in ROLES
            ),
        ]
    )
    tables.append(t)
    s = data["sessions"]
    t = Table("sessions", label("sessions", lang), [label("figure", lang), label("value", lang)])
    for key in ("planned", "due", "held", "held_on_time", "cancelled", "median_minutes"):
        value = s[key]
        text = word("none_cell", lang) if value is None else number(value, lang, 1)
        t.rows.append([label(key, lang), text])
    tables.append(t)
    tables.append(_satisfaction(data, lang, every))
    tables.append(_outcomes(data, lang, every))
    tables.extend(_gains(data, lang, options))
    tables.extend(_organisation(data, lang, every))
    tables.extend(_skills(data, lang))
    if data["departments"]:
        t = Table(
            "departments",
            label("departments", lang),
            [label("department", lang), label("answers", lang), label("mean", lang)],
        )
        for name, fig in data["departments"].items():
            t.rows.append([clip(name), number(fig["n"], lang), number(fig["mean"], lang)])
        tables.append(t)
    if data.get("flags"):
        t = Table(
            "flags",
            label("flags", lang),
            [label("flag", lang), label("matches", lang), label("months", lang)],
        )
        hidden = word("hidden_cell", lang)
        for flag in data["flags"]:
            months = ", ".join(
                f"{m}: {hidden if n is None else number(n, lang)}"
                for m, n in flag["by_month"].items()
            )
            total = hidden if flag["matches"] is None else number(flag["matches"], lang)
            t.rows.append([flag["code"], total, months])
        tables.append(t)
    return tables


def _satisfaction(data: dict[str, Any], lang: str, every: list[str]) -> Table:
    sat = data["satisfaction"]
    t = Table("satisfaction", label("satisfaction", lang), ["", *every])
    figs = [sat.get(k) for k in SLICES]
    t.rows.append([label("answers", lang), *(_cell(f and f["n"], lang, "n") for f in figs)])
    t.rows.append([label("mean", lang), *(_cell(f and f["mean"], lang, "n") for f in figs)])
    t.rows.append([label("median", lang), *(_cell(f and f["median"], lang, "n") for f in figs)])
    for r in range(5, 0, -1):
        cells = []
        for f in figs:
            if f is None:
                cells.append(word("hidden_cell", lang))
            else:
                cells.append(bar(f["distribution"][str(r)], max(f["distribution"].values()), lang))
        t.rows.append([label("rating", lang, r=r), *cells])
    return t


def _outcomes(data: dict[str, Any], lang: str, every: list[str]) -> Table:
    t = Table("outcomes", label("outcomes", lang), ["", *every])
    sat = data["satisfaction"]
    t.rows.append(
        [
            label("sat_mean", lang),
            *(_cell(sat[k]["mean"] if sat.get(k) else None, lang, "n") for k in SLICES),
        ]
    )
    for key in ("relationship", "continue"):
        t.rows.append(
            [label(key, lang), *(_cell(data[key].get(k), lang, "percent") for k in SLICES)]
        )
    by_role = data["skills"]["by_role"]
    changes = [by_role[r]["mean_change"] if by_role.get(r) else None for r in ROLES]
    none = word("none_cell", lang)
    t.rows.append([label("skill_change", lang), *(_cell(c, lang, "signed") for c in changes), none])
    return t


def _gains(data: dict[str, Any], lang: str, options: dict[str, str]) -> list[Table]:
    """Return the gains per side, beside the intake's hopes when the intake asked them."""
    if any(data.get("hoped", {}).values()):
        return [_hopes(data, lang, options)]
    t = Table(
        "gains",
        label("gains", lang),
        [label("side", lang), label("gain", lang), label("share", lang)],
        left=2,
    )
    for role in ROLES:
        gains = data["gained"].get(role)
        if gains is None:
            t.rows.append([word(role, lang), "", word("hidden_cell", lang)])
            continue
        for option, value in sorted(gains.items(), key=lambda kv: (-kv[1], kv[0])):
            t.rows.append(
                [word(role, lang), clip(options.get(option, option)), percent(value, lang)]
            )
    return [t]


def _hopes(data: dict[str, Any], lang: str, options: dict[str, str]) -> Table:
    """Return hoped-for and gained shares per side and benefit, most often gained first."""
    t = Table(
        "gains",
        label("hopes", lang),
        [label("side", lang), label("gain", lang), label("hoped", lang), label("gained", lang)],
        left=2,
    )
    hidden = word("hidden_cell", lang)
    for role in ROLES:
        hoped, gained = data["hoped"].get(role), data["gained"].get(role)
        if hoped is None and gained is None:
            t.rows.append([word(role, lang), "", hidden, hidden])
            continue
        named = set(hoped or {}) | set(gained or {})
        ranked = sorted(
            named, key=lambda o: (-(gained or {}).get(o, 0), -(hoped or {}).get(o, 0), o)
        )
        for option in ranked:
            cells = [
                hidden if shares is None else percent(shares.get(option, 0.0), lang)
                for shares in (hoped, gained)
            ]
            t.rows.append([word(role, lang), clip(options.get(option, option)), *cells])
    return t


def _organisation(data: dict[str, Any], lang: str, every: list[str]) -> list[Table]:
    """Return the organisation's gains and the state of the program's recommendations."""
    tables: list[Table] = []
    found = data.get("organisation") or {}
    if any(any(v is not None for v in fig.values()) for fig in found.values()):
        t = Table("organisation", label("organisation", lang), ["", *every])
        for key, fig in found.items():
            t.rows.append([label(key, lang), *(_cell(fig.get(k), lang, "percent") for k in SLICES)])
        tables.append(t)
    followed = data.get("recommendations") or {}
    if followed.get("items"):
        t = Table(
            "followed",
            label("followed", lang),
            [
                label("number", lang),
                label("recommendation", lang),
                label("state", lang),
                label("answer", lang),
            ],
            left=4,
        )
        for item in followed["items"]:
            t.rows.append(
                [
                    number(item["number"], lang),
                    item["text"],
                    label(item["state"], lang),
                    item["answer"],
                ]
            )
        tables.append(t)
    return tables


def _skills(data: dict[str, Any], lang: str) -> list[Table]:
    tables: list[Table] = []
    learned = data["skills"]["learned"]
    if learned is not None:
        t = Table(
            "learned", label("learned", lang), [label("skill", lang), label("people_col", lang)]
        )
        t.rows.extend(
            [clip(item["label"]), number(item["people"], lang)] for item in learned["top"]
        )
        tables.append(t)
    if data["skills"]["by_area"]:
        t = Table(
            "by_area",
            label("by_area", lang),
            [label("area", lang), label("people_col", lang), label("change", lang)],
        )
        for area, fig in data["skills"]["by_area"].items():
            if fig is None:
                t.rows.append([word(area, lang), "", word("hidden_cell", lang)])
            else:
                t.rows.append(
                    [
                        word(area, lang),
                        number(fig["people"], lang),
                        signed(fig["mean_change"], lang),
                    ]
                )
        tables.append(t)
    return tables


def compare_table(this: dict[str, Any], other: dict[str, Any], *, language: str) -> Table:
    """Return headline figures of two cohorts side by side."""
    lang = language
    t = Table("compare", label("compare", lang), ["", label("this", lang), label("other", lang)])

    def row(name: str, get: Any, kind: str) -> None:
        t.rows.append([name, *(_cell(get(d), lang, kind) for d in (this, other))])

    for role in ROLES:
        row(
            f"{label('respondents', lang)}: {word(role, lang)}",
            lambda d, role=role: d["respondents"][role],
            "n",
        )
    for key in ("all", *ROLES):
        row(
            f"{label('sat_mean', lang)}: {word(key, lang)}",
            lambda d, key=key: (
                d["satisfaction"][key]["mean"] if d["satisfaction"].get(key) else None
            ),
            "n",
        )
    for what in ("relationship", "continue"):
        row(label(what, lang), lambda d, what=what: d[what].get("all"), "percent")
    row(label("held", lang), lambda d: d["sessions"]["held"], "n")
    return t
