"""Merging two records of the same person. Nothing is lost: languages,
sectors and slots are united; attendances, duos (with their meetings and
check-ins), the status history and intake drafts move to the kept record;
the kept record's empty fields are filled from the other ("unspecified"
and blank texts count as empty, so a real value on either side is kept);
the status never moves backwards (the more advanced of the two, with its
date, in the programme's order :data:`STATUS_RANK`); the other record stays
in the database, marked ``merged_into_id``, hidden from lists and
anonymised. One transaction (the caller's), with an audit entry, and a
snapshot (services/merge_undo.py) so that the merge can be undone.

Which record to keep by default (:func:`default_keep`): the more advanced
status wins, then the older record (issue 17: keeping the newer, emptier
duplicate sent a former participant back to "intake done")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from ..i18n import N_
from ..models import (
    Attendance,
    Gender,
    AttendanceStatus,
    Duo,
    IntakeDraft,
    LanguageLevel,
    Participant,
    ParticipantStatus,
    Role,
    StatusChange,
)
from . import audit
from .duo_lifecycle import lock_people, open_duo_of
from . import merge_undo
from .duplicates import stored_keys
from .privacy.erasure import anonymise
from ..text import name_prefix
from .errors import NotFound, RuleError

#: Profile fields copied from the other record when empty on the kept one
FILLABLE = ("coordinator_id", "applied_on", "birth_date", "email", "phone", "street", "postal_code",
            "municipality", "education_level", "education", "experience", "professional_project", "career",
            "to_pass_on", "country_of_birth", "nationality", "non_eu_background", "arrival_year",
            "residence_permit", "permit_allows_work", "permit_end_date", "employment_office",
            "employment_office_registered", "employment_office_since", "referral_source",
            "personality_notes", "interests", "preferred_mentor_gender", "preferred_mentor_languages",
            "preferred_mentor_sector", "mentor_wishes_other")
_CONSENT = ("consent_given", "consent_date", "consent_version", "consent_scope")
_LEVELS = list(LanguageLevel)
_ATTENDANCE_RANK = {AttendanceStatus.ATTENDED: 4, AttendanceStatus.EXCUSED: 3, AttendanceStatus.ABSENT: 2,
                    AttendanceStatus.REGISTERED: 1, AttendanceStatus.INVITED: 0}


@dataclass(frozen=True)
class MergeResult:
    kept_id: int
    merged_id: int
    filled: tuple[str, ...]
    moved: dict[str, int]


#: The programme's order of statuses: a merge keeps the higher one. Leaving
#: (withdrawn, not eligible) ranks below every step, so a live record wins.
STATUS_RANK = {ParticipantStatus.WITHDRAWN: -1, ParticipantStatus.NOT_ELIGIBLE: -1,
               ParticipantStatus.APPLICANT: 0, ParticipantStatus.INFO_SESSION_ATTENDED: 1,
               ParticipantStatus.INTAKE_DONE: 2, ParticipantStatus.TRAINED: 3,
               ParticipantStatus.READY_TO_MATCH: 4, ParticipantStatus.IN_DUO: 5, ParticipantStatus.ALUMNI: 6}


def _empty(value: object) -> bool:
    """None, blank text, an empty list or mapping, and "unspecified" are empty."""
    if isinstance(value, str):
        return not value.strip() or value == Gender.UNSPECIFIED
    return value is None or value == [] or value == {}


def default_keep(a: tuple[int, ParticipantStatus, dt.date | None],
                 b: tuple[int, ParticipantStatus, dt.date | None]) -> int:
    """Of two records given as (id, status, applied_on), the id to keep by
    default: the more advanced status (:data:`STATUS_RANK`), then the older
    application (no date counts as newest), then the lower id (created first)."""
    def key(rec: tuple[int, ParticipantStatus, dt.date | None]) -> tuple:
        pid, status, applied = rec
        return (-STATUS_RANK[status], applied is None, applied or dt.date.min, pid)
    return min((a, b), key=key)[0]


def _refuse_two_open_duos(session: Session, keep: Participant, other: Participant) -> None:
    """A mentee is in at most one open duo (a unique index): two records of
    one mentee that each have one cannot become one until a duo is closed."""
    if keep.role is not Role.MENTEE:
        return
    lock_people(session, keep.id, other.id)
    mine, theirs = open_duo_of(session, keep.id, as_mentee=True), open_duo_of(session, other.id, as_mentee=True)
    if mine is not None and theirs is not None:
        raise RuleError(N_("Both records have an open duo (duos {first} and {second}): end or cancel one of them "
                           "before merging."), "two_open_duos", first=mine.id, second=theirs.id)


def merge(session: Session, keep_id: int, other_id: int, at: dt.datetime,
          coordinator_id: int | None = None) -> MergeResult:
    if keep_id == other_id:
        raise RuleError(N_("A record cannot be merged with itself."), "same_record")
    load = select(Participant).options(selectinload(Participant.languages), selectinload(Participant.sectors),
                                       selectinload(Participant.availability))
    keep = session.scalar(load.where(Participant.id == keep_id))
    other = session.scalar(load.where(Participant.id == other_id))
    if keep is None or other is None:
        raise NotFound(keep_id if keep is None else other_id)
    if keep.merged_into_id is not None or other.merged_into_id is not None:
        raise RuleError(N_("This record was already merged into another one."), "already_merged")
    if keep.role is not other.role:
        raise RuleError(N_("A mentor and a mentee cannot be merged: they are different roles."), "role_differs")
    _refuse_two_open_duos(session, keep, other)
    snapshot = merge_undo.Snapshot.before(session, keep, other)
    moved: dict[str, int] = {}

    # Languages, sectors and slots: united (a shared language keeps the better level)
    levels = {x.language: x for x in keep.languages}
    n = 0
    for lang in list(other.languages):
        mine = levels.get(lang.language)
        if mine is None:
            lang.participant_id = keep.id
            snapshot.moved("languages", lang.id)
            n += 1
        elif _LEVELS.index(lang.level) > _LEVELS.index(mine.level):
            snapshot.changed("levels", mine.id, mine.level.value)
            mine.level = lang.level
    moved["languages"] = n
    have = {x.sector for x in keep.sectors}
    moved["sectors"] = 0
    for sector in list(other.sectors):
        if sector.sector not in have:
            sector.participant_id = keep.id
            snapshot.moved("sectors", sector.id)
            moved["sectors"] += 1
    slots = {(x.weekday, x.part) for x in keep.availability}
    moved["slots"] = 0
    for slot in list(other.availability):
        if (slot.weekday, slot.part) not in slots:
            slot.participant_id = keep.id
            snapshot.moved("slots", slot.id)
            moved["slots"] += 1
    session.flush()
    session.expire(keep, ["languages", "sectors", "availability"])
    session.expire(other, ["languages", "sectors", "availability"])

    # Attendances: moved; when both were at the same event the better status is kept
    mine_att = {a.event_id: a for a in session.scalars(select(Attendance).where(Attendance.participant_id == keep.id))}
    moved["attendances"] = 0
    for att in session.scalars(select(Attendance).where(Attendance.participant_id == other.id)).all():
        existing = mine_att.get(att.event_id)
        if existing is None:
            att.participant_id = keep.id
            snapshot.moved("attendances", att.id)
            moved["attendances"] += 1
        elif _ATTENDANCE_RANK[att.status] > _ATTENDANCE_RANK[existing.status]:
            snapshot.changed("attendance_status", existing.id, existing.status.value)
            existing.status = att.status

    # Duos (with their meetings, check-ins, evaluations and outcomes), history, drafts
    # (row by row, not bulk updates, so that each moved row is audited)
    moved["duos"] = 0
    for duo in session.scalars(select(Duo).where(or_(Duo.mentor_id == other.id, Duo.mentee_id == other.id))):
        if duo.mentor_id == other.id:
            duo.mentor_id = keep.id
            snapshot.moved("duos_as_mentor", duo.id)
        if duo.mentee_id == other.id:
            duo.mentee_id = keep.id
            snapshot.moved("duos_as_mentee", duo.id)
        moved["duos"] += 1
    moved["status_changes"] = 0
    for change in session.scalars(select(StatusChange).where(StatusChange.participant_id == other.id)):
        change.participant_id = keep.id
        snapshot.moved("status_changes", change.id)
        moved["status_changes"] += 1
    moved["drafts"] = 0
    for draft in session.scalars(select(IntakeDraft).where(IntakeDraft.participant_id == other.id)):
        draft.participant_id = keep.id
        snapshot.moved("drafts", draft.id)
        moved["drafts"] += 1
    for earlier in session.scalars(select(Participant).where(Participant.merged_into_id == other.id)):
        earlier.merged_into_id = keep.id
        snapshot.moved("earlier_merges", earlier.id)
    session.flush()
    session.expire(keep, ["status_history"])
    session.expire(other, ["status_history"])

    # Empty fields of the kept record filled from the other
    filled = [name for name in FILLABLE if _empty(getattr(keep, name)) and not _empty(getattr(other, name))]
    for name in filled:
        setattr(keep, name, getattr(other, name))
    if keep.gender is Gender.UNSPECIFIED and other.gender is not Gender.UNSPECIFIED:
        keep.gender = other.gender
        filled.append("gender")
    if STATUS_RANK[other.status] > STATUS_RANK[keep.status]:  # never backwards
        # the status comes with its dates: since when, and the application it followed
        keep.status, keep.status_since = other.status, other.status_since
        filled.append("status")
        if other.applied_on is not None and keep.applied_on != other.applied_on:
            keep.applied_on = other.applied_on
            filled.append("applied_on")
    if other.consent_given and not keep.consent_given:
        for name in _CONSENT:
            setattr(keep, name, getattr(other, name))
        filled.append("consent")
    if other.notes.strip() and other.notes.strip() not in keep.notes:
        keep.notes = "\n\n".join(part for part in (keep.notes.strip(), other.notes.strip()) if part)
        filled.append("notes")
    overrides = dict(other.eligibility_overrides or {})
    overrides.update(keep.eligibility_overrides or {})
    if overrides != (keep.eligibility_overrides or {}):
        keep.eligibility_overrides = overrides
        filled.append("eligibility_overrides")
    keep.search_name, keep.phone_key = stored_keys(keep.first_name, keep.last_name, keep.phone)
    keep.name_prefix = name_prefix(keep.last_name)
    other.merged_into_id = keep.id
    session.flush()
    audit.record(session, "merge", "participant", keep.id, at, coordinator_id, merged_id=other.id,
                 filled=sorted(filled), moved=moved)
    # the merged-away record keeps no personal data: what was worth keeping is in `keep` now
    anonymise(session, other.id, at.date(), at, coordinator_id, reason="merged", check_open_duo=False)
    snapshot.save(session, keep, other, at)
    return MergeResult(keep.id, other.id, tuple(filled), moved)
