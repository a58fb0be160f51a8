"""Dated notes on a person: a coordinator adds a short dated note (a call,
a change of plans) and may correct the text of a note they wrote. Stored in
``person_note`` (personal data: audited by the audit trail, exported by the
access right, blanked by erasure, services/privacy)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ..i18n import N_
from ..models import Participant, PersonNote
from .errors import NotFound, RuleError

#: The longest note, in characters (a note, not a file)
MAX_LENGTH = 4000


def _text(text: str) -> str:
    text = text.strip()
    if not text:
        raise RuleError(N_("Write the note first: it is empty."), "note_empty")
    if len(text) > MAX_LENGTH:
        raise RuleError(N_("The note is too long: at most {max} characters."), "note_too_long", max=MAX_LENGTH)
    return text


def add_note(session: Session, participant_id: int, noted_on: dt.date, text: str, now: dt.datetime,
             coordinator_id: int | None = None) -> int:
    """Add a note dated ``noted_on`` (not after today); returns its id.
    Raises NotFound, RuleError "note_empty", "note_too_long", "note_in_future"."""
    person = session.get(Participant, participant_id)
    if person is None or person.merged_into_id is not None:
        raise NotFound(participant_id)
    if noted_on > now.date():
        raise RuleError(N_("A note cannot be dated after today."), "note_in_future")
    note = PersonNote(participant_id=participant_id, noted_on=noted_on, text=_text(text),
                      coordinator_id=coordinator_id, written_at=now)
    session.add(note)
    session.flush()
    return note.id


def edit_note(session: Session, note_id: int, text: str, now: dt.datetime, coordinator_id: int | None = None) -> None:
    """Correct the text of a note; only its writer may (a note written with no
    coordinator chosen may be corrected by anyone). Raises NotFound,
    RuleError "not_your_note", "note_empty", "note_too_long"."""
    note = session.get(PersonNote, note_id)
    if note is None:
        raise NotFound(note_id)
    if note.coordinator_id is not None and note.coordinator_id != coordinator_id:
        raise RuleError(N_("Only the coordinator who wrote this note can change it."), "not_your_note")
    note.text = _text(text)
    note.edited_at = now
    session.flush()
