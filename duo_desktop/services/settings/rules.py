"""Eligibility rules of a branch: the ages, what a mentee must have, the
length and rhythm of a duo. They are data (DESIGN.md): services/eligibility.py
reads them from the branch.

    RULE_FIELDS                              field -> (low, high) for numbers, None for yes/no
    RULE_DEFAULTS                            the programme's defaults (18-30, mentors 50+, 6 months, 1 x 2 h)
    rule_problems(values, current=None) -> list[RuleError]
    rule_values(session, branch_id) -> dict
    update_rules(session, branch_id, values, now, coordinator_id=None) -> list[str]   fields changed

An age range upside down (youngest mentee older than the oldest) is refused
with ``field="mentee_max_age"``; a number out of its bounds names its field.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from ...i18n import N_
from .. import audit
from ..errors import RuleError
from . import common as c
from .branches import get_branch

# Bounds are generous sanity checks, not policy: the policy is the branch's value.
RULE_FIELDS: dict[str, tuple[int, int] | None] = {
    "mentee_min_age": (14, 99),
    "mentee_max_age": (14, 99),
    "mentor_min_age": (18, 99),
    "require_non_eu_background": None,
    "require_work_permit": None,
    "require_employment_office": None,
    "duo_months": (1, 24),
    "meetings_per_week": (1, 7),
    "min_weekly_hours": (1, 40),
    "max_mentees_per_mentor": (1, 10),
}
RULE_DEFAULTS: dict[str, Any] = {
    "mentee_min_age": 18, "mentee_max_age": 30, "mentor_min_age": 50, "require_non_eu_background": True,
    "require_work_permit": True, "require_employment_office": True, "duo_months": 6, "meetings_per_week": 1,
    "min_weekly_hours": 2, "max_mentees_per_mentor": 1,
}


def rule_problems(values: dict[str, Any], current: dict[str, Any] | None = None) -> tuple[dict[str, Any],
                                                                                           list[RuleError]]:
    """The cleaned values and every problem; ``current`` holds the branch's
    present rules, so that one changed age is checked against the other."""
    problems = c.unknown_fields(values, RULE_FIELDS)
    clean: dict[str, Any] = {}
    for field, bounds in RULE_FIELDS.items():
        if field not in values:
            continue
        if bounds is None:
            value, problem = c.yes_no(values, field)
        else:
            value, problem = c.whole_number(values, field, *bounds)
        if problem:
            problems.append(problem)
        else:
            clean[field] = value
    merged = {**RULE_DEFAULTS, **(current or {}), **clean}
    if ("mentee_min_age" in clean or "mentee_max_age" in clean) and merged["mentee_min_age"] > merged["mentee_max_age"]:
        field = "mentee_max_age" if "mentee_max_age" in clean else "mentee_min_age"
        problems.append(c.error(N_("{label}: the youngest age ({low}) is above the oldest ({high})."),
                                "age_range", field, low=merged["mentee_min_age"], high=merged["mentee_max_age"]))
    return clean, problems


def rule_values(session: Session, branch_id: int) -> dict[str, Any]:
    branch = get_branch(session, branch_id)
    return {field: getattr(branch, field) for field in RULE_FIELDS}


def update_rules(session: Session, branch_id: int, values: dict[str, Any], now: dt.datetime,
                 coordinator_id: int | None = None) -> list[str]:
    branch = get_branch(session, branch_id)
    clean, problems = rule_problems(values, rule_values(session, branch_id))
    c.first(problems)
    changed = [f for f, v in clean.items() if getattr(branch, f) != v]
    for field in changed:
        setattr(branch, field, clean[field])
    if changed:
        audit.record(session, "update_rules", "branch", branch_id, now, coordinator_id, fields=changed)
    return changed
