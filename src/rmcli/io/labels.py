"""The labels rmcli ships for common tags, per language (templates/labels/<lang>.toml).

A program's own `[labels]` (program.toml) come first; these cover the tags of the starters
and the example programs, so a new program names its topics in words out of the box.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from types import MappingProxyType

from rmcli.io.templates import shipped_root
from rmcli.words import Labels

LABELS_DIR = "labels"


@functools.cache
def shipped_labels(language: str) -> Mapping[str, str]:
    """Return rmcli's own labels of a language (none when it ships no file for it)."""
    path = shipped_root() / LABELS_DIR / f"{language}.toml"
    if not path.is_file():
        return MappingProxyType({})
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return MappingProxyType({str(k): str(v) for k, v in data.items() if isinstance(v, str)})


def tag_labels(own: Mapping[str, str], language: str) -> Labels:
    """Return how sentences in `language` name tags: `own` labels first, then rmcli's."""
    return Labels(language, {**shipped_labels(language), **own})
