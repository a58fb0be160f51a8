"""The duo state machine (steps 4 to 8). A duo moves only in allowed steps;
an illegal step is refused with a clear reason, and every step is dated and
kept in its history.

    proposed -> first meeting planned -> awaiting agreement -> active -> ended
         \\-> cancelled        \\-> refused / cancelled   \\-> cancelled

A refused pair is never proposed again; both people go back to the pool.
Every function takes the clock's ``now`` explicitly, so the history is
testable with a fixed date.
"""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..i18n import N_
from ..models import (
    OPEN_DUO_STAGES,
    Decision,
    Duo,
    DuoStage,
    DuoStageChange,
    EndReason,
    Participant,
    ParticipantStatus,
)
from . import audit
from .dates import add_months
from .errors import NotFound, RuleError
from .labels import label_message
from .pipeline import change_status

D = DuoStage
ALLOWED: dict[DuoStage, set[DuoStage]] = {
    D.PROPOSED: {D.FIRST_MEETING_PLANNED, D.CANCELLED},
    D.FIRST_MEETING_PLANNED: {D.AWAITING_AGREEMENT, D.REFUSED, D.CANCELLED},
    D.AWAITING_AGREEMENT: {D.ACTIVE, D.CANCELLED},
    D.ACTIVE: {D.ENDED},
    D.ENDED: set(),
    D.REFUSED: set(),
    D.CANCELLED: set(),
}
OPEN_STAGES = OPEN_DUO_STAGES  # a mentee is in at most one (a unique index), a mentor in at most capacity


class DuoAction(enum.Enum):
    """What a coordinator can do to a duo; which ones apply follows from its
    stage (:func:`allowed_actions`), so screens ask instead of restating it."""

    PLAN_FIRST_MEETING = "plan_first_meeting"
    DECIDE_MENTOR = "decide_mentor"
    DECIDE_MENTEE = "decide_mentee"
    WITHDRAW = "withdraw"  # a proposal deleted before anyone met
    SIGN = "sign"
    PRINT_AGREEMENT = "print_agreement"
    LOG_MEETINGS = "log_meetings"
    CHECK_IN = "check_in"
    END = "end"
    EVALUATE = "evaluate"
    RECORD_OUTCOME = "record_outcome"
    # corrections (services/duo_corrections.py): each passes the same date rules as the action it corrects
    CORRECT_AGREEMENT = "correct_agreement"
    UNDO_AGREEMENT = "undo_agreement"  # back to "awaiting agreement", while no meeting is logged
    CORRECT_END = "correct_end"
    UNDO_END = "undo_end"  # back to "active", while no evaluation nor outcome is recorded


def allowed_actions(stage: DuoStage, *, agreement_signed: bool = False, mentor_decided: bool = False,
                    mentee_decided: bool = False) -> frozenset[DuoAction]:
    """The actions a duo at ``stage`` allows; the same rules the service
    functions below enforce (:data:`ALLOWED` for stage moves)."""
    A = DuoAction
    actions: set[DuoAction] = set()
    if stage in (D.PROPOSED, D.FIRST_MEETING_PLANNED):
        actions.add(A.PLAN_FIRST_MEETING)
    if stage is D.PROPOSED:
        actions.add(A.WITHDRAW)
    if stage is D.FIRST_MEETING_PLANNED:
        if not mentor_decided:
            actions.add(A.DECIDE_MENTOR)
        if not mentee_decided:
            actions.add(A.DECIDE_MENTEE)
    if D.ACTIVE in ALLOWED[stage]:
        actions.add(A.SIGN)
    if stage in (D.AWAITING_AGREEMENT, D.ACTIVE):
        actions.add(A.PRINT_AGREEMENT)
    if stage in (D.ACTIVE, D.ENDED) and agreement_signed:
        actions.add(A.LOG_MEETINGS)
    if stage in (D.AWAITING_AGREEMENT, D.ACTIVE, D.ENDED):
        actions.add(A.CHECK_IN)
    if D.ENDED in ALLOWED[stage]:
        actions.add(A.END)
    if stage is D.ENDED:
        actions |= {A.EVALUATE, A.RECORD_OUTCOME, A.CORRECT_END, A.UNDO_END}
    if stage in (D.ACTIVE, D.ENDED) and agreement_signed:
        actions.add(A.CORRECT_AGREEMENT)
    if stage is D.ACTIVE and agreement_signed:
        actions.add(A.UNDO_AGREEMENT)
    return frozenset(actions)


