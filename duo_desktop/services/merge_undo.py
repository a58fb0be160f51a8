"""Undoing a merge (issue 17: "merge ... can be undone").

Design, the simplest safe one: the merge itself is unchanged (the
merged-away record is anonymised at once, as before), and it writes one
``merge_undo`` row holding what it changed: both records' columns before
the merge, the ids of every row it moved, the levels and attendance
statuses it raised, and the merged-away record's weekly slots. "Undo merge"
puts all of it back in one transaction and deletes the row. The row holds
personal data, so it lives only for :data:`UNDO_DAYS` days (purged by
:func:`purge_expired`, called at each merge and undo and when the store is
opened), is deleted by either person's erasure, and is part of the access
export. An undo is refused when the kept record was edited since the
merge (its version moved on): restoring would silently drop that edit.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, inspect, select
from sqlalchemy.orm import Session

from ..i18n import N_
from ..models import (
    Attendance,
    AttendanceStatus,
    AvailabilitySlot,
    DayPart,
    Duo,
    IntakeDraft,
    LanguageLevel,
    MergeUndo,
    Participant,
    ParticipantLanguage,
    ParticipantSector,
    StatusChange,
)
from . import audit
from .errors import NotFound, RuleError

#: How long a merge can be undone, in days
UNDO_DAYS = 30
#: Participant columns never restored (identity, bookkeeping)
_SKIP = frozenset({"id", "uid", "version", "created_at", "updated_at"})
#: Moved rows: (model, column that pointed at the merged-away record)
_MOVED = {"languages": (ParticipantLanguage, "participant_id"), "sectors": (ParticipantSector, "participant_id"),
          "slots": (AvailabilitySlot, "participant_id"), "attendances": (Attendance, "participant_id"),
          "duos_as_mentor": (Duo, "mentor_id"), "duos_as_mentee": (Duo, "mentee_id"),
          "status_changes": (StatusChange, "participant_id"), "drafts": (IntakeDraft, "participant_id"),
          "earlier_merges": (Participant, "merged_into_id")}


def _json(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"date": value.isoformat()}
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _columns(person: Participant) -> dict[str, Any]:
    return {a.key: _json(getattr(person, a.key)) for a in inspect(person).mapper.column_attrs if a.key not in _SKIP}


def _restore(person: Participant, columns: dict[str, Any]) -> None:
    mapper = inspect(person).mapper
    for key, value in columns.items():
        if isinstance(value, dict) and set(value) == {"date"}:
            value = dt.date.fromisoformat(value["date"])
        elif isinstance(value, dict) and set(value) == {"datetime"}:
            value = dt.datetime.fromisoformat(value["datetime"])
        else:
            enum_class = getattr(mapper.columns[key].type, "enum_class", None)
            if enum_class is not None and value is not None:
                value = enum_class(value)
        setattr(person, key, value)


@dataclass
class Snapshot:
    """Collects, during one merge, what :func:`undo` needs."""

    kept: dict[str, Any]
    merged: dict[str, Any]
    merged_slots: list[tuple[int, int, str]]  # (id, weekday, part)
    rows: dict[str, list[int]] = field(default_factory=dict)
    values: dict[str, list[tuple[int, str]]] = field(default_factory=dict)

    @classmethod
    def before(cls, session: Session, keep: Participant, other: Participant) -> Snapshot:
        slots = session.execute(select(AvailabilitySlot.id, AvailabilitySlot.weekday, AvailabilitySlot.part)
                                .where(AvailabilitySlot.participant_id == other.id)).all()
        return cls(_columns(keep), _columns(other), [(i, w, p.value) for i, w, p in slots])

    def moved(self, kind: str, row_id: int) -> None:
        self.rows.setdefault(kind, []).append(row_id)

    def changed(self, kind: str, row_id: int, old: str) -> None:
        self.values.setdefault(kind, []).append((row_id, old))

    def save(self, session: Session, keep: Participant, other: Participant, at: dt.datetime) -> None:
        session.flush()
        purge_expired(session, at)
        session.add(MergeUndo(kept_id=keep.id, merged_id=other.id, merged_at=at, kept_version=keep.version,
                              data={"kept": self.kept, "merged": self.merged, "merged_slots": self.merged_slots,
                                    "rows": self.rows, "values": self.values}))
        session.flush()


@dataclass(frozen=True)
class UndoableMerge:
    merged_id: int
    kept_id: int
    merged_at: dt.datetime
    until: dt.datetime
    merged_name: str


def undoable(session: Session, kept_id: int, now: dt.datetime) -> list[UndoableMerge]:
    """The merges into ``kept_id`` that can still be undone, newest first."""
    out = []
    for row in session.scalars(select(MergeUndo).where(MergeUndo.kept_id == kept_id)
                               .order_by(MergeUndo.merged_at.desc(), MergeUndo.id.desc())):
        until = row.merged_at + dt.timedelta(days=UNDO_DAYS)
        if until >= now:
            merged = row.data.get("merged", {})
            name = f"{merged.get('first_name', '')} {merged.get('last_name', '')}".strip()
            out.append(UndoableMerge(row.merged_id, row.kept_id, row.merged_at, until, name))
    return out


def purge_expired(session: Session, now: dt.datetime) -> int:
    """Delete the undo records older than :data:`UNDO_DAYS`; returns how many."""
    cut = now - dt.timedelta(days=UNDO_DAYS)
    return session.execute(delete(MergeUndo).where(MergeUndo.merged_at < cut)).rowcount or 0


def forget_person(session: Session, participant_id: int) -> None:
    """Erasure: the undo records that hold this person's data go."""
    for row in session.scalars(select(MergeUndo).where((MergeUndo.kept_id == participant_id)
                                                       | (MergeUndo.merged_id == participant_id))):
        session.delete(row)


