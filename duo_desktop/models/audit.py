"""The audit trail: who changed what and when. Holds ids and field names,
never the personal values themselves."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinator.id"))
    action: Mapped[str] = mapped_column(String(40))  # create, update, delete, merge, export...
    entity: Mapped[str] = mapped_column(String(40))  # table name
    entity_id: Mapped[int | None] = mapped_column()
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)  # field names, codes; no values


#: The trail cannot be changed from the app: the database refuses UPDATE and
#: DELETE of its rows (created with the table, and by migration 0004).
SQLITE_GUARDS = (
    "CREATE TRIGGER IF NOT EXISTS audit_entry_no_update BEFORE UPDATE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_entry_no_delete BEFORE DELETE ON audit_entry "
    "BEGIN SELECT RAISE(ABORT, 'the audit trail cannot be changed'); END",
)
POSTGRES_GUARDS = (
    "CREATE OR REPLACE FUNCTION audit_entry_refuse() RETURNS trigger AS $$ BEGIN "
    "RAISE EXCEPTION 'the audit trail cannot be changed'; END; $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS audit_entry_guard ON audit_entry",
    "CREATE TRIGGER audit_entry_guard BEFORE UPDATE OR DELETE ON audit_entry "
    "FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse()",
)


def guard_statements(dialect: str) -> tuple[str, ...]:
    return {"sqlite": SQLITE_GUARDS, "postgresql": POSTGRES_GUARDS}.get(dialect, ())


@event.listens_for(AuditEntry.__table__, "after_create")
def _guard(_table, connection, **_kw) -> None:  # noqa: ANN001
    for statement in guard_statements(connection.dialect.name):
        connection.exec_driver_sql(statement)
