"""'Propose for all': the best global set of proposals (an optimal
assignment with scipy's linear_sum_assignment, not a greedy pass), and the
reason why each mentee left over could not be matched.

Infeasible pairs are excluded: mentees and mentor places with no possible
partner are left out of the problem, and a pair that breaks a rule costs more
than any set of possible pairs is worth, so it is chosen only when nothing
else is left for that row and is then dropped from the result. The optimum
therefore matches as many mentees as possible, then maximises the total
score. A mentor with several free places appears once per place."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

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


def optimal_pairs(scores: np.ndarray, feasible: np.ndarray, places: np.ndarray | None = None
                  ) -> list[tuple[int, int]]:
    """(row, column) pairs of a maximum assignment over feasible entries."""
    n, m = scores.shape
    places = np.ones(m, dtype=np.intp) if places is None else np.asarray(places, dtype=np.intp)
    rows = np.flatnonzero(feasible.any(axis=1))
    cols = np.flatnonzero(feasible.any(axis=0) & (places > 0))
    if rows.size == 0 or cols.size == 0:
        return []
    cols = np.repeat(cols, np.minimum(places[cols], rows.size))  # one column per free place
    sub_ok = feasible[np.ix_(rows, cols)]
    sub = scores[np.ix_(rows, cols)].astype(np.float64)
    penalty = float(np.abs(sub[sub_ok]).sum()) + 1.0 if sub_ok.any() else 1.0
    cost = np.where(sub_ok, -sub, penalty)
    r, k = linear_sum_assignment(cost)
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


def propose_for_all(matrix: ScoreMatrix) -> Assignment:
    mentees, mentors = matrix.mentees, matrix.mentors
    places = np.array([m.free_places for m in mentors], dtype=np.intp)
    pairs = optimal_pairs(matrix.scores, matrix.feasible, places)
    drafts = [Draft(mentees[i].id, mentors[j].id, float(matrix.scores[i, j])) for i, j in pairs]
    drafts.sort(key=lambda d: -d.score)
    matched = {i for i, _ in pairs}
    unmatched = [Unmatched(p.id, why_unmatched(matrix, i)) for i, p in enumerate(mentees) if i not in matched]
    return Assignment(drafts, unmatched)


def why_unmatched(matrix: ScoreMatrix, row: int) -> Reason:
    mentee: Profile = matrix.mentees[row]
    city = matrix.pool.branch.city
    possible = int(matrix.feasible[row].sum())
    if possible:
        return Reason("mentors_taken", {"count": possible})
    free = [m for m in matrix.mentors if m.free_places > 0]
    if not free:
        return Reason("no_free_mentor", {"city": city})
    speaking = [m for m in free if set(m.languages) & set(mentee.languages)]
    if not speaking:
        return Reason("no_mentor_language", {"languages": list(mentee.languages), "city": city})
    return Reason("only_refused", {"languages": list(mentee.languages)})
