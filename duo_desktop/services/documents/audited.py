"""One audit row for every document printed or saved (issue 12): which
document and the records it holds, by id, never a name.

    record(session, action, what, key_id, now=None, coordinator_id=None) -> None
        action: "print" or "export" (saved as a file)
        what: "agreement" | "charter" | "evaluation_form" (key: a duo id),
              "attendance_sheet" (key: an event id), "consent_form" (key: a participant id)
    record_batch(session, action, duo_ids, now=None, coordinator_id=None) -> None
        the agreements of a batch: one row naming every duo and its two people

The people a document names are read from the database when it is audited
(a duo's mentor and mentee, an event's invited people), so the trail shows
the document when one looks up any of them (services/audit.entries).
Raises ValueError for an unknown document kind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...models import Attendance, Duo, Participant
from .. import audit

BY_DUO = ("agreement", "charter", "evaluation_form")


def _duo_people(session: Session, duo_ids: Iterable[int]) -> list[int]:
    ids = list(duo_ids)
    if not ids:
        return []
    people: list[int] = []
    for mentor, mentee in session.execute(select(Duo.mentor_id, Duo.mentee_id).where(Duo.id.in_(ids))):
        people += [mentor, mentee]
    return people


def record(session: Session, action: str, what: str, key_id: int, now: dt.datetime | None = None,
           coordinator_id: int | None = None) -> None:
    if what in BY_DUO:
        audit.record_output(session, action, what, now, coordinator_id, duo_ids=[key_id],
                            participant_ids=_duo_people(session, [key_id]))
    elif what == "attendance_sheet":
        invited = session.scalars(select(Attendance.participant_id).join(Participant).where(
            Attendance.event_id == key_id, Participant.restricted_since.is_(None)))  # as on the sheet
        audit.record_output(session, action, what, now, coordinator_id, event_ids=[key_id],
                            participant_ids=list(invited))
    elif what == "consent_form":
        audit.record_output(session, action, what, now, coordinator_id, participant_ids=[key_id])
    else:
        raise ValueError(what)


def record_batch(session: Session, action: str, duo_ids: Iterable[int], now: dt.datetime | None = None,
                 coordinator_id: int | None = None) -> None:
    ids = list(duo_ids)
    if ids:
        audit.record_output(session, action, "agreement", now, coordinator_id, duo_ids=ids,
                            participant_ids=_duo_people(session, ids))
