"""Who attended an event, and what attending does to the status pipeline.

- Attending an information session moves an applicant to "information
  session attended".
- A mentor who attends a training completes the initial training: from
  "intake done" to "trained", then "ready to match" (the only way a mentor
  becomes ready to match, see services/pipeline.py).
- Intervisions attended are counted per mentor.

Each move goes through ``pipeline.change_status``, dated on the day of the
event (the last day of a training). The status changes an attendance made
are remembered in the audit trail, so that a wrongly ticked attendance can be
corrected: the status is never reverted silently; the coordinator chooses to
undo it too (only while nothing has changed since) or to keep it, and the
result says which.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from ..i18n import N_, _, format_date
from ..models import (
    Attendance,
    AttendanceStatus,
    AuditEntry,
    Event,
    EventKind,
    Participant,
    ParticipantStatus,
    Role,
    StatusChange,
)
from . import audit
from .errors import Message, NotFound, RuleError
from .events import RECORDED, capacity_warnings, get_event
from .labels import label, label_message
from .pipeline import change_status

A = AttendanceStatus
S = ParticipantStatus
EFFECT, EFFECT_UNDONE = "attendance_effect", "attendance_effect_undone"


@dataclass(frozen=True)
class AttendanceLine:
    participant_id: int
    first_name: str
    last_name: str
    role: Role
    participant_status: ParticipantStatus
    status: AttendanceStatus

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class StatusMove:
    from_status: ParticipantStatus | None
    to_status: ParticipantStatus
    on: dt.date


@dataclass(frozen=True)
class AdvancedStatus:
    """A status this attendance gave a participant and that is still theirs."""

    name: str
    status: ParticipantStatus
    previous: ParticipantStatus | None
    on: dt.date
    #: nothing changed since: the status can be put back
    revertible: bool
    #: another attended event of the same kind justifies the status anyway
    justified_elsewhere: bool


@dataclass
class AttendanceResult:
    status: AttendanceStatus
    moves: list[StatusMove] = field(default_factory=list)
    undone: list[StatusMove] = field(default_factory=list)
    #: what the coordinator should know (untranslated, rendered by the screen)
    notes: list[Message] = field(default_factory=list)


@dataclass(frozen=True)
class MentorIntervisions:
    participant_id: int
    first_name: str
    last_name: str
    status: ParticipantStatus
    attended: int
    last_attended: dt.date | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class ParticipantEvent:
    """One line of a participant's history of events."""

    event_id: int
    kind: EventKind
    title: str
    starts_at: dt.datetime
    status: AttendanceStatus


# --- reading ------------------------------------------------------------------
def participant_events(session: Session, participant_id: int) -> list[ParticipantEvent]:
    """The events a participant was invited to or attended, latest first
    (for the history in the participant's file)."""
    query = (select(Event.id, Event.kind, Event.title, Event.starts_at, Attendance.status)
             .join(Attendance, Attendance.event_id == Event.id)
             .where(Attendance.participant_id == participant_id)
             .order_by(Event.starts_at.desc(), Event.id.desc()))
    return [ParticipantEvent(*row) for row in session.execute(query)]


def attendance_list(session: Session, event_id: int) -> list[AttendanceLine]:
    get_event(session, event_id)
    query = (select(Participant.id, Participant.first_name, Participant.last_name, Participant.role,
                    Participant.status, Attendance.status)
             .join(Attendance, Attendance.participant_id == Participant.id)
             .where(Attendance.event_id == event_id)
             .order_by(Participant.last_name, Participant.first_name, Participant.id))
    return [AttendanceLine(*row) for row in session.execute(query)]


def _attendance(session: Session, event_id: int, participant_id: int) -> Attendance:
    found = session.scalar(select(Attendance).where(Attendance.event_id == event_id,
                                                    Attendance.participant_id == participant_id))
    if found is None:
        raise NotFound(N_("This person is not on the list of this event."))
    return found


def _attended_elsewhere(session: Session, participant_id: int, kind: EventKind, except_event: int) -> bool:
    query = (select(func.count()).select_from(Attendance).join(Event, Event.id == Attendance.event_id)
             .where(Attendance.participant_id == participant_id, Attendance.status == A.ATTENDED,
                    Event.kind == kind, Event.id != except_event))
    return bool(session.scalar(query))


