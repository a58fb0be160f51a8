"""The audit trail, made structural: every inserted, updated or deleted row
of a table holding personal data gets an audit row in the same transaction,
whatever service made the change (Primero's audit per action; the CNIL's
GDPR guide for developers, "trace the accesses").

How: mapper listeners (after insert, update, delete) note each
changed row of :data:`PERSONAL_TABLES` (table, id, action, the *names* of the
changed fields, the ids of the records it belongs to, never a value); a
``before_commit`` listener flushes once more and writes one
``audit_entry`` row per record with a Core insert, so the audit rows
themselves are never audited again. A service that calls
:func:`note` (``services.audit.record``) for the same record in the same
transaction names the action ("intake", "status", "merge"...) and adds its
details: the record still gets one row, not two. Two named actions on one
record in one transaction also give one row: the last action names it (a
creation stays "create") and ``details["steps"]`` lists them in order.

Who and when: ``session.info["coordinator_id"]`` and ``session.info["now"]``
(set by :func:`bind`; the screens' Operation and the command line do), unless
the explicit call says otherwise. Without a clock the system time is used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, object_session, sessionmaker

from ..models import AuditEntry, Base

#: Tables whose rows are about a person (participants and their lists, duos
#: and what happens in them, attendance, the intake drafts, coordinators).
PERSONAL_TABLES = frozenset({
    "participant", "participant_language", "participant_sector", "availability_slot", "status_change",
    "intake_draft", "duo", "duo_stage_change", "meeting", "check_in", "evaluation", "outcome", "attendance",
    "coordinator", "person_note", "merge_undo",
})
#: Columns whose id is written in the details, so a person's trail can be found
REFERENCES = ("participant_id", "duo_id", "mentor_id", "mentee_id", "event_id")
#: Columns that change on their own and say nothing about what was done
_IGNORED = frozenset({"updated_at", "created_at", "version", "uid"})  # version, uid: technical (0003)
_KEY = "audit_pending"


@dataclass
class _Row:
    entity: str
    entity_id: int | None
    action: str = ""
    explicit: bool = False
    fields: set[str] = field(default_factory=set)
    details: dict[str, Any] = field(default_factory=dict)
    at: dt.datetime | None = None
    coordinator_id: int | None = None


class _Pending:
    def __init__(self) -> None:
        self.rows: list[_Row] = []
        self.by_key: dict[tuple[str, int], _Row] = {}

    def structural(self, entity: str, entity_id: int, action: str, fields: set[str], refs: dict[str, Any]) -> None:
        row = self.by_key.get((entity, entity_id))
        if row is None:
            row = _Row(entity, entity_id, action)
            self.by_key[(entity, entity_id)] = row
            self.rows.append(row)
        elif not row.explicit:
            if action == "delete" or not row.action:
                row.action = action
            elif row.action == "update" and action == "create":
                row.action = action
        row.fields |= fields
        for name, value in refs.items():
            row.details.setdefault(name, value)

    def explicit(self, entity: str, entity_id: int | None, action: str, at: dt.datetime | None,
                 coordinator_id: int | None, details: dict[str, Any]) -> None:
        key = (entity, entity_id) if entity_id is not None else None
        row = self.by_key.get(key) if key is not None else None
        if row is None:
            row = _Row(entity, entity_id)
            self.rows.append(row)
            if key is not None:
                self.by_key[key] = row
        elif row.explicit:
            # a second named action on the same record in the same transaction (an intake that
            # also moves the status): still one row, named by the last action (a creation stays
            # a creation), listing the steps
            row.details["steps"] = [*(row.details.get("steps") or [row.action]), action]
            if row.action == "create":
                action = "create"
        row.action, row.explicit, row.at, row.coordinator_id = action, True, at or row.at, coordinator_id
        row.details.update(details)


def bind(session: Session, coordinator_id: int | None, now: dt.datetime | None) -> Session:
    """Say who works and when, for the audit rows of this session's changes."""
    session.info["coordinator_id"] = coordinator_id
    session.info["now"] = now
    return session


