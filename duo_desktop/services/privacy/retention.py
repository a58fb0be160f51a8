"""Retention (GDPR art. 5.1.e): personal data is kept for a period after
the person's last activity, set per branch in its settings
(``Branch.settings["retention_years"]``, 5 years unless set). Who is past
it is listed, and anonymised in one step (services/privacy/erasure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import Attendance, Branch, CheckIn, Duo, DuoStage, Event, Meeting, Outcome, Participant, Role
from ..dates import add_months
from .erasure import anonymise

DEFAULT_RETENTION_YEARS = 5


def retention_years(branch: Branch) -> int:
    """Years kept after the last activity (at least 1)."""
    try:
        return max(1, int((branch.settings or {}).get("retention_years", DEFAULT_RETENTION_YEARS)))
    except (TypeError, ValueError):
        return DEFAULT_RETENTION_YEARS


@dataclass(frozen=True)
class PastRetention:
    participant_id: int
    name: str
    role: Role
    branch: str
    last_activity: dt.date
    keep_until: dt.date


def _last_activity(session: Session) -> dict[int, dt.date]:
    """Per participant, the latest dated thing that happened to them."""
    last: dict[int, dt.date] = {}

    def take(rows: Iterable) -> None:  # noqa: ANN001
        for pid, day in rows:
            if day is None:
                continue
            day = day.date() if isinstance(day, dt.datetime) else day
            if pid not in last or day > last[pid]:
                last[pid] = day

    take(session.execute(select(Participant.id, Participant.status_since)))
    take(session.execute(select(Participant.id, Participant.applied_on)))
    for side in (Duo.mentor_id, Duo.mentee_id):
        for column in (Duo.proposed_on, Duo.ended_on):
            take(session.execute(select(side, func.max(column)).group_by(side)))
        take(session.execute(select(side, func.max(Meeting.held_on)).join(Meeting, Meeting.duo_id == Duo.id)
                             .group_by(side)))
        take(session.execute(select(side, func.max(CheckIn.held_on)).join(CheckIn, CheckIn.duo_id == Duo.id)
                             .group_by(side)))
    take(session.execute(select(Duo.mentee_id, func.max(Outcome.learnt_on)).join(Outcome, Outcome.duo_id == Duo.id)
                         .group_by(Duo.mentee_id)))
    take(session.execute(select(Attendance.participant_id, func.max(Event.starts_at))
                         .join(Event, Event.id == Attendance.event_id).group_by(Attendance.participant_id)))
    return last


def past_retention(session: Session, today: dt.date, branch_id: int | None = None) -> list[PastRetention]:
    """People not yet anonymised whose retention period ended before
    ``today``, oldest activity first. People in an open duo are never listed."""
    last = _last_activity(session)
    open_ = {pid for pair in session.execute(select(Duo.mentor_id, Duo.mentee_id).where(Duo.stage.in_(
        (DuoStage.PROPOSED, DuoStage.FIRST_MEETING_PLANNED, DuoStage.AWAITING_AGREEMENT, DuoStage.ACTIVE))))
        for pid in pair}
    query = (select(Participant, Branch).join(Branch, Branch.id == Participant.branch_id)
             .where(Participant.erased_on.is_(None)))
    if branch_id is not None:
        query = query.where(Participant.branch_id == branch_id)
    out = []
    for person, branch in session.execute(query):
        day = last.get(person.id)
        if day is None or person.id in open_:
            continue
        until = add_months(day, 12 * retention_years(branch))
        if until < today:
            out.append(PastRetention(person.id, person.full_name, person.role, branch.city, day, until))
    return sorted(out, key=lambda r: (r.last_activity, r.participant_id))


def apply_retention(session: Session, participant_ids: Iterable[int], today: dt.date,
                    now: dt.datetime | None = None, coordinator_id: int | None = None) -> int:
    """Anonymise the given people, each checked again to be past retention
    (someone active since the list was shown is skipped). Returns how many."""
    due = {r.participant_id for r in past_retention(session, today)}
    done = 0
    for pid in dict.fromkeys(participant_ids):
        if pid in due:
            anonymise(session, pid, today, now, coordinator_id, reason="retention")
            done += 1
    return done
