"""Correcting or undoing what was recorded on a duo (issue 17: "each can be
corrected or undone, with the change in the history").

- the signature: its date and language corrected (the same rules as
  signing: not before the first meeting nor the decisions, not in the
  future; and no logged meeting, nor the end, before the new date), or
  undone while no meeting is logged (the duo awaits its agreement again);
- the end: its date, reason and note corrected (the same rules as ending,
  and no meeting after, no outcome recorded too early for the new date; the
  status changes the end made are re-dated), or undone while no evaluation
  nor outcome is recorded (the duo is active again, the mentee and the
  mentor get back the status the end took from them when they still have it);
- an evaluation or an outcome deleted (they are corrected by recording the
  same side or moment again, services/followup.py);
- a meeting or a check-in edited with the rules of recording one.

Every correction is one audit row naming the action and the changed field
names ("correct_end", "undo_agreement"...), which the duo's timeline shows
(services/timeline.py); undoing a stage adds a line to the stage history.
Allowed actions: :func:`duo_lifecycle.allowed_actions` (CORRECT_*, UNDO_*).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..i18n import N_
from ..models import (
    CheckIn,
    CheckInWith,
    Duo,
    DuoStage,
    DuoStageChange,
    EndReason,
    Evaluation,
    Meeting,
    MeetingChannel,
    MeetingTopic,
    Outcome,
    ParticipantStatus,
    StatusChange,
)
from . import audit
from .dates import add_months
from .duo_lifecycle import check_places, get_duo, lock_people
from .errors import NotFound, RuleError
from .followup import OUTCOME_MONTHS, MeetingEntry, _check_meeting

#: Audit actions of this module, the timeline's "correction" lines
ACTIONS = ("correct_agreement", "undo_agreement", "correct_end", "undo_end", "delete_evaluation",
           "delete_outcome", "edit_meeting", "edit_check_in", "delete_meeting", "delete_check_in")


def _record(session: Session, action: str, duo: Duo, now: dt.datetime, coordinator_id: int | None,
            fields: list[str] | None = None) -> None:
    audit.record(session, action, "duo", duo.id, now, coordinator_id, fields=sorted(fields or []))


def _delete(session: Session, model: type, record_id: int, action: str, now: dt.datetime,
            coordinator_id: int | None, field=None) -> None:  # noqa: ANN001
    """Delete one record of a duo (``model``: Meeting, CheckIn, Evaluation,
    Outcome) and write the duo's history line ``action``, naming ``field(record)``
    when given. Raises NotFound."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFound(record_id)
    duo = get_duo(session, record.duo_id)
    session.delete(record)
    session.flush()
    _record(session, action, duo, now, coordinator_id, [field(record)] if field else None)


def _back(duo: Duo, to_stage: DuoStage, now: dt.datetime, coordinator_id: int | None, note: str) -> None:
    """A stage undone: the history says so (a line from the stage left to the one returned to)."""
    duo.stage_history.append(DuoStageChange(from_stage=duo.stage, to_stage=to_stage, changed_at=now,
                                            coordinator_id=coordinator_id, note=note))
    duo.stage = to_stage


def _meetings(session: Session, duo: Duo):  # noqa: ANN202
    return session.execute(select(func.min(Meeting.held_on), func.max(Meeting.held_on), func.count(Meeting.id))
                           .where(Meeting.duo_id == duo.id)).one()


# --- the signature ---------------------------------------------------------------
def correct_agreement(session: Session, duo_id: int, on: dt.date, language: str, today: dt.date,
                      now: dt.datetime, coordinator_id: int | None = None) -> None:
    """Correct the day the agreement was signed and its language. The planned
    end moves with it. Raises RuleError "illegal_step", "date", "language"."""
    duo = get_duo(session, duo_id, lock=True)
    if duo.agreement_signed_on is None or duo.stage not in (DuoStage.ACTIVE, DuoStage.ENDED):
        raise RuleError(N_("This duo has no signed agreement to correct."), "illegal_step")
    if on > today:
        raise RuleError(N_("The agreement cannot be signed in the future."), "date")
    if duo.first_meeting_at is not None and on < duo.first_meeting_at.date():
        raise RuleError(N_("The agreement cannot be signed before the first meeting."), "date")
    decided = [d for d in (duo.mentor_decided_on, duo.mentee_decided_on) if d is not None]
    if decided and on < max(decided):
        raise RuleError(N_("The agreement cannot be signed before both said yes ({day})."), "date", day=max(decided))
    first, _last, _n = _meetings(session, duo)
    if first is not None and on > first:
        raise RuleError(N_("A meeting was logged on {day}: the agreement cannot be signed after it."), "date",
                        day=first)
    if duo.ended_on is not None and on > duo.ended_on:
        raise RuleError(N_("A duo cannot end before its agreement was signed."), "date")
    if not language:
        raise RuleError(N_("Choose the language of the agreement."), "language")
    changed = [name for name, old, new in (("agreement_signed_on", duo.agreement_signed_on, on),
                                           ("agreement_language", duo.agreement_language, language)) if old != new]
    if duo.planned_end_on is not None:
        duo.planned_end_on += on - duo.agreement_signed_on
    duo.agreement_signed_on, duo.agreement_language = on, language
    session.flush()
    _record(session, "correct_agreement", duo, now, coordinator_id, changed)


