"""'Propose for all': the best global set of proposals (an optimal
assignment, not a greedy pass), and the reason why each mentee left over
could not be matched.

Infeasible pairs are excluded, not penalised: they are no edge of the
bipartite graph. The optimum matches as many mentees as possible, then
maximises the total score. A mentor with several free places appears once
per place."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

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
    """(row, column) pairs of an optimal assignment over the feasible pairs
    only: the graph holds no edge for an infeasible pair. Each mentee also
    gets a private "no proposal" column costing more than any set of real
    pairs, so a full matching always exists, as many mentees as possible
    are matched, and then the total score is maximal. Solved by scipy's
    sparse LAPJVsp (min_weight_full_bipartite_matching), which gives the
    same optimum as a dense linear_sum_assignment in a fraction of the time
    when most pairs are impossible (see the benchmark)."""
    rows, cols = _problem(scores, feasible, places)
    if rows.size == 0 or cols.size == 0:
        return []
    sub_ok = feasible[np.ix_(rows, cols)]
    r, c = np.nonzero(sub_ok)
    top = float(scores[rows[:, None], cols[None, :]][sub_ok].max()) + 1.0
    cost = top - scores[rows[r], cols[c]].astype(np.float64)  # > 0: an explicit zero would vanish
    k = rows.size
    no_proposal = top * k + 1.0
    graph = sparse.csr_matrix(
        (np.concatenate([cost, np.full(k, no_proposal)]),
         (np.concatenate([r, np.arange(k)]), np.concatenate([c, cols.size + np.arange(k)]))),
        shape=(k, cols.size + k))
    ri, ci = min_weight_full_bipartite_matching(graph)
    real = ci < cols.size
    return list(zip(rows[ri[real]].tolist(), cols[ci[real]].tolist(), strict=True))


def dense_optimal_pairs(scores: np.ndarray, feasible: np.ndarray, places: np.ndarray | None = None
                        ) -> list[tuple[int, int]]:
    """The same optimum with a dense linear_sum_assignment, where an
    infeasible pair costs more than any set of feasible ones and is dropped
    afterwards (kept as a cross-check and as the benchmark's baseline)."""
    rows, cols = _problem(scores, feasible, places)
    if rows.size == 0 or cols.size == 0:
        return []
    sub_ok = feasible[np.ix_(rows, cols)]
    sub = scores[np.ix_(rows, cols)].astype(np.float64)
    penalty = float(np.abs(sub[sub_ok]).sum()) + 1.0
    r, k = linear_sum_assignment(np.where(sub_ok, -sub, penalty))
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
    it returns False the work stops with :class:`Cancelled`. ``solver`` is
    :func:`optimal_pairs` or :func:`dense_optimal_pairs` (the same optimum;
    the dense one runs in C++ without holding Python's GIL, so a screen
    solving in the background keeps painting: the sparse one holds it for
    up to 0.7 s on 2,000 x 2,000, measured)."""

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
