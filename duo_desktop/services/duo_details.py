"""What a duo's page shows at the top: both people, the stage and its dates,
today's alerts, the notes, and which actions the stage allows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Branch, Coordinator, DuoStage, EndReason, Respondent
from . import duo_lifecycle as life
from .alerts import Alert, duo_alerts


@dataclass(frozen=True)
class DuoMember:
    """The mentor or the mentee of a duo, as the duo page shows them."""

    id: int
    name: str
    phone: str
    email: str
    preferred_language: str


@dataclass(frozen=True)
class DuoDetails:
    id: int
    stage: DuoStage
    branch: str
    branch_id: int
    coordinator: str
    coordinator_id: int | None
    mentor: DuoMember
    mentee: DuoMember
    proposed_on: dt.date
    agreement_signed_on: dt.date | None
    agreement_language: str
    planned_end_on: dt.date | None
    ended_on: dt.date | None
    end_reason: EndReason | None
    duo_months: int
    notes: str
    alerts: tuple[Alert, ...]
    evaluated: frozenset[Respondent]
    version: int = 1  # the duo's version when read: a save of the notes over someone else's is refused

    @property
    def allowed(self) -> frozenset[life.DuoAction]:
        return life.allowed_actions(self.stage, agreement_signed=self.agreement_signed_on is not None)

    @property
    def can_sign(self) -> bool:
        return life.DuoAction.SIGN in self.allowed

    @property
    def can_end(self) -> bool:
        return life.DuoAction.END in self.allowed

    @property
    def can_log_meetings(self) -> bool:
        return life.DuoAction.LOG_MEETINGS in self.allowed

    @property
    def can_check_in(self) -> bool:
        return life.DuoAction.CHECK_IN in self.allowed

    @property
    def can_evaluate(self) -> bool:
        return life.DuoAction.EVALUATE in self.allowed


def _person(p) -> DuoMember:  # noqa: ANN001
    return DuoMember(p.id, p.full_name, p.phone, p.email, p.preferred_language)


def details(session: Session, duo_id: int, today: dt.date) -> DuoDetails:
    from ..models import Evaluation

    duo = life.get_duo(session, duo_id)
    branch = session.get(Branch, duo.branch_id)
    coordinator = session.get(Coordinator, duo.coordinator_id) if duo.coordinator_id else None
    evaluated = frozenset(session.scalars(select(Evaluation.respondent).where(Evaluation.duo_id == duo.id)))
    return DuoDetails(
        id=duo.id, stage=duo.stage, branch=branch.name if branch else "", branch_id=duo.branch_id,
        coordinator=coordinator.full_name if coordinator else "", coordinator_id=duo.coordinator_id,
        mentor=_person(duo.mentor), mentee=_person(duo.mentee), proposed_on=duo.proposed_on,
        agreement_signed_on=duo.agreement_signed_on, agreement_language=duo.agreement_language,
        planned_end_on=duo.planned_end_on, ended_on=duo.ended_on, end_reason=duo.end_reason,
        duo_months=branch.duo_months if branch else 6, notes=duo.notes,
        alerts=tuple(duo_alerts(session, duo.id, today)), evaluated=evaluated, version=duo.version)
