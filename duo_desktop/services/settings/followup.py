"""The follow-up schedule of a branch: the months after a duo's end when its
outcome is asked (0 = at the end). The programme asks at the end, after 3
and after 12 months (DESIGN.md, step 8); a branch funded by the European
Social Fund adds "within 4 weeks" (1) and 6 months, the ESF+ common result
indicators (Regulation (EU) 2021/1057, Annex I).

    DEFAULT_FOLLOWUP_MONTHS = [0, 3, 12]
    ESF_FOLLOWUP_MONTHS = [0, 1, 3, 6, 12]
    followup_problems(months) -> list[RuleError]
    followup_months(session, branch_id) -> list[int]
    set_followup_months(session, branch_id, months, now, coordinator_id=None) -> list[int]   sorted, unique
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from ...i18n import N_
from ...models import DEFAULT_FOLLOWUP_MONTHS
from .. import audit
from ..errors import RuleError
from . import common as c
from .branches import get_branch

ESF_FOLLOWUP_MONTHS = [0, 1, 3, 6, 12]
MAX_MONTHS = 36


def followup_problems(months: Any) -> list[RuleError]:
    if (not isinstance(months, (list, tuple)) or not months
            or any(isinstance(m, bool) or not isinstance(m, int) or not 0 <= m <= MAX_MONTHS for m in months)):
        return [c.error(N_("{label}: give one or more whole numbers of months after the end, from 0 to {high}."),
                        "followup", "followup_months", high=MAX_MONTHS)]
    return []


def followup_months(session: Session, branch_id: int) -> list[int]:
    return list(get_branch(session, branch_id).followup_months or DEFAULT_FOLLOWUP_MONTHS)


def set_followup_months(session: Session, branch_id: int, months: list[int], now: dt.datetime,
                        coordinator_id: int | None = None) -> list[int]:
    c.first(followup_problems(months))
    branch = get_branch(session, branch_id)
    clean = sorted(set(months))
    if clean != list(branch.followup_months or []):
        branch.followup_months = clean
        audit.record(session, "update_followup", "branch", branch_id, now, coordinator_id, months=clean)
    return clean
