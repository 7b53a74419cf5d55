"""Reporting lines: who manages whom, and who sits in whose management chain."""

from __future__ import annotations

from collections.abc import Mapping


def chain_above(person: str, managers: Mapping[str, str]) -> list[str]:
    """Return the managers above `person`, nearest first; stops at a cycle."""
    above: list[str] = []
    current = managers.get(person, "")
    while current and current != person and current not in above:
        above.append(current)
        current = managers.get(current, "")
    return above


def find_cycles(managers: Mapping[str, str]) -> list[list[str]]:
    """Return each reporting cycle once, as the ids along it, starting at the smallest."""
    cycles: list[list[str]] = []
    seen: set[str] = set()
    for start in sorted(managers):
        path: list[str] = []
        current = start
        while current and current not in seen and current not in path:
            path.append(current)
            current = managers.get(current, "")
        if current in path:
            cycle = path[path.index(current) :]
            low = cycle.index(min(cycle))
            cycles.append(cycle[low:] + cycle[:low])
        seen.update(path)
    return cycles
