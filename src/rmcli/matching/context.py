"""What every solver shares: the scoring context of a program and a match's score in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from rmcli.io.labels import tag_labels
from rmcli.matching.reasons import pair_score
from rmcli.matching.words import say
from rmcli.models import Match, Person, Program
from rmcli.models.program import Weights
from rmcli.words import Labels


@dataclass(frozen=True)
class Context:
    """What every scoring call needs besides the two people."""

    weights: Weights
    day: dt.date
    both_ways: bool
    projects: bool
    language: str = "en"
    titles: Mapping[str, str] = field(default_factory=dict)  # project id -> title
    labels: Labels | None = None  # how reasons name tags; None: the ids made readable

    @property
    def named(self) -> Labels:
        """Return how reasons name tags in the context's language."""
        return self.labels or Labels(self.language)

    def score(
        self, junior: Person, senior: Person, *, words: bool = True
    ) -> tuple[float, list[str]]:
        """Return one pair's score and reasons (none without `words`)."""
        return pair_score(
            junior,
            senior,
            weights=self.weights,
            day=self.day,
            both_ways=self.both_ways,
            projects=self.projects,
            titles=self.titles,
            language=self.language,
            labels=self.named,
            words=words,
        )


def make_context(program: Program, weights: Weights | None = None) -> Context:
    """Return the scoring context of a program (its weights unless others are given)."""
    return Context(
        weights=weights or program.matching.weights,
        day=program.start,
        both_ways=program.format == "peer",
        projects=program.format == "project",
        language=program.language,
        titles={p.id: p.title for p in program.projects},
        labels=tag_labels(program.labels, program.language),
    )


def rescore(match: Match, people: dict[str, Person], ctx: Context) -> Match:
    """Return a match with its score and reasons computed from the current files."""
    score, reasons = group_score(
        [people[p] for p in match.juniors], [people[p] for p in match.seniors], ctx
    )
    return match.model_copy(
        update={"score": round(score, 4), "reasons": reasons or [say(ctx.language, "nothing")]}
    )


def group_score(
    juniors: list[Person], seniors: list[Person], ctx: Context
) -> tuple[float, list[str]]:
    """Return the summed pair score of a match and its reasons (per pair when several)."""
    total = 0.0
    reasons: list[str] = []
    single = len(juniors) == 1 and len(seniors) == 1
    for senior in seniors:
        for junior in juniors:
            score, why = ctx.score(junior, senior, words=single)  # groups word their own
            total += score
            if single:
                reasons.extend(why)
                continue
            taught = sorted(set(junior.expertise) & set(senior.interests))
            if taught and ctx.weights.topics:
                topics = ctx.named.listed(taught)
                line = say(
                    ctx.language, "group_teaches", junior=junior.id, senior=senior.id, topics=topics
                )
                reasons.append(line)
    if not single:
        depts = {p.department for p in [*juniors, *seniors] if p.department}
        if len(depts) > 1:
            reasons.append(say(ctx.language, "group_departments", count=len(depts)))
    return total, reasons
