"""Restriction (GDPR art. 18) and erasure (art. 17) of one person.

Erasure anonymises: the identity, contact details, background and every
free text about the person (the dated notes too) are blanked, their drafts,
weekly slots and any merge undo record are deleted; what reports count stays (role, branch, status history dates,
gender, year of birth, duos, their stages, meetings, outcomes): "an outcome
still counts, a name does not". The audit keeps that it happened, not the
data. Refused (RuleError "open_duo") while the person has an open duo."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event, or_, select
from sqlalchemy.orm import Session

from ...i18n import N_
from ...models import (
    CheckIn,
    Duo,
    DuoStageChange,
    Evaluation,
    IntakeDraft,
    Meeting,
    Outcome,
    Participant,
    PersonNote,
    StatusChange,
)
from ...store import erasure_log, search_index
from .. import audit, merge_undo
from ..duo_lifecycle import open_duo_of
from ..errors import NotFound, RuleError

PURGE_SEARCH = "purge_search_index"


@event.listens_for(Session, "before_commit")
def _purge_search_index(session: Session) -> None:
    """An erased person's name, email, municipality and phone number leave
    the search index's own tables too (store/search_index.purge), once per
    transaction however many people it erased."""
    if session.info.pop(PURGE_SEARCH, False):
        search_index.purge(session.connection())


#: Participant columns blanked by an erasure, with their blank value
ERASED_FIELDS: dict[str, object] = {
    "first_name": "", "last_name": "", "search_name": "", "email": "", "phone": "", "phone_key": "",
    "street": "", "postal_code": "", "municipality": "", "education": "", "experience": "",
    "professional_project": "", "career": "", "to_pass_on": "", "country_of_birth": "", "nationality": "",
    "arrival_year": None, "residence_permit": "", "permit_end_date": None, "employment_office_since": None,
    "referral_source": "", "personality_notes": "", "interests": "", "preferred_mentor_gender": None,
    "preferred_mentor_languages": [], "preferred_mentor_sector": "", "mentor_wishes_other": "",
    "eligibility_overrides": {}, "notes": "",
}
#: Free texts of the person's duos and history, blanked too (they may name them)
_DUO_TEXTS = {Duo: ("first_meeting_place", "refusal_reason", "end_note", "notes"), Meeting: ("note",),
              CheckIn: ("concerns",), Evaluation: ("comments",), Outcome: ("note",), DuoStageChange: ("note",)}


def _person(session: Session, participant_id: int) -> Participant:
    person = session.get(Participant, participant_id)
    if person is None:
        raise NotFound(participant_id)
    return person


def restrict(session: Session, participant_id: int, today: dt.date, now: dt.datetime | None = None,
             coordinator_id: int | None = None) -> None:
    """Put the person on hold: kept, but out of matching and invitations."""
    person = _person(session, participant_id)
    if person.restricted_since is None:
        person.restricted_since = today
        session.flush()
        audit.record(session, "restrict", "participant", person.id, now, coordinator_id)


def lift_restriction(session: Session, participant_id: int, now: dt.datetime | None = None,
                     coordinator_id: int | None = None) -> None:
    person = _person(session, participant_id)
    if person.restricted_since is not None:
        person.restricted_since = None
        session.flush()
        audit.record(session, "lift_restriction", "participant", person.id, now, coordinator_id)


def anonymise(session: Session, participant_id: int, today: dt.date, now: dt.datetime | None = None,
              coordinator_id: int | None = None, *, reason: str = "request", check_open_duo: bool = True) -> None:
    """Erase one person's identifying data (see the module's docstring).
    ``reason`` is a code kept in the audit: "request", "retention", "merged"."""
    person = _person(session, participant_id)
    if check_open_duo and open_duo_of(session, person.id) is not None:
        raise RuleError(N_("{name} has an open duo: end or cancel it before erasing their data."), "open_duo",
                        name=person.full_name)
    for name, blank in ERASED_FIELDS.items():
        setattr(person, name, blank)
    if person.birth_date is not None:  # the year is kept for the age figures
        person.birth_date = dt.date(person.birth_date.year, 1, 1)
    person.availability.clear()
    person.erased_on = today
    person.restricted_since = person.restricted_since or today
    for change in session.scalars(select(StatusChange).where(StatusChange.participant_id == person.id)):
        change.reason = ""
    for draft in session.scalars(select(IntakeDraft).where(IntakeDraft.participant_id == person.id)):
        session.delete(draft)
    for note in session.scalars(select(PersonNote).where(PersonNote.participant_id == person.id)):
        note.text = ""  # the date stays (it counts as a contact), the words go
    merge_undo.forget_person(session, person.id)
    duo_ids = list(session.scalars(select(Duo.id).where(or_(Duo.mentor_id == person.id,
                                                            Duo.mentee_id == person.id))))
    for model, columns in _DUO_TEXTS.items():
        key = model.id if model is Duo else model.duo_id
        for row in session.scalars(select(model).where(key.in_(duo_ids))):
            for column in columns:
                setattr(row, column, "")
    session.flush()
    session.info[PURGE_SEARCH] = True  # the search index's old trigrams go at commit (once per transaction)
    audit.record(session, "erase", "participant", person.id, now, coordinator_id, reason=reason,
                 fields=sorted(ERASED_FIELDS))
    erasure_log.note(session, person.id, person.uid, today, reason)  # ids only, outside the database
