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

from ..i18n import N_, Translator, current
from ..models import AuditEntry, Coordinator, Duo

from ..store.audit_trail import PERSONAL_TABLES, bind, note, unwritten

__all__ = ["ACTION_LABELS", "ENTITY_LABELS", "action_text", "record_text", "PERSONAL_TABLES", "AuditRow", "actions", "bind", "coordinators", "entries", "record", "record_output",
           "unwritten"]


#: the kinds of action, as a reader says them (translated where shown)
ACTION_LABELS = {
    "create": N_("created"), "update": N_("changed"), "delete": N_("deleted"), "merge": N_("merged"),
    "export": N_("exported"), "print": N_("printed"), "erase": N_("anonymised"), "intake": N_("intake"),
    "status": N_("status changed"), "stage": N_("stage changed"), "restrict": N_("restricted"),
    "lift_restriction": N_("restriction lifted"), "import": N_("imported"), "invite": N_("invited"),
    "attendance": N_("attendance"), "uninvite": N_("invitation withdrawn"), "demo": N_("demo data made"),
}
#: the kinds of record and document a row is about (AuditEntry.entity), as a reader says them
ENTITY_LABELS = {
    "participant": N_("participant"), "duo": N_("duo"), "meeting": N_("meeting"), "check_in": N_("check-in"),
    "evaluation": N_("evaluation"), "outcome": N_("outcome"), "attendance": N_("attendance"),
    "event": N_("event"), "coordinator": N_("coordinator"), "branch": N_("branch"),
    "intake_draft": N_("intake draft"), "status_change": N_("status change"),
    "duo_stage_change": N_("duo stage change"), "participant_language": N_("language"),
    "participant_sector": N_("sector"), "availability_slot": N_("availability"), "programme": N_("programme"),
    "report": N_("report"), "agreement": N_("agreement"), "attendance_sheet": N_("attendance sheet"),
    "evaluation_form": N_("evaluation form"), "participant_list": N_("list of participants"),
    "duo_list": N_("list of duos"),
}


def record(session: Session, action: str, entity: str, entity_id: int | None, at: dt.datetime | None = None,
           coordinator_id: int | None = None, **details: Any) -> None:
    """One audit row, written when the transaction commits. ``details`` hold
    ids, codes and field names only, never a personal value."""
    note(session, action, entity, entity_id, at, coordinator_id, **details)


def record_output(session: Session, action: str, what: str, at: dt.datetime | None = None,
                  coordinator_id: int | None = None, participant_ids=(), duo_ids=(), event_ids=(),  # noqa: ANN001
                  **details: Any) -> None:
    """One audit row for a file written or a document printed (``action``
    "print" or "export"; ``what`` says which document: "agreement",
    "attendance_sheet", "evaluation_form", "report", "participant_list"...).
    The records it holds are named by id (``participant_ids``, ``duo_ids``,
    ``event_ids``), never by name. One record: the row is about it (entity
    and id); several: the row names the document and lists the ids."""
    ids = {"participant": sorted(set(participant_ids)), "duo": sorted(set(duo_ids)),
           "event": sorted(set(event_ids))}
    named = [(entity, values) for entity, values in ids.items() if values]
    entity, entity_id = what, None
    if len(named) == 1 and len(named[0][1]) == 1:
        entity, entity_id = named[0][0], named[0][1][0]
    listed = {f"{name}_ids": values for name, values in ids.items() if values}
    note(session, action, entity, entity_id, at, coordinator_id, document=what, **listed, **details)


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
    records: int = 0  # how many records a document or an export held (record_output), 0 otherwise
    duo_ids: tuple[int, ...] = ()  # the duos a document or an export held (record_output)


def action_text(code: str, t: Translator | None = None) -> str:
    """An action in words ("exported"), in ``t``'s language; the code when unknown."""
    return (t or current()).gettext(ACTION_LABELS[code]) if code in ACTION_LABELS else code


def record_text(row: AuditRow, t: Translator | None = None) -> str:
    """What a row is about, in words: "duo No. 21", "agreement for duo No. 21",
    "list of participants (40 records)", in ``t``'s language."""
    t = t or current()
    kind = t.gettext(ENTITY_LABELS[row.entity]) if row.entity in ENTITY_LABELS else row.entity
    if row.entity_id is not None:
        return t.gettext("{kind} No. {id}").format(kind=kind, id=row.entity_id)
    if row.duo_ids and len(row.duo_ids) <= 5:  # a duo's document: the duo says which (QA item 14)
        return t.ngettext("{kind} for duo No. {ids}", "{kind} for duos No. {ids}", len(row.duo_ids)).format(
            kind=kind, ids=", ".join(str(i) for i in row.duo_ids))
    if row.records:
        return t.ngettext("{kind} ({count} record)", "{kind} ({count} records)", row.records).format(
            kind=kind, count=row.records)
    return kind


def _about(row: AuditEntry, participant_id: int, duo_ids: set[int]) -> bool:
    d = row.details or {}
    if participant_id in (d.get("participant_ids") or ()) or duo_ids & set(d.get("duo_ids") or ()):
        return True  # a document or an export that holds the person (record_output)
    if row.entity == "participant":
        return row.entity_id == participant_id or d.get("merged_id") == participant_id
    if row.entity == "duo":
        return row.entity_id in duo_ids
    return (d.get("participant_id") == participant_id or d.get("duo_id") in duo_ids
            or participant_id in (d.get("mentor_id"), d.get("mentee_id")))


def entries(session: Session, participant_id: int | None = None, coordinator_id: int | None = None,
            since: dt.date | None = None, until: dt.date | None = None, action: str | None = None,
            limit: int = 2000, entity: str | None = None, entity_id: int | None = None) -> list[AuditRow]:
    """The audit rows matching every filter given, newest first, at most
    ``limit``. ``participant_id`` keeps the rows about that person: their
    record and its lists, their duos and what was recorded on them, the
    documents and exports that held them. ``entity`` (a table name such as
    "duo") and ``entity_id`` keep the rows about one record. ``since`` and
    ``until`` are days, both included."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if entity:
        query = query.where(AuditEntry.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEntry.entity_id == entity_id)
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
        details = row.details or {}
        held = sum(len(details.get(k) or ()) for k in ("participant_ids", "duo_ids", "event_ids"))
        out.append(AuditRow(row.id, row.at, names.get(row.coordinator_id, ""), row.action, row.entity,
                            row.entity_id, tuple(details.get("fields") or ()), held,
                            tuple(details.get("duo_ids") or ())))
        if len(out) >= limit:
            break
    return out


def actions(session: Session) -> list[str]:
    """The kinds of action present in the trail, sorted (for a filter)."""
    return sorted(session.scalars(select(AuditEntry.action).distinct()))


def coordinators(session: Session) -> list[tuple[int, str]]:
    """Every coordinator (active or not: the trail outlives them), by name."""
    rows = session.scalars(select(Coordinator).order_by(Coordinator.last_name, Coordinator.first_name))
    return [(c.id, c.full_name) for c in rows]
