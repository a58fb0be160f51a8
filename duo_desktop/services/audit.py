"""The audit trail: record who did what to which record, never the values."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from ..models import AuditEntry


def record(session: Session, action: str, entity: str, entity_id: int | None, at: dt.datetime,
           coordinator_id: int | None = None, **details: Any) -> None:
    session.add(AuditEntry(at=at, action=action, entity=entity, entity_id=entity_id,
                           coordinator_id=coordinator_id, details=details))