def undo_agreement(session: Session, duo_id: int, now: dt.datetime, coordinator_id: int | None = None) -> None:
    """The signature recorded by mistake: the duo awaits its agreement again.
    Refused (RuleError "has_meetings") once meetings are logged."""
    duo = get_duo(session, duo_id, lock=True)
    if duo.stage is not DuoStage.ACTIVE or duo.agreement_signed_on is None:
        raise RuleError(N_("Only the signature of an active duo can be undone."), "illegal_step")
    _first, _last, n = _meetings(session, duo)
    if n:
        raise RuleError(N_("Meetings are logged after this signature: delete them first, or correct the date of "
                           "the signature instead."), "has_meetings")
    duo.agreement_signed_on, duo.agreement_language, duo.planned_end_on = None, "", None
    _back(duo, DuoStage.AWAITING_AGREEMENT, now, coordinator_id, "signature undone")
    session.flush()
    _record(session, "undo_agreement", duo, now, coordinator_id, ["agreement_signed_on", "stage"])


# --- the end -----------------------------------------------------------------------
def _end_changes(session: Session, duo: Duo) -> list[StatusChange]:
    """The status changes the end made (dated the end day, from "in a duo")."""
    return list(session.scalars(select(StatusChange).where(
        StatusChange.participant_id.in_((duo.mentor_id, duo.mentee_id)), StatusChange.changed_on == duo.ended_on,
        StatusChange.from_status == ParticipantStatus.IN_DUO).order_by(StatusChange.id)))


def correct_end(session: Session, duo_id: int, on: dt.date, reason: EndReason, note: str, today: dt.date,
                now: dt.datetime, coordinator_id: int | None = None) -> None:
    """Correct the end's date, reason and note. Raises RuleError
    "illegal_step", "date", "reason_required", "too_early" (an outcome
    recorded before its moment for the new end date)."""
    duo = get_duo(session, duo_id, lock=True)
    if duo.stage is not DuoStage.ENDED or duo.ended_on is None:
        raise RuleError(N_("Only the end of an ended duo can be corrected."), "illegal_step")
    if on > today:
        raise RuleError(N_("A duo cannot end in the future."), "date")
    if duo.agreement_signed_on and on < duo.agreement_signed_on:
        raise RuleError(N_("A duo cannot end before its agreement was signed."), "date")
    if reason is EndReason.OTHER and not note.strip():
        raise RuleError(N_("Say why the duo ended."), "reason_required")
    _first, last, _n = _meetings(session, duo)
    if last is not None and on < last:
        raise RuleError(N_("A meeting was logged on {day}: the duo cannot end before it."), "date", day=last)
    for outcome in session.scalars(select(Outcome).where(Outcome.duo_id == duo.id)):
        due = add_months(on, OUTCOME_MONTHS[outcome.moment])
        if outcome.learnt_on < due:
            raise RuleError(N_("An outcome recorded on {learnt} would then come too early (from {day} on): "
                               "correct or delete it first."), "too_early", learnt=outcome.learnt_on, day=due)
    changed = [name for name, old, new in (("ended_on", duo.ended_on, on), ("end_reason", duo.end_reason, reason),
                                           ("end_note", duo.end_note, note.strip())) if old != new]
    for change in _end_changes(session, duo):  # the statuses the end gave follow its date
        person = change.participant
        if person.status is change.to_status and person.status_since == duo.ended_on:
            person.status_since = on
        change.changed_on = on
    duo.ended_on, duo.end_reason, duo.end_note = on, reason, note.strip()
    session.flush()
    _record(session, "correct_end", duo, now, coordinator_id, changed)


def undo_end(session: Session, duo_id: int, now: dt.datetime, coordinator_id: int | None = None) -> None:
    """The end recorded by mistake: the duo is active again. Refused while an
    evaluation or an outcome is recorded ("has_results"), or when the mentee
    or the mentor has taken a new duo since (their place is gone)."""
    duo = get_duo(session, duo_id, lock=True)
    if duo.stage is not DuoStage.ENDED or duo.ended_on is None:
        raise RuleError(N_("Only an ended duo can be reopened."), "illegal_step")
    results = session.scalar(select(func.count(Evaluation.id)).where(Evaluation.duo_id == duo.id)) + \
        session.scalar(select(func.count(Outcome.id)).where(Outcome.duo_id == duo.id))
    if results:
        raise RuleError(N_("Evaluations or outcomes are recorded after this end: delete them first, or correct "
                           "the end instead."), "has_results")
    lock_people(session, duo.mentor_id, duo.mentee_id)
    check_places(session, duo.mentor, duo.mentee)
    for change in _end_changes(session, duo):  # the statuses the end gave, taken back when still held
        person = change.participant
        latest = session.scalar(select(func.max(StatusChange.id)).where(StatusChange.participant_id == person.id))
        if person.status is change.to_status and latest == change.id:
            earlier = session.scalar(select(func.max(StatusChange.changed_on)).where(
                StatusChange.participant_id == person.id, StatusChange.id != change.id))
            person.status, person.status_since = ParticipantStatus.IN_DUO, earlier
            session.delete(change)
    duo.ended_on, duo.end_reason, duo.end_note = None, None, ""
    _back(duo, DuoStage.ACTIVE, now, coordinator_id, "end undone")
    session.flush()
    _record(session, "undo_end", duo, now, coordinator_id, ["ended_on", "end_reason", "stage"])


