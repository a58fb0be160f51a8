"""The people or duos behind a figure, as rows a list (or an export) shows.

    rows(session, Subject.PARTICIPANT, ids) -> list[PersonRow]
    rows(session, Subject.DUO, ids) -> list[DuoRow]

Fetched in blocks of 900 ids (SQLite's parameter limit), in id order.
``pseudonymised=True`` leaves names out (the funders' variant: only the
record number, branch, role or stage and dates).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from ...models import Branch, Duo, DuoStage, Participant, ParticipantStatus, Role
from .registry import Subject

BLOCK = 900


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    role: Role
    branch: str
    applied_on: dt.date | None
    status: ParticipantStatus


@dataclass(frozen=True)
class DuoRow:
    id: int
    mentor: str
    mentee: str
    branch: str
    proposed_on: dt.date
    signed_on: dt.date | None
    ended_on: dt.date | None
    stage: DuoStage


def _blocks(ids: tuple[int, ...] | list[int]):  # noqa: ANN202
    ordered = sorted(ids)
    for start in range(0, len(ordered), BLOCK):
        yield ordered[start:start + BLOCK]


def rows(session: Session, subject: Subject, ids, pseudonymised: bool = False) -> list:  # noqa: ANN001
    out: list = []
    if subject == Subject.PARTICIPANT:
        for block in _blocks(ids):
            q = (select(Participant.id, Participant.first_name, Participant.last_name, Participant.role, Branch.code,
                        Participant.applied_on, Participant.status)
                 .join(Branch, Branch.id == Participant.branch_id).where(Participant.id.in_(block))
                 .order_by(Participant.id))
            out += [PersonRow(i, "" if pseudonymised else f"{first} {last}".strip(), role, code, applied, status)
                    for i, first, last, role, code, applied, status in session.execute(q)]
        return out
    mentor, mentee = aliased(Participant), aliased(Participant)
    for block in _blocks(ids):
        q = (select(Duo.id, mentor.first_name, mentor.last_name, mentee.first_name, mentee.last_name, Branch.code,
                    Duo.proposed_on, Duo.agreement_signed_on, Duo.ended_on, Duo.stage)
             .join(mentor, mentor.id == Duo.mentor_id).join(mentee, mentee.id == Duo.mentee_id)
             .join(Branch, Branch.id == Duo.branch_id).where(Duo.id.in_(block)).order_by(Duo.id))
        for i, f1, l1, f2, l2, code, proposed, signed, ended, stage in session.execute(q):
            out.append(DuoRow(i, "" if pseudonymised else f"{f1} {l1}".strip(),
                              "" if pseudonymised else f"{f2} {l2}".strip(), code, proposed, signed, ended, stage))
    return out
