"""Decide which figures may be shown: minimum group sizes and complementary suppression."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from rmcli.evaluation.wording import word

PRIVACY_FLOOR = 3  # never fewer, whatever program.toml says
Reason = Literal["small", "complement", "comments", "none", "open"]


@dataclass(frozen=True)
class Hidden:
    """One figure held back, and why."""

    subject: str  # what the figure is about: satisfaction, worked, skills ...
    slice: str  # the group: junior, senior, all, a department, an area
    reason: Reason
    limit: int  # the threshold that applied

    def to_json(self) -> dict[str, str]:
        """Return the English {what, why} form."""
        what, why = hidden_text(self, "en")
        return {"what": what, "why": why}


def hidden_text(hidden: Hidden, language: str) -> tuple[str, str]:
    """Return (what, why) of a held-back figure."""
    subject = word(hidden.subject, language)
    if hidden.subject == "department":
        what = f"{subject} ({word('departments', language, count=hidden.slice)})"
    elif hidden.slice == "all" and hidden.subject in (
        "final",
        "worked",
        "change",
        "recommend",
        "learned",
    ):
        what = subject
    else:
        what = f"{subject}: {word(hidden.slice, language)}"
    return what, word(hidden.reason, language, limit=hidden.limit)


def minimum(min_group: int) -> int:
    """Return the smallest group size that may be shown."""
    return max(PRIVACY_FLOOR, min_group)


def suppress(counts: dict[str, int], *, min_group: int) -> dict[str, Reason]:
    """Return the slices that must be hidden, with the reason; slices not named are shown.

    Slices with fewer than `min_group` respondents are hidden. When that leaves a hidden
    group that could be worked out by subtracting the shown slices from the total (one
    hidden slice, or hidden slices that together are still fewer than `min_group`),
    the next smallest shown slice is hidden too, until that is no longer possible.
    Slices nobody answered in are reported as such and hide nothing.
    """
    limit = minimum(min_group)
    hidden = {s for s, n in counts.items() if 0 < n < limit}
    shown = sorted((n, s) for s, n in counts.items() if n >= limit)
    complement: set[str] = set()
    while hidden and shown and (len(hidden) == 1 or sum(counts[s] for s in hidden) < limit):
        _, smallest = shown.pop(0)
        hidden.add(smallest)
        complement.add(smallest)
    # Reasons in the slices' own order, so that reports do not depend on set order.
    reasons: dict[str, Reason] = {}
    for name, count in counts.items():
        if count == 0:
            reasons[name] = "none"
        elif name in complement:
            reasons[name] = "complement"
        elif name in hidden:
            reasons[name] = "small"
    return reasons


def hidden_list(subject: str, reasons: dict[str, Reason], *, limit: int) -> list[Hidden]:
    """Return the Hidden entries of one figure's suppressed slices."""
    return [Hidden(subject, s, r, limit) for s, r in reasons.items()]
