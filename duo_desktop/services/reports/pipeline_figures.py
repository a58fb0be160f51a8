"""Figures of the way in: applications, information sessions, intakes,
mentor training, the waiting list and the time to a proposal (steps 1-4)."""

from __future__ import annotations

import datetime as dt
import statistics

from sqlalchemy import Integer, Select, case, cast, func, select
from sqlalchemy.orm import Session

from ...i18n import N_
from ...models import (
    Attendance,
    AttendanceStatus,
    Duo,
    Event,
    EventKind,
    Participant,
    ParticipantStatus,
    Role,
    StatusChange,
)
from . import scope, sql
from .period import Period
from .registry import FigureResult, Subject, Unit, count_of, figure, shared, wants_ids

WAY_IN = N_("From application to duo")
#: "a match within one month of the application" (published results): one calendar month
MATCH_TARGET_MONTHS = 1


@figure("applications", N_("Applications"),
        N_("Participants (mentees and mentors) whose application date is in the period."),
        Unit.COUNT, Subject.PARTICIPANT, WAY_IN)
def applications(session: Session, period: Period, branch_id: int | None, coordinator_id: int | None) -> FigureResult:
    q = select(Participant.id).where(Participant.applied_on.between(period.start, period.end),
                                     Participant.merged_into_id.is_(None))
    return count_of(session, scope.people(q, branch_id, coordinator_id))


@figure("info_session_attendance", N_("Attended an information session"),
        N_("Participants marked present at an information session held in the period (each counted once)."),
        Unit.COUNT, Subject.PARTICIPANT, WAY_IN)
def info_session_attendance(session: Session, period: Period, branch_id: int | None,
                            coordinator_id: int | None) -> FigureResult:
    sessions = select(Event.id).where(
        Event.kind == EventKind.INFO_SESSION, Event.starts_at >= dt.datetime.combine(period.start, dt.time.min),
        Event.starts_at < dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min))
    # the period's sessions first (an IN list), then their attendance: a join let
    # SQLite read every attendance row of every year when the file is not analysed
    q = (select(Attendance.participant_id)
         .where(Attendance.event_id.in_(sessions), Attendance.status == AttendanceStatus.ATTENDED).distinct())
    return count_of(session, scope.people_of(q, Attendance.participant_id, branch_id, coordinator_id))


def _reached(status: ParticipantStatus, period: Period, branch_id: int | None, coordinator_id: int | None,
             role: Role | None = None):  # noqa: ANN202
    q = (select(StatusChange.participant_id)
         .where(StatusChange.to_status == status, StatusChange.changed_on.between(period.start, period.end))
         .distinct())
    if role is not None:
        q = q.join(Participant, Participant.id == StatusChange.participant_id).where(Participant.role == role)
        return scope.people(q, branch_id, coordinator_id)
    return scope.people_of(q, StatusChange.participant_id, branch_id, coordinator_id)


@figure("intakes", N_("Intakes"),
        N_("Participants whose intake interview was completed in the period (status changed to “intake done”)."),
        Unit.COUNT, Subject.PARTICIPANT, WAY_IN)
def intakes(session: Session, period: Period, branch_id: int | None, coordinator_id: int | None) -> FigureResult:
    return count_of(session, _reached(ParticipantStatus.INTAKE_DONE, period, branch_id, coordinator_id))


@figure("mentors_trained", N_("Mentors trained"),
        N_("Mentors who completed the initial training in the period (status changed to “trained”)."),
        Unit.COUNT, Subject.PARTICIPANT, WAY_IN)
def mentors_trained(session: Session, period: Period, branch_id: int | None,
                    coordinator_id: int | None) -> FigureResult:
    return count_of(session, _reached(ParticipantStatus.TRAINED, period, branch_id, coordinator_id, Role.MENTOR))


@figure("waiting_list", N_("Mentees waiting at the end of the period"),
        N_("Mentees whose intake was done on or before the last day of the period, who had no duo proposed by "
           "that day, and who had not withdrawn or been found not eligible by that day."),
        Unit.COUNT, Subject.PARTICIPANT, WAY_IN)
def waiting_list(session: Session, period: Period, branch_id: int | None, coordinator_id: int | None) -> FigureResult:
    # The mentees never proposed by that day first (one NOT IN list, read from
    # the index duo (proposed_on, mentee_id)), then one look-up of each one's
    # status changes up to that day: 2 when one of them is a withdrawal (or not
    # eligible), else 1 when one is an intake (or ready to match). Not
    # ``to_status IN (...)`` beside ``changed_on <=`` in the WHERE: SQLite
    # 3.40 answers that wrongly from the index (participant_id, to_status,
    # changed_on) (a withdrawal after the day was found), and an unanalysed
    # file read every change to a status per mentee.
    gone = [ParticipantStatus.WITHDRAWN, ParticipantStatus.NOT_ELIGIBLE]
    reached = [ParticipantStatus.INTAKE_DONE, ParticipantStatus.READY_TO_MATCH]
    furthest = (select(func.max(case((StatusChange.to_status.in_(gone), 2),
                                     (StatusChange.to_status.in_(reached), 1), else_=0)))
                .where(StatusChange.participant_id == Participant.id, StatusChange.changed_on <= period.end)
                .scalar_subquery())
    q = select(Participant.id).where(
        Participant.role == Role.MENTEE, Participant.merged_into_id.is_(None),
        Participant.id.not_in(select(Duo.mentee_id).where(Duo.proposed_on <= period.end)),
        furthest == 1)
    return count_of(session, scope.people(q, branch_id, coordinator_id))