def undo(session: Session, merged_id: int, now: dt.datetime, coordinator_id: int | None = None) -> int:
    """Put back the record ``merged_id`` and the record it was merged into,
    as they were before the merge; returns the kept record's id. Raises
    RuleError "undo_expired" (no undo record: undone already or past
    :data:`UNDO_DAYS`), "changed_since" (the kept record was edited since)."""
    row = session.scalar(select(MergeUndo).where(MergeUndo.merged_id == merged_id))
    if row is None or row.merged_at + dt.timedelta(days=UNDO_DAYS) < now:
        raise RuleError(N_("This merge can no longer be undone (undone already, or more than {days} days ago)."),
                        "undo_expired", days=UNDO_DAYS)
    keep, other = session.get(Participant, row.kept_id), session.get(Participant, row.merged_id)
    if keep is None or other is None:
        raise NotFound(row.kept_id if keep is None else row.merged_id)
    if keep.version != row.kept_version:
        raise RuleError(N_("{name} was changed after the merge: the merge can no longer be undone."),
                        "changed_since", name=keep.full_name)
    data = row.data
    for kind, ids in data.get("rows", {}).items():
        model, column = _MOVED[kind]
        for moved in session.scalars(select(model).where(model.id.in_(ids))):
            setattr(moved, column, other.id)
    for row_id, old in data.get("values", {}).get("levels", []):
        lang = session.get(ParticipantLanguage, row_id)
        if lang is not None:
            lang.level = LanguageLevel(old)
    for row_id, old in data.get("values", {}).get("attendance_status", []):
        att = session.get(Attendance, row_id)
        if att is not None:
            att.status = AttendanceStatus(old)
    session.flush()
    _restore(keep, data["kept"])
    _restore(other, data["merged"])
    have = set(session.scalars(select(AvailabilitySlot.id).where(AvailabilitySlot.participant_id == other.id)))
    for slot_id, weekday, part in data.get("merged_slots", []):  # deleted by the anonymisation: back, same id
        if slot_id not in have and session.get(AvailabilitySlot, slot_id) is None:
            session.add(AvailabilitySlot(id=slot_id, participant_id=other.id, weekday=weekday, part=DayPart(part)))
    session.delete(row)
    session.flush()
    session.expire(keep)
    session.expire(other)
    audit.record(session, "undo_merge", "participant", keep.id, now, coordinator_id, merged_id=other.id)
    purge_expired(session, now)
    return keep.id
