"""Recording the follow-up of a duo (steps 7 and 8): meetings (one at a time
or a whole week for several duos at once), coordinator check-ins, the end
evaluation of both sides and the outcomes. Each function checks the rules and
refuses bad input with a reason that says what and where (a RuleError with a
code, rendered in the language of whoever shows it); the caller commits (one
transaction per user action)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import N_, _
from ..models import (
    CheckIn,
    CheckInWith,
    ContractType,
    Duo,
    DuoStage,
    Evaluation,
    Gain,
    Meeting,
    MeetingChannel,
    MeetingTopic,
    ObjectivesReached,
    Outcome,
    OutcomeKind,
    OutcomeMoment,
    ParticipantStatus,
    Respondent,
)
from . import audit
from .duo_lifecycle import get_duo
from .errors import RuleError, check_version
from .pipeline import change_status

MAX_MEETING_MINUTES = 8 * 60


# --- meetings -------------------------------------------------------------------
@dataclass(frozen=True)
class MeetingEntry:
    duo_id: int
    held_on: dt.date
    duration_minutes: int = 120
    channel: MeetingChannel = MeetingChannel.IN_PERSON
    topics: tuple[MeetingTopic, ...] = ()
    note: str = ""


def _check_meeting(duo: Duo, entry: MeetingEntry, today: dt.date) -> None:
    if duo.stage not in (DuoStage.ACTIVE, DuoStage.ENDED) or duo.agreement_signed_on is None:
        raise RuleError(N_("Meetings are logged once the agreement is signed."), "illegal_step")
    if entry.held_on > today:
        raise RuleError(N_("A meeting cannot be logged in the future."), "date")
    if entry.held_on < duo.agreement_signed_on:
        raise RuleError(N_("A meeting cannot come before the agreement was signed."), "date")
    if duo.ended_on is not None and entry.held_on > duo.ended_on:
        raise RuleError(N_("A meeting cannot come after the end of the duo."), "date")
    if not 1 <= entry.duration_minutes <= MAX_MEETING_MINUTES:
        raise RuleError(N_("The duration must be between 1 minute and 8 hours."), "duration")


def record_meeting(session: Session, entry: MeetingEntry, today: dt.date, now: dt.datetime,
                   coordinator_id: int | None = None) -> Meeting:
    duo = get_duo(session, entry.duo_id)
    _check_meeting(duo, entry, today)
    meeting = Meeting(duo_id=duo.id, held_on=entry.held_on, duration_minutes=entry.duration_minutes,
                      channel=entry.channel, topics=[MeetingTopic(t).value for t in entry.topics],
                      note=entry.note.strip())
    session.add(meeting)
    session.flush()
    audit.record(session, "create", "meeting", meeting.id, now, coordinator_id, duo_id=duo.id)
    return meeting


def record_week(session: Session, entries: Sequence[MeetingEntry], today: dt.date, now: dt.datetime,
                coordinator_id: int | None = None, rows: Sequence[int] | None = None) -> list[Meeting]:
    """Several duos' meetings at once: all saved or none. A refused entry
    says which row is wrong (``rows``: the row number of each entry as on
    screen; 1, 2, 3... by default)."""
    meetings = []
    for i, entry in enumerate(entries):
        try:
            meetings.append(record_meeting(session, entry, today, now, coordinator_id))
        except RuleError as exc:
            row = rows[i] if rows is not None else i + 1
            raise RuleError(N_("Row {row}: {reason}"), exc.code, row=row, reason=exc.text) from exc
    return meetings


def delete_meeting(session: Session, meeting_id: int, now: dt.datetime, coordinator_id: int | None = None) -> None:
    meeting = session.get(Meeting, meeting_id)
    if meeting is not None:
        audit.record(session, "delete", "meeting", meeting.id, now, coordinator_id, duo_id=meeting.duo_id)
        session.delete(meeting)
        session.flush()


def delete_check_in(session: Session, check_in_id: int, now: dt.datetime, coordinator_id: int | None = None) -> None:
    check_in = session.get(CheckIn, check_in_id)
    if check_in is not None:
        audit.record(session, "delete", "check_in", check_in.id, now, coordinator_id, duo_id=check_in.duo_id)
        session.delete(check_in)
        session.flush()


# --- check-ins -----------------------------------------------------------------
def record_check_in(session: Session, duo_id: int, held_on: dt.date, today: dt.date, now: dt.datetime,
                    with_whom: CheckInWith = CheckInWith.BOTH, channel: MeetingChannel = MeetingChannel.PHONE,
                    rating: int = 3, concerns: str = "", follow_up_needed: bool = False,
                    coordinator_id: int | None = None) -> CheckIn:
    duo = get_duo(session, duo_id)
    if duo.stage not in (DuoStage.AWAITING_AGREEMENT, DuoStage.ACTIVE, DuoStage.ENDED):
        raise RuleError(N_("Check-ins are recorded for duos whose members both said yes."), "illegal_step")
    if held_on > today:
        raise RuleError(N_("A check-in cannot be recorded in the future."), "date")
    if not 1 <= rating <= 5:
        raise RuleError(N_("How it goes is rated from 1 to 5."), "rating")
    if follow_up_needed and not concerns.strip():
        raise RuleError(N_("Say which concerns to follow."), "concerns")
    check_in = CheckIn(duo_id=duo.id, coordinator_id=coordinator_id or duo.coordinator_id, held_on=held_on,
                       with_whom=with_whom, channel=channel, rating=rating, concerns=concerns.strip(),
                       follow_up_needed=follow_up_needed)
    session.add(check_in)
    session.flush()
    audit.record(session, "create", "check_in", check_in.id, now, coordinator_id, duo_id=duo.id)
    return check_in


# --- the end evaluation ---------------------------------------------------------------
@dataclass(frozen=True)
class EvaluationInput:
    respondent: Respondent
    completed_on: dt.date
    objectives_reached: ObjectivesReached
    satisfaction: int
    gains: tuple[Gain, ...] = ()
    wants_new_duo: bool | None = None  # mentor only
    comments: str = ""


def get_evaluation(session: Session, duo_id: int, respondent: Respondent) -> EvaluationInput | None:
    """One side's saved evaluation, to correct it."""
    e = session.scalars(select(Evaluation).where(Evaluation.duo_id == duo_id,
                                                 Evaluation.respondent == respondent)).first()
    if e is None:
        return None
    return EvaluationInput(e.respondent, e.completed_on, e.objectives_reached, e.satisfaction,
                           tuple(Gain(g) for g in e.gains if g in Gain._value2member_map_), e.wants_new_duo,
                           e.comments)


