"""Matching weights per branch: the same setting the matching board's weights
panel writes (services/matching/proposals.save_weights), audited here.

    weight_values(session, branch_id) -> dict[criterion, float]    every criterion, defaults filled in
    weight_problems(weights) -> list[RuleError]
    save_matching_weights(session, branch_id, weights, now, coordinator_id=None) -> dict[str, float]

A weight is a number from 0 to 10 (field: the criterion's key); at least one
is above 0 (field "weights"); a criterion that is not one of
matching.criteria.CRITERIA is refused.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from ...i18n import N_
from ...models import DEFAULT_MATCHING_WEIGHTS
from .. import audit
from ..errors import RuleError
from ..matching.proposals import save_weights
from . import common as c
from .branches import get_branch


def weight_values(session: Session, branch_id: int) -> dict[str, float]:
    own = get_branch(session, branch_id).matching_weights or {}
    return {k: float(own.get(k, v)) for k, v in DEFAULT_MATCHING_WEIGHTS.items()}


def weight_problems(weights: dict[str, Any]) -> list[RuleError]:
    problems = c.unknown_fields(weights, DEFAULT_MATCHING_WEIGHTS)
    for key, value in weights.items():
        if key in DEFAULT_MATCHING_WEIGHTS and (
                isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10):
            problems.append(RuleError(N_("A weight is between 0 and 10."), "weight", field=key))
    return problems


def save_matching_weights(session: Session, branch_id: int, weights: dict[str, Any], now: dt.datetime,
                          coordinator_id: int | None = None) -> dict[str, float]:
    """Set the given weights (the others keep their present value)."""
    c.first(weight_problems(weights))
    before = weight_values(session, branch_id)
    clean = save_weights(session, branch_id, {**before, **weights})
    changed = [k for k in clean if clean[k] != before[k]]
    if changed:
        audit.record(session, "update_weights", "branch", branch_id, now, coordinator_id, fields=changed)
    return clean
