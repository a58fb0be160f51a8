"""Reading participants for lists: ids matching a search, then rows for the
ids on screen (the item model fetches rows lazily)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..models import Branch, Participant, ParticipantStatus, Role
from .text import digits, fold


@dataclass(frozen=True)
class ParticipantFilter:
    text: str = ""
    role: Role | None = None
    status: ParticipantStatus | None = None
    branch_id: int | None = None


@dataclass(frozen=True)
class ParticipantRow:
    id: int
    first_name: str
    last_name: str
    role: Role
    status: ParticipantStatus
    branch: str
    municipality: str
    applied_on: dt.date | None
    email: str
    phone: str


def search_ids(session: Session, flt: ParticipantFilter) -> list[int]:
    """Ids of the participants matching the filter, sorted by last name."""
    query = select(Participant.id).where(Participant.merged_into_id.is_(None))
    if flt.role is not None:
        query = query.where(Participant.role == flt.role)
    if flt.status is not None:
        query = query.where(Participant.status == flt.status)
    if flt.branch_id is not None:
        query = query.where(Participant.branch_id == flt.branch_id)
    for word in fold(flt.text).split():
        like = f"%{word}%"
        conditions = [
            Participant.search_name.like(like),
            Participant.email.ilike(like),
            Participant.municipality.ilike(like),
        ]
        if len(digits(word)) >= 3:
            conditions.append(Participant.phone_key.like(f"%{digits(word).lstrip('0')}%"))
        query = query.where(or_(*conditions))
    query = query.order_by(Participant.last_name, Participant.first_name, Participant.id)
    return list(session.scalars(query))


def fetch_rows(session: Session, ids: Sequence[int]) -> list[ParticipantRow]:
    """Rows for the given ids, in the same order."""
    if not ids:
        return []
    query = (
        select(
            Participant.id, Participant.first_name, Participant.last_name, Participant.role,
            Participant.status, Branch.name, Participant.municipality, Participant.applied_on,
            Participant.email, Participant.phone,
        )
        .join(Branch, Branch.id == Participant.branch_id)
        .where(Participant.id.in_(list(ids)))
    )
    by_id = {row[0]: ParticipantRow(*row) for row in session.execute(query)}
    return [by_id[i] for i in ids if i in by_id]


def count(session: Session) -> int:
    from sqlalchemy import func

    return session.scalar(select(func.count()).select_from(Participant)) or 0
