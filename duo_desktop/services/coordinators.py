"""The coordinators, for choosing who is using the application: new
participants and duos are then followed by them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..models import Branch, Coordinator


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