def record_evaluation(session: Session, duo_id: int, data: EvaluationInput, today: dt.date, now: dt.datetime,
                      coordinator_id: int | None = None) -> Evaluation:
    """Save (or correct) one side's end evaluation. A mentor who does not want
    a new duo leaves the pool; saying yes again brings them back."""
    duo = get_duo(session, duo_id)
    if duo.stage is not DuoStage.ENDED:
        raise RuleError(N_("The evaluation is done once the duo has ended."), "illegal_step")
    if data.completed_on > today:
        raise RuleError(N_("An evaluation cannot be dated in the future."), "date")
    if duo.agreement_signed_on and data.completed_on < duo.agreement_signed_on:
        raise RuleError(N_("An evaluation cannot come before the agreement was signed."), "date")
    if not 1 <= data.satisfaction <= 5:
        raise RuleError(N_("Satisfaction is rated from 1 to 5."), "satisfaction")
    is_mentor = data.respondent is Respondent.MENTOR
    if is_mentor and data.wants_new_duo is None:
        raise RuleError(N_("Say whether the mentor wants a new duo."), "wants_new_duo")
    evaluation = session.scalars(select(Evaluation).where(
        Evaluation.duo_id == duo.id, Evaluation.respondent == data.respondent)).first()
    action = "update" if evaluation else "create"
    if evaluation is None:
        evaluation = Evaluation(duo_id=duo.id, respondent=data.respondent)
        session.add(evaluation)
    evaluation.completed_on = data.completed_on
    evaluation.objectives_reached = data.objectives_reached
    evaluation.satisfaction = data.satisfaction
    evaluation.gains = [Gain(g).value for g in data.gains]
    evaluation.wants_new_duo = data.wants_new_duo if is_mentor else None
    evaluation.comments = data.comments.strip()
    session.flush()
    audit.record(session, action, "evaluation", evaluation.id, now, coordinator_id, duo_id=duo.id)
    if is_mentor:
        mentor = duo.mentor
        if data.wants_new_duo is False and mentor.status is ParticipantStatus.READY_TO_MATCH:
            change_status(session, mentor, ParticipantStatus.ALUMNI, data.completed_on,
                          reason=_("Does not want a new duo (end evaluation)."), coordinator_id=coordinator_id,
                          at=now)
        elif data.wants_new_duo and mentor.status is ParticipantStatus.ALUMNI:
            change_status(session, mentor, ParticipantStatus.READY_TO_MATCH, data.completed_on,
                          reason=_("Wants a new duo (end evaluation)."), coordinator_id=coordinator_id, at=now)
    return evaluation


