"""Privacy settings of a branch, kept in its ``settings`` JSON (no schema
change): how long the window may stay unused before it locks, and how many
years a person's data is kept after their last activity.

    PRIVACY_FIELDS                           field -> (low, high)
    PRIVACY_DEFAULTS                         lock after 10 minutes, keep 5 years
    privacy_values(session, branch_id) -> dict
    update_privacy(session, branch_id, values, now, coordinator_id=None) -> list[str]   fields changed
    lock_minutes(session, branch_id=None) -> int

The lock time follows KeePassXC's "lock after inactivity" (issue 12); ten
minutes is the issue's default. Without a branch (nobody chosen yet) the
shortest lock time of all branches applies, so no branch gets a laxer lock
than it asked for. Raises RuleError (``field`` names the value) on a number
out of bounds, NotFound for an unknown branch.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Branch
from .. import audit
from . import common as c
from .branches import get_branch

PRIVACY_FIELDS: dict[str, tuple[int, int]] = {
    "lock_minutes": (1, 240),
    "retention_years": (1, 30),
}
PRIVACY_DEFAULTS: dict[str, int] = {"lock_minutes": 10, "retention_years": 5}


def _value(branch: Branch, field: str) -> int:
    low, high = PRIVACY_FIELDS[field]
    try:
        return min(high, max(low, int((branch.settings or {}).get(field, PRIVACY_DEFAULTS[field]))))
    except (TypeError, ValueError):
        return PRIVACY_DEFAULTS[field]


def privacy_values(session: Session, branch_id: int) -> dict[str, int]:
    branch = get_branch(session, branch_id)
    return {field: _value(branch, field) for field in PRIVACY_FIELDS}


def update_privacy(session: Session, branch_id: int, values: dict[str, Any], now: dt.datetime,
                   coordinator_id: int | None = None) -> list[str]:
    branch = get_branch(session, branch_id)
    problems = c.unknown_fields(values, PRIVACY_FIELDS)
    clean: dict[str, int] = {}
    for field, bounds in PRIVACY_FIELDS.items():
        if field in values:
            value, problem = c.whole_number(values, field, *bounds)
            if problem:
                problems.append(problem)
            else:
                clean[field] = value
    c.first(problems)
    current = privacy_values(session, branch_id)
    changed = [f for f, v in clean.items() if current[f] != v]
    if changed:
        branch.settings = {**(branch.settings or {}), **{f: clean[f] for f in changed}}
        audit.record(session, "update_privacy", "branch", branch_id, now, coordinator_id, fields=changed)
    return changed


def lock_minutes(session: Session, branch_id: int | None = None) -> int:
    """Minutes without use before the window locks: the branch's, or the
    shortest of all branches when no branch is given (10 with none)."""
    if branch_id is not None:
        branch = session.get(Branch, branch_id)
        if branch is not None:
            return _value(branch, "lock_minutes")
    values = [_value(b, "lock_minutes") for b in session.scalars(select(Branch))]
    return min(values) if values else PRIVACY_DEFAULTS["lock_minutes"]