def has_completed_training(session: Session, participant_id: int) -> bool:
    """True when the person attended at least one training event."""
    return _attended_elsewhere(session, participant_id, EventKind.TRAINING, except_event=-1)


def intervisions_attended(session: Session, participant_id: int) -> int:
    query = (select(func.count()).select_from(Attendance).join(Event, Event.id == Attendance.event_id)
             .where(Attendance.participant_id == participant_id, Attendance.status == A.ATTENDED,
                    Event.kind == EventKind.INTERVISION))
    return session.scalar(query) or 0


def intervision_counts(session: Session, branch_id: int | None = None) -> list[MentorIntervisions]:
    """Every mentor who is trained or further (or attended an intervision),
    with the intervisions attended and the last one; most attended first."""
    attended = (select(Attendance.participant_id.label("pid"), func.count().label("n"),
                       func.max(Event.starts_at).label("last"))
                .join(Event, Event.id == Attendance.event_id)
                .where(Attendance.status == A.ATTENDED, Event.kind == EventKind.INTERVISION)
                .group_by(Attendance.participant_id))
    if branch_id is not None:  # only the branch's mentors (their intervisions in any branch count)
        attended = attended.join(Participant, Participant.id == Attendance.participant_id).where(
            Participant.branch_id == branch_id)
    attended = attended.subquery()
    trained = (S.TRAINED, S.READY_TO_MATCH, S.IN_DUO, S.ALUMNI)
    query = (select(Participant.id, Participant.first_name, Participant.last_name, Participant.status,
                    func.coalesce(attended.c.n, 0), attended.c.last)
             .outerjoin(attended, attended.c.pid == Participant.id)
             .where(Participant.role == Role.MENTOR, Participant.merged_into_id.is_(None),
                    (Participant.status.in_(trained)) | (attended.c.n > 0)))
    if branch_id is not None:
        query = query.where(Participant.branch_id == branch_id)
    query = query.order_by(func.coalesce(attended.c.n, 0).desc(), Participant.last_name, Participant.first_name)
    rows = []
    for pid, first, last, status, n, last_at in session.execute(query):
        if isinstance(last_at, str):  # a MAX over SQLite may come back as text
            last_at = dt.datetime.fromisoformat(last_at)
        rows.append(MentorIntervisions(pid, first, last, status, n, last_at.date() if last_at else None))
    return rows


# --- the status changes an attendance made --------------------------------------
def _active_effect(session: Session, attendance_id: int) -> list[int]:
    """Ids of the status changes made by this attendance and not undone."""
    for action, details in reversed(audit.unwritten(session, "attendance", attendance_id)):
        if action == EFFECT:
            return list(details.get("status_changes", []))
        if action == EFFECT_UNDONE:
            return []
    entry = session.scalar(select(AuditEntry).where(
        and_(AuditEntry.entity == "attendance", AuditEntry.entity_id == attendance_id,
             AuditEntry.action.in_((EFFECT, EFFECT_UNDONE)))).order_by(AuditEntry.id.desc()).limit(1))
    if entry is None or entry.action != EFFECT:
        return []
    return list(entry.details.get("status_changes", []))


def advanced_status(session: Session, event_id: int, participant_id: int) -> AdvancedStatus | None:
    """What correcting this attendance would leave behind: the status it gave
    the participant, if still theirs. None when there is nothing to say."""
    attendance = _attendance(session, event_id, participant_id)
    change_ids = _active_effect(session, attendance.id)
    if not change_ids:
        return None
    person = session.get(Participant, participant_id)
    changes = [c for c in person.status_history if c.id in change_ids]
    if not changes:
        return None
    history_ids = [c.id for c in person.status_history]
    last = changes[-1]
    # nothing changed since (no duo, no withdrawal...): the status can be put back
    revertible = history_ids[-len(changes):] == [c.id for c in changes] and person.status == last.to_status
    event = session.get(Event, event_id)
    return AdvancedStatus(person.full_name, person.status, changes[0].from_status, last.changed_on, revertible,
                          _attended_elsewhere(session, participant_id, event.kind, event_id))