# --- outcomes ----------------------------------------------------------------------
@dataclass(frozen=True)
class OutcomeInput:
    kind: OutcomeKind
    moment: OutcomeMoment
    learnt_on: dt.date
    outcome_date: dt.date | None = None
    contract_type: ContractType | None = None
    sector: str = ""
    note: str = ""


#: kinds for which a start date and a sector make sense
WITH_DATE = (OutcomeKind.JOB, OutcomeKind.INTERNSHIP, OutcomeKind.TRAINING, OutcomeKind.STUDIES,
             OutcomeKind.VOLUNTEERING)


def record_outcome(session: Session, duo_id: int, data: OutcomeInput, today: dt.date, now: dt.datetime,
                   coordinator_id: int | None = None) -> Outcome:
    """Save what became of the mentee at one moment (at the end, at 3 or at
    12 months); recording the same moment again corrects it."""
    duo = get_duo(session, duo_id)
    if duo.stage is not DuoStage.ENDED or duo.ended_on is None:
        raise RuleError(N_("Outcomes are recorded once the duo has ended."), "illegal_step")
    if data.learnt_on > today:
        raise RuleError(N_("The day it was learnt cannot be in the future."), "date")
    if data.kind is OutcomeKind.JOB and data.contract_type is None:
        raise RuleError(N_("Choose the contract type of the job."), "contract_type")
    if data.outcome_date is not None and data.outcome_date > data.learnt_on + dt.timedelta(days=366):
        raise RuleError(N_("The start date is too far after the day it was learnt."), "outcome_date")
    outcome = session.scalars(select(Outcome).where(Outcome.duo_id == duo.id,
                                                    Outcome.moment == data.moment)).first()
    action = "update" if outcome else "create"
    if outcome is None:
        outcome = Outcome(duo_id=duo.id, moment=data.moment)
        session.add(outcome)
    outcome.kind = data.kind
    outcome.contract_type = data.contract_type if data.kind is OutcomeKind.JOB else None
    outcome.sector = data.sector if data.kind in WITH_DATE else ""
    outcome.outcome_date = data.outcome_date if data.kind in WITH_DATE else None
    outcome.learnt_on = data.learnt_on
    outcome.note = data.note.strip()
    session.flush()
    audit.record(session, action, "outcome", outcome.id, now, coordinator_id, duo_id=duo.id)
    return outcome


# --- notes ------------------------------------------------------------------------
def save_notes(session: Session, duo_id: int, notes: str, now: dt.datetime, coordinator_id: int | None = None,
               version: int | None = None) -> None:
    """Save the duo's notes; ``version``: the duo's version the notes were
    read with (refused with ``changed_by_someone_else`` when someone else
    saved the duo since; None: not checked)."""
    duo = get_duo(session, duo_id)
    check_version(duo, version)
    duo.notes = notes
    session.flush()
    audit.record(session, "update", "duo", duo.id, now, coordinator_id, field="notes")


def week_duos(session: Session, coordinator_id: int | None, today: dt.date,
              branch_id: int | None = None) -> list[tuple[int, str, str]]:
    """The active duos a coordinator logs meetings for: (id, mentor, mentee)."""
    from .alerts import _names

    query = select(Duo.id).where(Duo.stage == DuoStage.ACTIVE)
    if coordinator_id is not None:
        query = query.where(Duo.coordinator_id == coordinator_id)
    if branch_id is not None:
        query = query.where(Duo.branch_id == branch_id)
    ids = list(session.scalars(query))
    names = _names(session, ids)
    rows = [(i, *names.get(i, ("", ""))) for i in ids]
    rows.sort(key=lambda r: (r[2].casefold(), r[0]))
    return rows


def topics_of(values: Iterable[str]) -> list[MeetingTopic]:
    return [MeetingTopic(v) for v in values if v in MeetingTopic._value2member_map_]
