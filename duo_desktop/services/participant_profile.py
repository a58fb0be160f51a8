"""The whole profile of one participant with its history, read in one short
session and returned as plain dataclasses (the detail panel shows it)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from ..models import (
    Attendance,
    AttendanceStatus,
    DayPart,
    Duo,
    DuoStage,
    Event,
    EventKind,
    Gender,
    LanguageLevel,
    MergeUndo,
    Participant,
    ParticipantStatus,
    PersonNote,
    Role,
)
from .duplicates import find_candidates
from .errors import NotFound


@dataclass(frozen=True)
class StatusEntry:
    changed_on: dt.date
    from_status: ParticipantStatus | None
    to_status: ParticipantStatus
    reason: str


@dataclass(frozen=True)
class EventEntry:
    starts_at: dt.datetime
    kind: EventKind
    title: str
    place: str
    status: AttendanceStatus


@dataclass(frozen=True)
class DuoEntry:
    id: int
    partner_id: int
    partner_name: str
    partner_role: Role
    stage: DuoStage
    proposed_on: dt.date
    agreement_signed_on: dt.date | None
    ended_on: dt.date | None


@dataclass(frozen=True)
class DuplicateEntry:
    participant_id: int
    name: str
    birth_date: dt.date | None
    email: str
    phone: str
    reasons: tuple[str, ...]  # keys of services.duplicates.REASONS


@dataclass(frozen=True)
class NoteEntry:
    id: int
    noted_on: dt.date
    text: str
    coordinator_id: int | None


@dataclass(frozen=True)
class ParticipantProfile:
    id: int
    role: Role
    status: ParticipantStatus
    status_since: dt.date | None
    applied_on: dt.date | None
    branch: str
    coordinator: str
    # identity
    first_name: str
    last_name: str
    birth_date: dt.date | None
    gender: Gender
    # contact
    email: str
    phone: str
    street: str
    postal_code: str
    municipality: str
    preferred_language: str
    # profile
    languages: list[tuple[str, LanguageLevel]]
    sectors: list[str]
    availability: frozenset[tuple[int, DayPart]]
    weekly_hours_available: int
    education_level: str
    education: str
    experience: str
    professional_project: str
    career: str
    to_pass_on: str
    personality_notes: str
    interests: str
    referral_source: str
    # migration background and permit
    country_of_birth: str
    nationality: str
    non_eu_background: bool | None
    arrival_year: int | None
    residence_permit: str
    permit_allows_work: bool | None
    permit_end_date: dt.date | None
    # employment office
    employment_office: str
    employment_office_registered: bool | None
    employment_office_since: dt.date | None
    # consent
    consent_given: bool
    consent_date: dt.date | None
    consent_version: str
    consent_scope: list[str]
    eligibility_overrides: dict[str, Any]
    notes: str
    # history
    status_history: list[StatusEntry] = field(default_factory=list)
    events: list[EventEntry] = field(default_factory=list)
    duos: list[DuoEntry] = field(default_factory=list)
    duplicates: list[DuplicateEntry] = field(default_factory=list)
    merged_from: list[int] = field(default_factory=list)
    #: records merged into this one whose merge can still be undone (services/merge_undo.py)
    undoable_merges: list[int] = field(default_factory=list)
    #: dated notes, newest first (services/person_notes.py)
    dated_notes: list[NoteEntry] = field(default_factory=list)
    #: GDPR restriction (services/privacy): kept, but not matched nor invited
    restricted_since: dt.date | None = None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def waiting_days(self, today: dt.date) -> int | None:
        """Days since the application, for someone still waiting for a duo."""
        from .participants import WAITING_STATUSES

        if self.applied_on is None or self.status not in WAITING_STATUSES:
            return None
        return (today - self.applied_on).days


_COPIED = ("id", "role", "status", "status_since", "applied_on", "first_name", "last_name", "birth_date",
           "gender", "email", "phone", "street", "postal_code", "municipality", "preferred_language",
           "weekly_hours_available", "education_level", "education", "experience", "professional_project",
           "career", "to_pass_on", "personality_notes", "interests", "referral_source", "country_of_birth",
           "nationality", "non_eu_background", "arrival_year", "residence_permit", "permit_allows_work",
           "permit_end_date", "employment_office", "employment_office_registered", "employment_office_since",
           "consent_given", "consent_date", "consent_version", "notes")


def load_profile(session: Session, participant_id: int) -> ParticipantProfile:
    p = session.scalar(
        select(Participant).where(Participant.id == participant_id).options(
            selectinload(Participant.languages), selectinload(Participant.sectors),
            selectinload(Participant.availability), selectinload(Participant.status_history),
            selectinload(Participant.branch), selectinload(Participant.coordinator))
    )
    if p is None:
        raise NotFound(participant_id)
    values = {name: getattr(p, name) for name in _COPIED}
    history = sorted(p.status_history, key=lambda c: (c.changed_on, c.id))
    return ParticipantProfile(
        **values,
        branch=p.branch.name,
        coordinator=p.coordinator.full_name if p.coordinator else "",
        languages=sorted(((x.language, x.level) for x in p.languages), key=_language_order),
        sectors=sorted(x.sector for x in p.sectors),
        availability=frozenset((s.weekday, s.part) for s in p.availability),
        consent_scope=list(p.consent_scope or []),
        eligibility_overrides=dict(p.eligibility_overrides or {}),
        status_history=[StatusEntry(c.changed_on, c.from_status, c.to_status, c.reason) for c in history],
        events=_events(session, p.id),
        duos=_duos(session, p.id),
        duplicates=_duplicates(session, p),
        merged_from=list(session.scalars(select(Participant.id).where(Participant.merged_into_id == p.id)
                                         .order_by(Participant.id))),
        restricted_since=p.restricted_since,
        undoable_merges=list(session.scalars(select(MergeUndo.merged_id).where(MergeUndo.kept_id == p.id)
                                             .order_by(MergeUndo.merged_at.desc()))),
        dated_notes=[NoteEntry(n.id, n.noted_on, n.text, n.coordinator_id) for n in session.scalars(
            select(PersonNote).where(PersonNote.participant_id == p.id)
            .order_by(PersonNote.noted_on.desc(), PersonNote.id.desc()))],
    )


_LEVEL_ORDER = {level: n for n, level in enumerate(reversed(LanguageLevel))}


def _language_order(item: tuple[str, LanguageLevel]) -> tuple[int, str]:
    return (_LEVEL_ORDER[item[1]], item[0])


def _events(session: Session, pid: int) -> list[EventEntry]:
    query = (select(Event.starts_at, Event.kind, Event.title, Event.place, Attendance.status)
             .join(Attendance, Attendance.event_id == Event.id)
             .where(Attendance.participant_id == pid).order_by(Event.starts_at))
    return [EventEntry(*row) for row in session.execute(query)]


def _duos(session: Session, pid: int) -> list[DuoEntry]:
    partner = aliased(Participant)
    query = (select(Duo, partner).join(partner, or_(
        (Duo.mentor_id == pid) & (partner.id == Duo.mentee_id),
        (Duo.mentee_id == pid) & (partner.id == Duo.mentor_id)))
        .where(or_(Duo.mentor_id == pid, Duo.mentee_id == pid)).order_by(Duo.proposed_on, Duo.id))
    return [DuoEntry(d.id, other.id, other.full_name, other.role, d.stage, d.proposed_on,
                     d.agreement_signed_on, d.ended_on) for d, other in session.execute(query)]


def _duplicates(session: Session, p: Participant) -> list[DuplicateEntry]:
    found = find_candidates(session, p.first_name, p.last_name, p.birth_date, p.email, p.phone, exclude_id=p.id)
    if not found:
        return []
    others = {o.id: o for o in session.scalars(select(Participant).where(
        Participant.id.in_([c.participant_id for c in found])))}
    return [DuplicateEntry(c.participant_id, others[c.participant_id].full_name, others[c.participant_id].birth_date,
                           others[c.participant_id].email, others[c.participant_id].phone, c.reasons)
            for c in found]