def _effect_day(event: Event, now: dt.datetime) -> dt.date:
    day = (event.ends_at or event.starts_at).date() if event.kind is EventKind.TRAINING else event.starts_at.date()
    return min(day, now.date())


def _intake_day(person: Participant) -> dt.date | None:
    """The day the person's intake was done (their first move forward to
    "intake done"; a move back from a later status is a correction), or None."""
    later = (S.TRAINED, S.READY_TO_MATCH, S.IN_DUO)
    days = [c.changed_on for c in person.status_history
            if c.to_status is S.INTAKE_DONE and c.changed_on and c.from_status not in later]
    if days:
        return min(days)
    return person.status_since if person.status is S.INTAKE_DONE else None


def _apply_effect(session: Session, event: Event, attendance: Attendance, person: Participant,
                  now: dt.datetime, coordinator_id: int | None) -> tuple[list[StatusMove], list[Message]]:
    on = _effect_day(event, now)
    reason = _("Attended: {kind} of {date}").format(kind=label(event.kind), date=format_date(event.starts_at.date()))
    targets: list[ParticipantStatus] = []
    notes: list[Message] = []
    if event.kind is EventKind.INFO_SESSION and person.status is S.APPLICANT:
        targets = [S.INFO_SESSION_ATTENDED]
    elif event.kind is EventKind.TRAINING and person.role is Role.MENTOR:
        intake_on = _intake_day(person)
        if person.status in (S.INTAKE_DONE, S.TRAINED) and intake_on is not None and on < intake_on:
            # Records follow the order of events (issue 17): a training that ended before the intake
            # cannot be the one that follows it. The attendance is kept, the status does not move.
            notes.append(Message(N_("This training ended on {day}, before {name}'s intake ({intake}): the "
                                    "attendance is recorded but the status stays “{status}”."),
                                 day=on, name=person.full_name, intake=intake_on,
                                 status=label_message(person.status)))
        elif person.status is S.INTAKE_DONE:
            targets = [S.TRAINED, S.READY_TO_MATCH]
        elif person.status is S.TRAINED:
            targets = [S.READY_TO_MATCH]
        elif person.status in (S.APPLICANT, S.INFO_SESSION_ATTENDED):
            notes.append(Message(N_("{name}'s intake is not done yet: the training is recorded and the status "
                                    "stays “{status}”; move it on after the intake."),
                                 name=person.full_name, status=label_message(person.status)))
    changes: list[StatusChange] = [
        change_status(session, person, target, on, reason=reason, coordinator_id=coordinator_id, at=now)
        for target in targets]
    if changes:
        audit.record(session, EFFECT, "attendance", attendance.id, now, coordinator_id,
                     event_id=event.id, status_changes=[c.id for c in changes])
    return [StatusMove(c.from_status, c.to_status, c.changed_on) for c in changes], notes


def _undo_effect(session: Session, event: Event, attendance: Attendance, person: Participant,
                 now: dt.datetime, coordinator_id: int | None) -> list[StatusMove]:
    """Put back the status this attendance changed, dated today. A backward
    move the pipeline does not offer, so it is written here, on purpose,
    only for a correction and only while nothing has changed since."""
    info = advanced_status(session, event.id, person.id)
    if info is None or not info.revertible or info.previous is None:
        raise RuleError(N_("{name}'s status has changed since this attendance; correct it in the participant's "
                           "file."), "not_revertible", name=person.full_name)
    change = StatusChange(from_status=person.status, to_status=info.previous, changed_on=now.date(),
                          reason=_("Attendance corrected: {kind} of {date}").format(
                              kind=label(event.kind), date=format_date(event.starts_at.date())),
                          coordinator_id=coordinator_id)
    # The status put back dates from when it was first given, not from today: the attendance can be
    # ticked again with the event's date without the history going backwards.
    earlier = [c.changed_on for c in person.status_history if c.to_status is info.previous and c.changed_on]
    person.status_history.append(change)
    person.status = info.previous
    person.status_since = max(earlier) if earlier else None
    session.flush()
    audit.record(session, "status", "participant", person.id, now, coordinator_id,
                 from_status=change.from_status.value, to_status=change.to_status.value)
    audit.record(session, EFFECT_UNDONE, "attendance", attendance.id, now, coordinator_id, event_id=event.id,
                 status_changes=[change.id])
    return [StatusMove(change.from_status, change.to_status, change.changed_on)]