def get_duo(session: Session, duo_id: int, *, lock: bool = False) -> Duo:
    """The duo; ``lock``: its row is held until the transaction ends and read
    again (PostgreSQL ``FOR UPDATE``; a second coordinator waits, then sees
    what the first one saved). Raises NotFound."""
    duo = session.get(Duo, duo_id, with_for_update=True, populate_existing=True) if lock else session.get(Duo, duo_id)
    if duo is None:
        raise NotFound(N_("Duo {id} does not exist."), id=duo_id)
    return duo


def move(session: Session, duo: Duo, to_stage: DuoStage, now: dt.datetime, coordinator_id: int | None = None,
         note: str = "") -> DuoStageChange:
    """The one place where a duo changes stage."""
    if to_stage not in ALLOWED[duo.stage]:
        raise RuleError(N_("A duo cannot go from “{current}” to “{target}”."), "illegal_step",
                        current=label_message(duo.stage), target=label_message(to_stage))
    change = DuoStageChange(from_stage=duo.stage, to_stage=to_stage, changed_at=now,
                            coordinator_id=coordinator_id, note=note)
    duo.stage_history.append(change)
    duo.stage = to_stage
    session.flush()
    audit.record(session, "stage", "duo", duo.id, now, coordinator_id, from_stage=change.from_stage.value,
                 to_stage=to_stage.value)
    return change


# --- step 4: proposal ---------------------------------------------------------
def is_refused_pair(session: Session, mentor_id: int, mentee_id: int) -> bool:
    return bool(session.scalar(select(exists().where(
        Duo.mentor_id == mentor_id, Duo.mentee_id == mentee_id, Duo.stage == D.REFUSED))))


def open_duo_of(session: Session, participant_id: int, *, as_mentee: bool = False) -> Duo | None:
    """An open duo of the participant (``as_mentee``: only as its mentee)."""
    who = (Duo.mentee_id == participant_id) if as_mentee else \
        ((Duo.mentor_id == participant_id) | (Duo.mentee_id == participant_id))
    return session.scalars(select(Duo).where(who, Duo.stage.in_(OPEN_STAGES)).order_by(Duo.id).limit(1)).first()


def mentor_capacity(mentor: Participant) -> int:
    """How many open duos a mentor may have at once: their own number, capped
    by the branch's ``max_mentees_per_mentor`` (at least 1); the same rule as
    the matching pool (services/matching/pool.py)."""
    return min(max(1, mentor.branch.max_mentees_per_mentor), max(1, mentor.max_mentees or 1))


def lock_people(session: Session, *participant_ids: int) -> None:
    """Hold the participants' rows until the transaction ends, so that a rule
    checked next (one open duo per mentee, a mentor's capacity) stays true
    until the save: PostgreSQL locks the rows (``SELECT ... FOR UPDATE``, in id
    order, so two transactions never wait for each other in a circle); SQLite
    emits no FOR UPDATE: its write transactions already hold the database's
    write lock from their start (store.transaction, ``BEGIN IMMEDIATE``)."""
    session.execute(select(Participant.id).where(Participant.id.in_(participant_ids))
                    .order_by(Participant.id).with_for_update())


def _mentee_busy(session: Session, mentee: Participant) -> RuleError | None:
    other = open_duo_of(session, mentee.id, as_mentee=True)
    if other is None:
        return None
    return RuleError(N_("{mentee} already has a proposal or a duo (duo {duo}, with {mentor}): nothing was saved."),
                     "mentee_busy", mentee=mentee.full_name, duo=other.id, mentor=other.mentor.full_name)


def check_places(session: Session, mentor: Participant, mentee: Participant) -> None:
    """Refuse a new open duo when the mentee is already in one or the mentor
    has no free place, naming the duo that holds the place. Call it after
    :func:`lock_people` in the same transaction. Raises RuleError
    ``mentee_busy`` or ``mentor_full``."""
    busy = _mentee_busy(session, mentee)
    if busy is not None:
        raise busy
    capacity = mentor_capacity(mentor)
    # one statement (one snapshot on PostgreSQL): the count and the duo named agree
    taken = session.scalars(select(Duo).where(Duo.mentor_id == mentor.id, Duo.stage.in_(OPEN_STAGES))
                            .order_by(Duo.id)).all()
    if len(taken) >= capacity:
        last = taken[-1]
        raise RuleError(N_("{mentor} has no free place left ({capacity} at most): the last one went to duo {duo}, "
                           "with {mentee}. Nothing was saved."), "mentor_full",
                        mentor=mentor.full_name, capacity=capacity, duo=last.id, mentee=last.mentee.full_name)


