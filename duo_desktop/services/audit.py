"""The audit trail: record who did what to which record, never the values.

Every change of a personal-data row is audited on its own
(store/audit_trail.py, a session listener): a service calls :func:`record`
only to name an action ("intake", "merge", "erase"...) or to audit what
changes no row (an export, a print). A record named here and changed in the
same transaction gets one audit row, not two."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..models import AuditEntry, Coordinator, Duo

from ..store.audit_trail import PERSONAL_TABLES, bind, note, unwritten

__all__ = ["PERSONAL_TABLES", "AuditRow", "bind", "entries", "record", "unwritten"]


def record(session: Session, action: str, entity: str, entity_id: int | None, at: dt.datetime | None = None,
           coordinator_id: int | None = None, **details: Any) -> None:
    """One audit row, written when the transaction commits. ``details`` hold
    ids, codes and field names only, never a personal value."""
    note(session, action, entity, entity_id, at, coordinator_id, **details)


# --- reading the trail ----------------------------------------------------------------
@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    coordinator: str  # '' when nobody was chosen
    action: str
    entity: str
    entity_id: int | None
    fields: tuple[str, ...]


def _about(row: AuditEntry, participant_id: int, duo_ids: set[int]) -> bool:
    d = row.details or {}
    if row.entity == "participant":
        return row.entity_id == participant_id or d.get("merged_id") == participant_id
    if row.entity == "duo":
        return row.entity_id in duo_ids
    return (d.get("participant_id") == participant_id or d.get("duo_id") in duo_ids
            or participant_id in (d.get("mentor_id"), d.get("mentee_id")))


def entries(session: Session, participant_id: int | None = None, coordinator_id: int | None = None,
            since: dt.date | None = None, until: dt.date | None = None, action: str | None = None,
            limit: int = 2000) -> list[AuditRow]:
    """The audit rows matching every filter given, newest first, at most
    ``limit``. ``participant_id`` keeps the rows about that person: their
    record and its lists, their duos and what was recorded on them."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if coordinator_id is not None:
        query = query.where(AuditEntry.coordinator_id == coordinator_id)
    if since is not None:
        query = query.where(AuditEntry.at >= dt.datetime.combine(since, dt.time()))
    if until is not None:
        query = query.where(AuditEntry.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
    if action:
        query = query.where(AuditEntry.action == action)
    duo_ids: set[int] = set()
    if participant_id is not None:
        duo_ids = set(session.scalars(select(Duo.id).where(or_(Duo.mentor_id == participant_id,
                                                               Duo.mentee_id == participant_id))))
    names = {c.id: c.full_name for c in session.scalars(select(Coordinator))}
    out: list[AuditRow] = []
    for row in session.scalars(query).yield_per(500):
        if participant_id is not None and not _about(row, participant_id, duo_ids):
            continue
        out.append(AuditRow(row.id, row.at, names.get(row.coordinator_id, ""), row.action, row.entity,
                            row.entity_id, tuple((row.details or {}).get("fields") or ())))
        if len(out) >= limit:
            break
    return out
