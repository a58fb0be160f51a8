"""'Propose for all': the best global set of proposals (an optimal
assignment, not a greedy pass), and the reason why each mentee left over
could not be matched.

Infeasible pairs are never proposed. The optimum matches as many mentees as
possible, then maximises the total score. A mentor with several free places appears once
per place.

No scipy (issue 15: the bundle's size): the assignment is the ``lap``
package's, the keyword overlaps a dense product (criteria.py)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import lap
import numpy as np

from ..errors import Cancelled
from .pool import Profile
from .reasons import Reason
from .scoring import ScoreMatrix


@dataclass(frozen=True)
class Draft:
    mentee_id: int
    mentor_id: int
    score: float


@dataclass(frozen=True)
class Unmatched:
    mentee_id: int
    reason: Reason


@dataclass(frozen=True)
class Assignment:
    drafts: list[Draft]
    unmatched: list[Unmatched]

    @property
    def total_score(self) -> float:
        return float(sum(d.score for d in self.drafts))


def _problem(scores: np.ndarray, feasible: np.ndarray, places: np.ndarray | None):  # noqa: ANN202
    """Rows and (repeated) columns that take part: a mentee with no possible
    mentor, or a mentor with no free place, is left out."""
    n, m = scores.shape
    places = np.ones(m, dtype=np.intp) if places is None else np.asarray(places, dtype=np.intp)
    rows = np.flatnonzero(feasible.any(axis=1))
    cols = np.flatnonzero(feasible.any(axis=0) & (places > 0))
    cols = np.repeat(cols, np.minimum(places[cols], rows.size))  # one column per free place
    return rows, cols


def optimal_pairs(scores: np.ndarray, feasible: np.ndarray, places: np.ndarray | None = None
                  ) -> list[tuple[int, int]]:
    """(row, column) pairs of an optimal assignment: as many mentees as
    possible are matched, each to a feasible mentor with a free place, and
    then the total score is maximal. An infeasible pair costs more than all
    feasible pairs together, so the optimum takes one only where nothing
    else is left, and it is dropped afterwards.

    Solved by the Jonker-Volgenant algorithm of the ``lap`` package (BSD-2,
    a 2 MB wheel needing only numpy; it replaced scipy, whose 66 MB were in
    the bundle for this one call): 1 ms for a board of 300 x 300, 0.1-0.4 s
    for 2,000 x 2,000 (benchmarks/bench_matching.py). It holds Python's GIL
    meanwhile, as scipy's sparse solver did."""
    rows, cols = _problem(scores, feasible, places)
    if rows.size == 0 or cols.size == 0:
        return []
    sub_ok = feasible[np.ix_(rows, cols)]
    sub = scores[np.ix_(rows, cols)].astype(np.float64)
    penalty = float(np.abs(sub[sub_ok]).sum()) + 1.0
    cost = np.where(sub_ok, -sub, penalty)
    if cost.shape[0] == cost.shape[1]:
        _total, x, _y = lap.lapjv(cost)
    else:
        _total, x, _y = lap.lapjv(cost, extend_cost=True)  # the shorter side is assigned whole
    r = np.flatnonzero(x >= 0)
    k = x[r]
    keep = sub_ok[r, k]
    return list(zip(rows[r[keep]].tolist(), cols[k[keep]].tolist(), strict=True))


def greedy_pairs(scores: np.ndarray, feasible: np.ndarray) -> list[tuple[int, int]]:
    """The best remaining pair first, again and again (for comparison)."""
    masked = np.where(feasible, scores, -np.inf)
    order = np.argsort(-masked, axis=None)
    used_r, used_c, out = set(), set(), []
    for flat in order:
        i, j = divmod(int(flat), scores.shape[1])
        if masked[i, j] == -np.inf:
            break
        if i not in used_r and j not in used_c:
            used_r.add(i)
            used_c.add(j)
            out.append((i, j))
    return out


Solver = Callable[[np.ndarray, np.ndarray, "np.ndarray | None"], list[tuple[int, int]]]
Progress = Callable[[int, int], bool]


def propose_for_all(matrix: ScoreMatrix, progress: Progress | None = None, solver: Solver = optimal_pairs
                    ) -> Assignment:
    """Drafts of the optimal proposals, best first, and why each mentee left
    over gets none. ``progress(done, total)`` is called between steps; when
    it returns False the work stops with :class:`Cancelled`. ``solver``:
    :func:`optimal_pairs`, or :func:`greedy_pairs` for comparison."""

    def step(done: int, total: int) -> None:
        if progress is not None and not progress(done, total):
            raise Cancelled()

    mentees, mentors = matrix.mentees, matrix.mentors
    total = len(mentees) + 2
    step(0, total)
    places = np.array([m.free_places for m in mentors], dtype=np.intp)
    pairs = solver(matrix.scores, matrix.feasible, places)
    step(1, total)
    drafts = [Draft(mentees[i].id, mentors[j].id, float(matrix.scores[i, j])) for i, j in pairs]
    drafts.sort(key=lambda d: -d.score)
    matched = {i for i, _ in pairs}
    unmatched = []
    free = [m for m in mentors if m.free_places > 0]
    for i, p in enumerate(mentees):
        if i not in matched:
            unmatched.append(Unmatched(p.id, why_unmatched(matrix, i, free)))
        if i % 200 == 199:
            step(2 + i, total)
    step(total, total)
    return Assignment(drafts, unmatched)


def why_unmatched(matrix: ScoreMatrix, row: int, free: list[Profile] | None = None) -> Reason:
    """``free``: the mentors with a free place (computed when not given)."""
    mentee: Profile = matrix.mentees[row]
    city = matrix.pool.branch.city
    possible = int(matrix.feasible[row].sum())
    if possible:
        return Reason("mentors_taken", {"count": possible})
    if free is None:
        free = [m for m in matrix.mentors if m.free_places > 0]
    if not free:
        return Reason("no_free_mentor", {"city": city})
    speaking = [m for m in free if set(m.languages) & set(mentee.languages)]
    if not speaking:
        return Reason("no_mentor_language", {"languages": list(mentee.languages), "city": city})
    return Reason("only_refused", {"languages": list(mentee.languages)})
