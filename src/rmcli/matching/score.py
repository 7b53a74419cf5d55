"""The soft score of every junior-senior pair as one numpy matrix (topics as bitsets)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from rmcli.matching.rules import Rules, sparse_forbidden
from rmcli.matching.zones import WORKDAY_HOURS, overlap_hours
from rmcli.models import Person
from rmcli.models.program import Weights

CHUNK = 512  # rows per block, so temporaries stay small for 5,000 x 5,000
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
Ints = npt.NDArray[np.int64]
Words = npt.NDArray[np.uint64]


@dataclass
class ScoreMatrix:
    """Scores and the allowed mask of rows (juniors) against columns (seniors)."""

    score: Floats
    allowed: Bools


def bitsets(groups: Sequence[Sequence[str]], index: dict[str, int]) -> Words:
    """Return one row of 64-bit words per person, a bit per known label."""
    words = max(1, (len(index) + 63) // 64)
    values = [sum(1 << index[label] for label in set(labels)) for labels in groups]
    out = np.zeros((len(groups), words), dtype=np.uint64)
    mask = (1 << 64) - 1
    for w in range(words):
        out[:, w] = np.array([(v >> (64 * w)) & mask for v in values], dtype=np.uint64)
    return out


def _index(*groups: Sequence[Sequence[str]]) -> dict[str, int]:
    labels = sorted({label for group in groups for labels in group for label in labels})
    return {label: i for i, label in enumerate(labels)}


def common(a: Words, b: Words, rows: slice) -> npt.NDArray[np.int64]:
    """Return how many bits each row of a[rows] shares with each row of b."""
    block = a[rows]
    total: npt.NDArray[np.int64] = np.bitwise_count(block[:, None, 0] & b[None, :, 0]).astype(
        np.int64
    )
    for w in range(1, a.shape[1]):
        total += np.bitwise_count(block[:, None, w] & b[None, :, w])
    return total


def _codes(values: Sequence[str]) -> npt.NDArray[np.int64]:
    known = {v: i for i, v in enumerate(sorted(set(values)))}
    return np.array([known[v] if v else -1 for v in values], dtype=np.int64)


def build(
    juniors: Sequence[Person],
    seniors: Sequence[Person],
    *,
    weights: Weights,
    rules: Rules,
    day: dt.date,
    both_ways: bool = False,
    projects: bool = False,
) -> ScoreMatrix:
    """Return the score matrix and allowed mask for all junior-senior pairs."""
    nj, ns = len(juniors), len(seniors)
    topics = _index(
        [p.expertise for p in [*juniors, *seniors]], [p.interests for p in [*juniors, *seniors]]
    )
    teach = bitsets([p.expertise for p in juniors], topics)
    learn = bitsets([p.interests for p in seniors], topics)
    back_teach = bitsets([p.expertise for p in seniors], topics)
    back_learn = bitsets([p.interests for p in juniors], topics)
    langs = _index([p.languages for p in juniors], [p.languages for p in seniors])
    j_lang = bitsets([p.languages for p in juniors], langs)
    s_lang = bitsets([p.languages for p in seniors], langs)
    chosen = _index([p.projects for p in juniors], [p.projects for p in seniors])
    j_proj = bitsets([p.projects for p in juniors], chosen)
    s_proj = bitsets([p.projects for p in seniors], chosen)
    depts = _codes([p.department for p in [*juniors, *seniors]])
    j_dept, s_dept = depts[:nj], depts[nj:]
    zones = sorted({p.timezone for p in [*juniors, *seniors]})
    zone_at = {z: i for i, z in enumerate(zones)}
    hours = np.array([[overlap_hours(a, b, day) for b in zones] for a in zones]).reshape(
        len(zones), len(zones)
    )
    j_zone = np.array([zone_at[p.timezone] for p in juniors], dtype=np.int64)
    s_zone = np.array([zone_at[p.timezone] for p in seniors], dtype=np.int64)

    # Department, time zone and languages take few distinct values: score each pair of
    # profiles once in a small table and gather it, instead of a pass per criterion.
    j_prof, j_rep = _profiles(j_dept, j_zone, j_lang)
    s_prof, s_rep = _profiles(s_dept, s_zone, s_lang)
    every = slice(0, len(j_rep))
    shared = common(j_lang[j_rep], s_lang[s_rep], every)
    ok = shared > 0
    table = np.zeros(ok.shape, dtype=np.float64)
    if weights.language:
        table[shared >= 2] += weights.language
    if weights.department:
        jd, sd = j_dept[j_rep][:, None], s_dept[s_rep][None, :]
        table[(jd != sd) & (jd >= 0) & (sd >= 0)] += weights.department
    if weights.timezone:
        table += (weights.timezone / WORKDAY_HOURS) * hours[j_zone[j_rep]][:, s_zone[s_rep]]

    score = np.zeros((nj, ns), dtype=np.float64)
    allowed = np.ones((nj, ns), dtype=np.bool_)

    def block(rows: slice) -> None:
        view = score[rows]
        if weights.topics:
            fit = common(teach, learn, rows)
            if both_ways:
                fit += common(back_learn, back_teach, rows)
            np.multiply(fit, weights.topics, out=view)  # the first term: view is still 0
        profiles = j_prof[rows][:, None]
        view += table[profiles, s_prof[None, :]]
        allowed[rows] = ok[profiles, s_prof[None, :]]
        if projects and weights.project:
            np.add(view, weights.project, out=view, where=common(j_proj, s_proj, rows) > 0)

    for start in range(0, nj, CHUNK):
        block(slice(start, min(nj, start + CHUNK)))
    _add_prefer(score, juniors, seniors, weights.prefer)
    rows, cols = sparse_forbidden(juniors, seniors, rules)
    allowed[rows, cols] = False
    return ScoreMatrix(score=score, allowed=allowed)


def _profiles(
    dept: npt.NDArray[np.int64], zone: npt.NDArray[np.int64], lang: Words
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Return each person's profile number and one representative person per profile."""
    keys = np.column_stack([dept, zone, lang.view(np.int64)])
    _, rep, prof = np.unique(keys, axis=0, return_index=True, return_inverse=True)
    return prof.reshape(-1).astype(np.int64), rep.astype(np.int64)


def _add_prefer(
    score: Floats, juniors: Sequence[Person], seniors: Sequence[Person], weight: float
) -> None:
    if not weight:
        return
    j_at = {p.id: i for i, p in enumerate(juniors)}
    s_at = {p.id: i for i, p in enumerate(seniors)}
    for i, person in enumerate(juniors):
        for other in set(person.prefer):
            if other in s_at:
                score[i, s_at[other]] += weight
    for k, person in enumerate(seniors):
        for other in set(person.prefer):
            if other in j_at:
                score[j_at[other], k] += weight