def refuse_unmatchable(person: Participant) -> None:
    """Raise RuleError when the person may never be matched, whatever the
    other side: merged into another record ("merged"), anonymised ("erased",
    GDPR art. 17) or with their processing restricted ("restricted", art. 18)."""
    if person.merged_into_id is not None:
        raise RuleError(N_("Participant {id} was merged into participant {into}: propose {into} instead."),
                        "merged", id=person.id, into=person.merged_into_id)
    if person.erased_on is not None:
        raise RuleError(N_("Participant {id} is anonymised: an anonymised person is never matched."), "erased",
                        id=person.id)
    if person.restricted_since is not None:
        raise RuleError(N_("{name}'s data is restricted: they cannot be matched until the restriction "
                           "is lifted."), "restricted", name=person.full_name)


def propose(session: Session, mentor: Participant, mentee: Participant, now: dt.datetime,
            coordinator_id: int | None = None, score: float | None = None) -> Duo:
    """Create a proposal after checking the hard rules that do not depend on
    scoring (the matching service checks the rest before calling this).
    The places (one open duo per mentee, the mentor's capacity) are checked
    under a lock inside the caller's transaction; a mentee put in a second
    open duo by a writer that took no lock is refused by the database's
    unique index, and given the same message."""
    if mentor.branch_id != mentee.branch_id:
        raise RuleError(N_("A mentor and a mentee of different branches cannot form a duo."), "branch")
    for person in (mentor, mentee):
        refuse_unmatchable(person)
    if is_refused_pair(session, mentor.id, mentee.id):
        raise RuleError(N_("{mentor} and {mentee} refused each other before; they are never proposed again."),
                        "refused_before", mentor=mentor.full_name, mentee=mentee.full_name)
    lock_people(session, mentor.id, mentee.id)
    check_places(session, mentor, mentee)
    duo = Duo(branch_id=mentee.branch_id, mentor_id=mentor.id, mentee_id=mentee.id,
              coordinator_id=coordinator_id or mentee.coordinator_id, stage=D.PROPOSED,
              proposed_on=now.date(), match_score=score)
    try:
        with session.begin_nested():  # a savepoint: the transaction stays usable to name the other duo
            session.add(duo)
            session.flush()
    except IntegrityError:
        busy = _mentee_busy(session, mentee)
        if busy is None:
            raise
        raise busy from None
    duo.stage_history.append(DuoStageChange(from_stage=None, to_stage=D.PROPOSED, changed_at=now,
                                            coordinator_id=coordinator_id))
    session.flush()
    audit.record(session, "create", "duo", duo.id, now, coordinator_id)
    return duo


def delete_proposal(session: Session, duo_id: int) -> None:
    """Take back a proposal that went no further (undo on the matching board):
    it leaves no trace but the audit entry."""
    duo = get_duo(session, duo_id, lock=True)
    if duo.stage is not D.PROPOSED:
        raise RuleError(N_("Only a proposal that went no further can be taken back."), "not_a_proposal")
    session.delete(duo)  # its stage history goes with it (cascade)
    session.flush()


def cancel(session: Session, duo: Duo, now: dt.datetime, note: str = "", coordinator_id: int | None = None) -> None:
    was_together = duo.stage is D.AWAITING_AGREEMENT
    move(session, duo, D.CANCELLED, now, coordinator_id, note)
    if was_together:
        _back_to_pool(session, duo, now.date(), coordinator_id)


# --- step 5: first meeting and decisions ------------------------------------
def plan_first_meeting(session: Session, duo: Duo, at: dt.datetime, place: str, now: dt.datetime,
                       coordinator_id: int | None = None) -> None:
    if duo.stage is D.PROPOSED:
        move(session, duo, D.FIRST_MEETING_PLANNED, now, coordinator_id)
    elif duo.stage is not D.FIRST_MEETING_PLANNED:
        raise RuleError(N_("The first meeting can be planned only for a proposal."), "illegal_step")
    # A meeting that already took place may be caught up with its real date (issue 17), but it cannot
    # come before the proposal it follows.
    if duo.proposed_on is not None and at.date() < duo.proposed_on:
        raise RuleError(N_("The first meeting cannot come before the proposal ({day})."), "date",
                        day=duo.proposed_on)
    duo.first_meeting_at = at
    duo.first_meeting_place = place


