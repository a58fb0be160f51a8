"""The board after one change, without reloading the pool: read again only
the people a proposal, an undo, a withdrawal or a decision touched, and edit
the score matrix row by row (a mentee) and column by column (a mentor).

A row or column is scored by the same :func:`score_matrix` on a pool of one
person against the others, so an edited matrix holds exactly the scores a
full reload would give (tests/test_matching_service.py checks this)."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ...models import Duo, DuoStage, Role
from .pool import (
    MENTEE_STATUSES,
    MENTOR_STATUSES,
    Pool,
    Profile,
    find_branch,
    is_matchable,
    is_waiting,
    load_profiles,
    mentee_order,
    mentor_order,
)
from .scoring import ScoreMatrix, score_matrix


@dataclass(frozen=True)
class PeopleState:
    """Fresh profiles of a few people (``None``: no longer on the board) and
    the refused pairs they are part of."""

    branch_id: int
    mentees: dict[int, Profile | None]
    mentors: dict[int, Profile | None]
    refused: frozenset[tuple[int, int]]  # (mentor_id, mentee_id)


def people_state(session: Session, branch_id: int, today: dt.date, mentee_ids: list[int],
                 mentor_ids: list[int]) -> PeopleState:
    """Read the given people as the board would show them now."""
    branch = find_branch(session, branch_id)
    mentees = {p.id: p for p in load_profiles(session, branch, Role.MENTEE, MENTEE_STATUSES, today, mentee_ids)
               if is_waiting(p)}
    mentors = {p.id: p for p in load_profiles(session, branch, Role.MENTOR, MENTOR_STATUSES, today, mentor_ids)
               if is_matchable(p)}
    refused = session.execute(select(Duo.mentor_id, Duo.mentee_id).where(
        Duo.branch_id == branch.id, Duo.stage == DuoStage.REFUSED,
        or_(Duo.mentee_id.in_(mentee_ids), Duo.mentor_id.in_(mentor_ids)))).all()
    return PeopleState(branch.id, {i: mentees.get(i) for i in mentee_ids}, {i: mentors.get(i) for i in mentor_ids},
                       frozenset((a, b) for a, b in refused))


Kind = Literal["removed", "inserted", "changed"]


@dataclass(frozen=True)
class Edit:
    """One step of an update: a mentee row or a mentor column removed (at
    ``index`` before the step), inserted (at ``index`` after it) or changed."""

    side: Literal["mentee", "mentor"]
    kind: Kind
    index: int
    profile: Profile | None


def apply_state(matrix: ScoreMatrix, state: PeopleState, weights: dict[str, float] | None = None
                ) -> tuple[ScoreMatrix, list[Edit]]:
    """The matrix with the people of ``state`` as they are now, and the
    steps that led there (in order). The matrix given is not modified."""
    if state.branch_id != matrix.pool.branch.id:
        return matrix, []
    pool = matrix.pool
    scores, feasible = matrix.scores, matrix.feasible
    mentees, mentors = list(pool.mentees), list(pool.mentors)
    refused = set(pool.refused) | set(state.refused)
    edits: list[Edit] = []

    def sub(people_a: list[Profile], people_b: list[Profile]) -> ScoreMatrix:
        return score_matrix(Pool(pool.branch, pool.today, people_a, people_b, refused), weights)

    for pid, profile in state.mentees.items():
        row = next((i for i, p in enumerate(mentees) if p.id == pid), None)
        if row is not None:
            mentees.pop(row)
            scores, feasible = np.delete(scores, row, axis=0), np.delete(feasible, row, axis=0)
        if profile is None:
            if row is not None:
                edits.append(Edit("mentee", "removed", row, None))
            continue
        one = sub([profile], mentors)
        keys = [mentee_order(p, pool.today) for p in mentees]
        at = row if row is not None else bisect.bisect_left(keys, mentee_order(profile, pool.today))
        mentees.insert(at, profile)
        scores = np.insert(scores, at, one.scores[0], axis=0)
        feasible = np.insert(feasible, at, one.feasible[0], axis=0)
        edits.append(Edit("mentee", "changed" if row is not None else "inserted", at, profile))

    for pid, profile in state.mentors.items():
        col = next((j for j, p in enumerate(mentors) if p.id == pid), None)
        if col is not None:
            mentors.pop(col)
            scores, feasible = np.delete(scores, col, axis=1), np.delete(feasible, col, axis=1)
        if profile is None:
            if col is not None:
                edits.append(Edit("mentor", "removed", col, None))
            continue
        one = sub(mentees, [profile])
        keys = [mentor_order(p) for p in mentors]
        at = col if col is not None else bisect.bisect_left(keys, mentor_order(profile))
        mentors.insert(at, profile)
        scores = np.insert(scores, at, one.scores[:, 0], axis=1)
        feasible = np.insert(feasible, at, one.feasible[:, 0], axis=1)
        edits.append(Edit("mentor", "changed" if col is not None else "inserted", at, profile))

    new_pool = replace(pool, mentees=mentees, mentors=mentors, refused=refused)
    return ScoreMatrix(new_pool, scores.astype(np.float32, copy=False), feasible.astype(bool, copy=False)), edits
