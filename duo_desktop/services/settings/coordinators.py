"""Coordinators: create, update, deactivate (and reactivate). A coordinator
is never deleted while a participant, duo, event, check-in or audit row
refers to them: ``delete_coordinator`` refuses and says to deactivate.
And who is working (the chooser at start and in the status bar): new
participants, events and duos are followed by them and their branch.

    COORDINATOR_FIELDS
    coordinator_problems(session, values, coordinator_id=None) -> list[RuleError]
    create_coordinator(session, values, now, coordinator_id=None) -> int
    update_coordinator(session, id, values, now, coordinator_id=None) -> list[str]
    deactivate_coordinator / reactivate_coordinator(session, id, now, coordinator_id=None) -> bool
    delete_coordinator(session, id, now, coordinator_id=None) -> None      RuleError "in_use" when referred to
    list_coordinators(session, branch_id=None, include_inactive=True) -> list[CoordinatorRow]
    find_coordinator(session, branch_id, first_name, last_name) -> Coordinator | None
    active_coordinators(session) -> list[CoordinatorChoice]      the chooser's list, by branch city and name
    branch_of(session, coordinator_id) -> int | None             None for nobody (or someone removed)
    country_of(session, coordinator_id) -> str | None            BE, FR, NL of their branch

``values``: first_name, last_name (one of them at least: a coordinator
without a name is refused, field "last_name"), email, phone, branch (a
branch id), active. ``coordinator_id`` in the signatures is who makes the
change (for the audit row), as everywhere in services/.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import ForeignKey, func, select
from sqlalchemy.orm import Session

from ...i18n import N_
from ...models import Base, Branch, Coordinator
from .. import audit
from ..errors import NotFound, RuleError
from . import common as c

COORDINATOR_FIELDS = ("first_name", "last_name", "email", "phone", "branch", "active")
_LIMITS = {"first_name": 80, "last_name": 80, "email": 120, "phone": 40}


@dataclass(frozen=True)
class CoordinatorRow:
    id: int
    first_name: str
    last_name: str
    email: str
    phone: str
    branch_id: int
    branch_code: str
    active: bool

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "name": self.name}


def get_coordinator(session: Session, coordinator_id: int) -> Coordinator:
    coordinator = session.get(Coordinator, coordinator_id)
    if coordinator is None:
        raise NotFound(coordinator_id)
    return coordinator


def find_coordinator(session: Session, branch_id: int, first_name: str, last_name: str) -> Coordinator | None:
    """The coordinator of that branch with that name (case-insensitive), if any."""
    return session.scalar(select(Coordinator).where(
        Coordinator.branch_id == branch_id, func.lower(Coordinator.first_name) == first_name.strip().lower(),
        func.lower(Coordinator.last_name) == last_name.strip().lower()))


def coordinator_problems(session: Session, values: dict[str, Any], coordinator_id: int | None = None
                         ) -> list[RuleError]:
    problems = c.unknown_fields(values, COORDINATOR_FIELDS)
    new = coordinator_id is None
    current = {} if new else {"first_name": get_coordinator(session, coordinator_id).first_name,
                              "last_name": get_coordinator(session, coordinator_id).last_name}
    merged = {**current, **values}
    if (new or "first_name" in values or "last_name" in values) and not (
            c.text(merged, "first_name") or c.text(merged, "last_name")):
        problems.append(c.error(N_("{label}: a coordinator needs a name."), "no_name", "last_name"))
    problems += [p for f, n in _LIMITS.items() if f in values and (p := c.too_long(values, f, n))]
    if "email" in values and (p := c.bad_email(values)):
        problems.append(p)
    if new and values.get("branch") in (None, ""):
        problems.append(c.error(N_("{label}: choose the coordinator's branch."), "no_branch", "branch"))
    elif "branch" in values and (not isinstance(values["branch"], int) or session.get(Branch, values["branch"]) is None):
        problems.append(c.error(N_("{label}: there is no such branch."), "unknown_branch", "branch"))
    if "active" in values and not isinstance(values["active"], bool):
        problems.append(c.yes_no(values, "active")[1])
    return problems


def _apply(coordinator: Coordinator, values: dict[str, Any]) -> list[str]:
    changed = []
    for field, value in values.items():
        attr = "branch_id" if field == "branch" else field
        value = value if field in ("branch", "active") else ("" if value is None else str(value).strip())
        if getattr(coordinator, attr) != value:
            setattr(coordinator, attr, value)
            changed.append(field)
    return changed


def create_coordinator(session: Session, values: dict[str, Any], now: dt.datetime,
                       coordinator_id: int | None = None) -> int:
    c.first(coordinator_problems(session, values))
    coordinator = Coordinator(branch_id=values["branch"], first_name="", last_name="", email="", phone="")
    _apply(coordinator, {k: v for k, v in values.items()})
    session.add(coordinator)
    session.flush()
    audit.record(session, "create", "coordinator", coordinator.id, now, coordinator_id,
                 branch_id=coordinator.branch_id)
    return coordinator.id


def update_coordinator(session: Session, target_id: int, values: dict[str, Any], now: dt.datetime,
                       coordinator_id: int | None = None) -> list[str]:
    coordinator = get_coordinator(session, target_id)
    c.first(coordinator_problems(session, values, target_id))
    changed = _apply(coordinator, values)
    if changed:
        audit.record(session, "update", "coordinator", target_id, now, coordinator_id, fields=changed)
    return changed


def deactivate_coordinator(session: Session, target_id: int, now: dt.datetime,
                           coordinator_id: int | None = None) -> bool:
    return bool(update_coordinator(session, target_id, {"active": False}, now, coordinator_id))


def reactivate_coordinator(session: Session, target_id: int, now: dt.datetime,
                           coordinator_id: int | None = None) -> bool:
    return bool(update_coordinator(session, target_id, {"active": True}, now, coordinator_id))


def references(session: Session, target_id: int) -> int:
    """How many rows of any table refer to this coordinator (found from the
    foreign keys of the schema, so a new table is counted without a change here)."""
    total = 0
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if any(isinstance(fk, ForeignKey) and fk.column.table.name == "coordinator" for fk in column.foreign_keys):
                total += session.scalar(select(func.count()).select_from(table).where(column == target_id)) or 0
    return total


def delete_coordinator(session: Session, target_id: int, now: dt.datetime, coordinator_id: int | None = None) -> None:
    """Delete a coordinator nobody and nothing refers to (one added by mistake)."""
    coordinator = get_coordinator(session, target_id)
    if references(session, target_id):
        raise RuleError(N_("This coordinator is named in the records; deactivate them instead of deleting them."),
                        "in_use", field="active")
    session.delete(coordinator)
    session.flush()
    audit.record(session, "delete", "coordinator", target_id, now, coordinator_id)


def list_coordinators(session: Session, branch_id: int | None = None, include_inactive: bool = True
                      ) -> list[CoordinatorRow]:
    query = (select(Coordinator, Branch.code).join(Branch, Branch.id == Coordinator.branch_id)
             .order_by(Branch.code, Coordinator.last_name, Coordinator.first_name, Coordinator.id))
    if branch_id is not None:
        query = query.where(Coordinator.branch_id == branch_id)
    if not include_inactive:
        query = query.where(Coordinator.active.is_(True))
    return [CoordinatorRow(co.id, co.first_name, co.last_name, co.email, co.phone, co.branch_id, code, co.active)
            for co, code in session.execute(query)]


# --- who is working ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CoordinatorChoice:
    id: int
    name: str
    branch: str


def active_coordinators(session: Session) -> list[CoordinatorChoice]:
    rows = session.execute(select(Coordinator.id, Coordinator.first_name, Coordinator.last_name, Branch.city)
                           .join(Branch, Branch.id == Coordinator.branch_id)
                           .where(Coordinator.active.is_(True))
                           .order_by(Branch.city, Coordinator.last_name, Coordinator.first_name))
    return [CoordinatorChoice(cid, f"{first} {last}".strip(), city) for cid, first, last, city in rows]


def branch_of(session: Session, coordinator_id: int | None) -> int | None:
    """The branch id of a coordinator, or None for nobody (or someone removed)."""
    if coordinator_id is None:
        return None
    return session.scalar(select(Coordinator.branch_id).where(Coordinator.id == coordinator_id))


def country_of(session: Session, coordinator_id: int | None) -> str | None:
    """The country (BE, FR, NL) of a coordinator's branch: the interface
    follows its usage (i18n regional catalogs); None for nobody."""
    if coordinator_id is None:
        return None
    return session.scalar(select(Branch.country).join(Coordinator, Coordinator.branch_id == Branch.id)
                          .where(Coordinator.id == coordinator_id))
