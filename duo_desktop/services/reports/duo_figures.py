"""Figures of the duos: proposed, started, active, ended (and how), the
meetings they held, and the mentors who start another duo (steps 4-7)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from ...i18n import N_
from ...models import Duo, DuoStage, EndReason, Meeting
from . import scope, sql
from .period import Period
from .registry import FigureResult, Subject, Unit, count_of, figure, rate_of, shared, wants_ids

DUOS = N_("Duos")
STARTED = (DuoStage.ACTIVE, DuoStage.ENDED)


def _count(session: Session, query, branch_id: int | None, coordinator_id: int | None) -> FigureResult:  # noqa: ANN001
    return count_of(session, scope.duos(query, branch_id, coordinator_id))


@figure("duos_proposed", N_("Duos proposed"),
        N_("Duos proposed in the period, whatever became of them (refused and cancelled proposals too)."),
        Unit.COUNT, Subject.DUO, DUOS)
def duos_proposed(session: Session, period: Period, branch_id: int | None, coordinator_id: int | None) -> FigureResult:
    q = select(Duo.id).where(Duo.proposed_on.between(period.start, period.end))
    return _count(session, q, branch_id, coordinator_id)


@figure("duos_started", N_("Duos started"),
        N_("Duos whose agreement was signed in the period (the duo starts on that day)."),
        Unit.COUNT, Subject.DUO, DUOS)
def duos_started(session: Session, period: Period, branch_id: int | None, coordinator_id: int | None) -> FigureResult:
    q = select(Duo.id).where(Duo.stage.in_(STARTED), Duo.agreement_signed_on.between(period.start, period.end))
    return _count(session, q, branch_id, coordinator_id)


def active_query(period: Period):  # noqa: ANN201
    """Duos running on at least one day of the period: signed on or before its
    last day and not ended before its first day."""
    return select(Duo.id).where(Duo.stage.in_(STARTED), Duo.agreement_signed_on <= period.end,
                                (Duo.ended_on.is_(None)) | (Duo.ended_on >= period.start))


@figure("duos_active", N_("Active duos"),
        N_("Duos running on at least one day of the period: agreement signed on or before its last day, not "
           "ended before its first day."),
        Unit.COUNT, Subject.DUO, DUOS)
def duos_active(session: Session, period: Period, branch_id: int | None, coordinator_id: int | None) -> FigureResult:
    return _count(session, active_query(period), branch_id, coordinator_id)


def _ended(period: Period):  # noqa: ANN202
    return select(Duo.id).where(Duo.stage == DuoStage.ENDED, Duo.ended_on.between(period.start, period.end))


def _ended_by_reason(session: Session, period: Period, branch_id: int | None,
                     coordinator_id: int | None) -> dict[str | None, FigureResult]:
    """The duos ended in the period per end reason (None: no reason given):
    one grouped query read by every "ended" figure below, each of which
    picks the reasons it counts."""
    def compute() -> dict[str | None, FigureResult]:
        if wants_ids():
            ids: dict[str | None, list[int]] = {}
            q = scope.duos(_ended(period).add_columns(Duo.end_reason), branch_id, coordinator_id)
            for duo_id, reason in session.execute(q):
                ids.setdefault(reason, []).append(duo_id)
            return {reason: FigureResult.counted(found) for reason, found in ids.items()}
        q = scope.duos(select(Duo.end_reason, func.count()).where(_ended(period).whereclause)
                       .group_by(Duo.end_reason), branch_id, coordinator_id)
        return {reason: FigureResult(n, None, None, n, 0) for reason, n in session.execute(q)}
    return shared(("duos_ended", period, branch_id, coordinator_id), compute)


def _ended_for_reasons(session: Session, period: Period, branch_id: int | None, coordinator_id: int | None,
                       counted: Callable[[str | None], bool]) -> FigureResult:
    """The duos ended in the period whose end reason (None: none given) is ``counted``."""
    groups = [r for reason, r in _ended_by_reason(session, period, branch_id, coordinator_id).items()
              if counted(reason)]
    if wants_ids():
        return FigureResult.counted(i for r in groups for i in r.ids or ())
    n = sum(r.count for r in groups)
    return FigureResult(n, None, None, n, 0)


@figure("duos_ended", N_("Duos ended"), N_("Duos whose mentoring period ended in the period, for any reason."),
        Unit.COUNT, Subject.DUO, DUOS)
def duos_ended(session: Session, period: Period, branch_id: int | None, coordinator_id: int | None) -> FigureResult:
    return _ended_for_reasons(session, period, branch_id, coordinator_id, lambda reason: True)


@figure("duos_completed", N_("Ended after the full course"),
        N_("Duos ended in the period with the reason “completed” (the full mentoring period)."),
        Unit.COUNT, Subject.DUO, DUOS)
def duos_completed(session: Session, period: Period, branch_id: int | None,
                   coordinator_id: int | None) -> FigureResult:
    return _ended_for_reasons(session, period, branch_id, coordinator_id,
                              lambda reason: reason == EndReason.COMPLETED)


@figure("duos_ended_early", N_("Ended early"),
        N_("Duos ended in the period for any reason other than “completed”."), Unit.COUNT, Subject.DUO, DUOS)
def duos_ended_early(session: Session, period: Period, branch_id: int | None,
                     coordinator_id: int | None) -> FigureResult:
    return _ended_for_reasons(session, period, branch_id, coordinator_id,
                              lambda reason: reason is None or reason != EndReason.COMPLETED)


def _ended_for(reason: EndReason):  # noqa: ANN202
    def compute(session: Session, period: Period, branch_id: int | None, coordinator_id: int | None) -> FigureResult:
        return _ended_for_reasons(session, period, branch_id, coordinator_id, lambda found: found == reason)
    return compute


for _reason in EndReason:
    if _reason is not EndReason.COMPLETED:
        figure(f"duos_ended_early_{_reason.value}", N_("Ended early: {reason}"),
               N_("Duos ended in the period with this reason."), Unit.COUNT, Subject.DUO, DUOS,
               reason=_reason)(_ended_for(_reason))


@figure("meetings_per_duo", N_("Meetings per active duo"),
        N_("Meetings held in the period by the active duos, divided by the number of active duos."),
        Unit.AVERAGE, Subject.DUO, DUOS)
def meetings_per_duo(session: Session, period: Period, branch_id: int | None,
                     coordinator_id: int | None) -> FigureResult:
    # one query: each active duo with its number of meetings in the period
    # (read from the index on meeting (duo_id, held_on))
    active = scope.duos(active_query(period), branch_id, coordinator_id).subquery()
    held = (select(func.count()).where(Meeting.duo_id == active.c.id,
                                       Meeting.held_on.between(period.start, period.end)).scalar_subquery())
    if wants_ids():
        rows = session.execute(select(active.c.id, held)).all()
        duos, meetings = FigureResult.counted(r[0] for r in rows), sum(r[1] for r in rows)
    else:  # the active duos counted, and their meetings in the period counted over a join (a sum of one
        # count per duo read the index once per duo as a subquery: half as fast again)
        joined = (select(func.count()).select_from(Meeting).join(active, active.c.id == Meeting.duo_id)
                  .where(Meeting.held_on.between(period.start, period.end)))
        n, meetings = session.execute(select(select(func.count()).select_from(active).scalar_subquery(),
                                             joined.scalar_subquery())).one()
        n, meetings = int(n), int(meetings)
        duos = FigureResult(n, None, None, n, 0)
    if not duos.count:
        return FigureResult(None, duos.ids, count=0)
    return FigureResult(meetings / duos.count, duos.ids, count=duos.count)


@figure("mentors_again", N_("Mentors who start another duo"),
        N_("Of the mentors whose duo ended in the period, the share who have another duo proposed after that "
           "one that both sides accepted (awaiting agreement, active or ended), by the day of the report."),
        Unit.RATE, Subject.PARTICIPANT, DUOS, published="mentors_second_duo")
def mentors_again(session: Session, period: Period, branch_id: int | None, coordinator_id: int | None) -> FigureResult:
    # per mentor, their earliest duo ended in the period: a later accepted duo
    # exists for one of them exactly when it exists for that one (a duo
    # proposed later is another duo), so one look-up per mentor, not per duo
    later = aliased(Duo)
    ended = scope.duos(select(Duo.mentor_id, func.min(Duo.proposed_on).label("first"))
                       .where(Duo.stage == DuoStage.ENDED, Duo.ended_on.between(period.start, period.end))
                       .group_by(Duo.mentor_id), branch_id, coordinator_id).subquery()
    again = sql.any_row(
        later.mentor_id == ended.c.mentor_id, later.proposed_on > ended.c.first,
        later.proposed_on <= period.today,
        later.stage.in_((DuoStage.AWAITING_AGREEMENT, DuoStage.ACTIVE, DuoStage.ENDED)))
    return rate_of(session, select(ended.c.mentor_id), again, unique=True)  # grouped per mentor