# --- writing ------------------------------------------------------------------
def set_attendance(session: Session, event_id: int, participant_id: int, status: AttendanceStatus,
                   now: dt.datetime, coordinator_id: int | None = None,
                   undo_status: bool = False) -> AttendanceResult:
    """Record one person's attendance. Attended, absent or excused only on
    the day of the event or later. Taking back an "attended" that advanced a
    status: `undo_status` puts the status back too (refused if it has changed
    since); otherwise the status is kept and a note says so.

    Raises :class:`NotFound` (the event, or the person on its list),
    :class:`RuleError` "not_yet" (before the event) or "not_revertible"."""
    event = get_event(session, event_id)
    attendance = _attendance(session, event_id, participant_id)
    person = session.get(Participant, participant_id)
    result = AttendanceResult(status)
    if status == attendance.status:
        return result
    if status in RECORDED and event.starts_at.date() > now.date():
        raise RuleError(N_("This event has not taken place yet: attendance is recorded on the day of the event "
                           "or afterwards."), "not_yet")
    was = attendance.status
    if was is A.ATTENDED:
        info = advanced_status(session, event_id, participant_id)
        if info is not None:
            if undo_status:
                result.undone = _undo_effect(session, event, attendance, person, now, coordinator_id)
            elif not info.justified_elsewhere:
                result.notes.append(Message(N_("{name} keeps the status “{status}” given by this attendance; "
                                               "change it in the participant's file if needed."),
                                            name=info.name, status=label_message(info.status)))
    attendance.status = status
    session.flush()
    audit.record(session, "attendance", "event", event_id, now, coordinator_id, participant_id=participant_id,
                 from_status=was.value, to_status=status.value)
    if status is A.ATTENDED:
        result.moves, notes = _apply_effect(session, event, attendance, person, now, coordinator_id)
        result.notes.extend(notes)
    if status in (A.REGISTERED, A.ATTENDED):
        result.notes.extend(capacity_warnings(session, event_id))
    return result


def mark_others_absent(session: Session, event_id: int, now: dt.datetime, coordinator_id: int | None = None) -> int:
    """After the event: everyone still invited or registered is absent.
    Returns how many; :class:`RuleError` "not_yet" before the event."""
    event = get_event(session, event_id)
    if event.starts_at.date() > now.date():
        raise RuleError(N_("This event has not taken place yet: attendance is recorded on the day of the event "
                           "or afterwards."), "not_yet")
    marked = 0
    for attendance in event.attendances:
        if attendance.status in (A.INVITED, A.REGISTERED):
            attendance.status = A.ABSENT
            marked += 1
    session.flush()
    if marked:
        audit.record(session, "attendance", "event", event_id, now, coordinator_id, marked_absent=marked)
    return marked


def remove_from_list(session: Session, event_id: int, participant_ids: Iterable[int], now: dt.datetime,
                     coordinator_id: int | None = None) -> int:
    """Take invitations back. Refused for a line whose attendance was
    recorded (attended, absent, excused): change that line instead
    (:class:`RuleError` "attendance_recorded"). Returns how many went."""
    event = get_event(session, event_id)
    wanted = set(participant_ids)
    lines = [a for a in event.attendances if a.participant_id in wanted]
    for attendance in lines:
        if attendance.status in RECORDED:
            person = session.get(Participant, attendance.participant_id)
            raise RuleError(N_("Attendance was recorded for {name} (“{status}”): change it instead of removing "
                               "the line."), "attendance_recorded",
                            name=person.full_name, status=label_message(attendance.status))
    for attendance in lines:
        event.attendances.remove(attendance)
    session.flush()
    if lines:
        audit.record(session, "uninvite", "event", event_id, now, coordinator_id, count=len(lines))
    return len(lines)
