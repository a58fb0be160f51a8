"""Merging two records of the same person keeps every record of both."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from duo_desktop.models import (
    Attendance,
    AttendanceStatus,
    AuditEntry,
    CheckIn,
    DayPart,
    Duo,
    DuoStage,
    Event,
    EventKind,
    IntakeDraft,
    LanguageLevel,
    Participant,
    ParticipantLanguage,
    ParticipantSector,
    AvailabilitySlot,
    ParticipantStatus,
    Role,
    StatusChange,
)
from duo_desktop.services.errors import RuleError
from duo_desktop.services.merge import merge
from duo_desktop.services.participants import ParticipantFilter, search_ids

from . import factories as f


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any

AT = dt.datetime(2026, 3, 16, 10, 0)


def _count(s, model, **where):
    query = select(func.count()).select_from(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return s.scalar(query)


@pytest.fixture
def twins(store):
    with store.transaction() as s:
        b = f.branch(s)
        mentor = f.participant(s, b, role=Role.MENTOR, first="Anne", last="Zeller")
        keep = f.participant(s, b, first="Joëlle", last="Dubois", birth=dt.date(2001, 4, 2), email="",
                             phone="+32 470 12 34 56", municipality="",
                             languages={"fr": LanguageLevel.INTERMEDIATE, "ar": LanguageLevel.NATIVE},
                             sectors=["care"], slots=[(0, DayPart.MORNING)], notes="Met at the fair.",
                             consent_given=False, consent_scope=[])
        other = f.participant(s, b, first="Joelle", last="DUBOIS", birth=dt.date(2001, 4, 2),
                              email="joelle@example.org", municipality="Ixelles",
                              languages={"fr": LanguageLevel.NATIVE, "en": LanguageLevel.BASIC},
                              sectors=["care", "retail"], slots=[(0, DayPart.MORNING), (3, DayPart.EVENING)],
                              notes="Prefers phone calls.", consent_given=True, consent_date=dt.date(2026, 1, 5),
                              consent_version="v2", consent_scope=["processing"])
        info = Event(branch_id=b.id, kind=EventKind.INFO_SESSION, title="Info", starts_at=dt.datetime(2026, 1, 10, 10))
        training = Event(branch_id=b.id, kind=EventKind.TRAINING, title="T", starts_at=dt.datetime(2026, 2, 1, 9))
        s.add_all([info, training])
        s.flush()
        s.add_all([Attendance(event_id=info.id, participant_id=keep.id, status=AttendanceStatus.INVITED),
                   Attendance(event_id=info.id, participant_id=other.id, status=AttendanceStatus.ATTENDED),
                   Attendance(event_id=training.id, participant_id=other.id, status=AttendanceStatus.ATTENDED)])
        duo = Duo(branch_id=b.id, mentor_id=mentor.id, mentee_id=other.id, stage=DuoStage.ACTIVE,
                  proposed_on=dt.date(2026, 2, 1))
        s.add(duo)
        s.flush()
        s.add(CheckIn(duo_id=duo.id, held_on=dt.date(2026, 3, 1)))
        s.add(StatusChange(participant_id=other.id, from_status=ParticipantStatus.APPLICANT,
                           to_status=ParticipantStatus.READY_TO_MATCH, changed_on=dt.date(2026, 1, 20)))
        s.add(IntakeDraft(participant_id=other.id, data={"step": 2}, updated_at=AT))
        return {"keep": keep.id, "other": other.id, "duo": duo.id, "mentor": mentor.id}


def test_merge_keeps_every_record_of_both(store, twins):
    keep, other = twins["keep"], twins["other"]
    with store.session() as s:
        before = {m: _count(s, m) for m in (ParticipantLanguage, ParticipantSector, AvailabilitySlot, Attendance,
                                            Duo, CheckIn, StatusChange, IntakeDraft, Participant)}
    with store.transaction() as s:
        result = merge(s, keep, other, AT)
    assert set(result.filled) >= {"email", "municipality", "consent", "notes"}
    with store.session() as s:
        k = s.get(Participant, keep)
        o = s.get(Participant, other)
        # united, with the better level of a shared language
        assert {(x.language, x.level) for x in k.languages} == {
            ("fr", LanguageLevel.NATIVE), ("ar", LanguageLevel.NATIVE), ("en", LanguageLevel.BASIC)}
        assert {x.sector for x in k.sectors} == {"care", "retail"}
        assert {(x.weekday, x.part) for x in k.availability} == {(0, DayPart.MORNING), (3, DayPart.EVENING)}
        # moved to the kept record
        assert _count(s, Attendance, participant_id=keep) == 2
        assert s.scalar(select(Attendance.status).where(Attendance.participant_id == keep,
                                                        Attendance.event_id == 1)) is AttendanceStatus.ATTENDED
        assert s.get(Duo, twins["duo"]).mentee_id == keep
        assert _count(s, StatusChange, participant_id=keep) == 1
        assert _count(s, IntakeDraft, participant_id=keep) == 1
        # empty fields filled, nothing overwritten
        assert (k.email, k.municipality, k.first_name) == ("joelle@example.org", "Ixelles", "Joëlle")
        assert k.consent_given and k.consent_version == "v2"
        assert "Met at the fair." in k.notes and "Prefers phone calls." in k.notes
        # the other record is kept, marked and hidden from lists, and keeps no personal data (GDPR)
        assert o is not None and o.merged_into_id == keep
        assert (o.first_name, o.last_name, o.email, o.municipality, o.notes, o.erased_on) == (
            "", "", "", "", "", AT.date())
        assert other not in search_ids(s, ParticipantFilter())
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "merge")).one()
        assert (audit.entity_id, audit.details["merged_id"]) == (keep, other)
        assert "joelle@example.org" not in str(audit.details)  # field names only, never values
        # no row was deleted anywhere
        after = {m: _count(s, m) for m in before}
        left_on_other = _count(s, AvailabilitySlot, participant_id=other)
    # nothing lost, but the merged-away record's weekly slot that `keep` already had (anonymised)
    assert left_on_other == 0
    assert after == {**before, AvailabilitySlot: before[AvailabilitySlot] - 1}


def test_merge_is_refused_for_different_roles_and_saves_nothing(store, twins):
    with pytest.raises(RuleError), store.transaction() as s:
        merge(s, twins["keep"], twins["mentor"], AT)
    with pytest.raises(RuleError), store.transaction() as s:
        merge(s, twins["keep"], twins["keep"], AT)
    with store.session() as s:
        assert s.get(Participant, twins["mentor"]).merged_into_id is None
        assert _count(s, AuditEntry, action="merge") == 0


def test_merged_record_cannot_be_merged_again(store, twins):
    with store.transaction() as s:
        merge(s, twins["keep"], twins["other"], AT)
    with pytest.raises(RuleError), store.transaction() as s:
        merge(s, twins["other"], twins["keep"], AT)