def first_proposals(period: Period, branch_id: int | None, coordinator_id: int | None) -> Select:
    """(mentee id, application date, first proposal date) of the mentees
    whose first proposal (any duo, refused ones too) is in the period: only
    the mentees with a proposal in the period are grouped, not every duo."""
    proposed = select(Duo.mentee_id).where(Duo.proposed_on.between(period.start, period.end))
    first = (select(Duo.mentee_id, func.min(Duo.proposed_on).label("first")).where(Duo.mentee_id.in_(proposed))
             .group_by(Duo.mentee_id).subquery())
    q = (select(Participant.id, Participant.applied_on, first.c.first)
         .join(first, first.c.mentee_id == Participant.id)
         .where(first.c.first.between(period.start, period.end), Participant.applied_on.is_not(None),
                Participant.applied_on <= first.c.first))
    return scope.people(q, branch_id, coordinator_id)


def _first_proposal_waits(session: Session, period: Period, branch_id: int | None,
                          coordinator_id: int | None) -> tuple[FigureResult, FigureResult]:
    """(median wait, share proposed within a month) over :func:`first_proposals`,
    from one query read by both figures below: the waits in days and whether
    each was within :data:`MATCH_TARGET_MONTHS` calendar months."""
    def compute() -> tuple[FigureResult, FigureResult]:
        rows = first_proposals(period, branch_id, coordinator_id).subquery()
        wait = sql.days_between(rows.c.applied_on, rows.c.first)
        hit = case((sql.within_months(rows.c.applied_on, rows.c.first, MATCH_TARGET_MONTHS), 1), else_=0)
        if wants_ids():
            found = session.execute(select(rows.c.id, wait, hit)).all()
            waits = [w for _id, w, _hit in found]
            ids = tuple(sorted(r[0] for r in found))
            median = FigureResult(float(statistics.median(waits)) if waits else None, ids)
            return median, FigureResult.rate((i for i, _w, h in found if h), ids)
        # the median in the database: the waits counted per number of days (a
        # few hundred rows, not one per mentee), then the one or two groups
        # holding the middle positions of the waits in order (cheaper than
        # numbering every wait with a window function)
        per_wait = select(wait.label("wait"), func.count().label("n"), func.sum(hit).label("hits")).group_by(wait)
        g = per_wait.subquery()
        # (CAST: a sum is NUMERIC on PostgreSQL, where (total + 1) / 2 would not be a whole position)
        h = select(g, cast(func.sum(g.c.n).over(order_by=g.c.wait), Integer).label("upto"),
                   cast(func.sum(g.c.n).over(), Integer).label("total")).subquery()

        def holds(position):  # noqa: ANN001, ANN202  (the group holds the wait at this position, from 1)
            return (h.c.upto - h.c.n < position) & (position <= h.c.upto)

        middle = case((holds((h.c.total + 1) // 2) | holds((h.c.total + 2) // 2), h.c.wait))
        n, hits, median = session.execute(select(func.coalesce(func.sum(h.c.n), 0),
                                                 func.coalesce(func.sum(h.c.hits), 0), func.avg(middle))).one()
        n, hits = int(n), int(hits)  # PostgreSQL: NUMERIC sums (Decimal)
        if not n:
            return FigureResult(None, None, None, 0, 0), FigureResult(None, None, None, 0, 0)
        return (FigureResult(float(median), None, None, n, 0),
                FigureResult(hits / n, None, None, hits, n))
    return shared(("first_proposal_waits", period, branch_id, coordinator_id), compute)


@figure("median_days_to_proposal", N_("Median wait for a proposal (days)"),
        N_("For the mentees whose first duo was proposed in the period: the median number of days from their "
           "application to that first proposal. The model's goal is a match within one month."),
        Unit.DAYS, Subject.PARTICIPANT, WAY_IN, published="match_within_one_month")
def median_days_to_proposal(session: Session, period: Period, branch_id: int | None,
                            coordinator_id: int | None) -> FigureResult:
    return _first_proposal_waits(session, period, branch_id, coordinator_id)[0]


@figure("proposed_within_a_month", N_("Proposed within a month"),
        N_("Of the mentees whose first duo was proposed in the period, the share proposed at most one calendar "
           "month after their application (applied 31 January: by 28 or 29 February)."),
        Unit.RATE, Subject.PARTICIPANT, WAY_IN, published="match_within_one_month")
def proposed_within_a_month(session: Session, period: Period, branch_id: int | None,
                            coordinator_id: int | None) -> FigureResult:
    return _first_proposal_waits(session, period, branch_id, coordinator_id)[1]
