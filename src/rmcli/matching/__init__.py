"""The matcher: hard rules, a vectorised score, exact assignment and groups, explained.

The front door for the rest of rmcli. Names load on first use, so that importing this
package (`rmcli validate` does) pulls in no numpy or scipy until a solver is needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rmcli.matching.candidates import Candidate, Explanation, explain
    from rmcli.matching.checks import check_match_rules
    from rmcli.matching.context import Context, make_context
    from rmcli.matching.history import past_pairs
    from rmcli.matching.proposal import Proposal, propose
    from rmcli.matching.rules import Rules, make_rules, pair_key

_HOME = {
    "Candidate": "candidates",
    "Explanation": "candidates",
    "explain": "candidates",
    "check_match_rules": "checks",
    "Context": "context",
    "make_context": "context",
    "past_pairs": "history",
    "Proposal": "proposal",
    "propose": "proposal",
    "Rules": "rules",
    "make_rules": "rules",
    "pair_key": "rules",
}
__all__ = [
    "Candidate",
    "Context",
    "Explanation",
    "Proposal",
    "Rules",
    "check_match_rules",
    "explain",
    "make_context",
    "make_rules",
    "pair_key",
    "past_pairs",
    "propose",
]


def __getattr__(name: str) -> Any:
    """Return a public name, importing its module on first use."""
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
