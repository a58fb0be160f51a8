"""The SQL form of the participants list's filters (services/participants):
every filter but the status as conditions on ``participant``, and the words
typed as needles for the trigram index (store/search_index)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.engine import Connection

from ..models import Participant, ParticipantLanguage, ParticipantSector, ParticipantStatus
from ..store.search_index import text_condition
from ..text import digits, fold

if TYPE_CHECKING:
    from .participants import ParticipantFilter

S = ParticipantStatus
#: Statuses of someone still waiting for a duo (the waiting-time filter)
WAITING_STATUSES = frozenset({S.APPLICANT, S.INFO_SESSION_ATTENDED, S.INTAKE_DONE, S.TRAINED, S.READY_TO_MATCH})
_PHONE_CHARS = "0123456789 +/.-()"


def _word_tests(text: str) -> list[tuple[str, str | None]]:
    """(folded word, phone digits or None) for each word typed. A word made
    of digits is also looked for in phone numbers (without leading zeros);
    a phone number typed with spaces or separators ("0470 12 34") is one
    number."""
    d = digits(text)
    if d and not text.strip(_PHONE_CHARS):
        return [(d, d.lstrip("0"))]
    tests: list[tuple[str, str | None]] = []
    for word in fold(text).split():
        wd = digits(word)
        tests.append((word, wd.lstrip("0") if wd and not word.strip(_PHONE_CHARS) else None))
    return tests


def needles(text: str) -> list[str]:
    """What must each be found in a participant's search text for ``text``
    typed: the folded words, a number without its leading zeros (phone keys
    have none; only zeros typed so far could be the start of any number)."""
    return [word if phone is None else phone for word, phone in _word_tests(text) if phone != ""]


def conditions(connection: Connection, flt: ParticipantFilter) -> list:
    """The SQL conditions of every filter but the status (the counts are per status)."""
    where: list = []
    if flt.role is not None:
        where.append(Participant.role == flt.role)
    if flt.branch_id is not None:
        where.append(Participant.branch_id == flt.branch_id)
    if flt.coordinator_id is not None:
        where.append(Participant.coordinator_id == flt.coordinator_id)
    if flt.applied_before is not None:
        where += [Participant.status.in_(WAITING_STATUSES), Participant.applied_on.is_not(None),
                  Participant.applied_on <= flt.applied_before]
    if flt.sector:
        where.append(Participant.id.in_(select(ParticipantSector.participant_id)
                                        .where(ParticipantSector.sector == flt.sector)))
    if flt.language:
        where.append(Participant.id.in_(select(ParticipantLanguage.participant_id)
                                        .where(ParticipantLanguage.language == flt.language)))
    words = needles(flt.text)
    if words:
        where += text_condition(connection, Participant.id, Participant.search_text, words)
    return where