def _pending(session: Session) -> _Pending:
    pending = session.info.get(_KEY)
    if pending is None:
        pending = session.info[_KEY] = _Pending()
    return pending


def note(session: Session, action: str, entity: str, entity_id: int | None, at: dt.datetime | None = None,
         coordinator_id: int | None = None, **details: Any) -> None:
    """An action a service names itself; written with the transaction."""
    _pending(session).explicit(entity, entity_id, action, at, coordinator_id, details)


def unwritten(session: Session, entity: str, entity_id: int) -> list[tuple[str, dict[str, Any]]]:
    """(action, details) of the rows noted for a record in this transaction
    and not written yet, oldest first (a service that reads its own trail)."""
    pending = session.info.get(_KEY)
    if pending is None:
        return []
    return [(r.action, dict(r.details)) for r in pending.rows if (r.entity, r.entity_id) == (entity, entity_id)]


def _refs(state) -> dict[str, Any]:  # noqa: ANN001
    loaded = state.dict
    return {name: loaded[name] for name in REFERENCES if loaded.get(name) is not None}


def _changed_row(kind: str):  # noqa: ANN202
    def listener(_mapper, _connection, target) -> None:  # noqa: ANN001
        table = getattr(target, "__tablename__", None)
        session = object_session(target)
        if table not in PERSONAL_TABLES or session is None:
            return
        state = inspect(target)
        # a new row has no identity yet (given after the flush), but its id is loaded
        record_id = state.identity[0] if state.identity else state.dict.get("id")
        if record_id is None:
            return
        if kind == "update":
            fields = {a.key for a in state.mapper.column_attrs
                      if a.key not in _IGNORED and state.attrs[a.key].history.has_changes()}
            if not fields:
                return
        elif kind == "create":
            fields = {a.key for a in state.mapper.column_attrs
                      if a.key not in _IGNORED and state.dict.get(a.key) not in (None, "", [], {})} - {"id"}
        else:
            fields = set()
        _pending(session).structural(table, record_id, kind, fields, _refs(state))
    return listener


def _before_commit(session: Session) -> None:
    if session.in_nested_transaction():  # a savepoint released: the rows wait for the real commit
        return
    session.flush()
    pending: _Pending | None = session.info.pop(_KEY, None)
    if pending is None or not pending.rows:
        return
    # who and when: what the operation bound; else what the service named with its own action
    # (its clock and coordinator), so a row changed beside a named action is dated like it
    named = next((r for r in pending.rows if r.explicit), None)
    now = (session.info.get("now") or (named.at if named is not None else None)
           or dt.datetime.now().replace(microsecond=0))
    who = session.info.get("coordinator_id")
    if who is None and "coordinator_id" not in session.info and named is not None:
        who = named.coordinator_id
    values = []
    for row in pending.rows:
        details = dict(row.details)
        if row.fields:
            details["fields"] = sorted(row.fields | set(details.get("fields") or []))
        values.append(dict(at=row.at or now, coordinator_id=row.coordinator_id if row.coordinator_id is not None
                           else who, action=row.action or "update", entity=row.entity, entity_id=row.entity_id,
                           details=details))
    session.connection().execute(AuditEntry.__table__.insert(), values)


def _forget(session: Session, previous) -> None:  # noqa: ANN001
    if previous.parent is None:
        session.info.pop(_KEY, None)


# Mapper events see every row the flush writes, the orphans a relationship
# drops included (a session's "deleted" list does not hold those).
for _kind, _event in (("create", "after_insert"), ("update", "after_update"), ("delete", "after_delete")):
    event.listen(Base, _event, _changed_row(_kind), propagate=True)


def install(factory: sessionmaker) -> None:
    """Audit every session the factory makes (called by store.open_store)."""
    # (no event.contains() check: SQLAlchemy's registry keys targets by id(), and
    # a new factory may reuse the id of a collected one, which made it look
    # installed already and left a store without its audit trail)
    if getattr(factory, "_duo_audited", False):
        return
    event.listen(factory, "before_commit", _before_commit)
    event.listen(factory, "after_soft_rollback", _forget)
    factory._duo_audited = True