# --- evaluations and outcomes ---------------------------------------------------------
def delete_evaluation(session: Session, evaluation_id: int, now: dt.datetime, coordinator_id: int | None = None) -> None:
    """Delete one side's evaluation (recorded by mistake). Raises NotFound."""
    _delete(session, Evaluation, evaluation_id, "delete_evaluation", now, coordinator_id,
            field=lambda r: r.respondent.value)


def delete_outcome(session: Session, outcome_id: int, now: dt.datetime, coordinator_id: int | None = None) -> None:
    """Delete one outcome (recorded by mistake). Raises NotFound."""
    _delete(session, Outcome, outcome_id, "delete_outcome", now, coordinator_id, field=lambda r: r.moment.value)


# --- meetings and check-ins ---------------------------------------------------------
def edit_meeting(session: Session, meeting_id: int, entry: MeetingEntry, today: dt.date, now: dt.datetime,
                 coordinator_id: int | None = None) -> None:
    """Correct a logged meeting, with the rules of logging one. Raises NotFound, RuleError."""
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(meeting_id)
    duo = get_duo(session, meeting.duo_id)
    _check_meeting(duo, entry, today)
    meeting.held_on, meeting.duration_minutes, meeting.channel = entry.held_on, entry.duration_minutes, entry.channel
    meeting.topics = [MeetingTopic(t).value for t in entry.topics]
    meeting.note = entry.note.strip()
    session.flush()
    _record(session, "edit_meeting", duo, now, coordinator_id)


def edit_check_in(session: Session, check_in_id: int, held_on: dt.date, today: dt.date, now: dt.datetime,
                  with_whom: CheckInWith, channel: MeetingChannel, rating: int, concerns: str,
                  follow_up_needed: bool, coordinator_id: int | None = None) -> None:
    """Correct a check-in, with the rules of recording one. Raises NotFound, RuleError."""
    check_in = session.get(CheckIn, check_in_id)
    if check_in is None:
        raise NotFound(check_in_id)
    duo = get_duo(session, check_in.duo_id)
    if held_on > today:
        raise RuleError(N_("A check-in cannot be recorded in the future."), "date")
    if not 1 <= rating <= 5:
        raise RuleError(N_("How it goes is rated from 1 to 5."), "rating")
    if follow_up_needed and not concerns.strip():
        raise RuleError(N_("Say which concerns to follow."), "concerns")
    check_in.held_on, check_in.with_whom, check_in.channel = held_on, with_whom, channel
    check_in.rating, check_in.concerns, check_in.follow_up_needed = rating, concerns.strip(), follow_up_needed
    session.flush()
    _record(session, "edit_check_in", duo, now, coordinator_id)


def delete_meeting(session: Session, meeting_id: int, now: dt.datetime, coordinator_id: int | None = None) -> None:
    """Delete a meeting logged by mistake; the duo's history says so. Raises NotFound."""
    _delete(session, Meeting, meeting_id, "delete_meeting", now, coordinator_id)


def delete_check_in(session: Session, check_in_id: int, now: dt.datetime, coordinator_id: int | None = None) -> None:
    """Delete a check-in recorded by mistake; the duo's history says so. Raises NotFound."""
    _delete(session, CheckIn, check_in_id, "delete_check_in", now, coordinator_id)


# --- what the correction dialogs start from ---------------------------------------------
def meeting_entry(session: Session, meeting_id: int) -> MeetingEntry:
    """A logged meeting as the entry that records it (to edit it). Raises NotFound."""
    m = session.get(Meeting, meeting_id)
    if m is None:
        raise NotFound(meeting_id)
    return MeetingEntry(m.duo_id, m.held_on, m.duration_minutes, m.channel,
                        tuple(MeetingTopic(t) for t in m.topics if t in MeetingTopic._value2member_map_), m.note)


def check_in_values(session: Session, check_in_id: int) -> tuple:
    """(held_on, with_whom, channel, rating, concerns, follow_up_needed) of a check-in. Raises NotFound."""
    c = session.get(CheckIn, check_in_id)
    if c is None:
        raise NotFound(check_in_id)
    return c.held_on, c.with_whom, c.channel, c.rating, c.concerns, c.follow_up_needed


def evaluation_side(session: Session, evaluation_id: int) -> str:
    """Which side (Respondent value) an evaluation is of. Raises NotFound."""
    e = session.get(Evaluation, evaluation_id)
    if e is None:
        raise NotFound(evaluation_id)
    return e.respondent.value
