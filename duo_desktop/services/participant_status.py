"""Changing a participant's status from the list: one transaction around
``pipeline.change_status``; leaving the programme needs a reason."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ..i18n import N_
from ..models import Participant, ParticipantStatus
from .errors import NotFound, RuleError
from .pipeline import allowed_next, change_status

#: Statuses that close a file: the coordinator says why
REASON_REQUIRED = frozenset({ParticipantStatus.WITHDRAWN, ParticipantStatus.NOT_ELIGIBLE})


def next_statuses(session: Session, participant_id: int) -> tuple[ParticipantStatus, set[ParticipantStatus]]:
    """The current status and the moves the pipeline allows from it."""
    p = session.get(Participant, participant_id)
    if p is None:
        raise NotFound(participant_id)
    return p.status, allowed_next(p)


def set_status(session: Session, participant_id: int, to_status: ParticipantStatus, on: dt.date,
               reason: str = "", coordinator_id: int | None = None, at: dt.datetime | None = None) -> None:
    p = session.get(Participant, participant_id)
    if p is None:
        raise NotFound(participant_id)
    reason = reason.strip()
    if to_status in REASON_REQUIRED and not reason:
        raise RuleError(N_("Say why the participant leaves the programme (reason)."), "reason_required")
    change_status(session, p, to_status, on, reason=reason, coordinator_id=coordinator_id, at=at)
