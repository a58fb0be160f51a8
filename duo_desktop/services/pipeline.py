"""The status pipeline of a participant. Each change is dated and kept in the
history; a move the pipeline does not allow is refused with a reason.

applicant -> information session attended -> intake done -> (mentors:) trained
-> ready to match -> in a duo -> alumni; withdrawn / not eligible from any
open status (and back to applicant, to reopen a file).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ..i18n import N_
from ..models import Participant, ParticipantStatus, Role, StatusChange
from . import audit
from .errors import RuleError
from .labels import label_message

S = ParticipantStatus
_CLOSED = {S.WITHDRAWN, S.NOT_ELIGIBLE}
_FORWARD: dict[ParticipantStatus, set[ParticipantStatus]] = {
    S.APPLICANT: {S.INFO_SESSION_ATTENDED, S.INTAKE_DONE},
    S.INFO_SESSION_ATTENDED: {S.INTAKE_DONE},
    S.INTAKE_DONE: {S.TRAINED, S.READY_TO_MATCH},
    S.TRAINED: {S.READY_TO_MATCH},
    S.READY_TO_MATCH: {S.IN_DUO, S.ALUMNI},  # a mentor who wants no new duo after one ends
    S.IN_DUO: {S.READY_TO_MATCH, S.ALUMNI},  # back to the pool after a duo ends or is refused
    S.ALUMNI: {S.READY_TO_MATCH},  # a mentor starts a new duo
    S.WITHDRAWN: {S.APPLICANT},
    S.NOT_ELIGIBLE: {S.APPLICANT},
}


def allowed_next(participant: Participant) -> set[ParticipantStatus]:
    current = participant.status
    nxt = set(_FORWARD.get(current, set()))
    if current not in _CLOSED:
        nxt |= _CLOSED
    if participant.role is Role.MENTEE:
        nxt.discard(S.TRAINED)
    elif current is S.INTAKE_DONE:
        nxt.discard(S.READY_TO_MATCH)  # a mentor is matched only after the initial training
    return nxt


def change_status(session: Session, participant: Participant, to_status: ParticipantStatus, on: dt.date,
                  reason: str = "", coordinator_id: int | None = None, at: dt.datetime | None = None) -> StatusChange:
    """Move a participant to a new status, dated; refused with a reason when
    the pipeline does not allow it."""
    if to_status == participant.status:
        raise RuleError(N_("{name} already has the status “{status}”."), "same_status",
                        name=participant.full_name, status=label_message(to_status))
    if to_status not in allowed_next(participant):
        if participant.role is Role.MENTOR and to_status is S.READY_TO_MATCH:
            raise RuleError(N_("A mentor can be matched only after completing the initial training."),
                            "training_required")
        raise RuleError(N_("A participant cannot go from “{current}” to “{target}”."), "not_allowed",
                        current=label_message(participant.status), target=label_message(to_status))
    change = StatusChange(from_status=participant.status, to_status=to_status, changed_on=on,
                          reason=reason, coordinator_id=coordinator_id)
    participant.status_history.append(change)
    participant.status = to_status
    participant.status_since = on
    session.flush()
    audit.record(session, "status", "participant", participant.id,
                 at or dt.datetime.combine(on, dt.time()), coordinator_id,
                 from_status=change.from_status.value if change.from_status else None, to_status=to_status.value)
    return change
