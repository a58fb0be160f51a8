"""The programme row: the organisation's name and whether the database
holds the synthetic demo. Demo data and real data never share a database
(issue 10): the demo goes into its own file (config.demo_database_path).

    programme(session) -> ProgrammeInfo         (organisation "", is_demo False when there is no row yet)
    holds_real_data(session) -> bool           any branch or participant, and not marked demo
    is_empty(session) -> bool                  no branch and no participant: show the welcome screen
    mark_demo(session) -> None                 the demo generator calls it
    set_organisation(session, name, now, coordinator_id=None) -> bool     changed?
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from ...models import Branch, Participant, Programme
from .. import audit
from . import common as c


@dataclass(frozen=True)
class ProgrammeInfo:
    organisation: str
    is_demo: bool


def _row(session: Session) -> Programme | None:
    return session.scalar(select(Programme).order_by(Programme.id).limit(1))


def programme(session: Session) -> ProgrammeInfo:
    row = _row(session)
    return ProgrammeInfo(row.organisation, row.is_demo) if row else ProgrammeInfo("", False)


def is_empty(session: Session) -> bool:
    return not session.scalar(select(exists().where(Branch.id.isnot(None)))) and not session.scalar(
        select(exists().where(Participant.id.isnot(None))))


def holds_real_data(session: Session) -> bool:
    """True when the database has branches or participants that are not the demo's."""
    return not is_empty(session) and not programme(session).is_demo


def mark_demo(session: Session) -> None:
    row = _row(session)
    if row is None:
        session.add(Programme(organisation="", is_demo=True))
    else:
        row.is_demo = True
    session.flush()


def set_organisation(session: Session, name: str, now: dt.datetime, coordinator_id: int | None = None) -> bool:
    c.first([p for p in (c.required({"organisation": name}, "organisation"),
                         c.too_long({"organisation": name}, "organisation", 200)) if p])
    row = _row(session)
    if row is None:
        row = Programme(organisation="", is_demo=False)
        session.add(row)
    if row.organisation == name.strip():
        return False
    row.organisation = name.strip()
    session.flush()
    audit.record(session, "update", "programme", row.id, now, coordinator_id, fields=["organisation"])
    return True