def record_decision(session: Session, duo: Duo, side: str, decision: Decision, on: dt.date, now: dt.datetime,
                    reason: str = "", coordinator_id: int | None = None) -> None:
    """Mentor and mentee decide independently after the first meeting. If
    either refuses, the reason is recorded and the pair is never proposed
    again; if both accept, the duo waits for the agreement."""
    if duo.stage is not D.FIRST_MEETING_PLANNED:
        raise RuleError(N_("Decisions are recorded after the first meeting."), "illegal_step")
    if side not in ("mentor", "mentee"):
        raise ValueError(side)
    if decision is Decision.REFUSED and not reason.strip():
        raise RuleError(N_("Say why the duo is refused."), "reason_required")
    # The meeting's time counts, not only its day: a decision dated on the meeting's day and recorded
    # before its hour would precede it (issue 17).
    meeting = duo.first_meeting_at
    if meeting is not None and (on < meeting.date() or (on == now.date() and now < meeting)):
        raise RuleError(N_("A decision cannot come before the first meeting ({at})."), "date", at=meeting)
    setattr(duo, f"{side}_decision", decision)
    setattr(duo, f"{side}_decided_on", on)
    if decision is Decision.REFUSED:
        duo.refusal_reason = reason.strip()
        move(session, duo, D.REFUSED, now, coordinator_id, note=side)
    elif duo.mentor_decision is Decision.ACCEPTED and duo.mentee_decision is Decision.ACCEPTED:
        move(session, duo, D.AWAITING_AGREEMENT, now, coordinator_id)
        for person in (duo.mentor, duo.mentee):
            if person.status is not ParticipantStatus.IN_DUO:
                change_status(session, person, ParticipantStatus.IN_DUO, on, coordinator_id=coordinator_id, at=now)


# --- step 6: agreement ----------------------------------------------------------
def sign_agreement(session: Session, duo: Duo, on: dt.date, language: str, now: dt.datetime,
                   months: int = 6, coordinator_id: int | None = None) -> None:
    if duo.stage is not D.AWAITING_AGREEMENT:
        raise RuleError(N_("The agreement is signed after both have said yes at the first meeting."), "illegal_step")
    if duo.first_meeting_at is not None and on < duo.first_meeting_at.date():
        raise RuleError(N_("The agreement cannot be signed before the first meeting."), "date")
    decided = [d for d in (duo.mentor_decided_on, duo.mentee_decided_on) if d is not None]
    if decided and on < max(decided):
        raise RuleError(N_("The agreement cannot be signed before both said yes ({day})."), "date",
                        day=max(decided))
    if not language:
        raise RuleError(N_("Choose the language of the agreement."), "language")
    duo.agreement_signed_on = on
    duo.agreement_language = language
    duo.planned_end_on = add_months(on, months)
    move(session, duo, D.ACTIVE, now, coordinator_id)


# --- end of the mentoring period ------------------------------------------------
def end_duo(session: Session, duo: Duo, on: dt.date, reason: EndReason, now: dt.datetime, note: str = "",
            coordinator_id: int | None = None) -> None:
    if duo.stage is not D.ACTIVE:
        raise RuleError(N_("Only an active duo can be ended."), "illegal_step")
    if duo.agreement_signed_on and on < duo.agreement_signed_on:
        raise RuleError(N_("A duo cannot end before its agreement was signed."), "date")
    if reason is EndReason.OTHER and not note.strip():
        raise RuleError(N_("Say why the duo ended."), "reason_required")
    duo.ended_on = on
    duo.end_reason = reason
    duo.end_note = note.strip()
    move(session, duo, D.ENDED, now, coordinator_id)
    if duo.mentee.status is ParticipantStatus.IN_DUO:
        change_status(session, duo.mentee, ParticipantStatus.ALUMNI, on, coordinator_id=coordinator_id, at=now)
    if duo.mentor.status is ParticipantStatus.IN_DUO:
        # most mentors start a new duo; the evaluation can retire them
        change_status(session, duo.mentor, ParticipantStatus.READY_TO_MATCH, on, coordinator_id=coordinator_id,
                      at=now)


def _back_to_pool(session: Session, duo: Duo, on: dt.date, coordinator_id: int | None) -> None:
    for person in (duo.mentor, duo.mentee):
        if person.status is ParticipantStatus.IN_DUO:
            change_status(session, person, ParticipantStatus.READY_TO_MATCH, on, coordinator_id=coordinator_id)
