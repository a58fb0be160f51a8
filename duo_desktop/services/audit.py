"""The audit trail: record who did what to which record, never the values.

Every change of a personal-data row is audited on its own
(store/audit_trail.py, a session listener): a service calls :func:`record`
only to name an action ("intake", "merge", "erase"...) or to audit what
changes no row (an export, a print). A record named here and changed in the
same transaction gets one audit row, not two."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from ..store.audit_trail import PERSONAL_TABLES, bind, note, unwritten

__all__ = ["PERSONAL_TABLES", "bind", "record", "unwritten"]


def record(session: Session, action: str, entity: str, entity_id: int | None, at: dt.datetime | None = None,
           coordinator_id: int | None = None, **details: Any) -> None:
    """One audit row, written when the transaction commits. ``details`` hold
    ids, codes and field names only, never a personal value."""
    note(session, action, entity, entity_id, at, coordinator_id, **details)
