"""Rows of the duos screen: stage and health of each duo followed (open or
ended recently), with the alerts of today, filtered by coordinator, branch,
stage and "needs attention". The aggregates come from one SQL query (see
services/alerts.py); names are fetched separately, for the rows on screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from ..models import Branch, Coordinator, Duo, DuoStage, Participant
from .alerts import Alert, DuoFacts, alerts_for, load_facts
from ..text import fold


@dataclass(frozen=True)
class DuoFilter:
    coordinator_id: int | None = None
    branch_id: int | None = None
    stage: DuoStage | None = None
    needs_attention: bool = False
    #: several stages at once (ignored when ``stage`` is given); e.g. IN_PROGRESS
    stages: tuple[DuoStage, ...] | None = None
    #: words typed in the search box: each must be in the mentor's or the mentee's name
    #: (folded the one way, duo_desktop/text.fold: "yilmaz" finds "Yılmaz", "ndiaye" "N’Diaye")
    text: str = ""


#: the duos a coordinator works on: both said yes (the agreement is to sign) or active
IN_PROGRESS = (DuoStage.AWAITING_AGREEMENT, DuoStage.ACTIVE)


class OverviewEntry(NamedTuple):
    """One duo of the list: its facts and today's alerts (no names)."""

    facts: DuoFacts
    alerts: tuple[Alert, ...]
    today: dt.date

    @property
    def id(self) -> int:
        return self.facts.id

    @property
    def weeks_since_agreement(self) -> int | None:
        signed = self.facts.agreement_signed_on
        if signed is None:
            return None
        end = self.facts.ended_on or self.today
        return max((end - signed).days // 7, 0)

    @property
    def days_since_last_meeting(self) -> int | None:
        last = self.facts.last_meeting_on
        return None if last is None else (self.today - last).days


@dataclass(frozen=True)
class DuoNames:
    id: int
    mentor: str
    mentee: str
    coordinator: str
    branch: str


def entries(session: Session, flt: DuoFilter, today: dt.date, ended_activity: bool = True) -> list[OverviewEntry]:
    """The duos followed that match the filter, the most urgent first.
    ``ended_activity=False``: ended duos come without their meeting counts
    (faster; for the today list and a list of open duos)."""
    conditions = []
    if flt.coordinator_id is not None:
        conditions.append(Duo.coordinator_id == flt.coordinator_id)
    if flt.branch_id is not None:
        conditions.append(Duo.branch_id == flt.branch_id)
    if flt.stage is not None:
        conditions.append(Duo.stage == flt.stage)
    elif flt.stages is not None:
        conditions.append(Duo.stage.in_(flt.stages))
    conditions.extend(name_conditions(flt.text))
    out = [OverviewEntry(facts, tuple(alerts_for(facts, today)), today)
           for facts in load_facts(session, today, *conditions, ended_activity=ended_activity)]
    out.sort(key=lambda e: (not e.alerts, -(e.days_since_last_meeting or 0), e.id))
    return narrow(out, flt)


def name_conditions(text: str) -> list:
    """SQL conditions on Duo: every word of ``text`` (folded) is in the
    mentor's or the mentee's stored search name."""
    out = []
    for word in fold(text).split():
        people = select(Participant.id).where(Participant.search_name.contains(word, autoescape=True))
        out.append(or_(Duo.mentor_id.in_(people), Duo.mentee_id.in_(people)))
    return out


def matching_ids(session: Session, text: str) -> set[int] | None:
    """The ids of the duos whose names match ``text``; None when ``text`` has no word."""
    conditions = name_conditions(text)
    return set(session.scalars(select(Duo.id).where(*conditions))) if conditions else None


def narrow(entries_: list[OverviewEntry], flt: DuoFilter, ids: set[int] | None = None) -> list[OverviewEntry]:
    """Apply the stage and "needs attention" filters to entries already loaded,
    and keep only ``ids`` (the name search's :func:`matching_ids`) when given."""
    return [e for e in entries_ if (ids is None or e.id in ids) and (e.facts.stage is flt.stage if flt.stage is not None else
                                    flt.stages is None or e.facts.stage in flt.stages)
            and (not flt.needs_attention or e.alerts)
            and (flt.coordinator_id is None or e.facts.coordinator_id == flt.coordinator_id)
            and (flt.branch_id is None or e.facts.branch_id == flt.branch_id)]


def names(session: Session, ids: Sequence[int]) -> dict[int, DuoNames]:
    """Names for the given duos (the rows on screen)."""
    mentor, mentee = aliased(Participant), aliased(Participant)
    out: dict[int, DuoNames] = {}
    ids = list(ids)
    connection = session.connection()  # Core rows: plain strings, no ORM layer
    for start in range(0, len(ids), 5000):
        query = (
            select(Duo.id, mentor.first_name, mentor.last_name, mentee.first_name, mentee.last_name,
                   Coordinator.first_name, Coordinator.last_name, Branch.city)
            .join(mentor, mentor.id == Duo.mentor_id)
            .join(mentee, mentee.id == Duo.mentee_id)
            .join(Branch, Branch.id == Duo.branch_id)
            .outerjoin(Coordinator, Coordinator.id == Duo.coordinator_id)
            .where(Duo.id.in_(ids[start:start + 5000]))
        )
        for did, f1, l1, f2, l2, cf, cl, branch in connection.execute(query):
            out[did] = DuoNames(did, f"{f1} {l1}".strip(), f"{f2} {l2}".strip(),
                                f"{cf or ''} {cl or ''}".strip(), branch)
    return out


def coordinators(session: Session) -> list[tuple[int, str]]:
    rows = session.execute(select(Coordinator.id, Coordinator.first_name, Coordinator.last_name)
                           .where(Coordinator.active.is_(True))
                           .order_by(Coordinator.last_name, Coordinator.first_name))
    return [(cid, f"{first} {last}".strip()) for cid, first, last in rows]


def branches(session: Session) -> list[tuple[int, str]]:
    return [(bid, name) for bid, name in session.execute(select(Branch.id, Branch.city).order_by(Branch.city))]
