"""Hard rules of a match: a pair that breaks one is never proposed, and the
reason is given. The same rules as a boolean matrix (for scoring and the
optimal assignment) and for one pair (for a drop on the board)."""

from __future__ import annotations

import numpy as np

from ...models import ParticipantStatus, Role
from .pool import MENTEE_STATUSES, Pool, Profile
from .reasons import Reason

TRAINED = (ParticipantStatus.TRAINED, ParticipantStatus.READY_TO_MATCH, ParticipantStatus.IN_DUO)


def pair_blockers(mentee: Profile, mentor: Profile, refused: set[tuple[int, int]]) -> list[Reason]:
    """Every hard rule the pair breaks (empty: the pair is possible)."""
    out: list[Reason] = []
    if mentee.role is not Role.MENTEE or mentor.role is not Role.MENTOR:
        out.append(Reason("wrong_roles"))
    if mentee.branch_id != mentor.branch_id:
        out.append(Reason("different_branch"))
    if mentor.status not in TRAINED:
        out.append(Reason("mentor_not_trained", {"name": mentor.full_name, "status": mentor.status.value}))
    if mentee.status not in MENTEE_STATUSES:
        out.append(Reason("mentee_not_ready", {"name": mentee.full_name, "status": mentee.status.value}))
    if mentee.open_duos:
        out.append(Reason("mentee_busy", {"name": mentee.full_name}))
    if mentor.free_places <= 0:
        out.append(Reason("mentor_full", {"name": mentor.full_name, "capacity": mentor.capacity}))
    if not set(mentee.languages) & set(mentor.languages):
        out.append(Reason("no_common_language", {"mentee": list(mentee.languages),
                                                 "mentor": list(mentor.languages)}))
    if (mentor.id, mentee.id) in refused:
        out.append(Reason("refused_before", {"mentor": mentor.full_name, "mentee": mentee.full_name}))
    return out


def feasible_matrix(pool: Pool, common_languages: np.ndarray) -> np.ndarray:
    """True where a pair breaks no rule. The pool already holds only waiting
    mentees and trained mentors of one branch; what is left is a common
    language, a free place and no earlier refusal."""
    mentees, mentors = pool.mentees, pool.mentors
    ok = common_languages > 0
    ok &= np.array([m.free_places > 0 and m.status in TRAINED for m in mentors], dtype=bool)[None, :]
    ok &= np.array([m.status in MENTEE_STATUSES and not m.open_duos for m in mentees], dtype=bool)[:, None]
    if pool.refused:
        row = {p.id: i for i, p in enumerate(mentees)}
        col = {p.id: j for j, p in enumerate(mentors)}
        for mentor_id, mentee_id in pool.refused:
            if mentee_id in row and mentor_id in col:
                ok[row[mentee_id], col[mentor_id]] = False
    return ok
