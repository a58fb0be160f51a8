"""Events of a branch (information sessions, trainings, intervisions): plan
them, list them with their counts, invite participants.

Attendance and its effect on the status pipeline live in
services/attendance.py. Every function takes a Session (one per user action)
and returns plain dataclasses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..i18n import N_
from ..models import (
    Attendance,
    AttendanceStatus,
    Branch,
    Event,
    EventKind,
    Participant,
    ParticipantStatus,
    Role,
)
from . import audit
from .errors import Lines, Message, NotFound, RuleError, check_version
from .labels import label_message
from ..text import fold

if TYPE_CHECKING:
    from ..i18n import Translator

A = AttendanceStatus
S = ParticipantStatus
TITLE_MAX = 200
PLACE_MAX = 200
CAPACITY_MAX = 1000
#: attendance records that mean the event happened for this person: such an
#: event cannot be deleted, such a line cannot simply be removed
RECORDED = (A.ATTENDED, A.ABSENT, A.EXCUSED)
#: who holds a seat
SEATED = (A.REGISTERED, A.ATTENDED)

#: who is waiting for which kind of event (the default of the invitation list)
WAITING: dict[EventKind, tuple[set[Role], set[ParticipantStatus]]] = {
    EventKind.INFO_SESSION: ({Role.MENTOR, Role.MENTEE}, {S.APPLICANT}),
    EventKind.TRAINING: ({Role.MENTOR}, {S.INFO_SESSION_ATTENDED, S.INTAKE_DONE}),
    EventKind.INTERVISION: ({Role.MENTOR}, {S.TRAINED, S.READY_TO_MATCH, S.IN_DUO, S.ALUMNI}),
}
CLOSED = {S.WITHDRAWN, S.NOT_ELIGIBLE}


class Period(StrEnum):
    """Which events a list shows: UPCOMING is "from today on" (the events of
    today, even over, and later: the screen's default, issue 17)."""

    UPCOMING = "upcoming"
    ALL = "all"
    PAST = "past"


class Plural(Message):
    """A message with a singular and a plural form, chosen by ``n`` in the
    language that renders it (``Message`` has one form). Built with
    :meth:`ngettext` so that Babel extracts both forms as one entry."""

    __slots__ = ("plural", "n")

    def __init__(self, singular: str, plural: str, n: int, /, **params: object) -> None:
        super().__init__(singular, **params)
        self.plural = plural
        self.n = n

    @classmethod
    def ngettext(cls, singular: str, plural: str, n: int, /, **params: object) -> Plural:
        return cls(singular, plural, n, **params)

    def render(self, translator: Translator | None = None) -> str:
        from .. import i18n

        t = translator if translator is not None else i18n.current()
        return t.ngettext(self.msgid, self.plural, self.n).format(**self.params)


class EventInvalid(RuleError):
    """Planning refused: one untranslated message per field ("title",
    "starts_at", "ends_at", "place", "capacity", "branch", "kind"), rendered
    by whoever shows them (``str(message)``: the interface language)."""

    def __init__(self, errors: dict[str, Message]) -> None:
        super().__init__(Lines(list(errors.values())), "invalid_event")  # every field's message, one a line
        self.errors = errors


@dataclass(frozen=True)
class EventInput:
    branch_id: int
    kind: EventKind
    starts_at: dt.datetime
    ends_at: dt.datetime | None = None
    title: str = ""
    place: str = ""
    capacity: int | None = None
    notes: str = ""
    version: int | None = None  # the event's version the form was filled from (None: a new event)


@dataclass(frozen=True)
class Counts:
    invited: int = 0
    registered: int = 0
    attended: int = 0
    absent: int = 0
    excused: int = 0

    @property
    def on_list(self) -> int:
        return self.invited + self.registered + self.attended + self.absent + self.excused

    @property
    def seated(self) -> int:
        """Registered or attended: the seats taken."""
        return self.registered + self.attended

    @property
    def expected(self) -> int:
        """Everyone who may still come (invited, registered, attended)."""
        return self.invited + self.registered + self.attended


@dataclass(frozen=True)
class EventRow:
    id: int
    branch_id: int
    branch: str
    kind: EventKind
    title: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    place: str
    capacity: int | None
    notes: str
    counts: Counts = field(default_factory=Counts)

    @property
    def over_capacity(self) -> bool:
        return self.capacity is not None and self.counts.seated > self.capacity

    @property
    def more_expected_than_seats(self) -> bool:
        return self.capacity is not None and self.counts.expected > self.capacity

    def is_past(self, now: dt.datetime) -> bool:
        return (self.ends_at or self.starts_at) < now


@dataclass(frozen=True)
class BranchChoice:
    id: int
    name: str


@dataclass(frozen=True)
class Candidate:
    id: int
    first_name: str
    last_name: str
    role: Role
    status: ParticipantStatus
    waiting_since: dt.date | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class InviteResult:
    invited: int
    already_on_list: int
    warnings: list[Message] = field(default_factory=list)


# --- reading ------------------------------------------------------------------
def list_branches(session: Session) -> list[BranchChoice]:
    return [BranchChoice(i, n) for i, n in session.execute(select(Branch.id, Branch.city).order_by(Branch.city))]


def get_event(session: Session, event_id: int) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(N_("This event no longer exists."))
    return event


def counts_by_event(session: Session, event_ids: Iterable[int]) -> dict[int, Counts]:
    ids = list(event_ids)
    if not ids:
        return {}
    raw: dict[int, dict[str, int]] = {}
    query = (select(Attendance.event_id, Attendance.status, func.count())
             .where(Attendance.event_id.in_(ids)).group_by(Attendance.event_id, Attendance.status))
    for event_id, status, n in session.execute(query):
        raw.setdefault(event_id, {})[status.value] = n
    return {i: Counts(**raw.get(i, {})) for i in ids}


def _row(event: Event, branch_name: str, counts: Counts) -> EventRow:
    return EventRow(event.id, event.branch_id, branch_name, event.kind, event.title, event.starts_at,
                    event.ends_at, event.place, event.capacity, event.notes, counts)


def _filtered(query, branch_id: int | None, kind: EventKind | None):  # noqa: ANN001, ANN202
    if branch_id is not None:
        query = query.where(Event.branch_id == branch_id)
    if kind is not None:
        query = query.where(Event.kind == kind)
    return query


def list_events(session: Session, now: dt.datetime, branch_id: int | None = None, kind: EventKind | None = None,
                period: Period = Period.ALL, day: dt.date | None = None) -> list[EventRow]:
    """Events with their counts. Upcoming: from today on, i.e. not over
    before today's midnight (earliest first); past: over before today
    (latest first); all: latest first. ``day``: only the events starting
    that day (earliest first; ``period`` is then ignored)."""
    query = _filtered(select(Event, Branch.city).join(Branch, Branch.id == Event.branch_id), branch_id, kind)
    end = func.coalesce(Event.ends_at, Event.starts_at)
    today = dt.datetime.combine(now.date(), dt.time.min)
    if day is not None:
        start = dt.datetime.combine(day, dt.time.min)
        query = query.where(Event.starts_at >= start, Event.starts_at < start + dt.timedelta(days=1)) \
            .order_by(Event.starts_at, Event.id)
    elif period is Period.UPCOMING:
        query = query.where(end >= today).order_by(Event.starts_at, Event.id)
    elif period is Period.PAST:
        query = query.where(end < today).order_by(Event.starts_at.desc(), Event.id.desc())
    else:
        query = query.order_by(Event.starts_at.desc(), Event.id.desc())
    pairs = list(session.execute(query))
    counts = counts_by_event(session, [e.id for e, _n in pairs])
    return [_row(e, name, counts[e.id]) for e, name in pairs]


def event_days(session: Session, branch_id: int | None = None, kind: EventKind | None = None) -> dict[dt.date, int]:
    """How many events start on each day (for the calendar's highlighted days)."""
    out: dict[dt.date, int] = {}
    for starts_at in session.scalars(_filtered(select(Event.starts_at), branch_id, kind)):
        out[starts_at.date()] = out.get(starts_at.date(), 0) + 1
    return out


def event_row(session: Session, event_id: int) -> EventRow:
    event = get_event(session, event_id)
    branch_name = session.scalar(select(Branch.city).where(Branch.id == event.branch_id)) or ""
    return _row(event, branch_name, counts_by_event(session, [event_id])[event_id])


# --- planning -----------------------------------------------------------------
def validate(session: Session, data: EventInput, event_id: int | None = None) -> dict[str, Message]:
    """Untranslated messages per field; empty when the plan is acceptable."""
    errors: dict[str, Message] = {}
    if session.get(Branch, data.branch_id) is None:
        errors["branch"] = Message(N_("Choose the branch that organises the event."))
    if not isinstance(data.kind, EventKind):
        errors["kind"] = Message(N_("Choose the type of event."))
    if len(data.title.strip()) > TITLE_MAX:
        errors["title"] = Message(N_("The title is too long ({count} characters; at most {max})."),
                                  count=len(data.title.strip()), max=TITLE_MAX)
    if len(data.place.strip()) > PLACE_MAX:
        errors["place"] = Message(N_("The place is too long ({count} characters; at most {max})."),
                                  count=len(data.place.strip()), max=PLACE_MAX)
    if data.starts_at is None:
        errors["starts_at"] = Message(N_("Enter the date and time the event starts."))
    elif data.ends_at is not None and data.ends_at <= data.starts_at:
        errors["ends_at"] = Message(N_("The end must come after the start."))
    if data.capacity is not None:
        if data.capacity < 1 or data.capacity > CAPACITY_MAX:
            errors["capacity"] = Message(N_("The capacity must be between 1 and {max} (or no limit)."),
                                         max=CAPACITY_MAX)
        elif event_id is not None:
            seated = counts_by_event(session, [event_id])[event_id].seated
            if data.capacity < seated:
                errors["capacity"] = Plural.ngettext(
                    "{count} person is already registered: the capacity cannot be lower.",
                    "{count} people are already registered: the capacity cannot be lower.",
                    seated, count=seated)
    if event_id is not None and "branch" not in errors:
        event = get_event(session, event_id)
        if event.branch_id != data.branch_id and event.attendances:
            errors["branch"] = Message(N_("People are already on the list of this event: its branch cannot change."))
    return errors


def _apply(event: Event, data: EventInput) -> None:
    event.branch_id = data.branch_id
    event.kind = data.kind
    event.title = data.title.strip()
    event.starts_at = data.starts_at
    event.ends_at = data.ends_at
    event.place = data.place.strip()
    event.capacity = data.capacity
    event.notes = data.notes.strip()


def create_event(session: Session, data: EventInput, now: dt.datetime, coordinator_id: int | None = None) -> int:
    """Plan an event; its id. :class:`EventInvalid` names each refused field."""
    errors = validate(session, data)
    if errors:
        raise EventInvalid(errors)
    event = Event()
    _apply(event, data)
    session.add(event)
    session.flush()
    audit.record(session, "create", "event", event.id, now, coordinator_id, kind=data.kind.value)
    return event.id


def update_event(session: Session, event_id: int, data: EventInput, now: dt.datetime,
                 coordinator_id: int | None = None) -> None:
    """Change an event: :class:`EventInvalid` names each refused field (the
    capacity below the seats taken, the branch once people are on the list);
    :class:`NotFound` when it was deleted meanwhile."""
    errors = validate(session, data, event_id)
    if errors:
        raise EventInvalid(errors)
    event = get_event(session, event_id)
    check_version(event, data.version)  # someone else saved it since the form was filled: refused
    changed = [name for name in ("branch_id", "kind", "title", "starts_at", "ends_at", "place", "capacity", "notes")
               if getattr(event, name) != getattr(data, name)]
    _apply(event, data)
    session.flush()
    audit.record(session, "update", "event", event_id, now, coordinator_id, fields=changed)


def event_input(session: Session, event_id: int) -> EventInput:
    e = get_event(session, event_id)
    return EventInput(e.branch_id, e.kind, e.starts_at, e.ends_at, e.title, e.place, e.capacity, e.notes, e.version)


def delete_event(session: Session, event_id: int, now: dt.datetime, coordinator_id: int | None = None) -> int:
    """Delete a planned event and its invitations; refused once attendance
    was recorded (the participants' history depends on it). Returns how many
    invitations were removed with it. :class:`RuleError` "attendance_recorded"."""
    event = get_event(session, event_id)
    recorded = [a for a in event.attendances if a.status in RECORDED]
    if recorded:
        raise RuleError(Plural.ngettext(
            "Attendance was recorded for {count} person: this event is part of their history and "
            "cannot be deleted.",
            "Attendance was recorded for {count} people: this event is part of their history and "
            "cannot be deleted.", len(recorded), count=len(recorded)), "attendance_recorded")
    removed = len(event.attendances)
    session.delete(event)
    session.flush()
    audit.record(session, "delete", "event", event_id, now, coordinator_id, invitations=removed)
    return removed


# --- invitations --------------------------------------------------------------
def invitation_candidates(session: Session, event_id: int, text: str = "", everyone: bool = False,
                          limit: int = 500) -> list[Candidate]:
    """Participants of the event's branch not yet on its list: by default
    those waiting for this kind of event (applicants for an information
    session, mentors before or after their training); `everyone` widens to
    every open file of the branch that may take part."""
    event = get_event(session, event_id)
    roles, statuses = WAITING[event.kind]
    on_list = select(Attendance.participant_id).where(Attendance.event_id == event_id)
    query = select(Participant.id, Participant.first_name, Participant.last_name, Participant.role,
                   Participant.status, Participant.status_since, Participant.applied_on).where(
        Participant.branch_id == event.branch_id, Participant.merged_into_id.is_(None),
        Participant.restricted_since.is_(None), Participant.erased_on.is_(None),
        Participant.role.in_(roles), Participant.id.not_in(on_list), Participant.status.not_in(CLOSED))
    if not everyone:
        query = query.where(Participant.status.in_(statuses))
    for word in fold(text).split():
        query = query.where(or_(Participant.search_name.like(f"%{word}%"), Participant.email.ilike(f"%{word}%")))
    query = query.order_by(Participant.last_name, Participant.first_name, Participant.id).limit(limit)
    return [Candidate(pid, first, last, role, status, since or applied)
            for pid, first, last, role, status, since, applied in session.execute(query)]


def invite(session: Session, event_id: int, participant_ids: Iterable[int], now: dt.datetime,
           status: AttendanceStatus = A.INVITED, coordinator_id: int | None = None) -> InviteResult:
    """Put people on the event's list (invited, or registered). Refused, with
    the name, for someone of another branch, a mentee at a training or an
    intervision, or a closed file (:class:`RuleError` "other_branch",
    "wrong_role", "closed"); a warning when the list outgrows the capacity."""
    if status not in (A.INVITED, A.REGISTERED):
        raise RuleError(N_("People are put on the list as invited or registered."), "bad_status")
    event = get_event(session, event_id)
    roles, _statuses = WAITING[event.kind]
    existing = {a.participant_id for a in event.attendances}
    added = already = 0
    for pid in dict.fromkeys(participant_ids):
        person = session.get(Participant, pid)
        if person is None or person.merged_into_id is not None:
            raise NotFound(N_("This participant no longer exists."))
        if pid in existing:
            already += 1
            continue
        if person.branch_id != event.branch_id:
            raise RuleError(N_("{name} belongs to another branch and cannot be invited to this event."),
                            "other_branch", name=person.full_name)
        if person.role not in roles:
            raise RuleError(N_("{name} is a mentee: trainings and intervisions are for mentors only."),
                            "wrong_role", name=person.full_name)
        if person.status in CLOSED:
            raise RuleError(N_("{name} has the status “{status}” and cannot be invited."), "closed",
                            name=person.full_name, status=label_message(person.status))
        event.attendances.append(Attendance(participant_id=pid, status=status))
        existing.add(pid)
        added += 1
    session.flush()
    if added:
        audit.record(session, "invite", "event", event_id, now, coordinator_id, count=added, status=status.value)
    warnings = capacity_warnings(session, event_id)
    return InviteResult(added, already, warnings)


def capacity_warnings(session: Session, event_id: int) -> list[Message]:
    """What to say when the list outgrows the capacity (untranslated)."""
    row = event_row(session, event_id)
    if row.capacity is None:
        return []
    if row.over_capacity:
        return [Message(N_("{seated} people registered for {capacity} seats: the event is over capacity."),
                        seated=row.counts.seated, capacity=row.capacity)]
    if row.more_expected_than_seats:
        return [Message(N_("{expected} people may come for {capacity} seats."),
                        expected=row.counts.expected, capacity=row.capacity)]
    return []
