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


# --- issue 17: the default choice, never backwards, "unspecified" is empty, undo ------------
from duo_desktop.models import Gender, MergeUndo  # noqa: E402
from duo_desktop.services import merge_undo  # noqa: E402
from duo_desktop.services.merge import default_keep  # noqa: E402


@pytest.fixture
def alumna_and_new_intake(store):
    """A former participant (alumni since 2025, female) and a newer, emptier
    intake record of the same woman taken this morning (the issue's case)."""
    with store.transaction() as s:
        b = f.branch(s)
        old = f.participant(s, b, first="Zeynep", last="Yılmaz", birth=dt.date(1999, 7, 1),
                            status=ParticipantStatus.ALUMNI, status_since=dt.date(2025, 9, 30),
                            applied_on=dt.date(2024, 10, 1), gender=Gender.FEMALE, email="z@example.org",
                            preferred_mentor_gender=Gender.FEMALE)
        new = f.participant(s, b, first="Zeynep", last="Yilmaz", birth=dt.date(1999, 7, 1),
                            status=ParticipantStatus.INTAKE_DONE, status_since=AT.date(),
                            applied_on=AT.date(), gender=Gender.UNSPECIFIED, email="  ",
                            preferred_mentor_gender=Gender.UNSPECIFIED, phone="+32 470 99 88 77")
        s.add(StatusChange(participant_id=old.id, from_status=ParticipantStatus.IN_DUO,
                           to_status=ParticipantStatus.ALUMNI, changed_on=dt.date(2025, 9, 30)))
        return old.id, new.id


def test_the_default_keeps_the_more_advanced_then_the_older_record():
    old = (7, ParticipantStatus.ALUMNI, dt.date(2024, 10, 1))
    new = (9, ParticipantStatus.INTAKE_DONE, dt.date(2026, 3, 16))
    assert default_keep(new, old) == default_keep(old, new) == 7
    # a tie on status: the older application, then the record created first
    assert default_keep((9, ParticipantStatus.APPLICANT, dt.date(2025, 1, 1)),
                        (7, ParticipantStatus.APPLICANT, dt.date(2026, 1, 1))) == 9
    assert default_keep((9, ParticipantStatus.APPLICANT, None), (7, ParticipantStatus.APPLICANT, None)) == 7
    # a live record is more advanced than a closed file
    assert default_keep((3, ParticipantStatus.WITHDRAWN, dt.date(2020, 1, 1)),
                        (4, ParticipantStatus.APPLICANT, dt.date(2026, 1, 1))) == 4


def test_keeping_the_new_intake_record_neither_sends_the_alumna_back_nor_loses_her_gender(store, alumna_and_new_intake):
    old, new = alumna_and_new_intake
    with store.transaction() as s:  # the coordinator chose the new record anyway
        result = merge(s, new, old, AT)
    assert {"status", "gender", "email", "preferred_mentor_gender"} <= set(result.filled)
    with store.session() as s:
        kept = s.get(Participant, new)
        assert kept.status is ParticipantStatus.ALUMNI and kept.status_since == dt.date(2025, 9, 30)
        assert kept.applied_on == dt.date(2024, 10, 1)
    with store.session() as s:  # not "waiting 0 days": a former participant waits for nothing
        from duo_desktop.services.participant_profile import load_profile

        assert load_profile(s, new).waiting_days(AT.date()) is None
    with store.session() as s:
        kept = s.get(Participant, new)
        assert kept.gender is Gender.FEMALE and kept.preferred_mentor_gender is Gender.FEMALE
        assert kept.email == "z@example.org" and kept.phone == "+32 470 99 88 77"


def test_merging_into_the_alumna_keeps_her_status_and_takes_the_new_phone(store, alumna_and_new_intake):
    old, new = alumna_and_new_intake
    with store.transaction() as s:
        merge(s, old, new, AT)
    with store.session() as s:
        kept = s.get(Participant, old)
        assert (kept.status, kept.status_since, kept.gender) == (
            ParticipantStatus.ALUMNI, dt.date(2025, 9, 30), Gender.FEMALE)
        assert kept.phone == "+32 470 99 88 77"


def _state(s, *ids):
    from duo_desktop.services.privacy.access import person_data

    out = {}
    for pid in ids:
        data = person_data(s, pid)
        data.pop("audit")
        data.pop("merge_undo")
        data["participant"].pop("version")  # technical: the optimistic lock counts every write
        for duo in data["duos"]:
            duo.pop("version")
        for section in ("languages", "sectors", "availability"):  # the export's order is the database's
            data[section].sort(key=lambda row: row["id"])
        out[pid] = data
    return out


def test_undo_merge_restores_both_records_exactly(store, twins):
    keep, other = twins["keep"], twins["other"]
    with store.session() as s:
        before = _state(s, keep, other)
    with store.transaction() as s:
        merge(s, keep, other, AT)
    with store.session() as s:
        assert [u.merged_id for u in merge_undo.undoable(s, keep, AT)] == [other]
    with store.transaction() as s:
        assert merge_undo.undo(s, other, AT + dt.timedelta(days=2)) == keep
    with store.session() as s:
        after = _state(s, keep, other)
        assert s.scalar(select(func.count()).select_from(MergeUndo)) == 0
        assert _count(s, AuditEntry, action="undo_merge") == 1
        assert other in search_ids(s, ParticipantFilter())
    for pid in before:
        for section in before[pid]:
            assert (pid, section, after[pid][section]) == (pid, section, before[pid][section])


def test_undo_is_refused_after_the_window_or_once_the_kept_record_was_edited(store, twins):
    keep, other = twins["keep"], twins["other"]
    with store.transaction() as s:
        merge(s, keep, other, AT)
    late = AT + dt.timedelta(days=merge_undo.UNDO_DAYS + 1)
    with pytest.raises(RuleError) as err, store.transaction() as s:
        merge_undo.undo(s, other, late)
    assert err.value.code == "undo_expired"
    with store.transaction() as s:
        s.get(Participant, keep).municipality = "Schaerbeek"
    with pytest.raises(RuleError) as err, store.transaction() as s:
        merge_undo.undo(s, other, AT)
    assert err.value.code == "changed_since"
    with store.transaction() as s:  # the window ends: the snapshot (personal data) is gone
        merge_undo.purge_expired(s, late)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(MergeUndo)) == 0
