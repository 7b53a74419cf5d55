"""Hypothesis strategies built from the pydantic models themselves, so every model is covered."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from typing import Any

import annotated_types as at
from hypothesis import strategies as st
from pydantic import BaseModel, StringConstraints
from pydantic.fields import FieldInfo

from rmcli.words import languages

# TOML text cannot hold lone surrogates, and rmcli refuses control characters in any text
# (tab and line breaks aside) when it reads a file.
CHARS = st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n\r")
ZONES = st.sampled_from(["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"])
INT64 = 2**63 - 1
# Fields whose validators no plain type strategy would meet by chance.
SIZE_RANGE = st.tuples(st.integers(1, 50), st.integers(1, 50)).map(lambda t: sorted(t))
BY_NAME: dict[str, st.SearchStrategy[Any]] = {
    "timezone": ZONES,
    "juniors_per_group": SIZE_RANGE,
    "seniors_per_group": SIZE_RANGE,
    "languages": st.lists(st.sampled_from(["en", "de", "pt-BR"]), min_size=1, max_size=3),
    "language": st.sampled_from(languages()),  # the program's: one with a catalog
    "hours": st.sampled_from(["09:00-17:00", "07:30-15:30", "00:00-24:00"]),
}


def _constraints(metadata: list[Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for item in metadata:
        if isinstance(item, FieldInfo):
            found.update(_constraints(list(item.metadata)))
        elif isinstance(item, StringConstraints):
            found.update({k: v for k, v in _fields(item).items() if v is not None})
        elif isinstance(item, at.Ge | at.Le | at.Gt | at.Lt | at.MinLen | at.MaxLen):
            found.update(_fields(item))
        elif hasattr(item, "pattern") and getattr(item, "pattern", None):
            found["pattern"] = item.pattern
    return found


def _fields(item: Any) -> dict[str, Any]:
    return {f.name: getattr(item, f.name) for f in dataclasses.fields(item)}


def for_type(annotation: Any, metadata: list[Any], *, name: str = "") -> st.SearchStrategy[Any]:
    """Return a strategy of values that fit an annotation with its pydantic constraints."""
    if name in BY_NAME and annotation is not float:  # Weights.timezone is a number
        return BY_NAME[name]
    if typing.get_origin(annotation) is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return for_type(base, [*metadata, *extra], name=name)
    limits = _constraints(metadata)
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return for_model(annotation)
    if origin is typing.Literal:
        return st.sampled_from(typing.get_args(annotation))
    if origin in (typing.Union, types.UnionType):
        return st.one_of([for_type(a, metadata, name=name) for a in typing.get_args(annotation)])
    if annotation is type(None):
        return st.none()
    if origin is list:
        (item,) = typing.get_args(annotation)
        low = limits.get("min_length", 0)
        return st.lists(for_type(item, [], name=name), min_size=low, max_size=max(low, 3))
    if origin is dict:
        key, value = typing.get_args(annotation)
        return st.dictionaries(for_type(key, []), for_type(value, []), max_size=3)
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        low = limits.get("ge", limits["gt"] + 1 if "gt" in limits else -INT64)
        high = limits.get("le", limits["lt"] - 1 if "lt" in limits else INT64)
        return st.integers(low, high)
    if annotation is float:
        return st.floats(
            min_value=limits.get("ge", limits.get("gt")),
            max_value=limits.get("le", limits.get("lt")),
            exclude_min="gt" in limits,
            exclude_max="lt" in limits,
            allow_nan=False,
            allow_infinity=False,
        )
    if annotation is dt.datetime:  # a local date and time, to the minute (sessions.toml `to`)
        return st.datetimes(
            min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 12, 31)
        ).map(lambda d: d.replace(second=0, microsecond=0))
    if annotation is dt.date:
        return st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
    if annotation is str:
        if "pattern" in limits:
            found = st.from_regex(limits["pattern"], fullmatch=True, alphabet=CHARS)
            return found.filter(lambda s: len(s) <= limits.get("max_length", 10**6))
        return st.text(
            CHARS,
            min_size=limits.get("min_length", 0),
            max_size=min(limits.get("max_length", 40), 40),
        )
    raise NotImplementedError(f"no strategy for {annotation!r}")


def for_model(model: type[BaseModel]) -> st.SearchStrategy[Any]:
    """Return a strategy of valid instances of a model (values its validators refuse are skipped)."""
    fields = {
        (field.alias or key): for_type(field.annotation, list(field.metadata), name=key)
        for key, field in model.model_fields.items()
    }

    def build(data: dict[str, Any]) -> Any:
        try:
            return model.model_validate(data)
        except ValueError:
            return None

    return st.fixed_dictionaries(fields).map(build).filter(lambda m: m is not None)
