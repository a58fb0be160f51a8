"""Figures of the results: positive outcomes at the end and within 12
calendar months of the end, and mentees in a job within 12 months (step 8;
the published results of the model: 71 % and 53 %)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...i18n import N_
from ...models import Duo, DuoStage, Outcome, OutcomeKind, OutcomeMoment
from . import scope, sql
from .period import Period
from .registry import FigureResult, Subject, Unit, figure, rate_of

RESULTS = N_("Results")
POSITIVE = tuple(k for k in OutcomeKind if k.is_positive)
#: "within 12 months after the duo": calendar months, as the follow-up counts them
WINDOW_MONTHS = 12


@figure("positive_at_end", N_("Positive outcome at the end"),
        N_("Of the duos ended in the period whose outcome at the end was recorded, the share whose mentee was "
           "then in a job, an internship, a training or studies."),
        Unit.RATE, Subject.DUO, RESULTS, published="positive_outcomes")
def positive_at_end(session: Session, period: Period, branch_id: int | None,
                    coordinator_id: int | None) -> FigureResult:
    def at_end(*kinds: OutcomeKind):  # noqa: ANN202
        q = sql.any_row(Outcome.duo_id == Duo.id, Outcome.moment == OutcomeMoment.AT_END)
        return q.where(Outcome.kind.in_(kinds)) if kinds else q

    base = scope.duos(select(Duo.id).where(Duo.stage == DuoStage.ENDED, Duo.ended_on.between(period.start, period.end),
                                           at_end()), branch_id, coordinator_id)
    return rate_of(session, base, at_end(*POSITIVE), unique=True)  # one row per duo


def _within_12(session: Session, period: Period, branch_id: int | None, coordinator_id: int | None,
               kinds: tuple[OutcomeKind, ...]) -> FigureResult:
    """Duos ended in the period whose 12 calendar months after the end are
    over on the day of the report (ended 31 January 2025: from 31 January
    2026); counted when an outcome of ``kinds`` started (or, without a start
    date, was learnt of) on or before the last of those 12 months' days."""
    day = func.coalesce(Outcome.outcome_date, Outcome.learnt_on)
    base = scope.duos(select(Duo.id).where(
        Duo.stage == DuoStage.ENDED, Duo.ended_on.between(period.start, period.end),
        Duo.ended_on <= sql.last_start_within(period.today, WINDOW_MONTHS)), branch_id, coordinator_id)
    hit = sql.any_row(Outcome.duo_id == Duo.id, Outcome.kind.in_(kinds),
                         sql.within_months(Duo.ended_on, day, WINDOW_MONTHS))
    return rate_of(session, base, hit, unique=True)  # one row per duo


@figure("positive_within_12_months", N_("Positive outcome within 12 months"),
        N_("Of the duos ended in the period whose 12 calendar months after the end are over, the share whose "
           "mentee started a job, an internship, a training or studies by the end of those 12 months."),
        Unit.RATE, Subject.DUO, RESULTS)
def positive_within_12_months(session: Session, period: Period, branch_id: int | None,
                              coordinator_id: int | None) -> FigureResult:
    return _within_12(session, period, branch_id, coordinator_id, POSITIVE)


@figure("job_within_12_months", N_("In a job within 12 months"),
        N_("Of the duos ended in the period whose 12 calendar months after the end are over, the share whose "
           "mentee started a job by the end of those 12 months."),
        Unit.RATE, Subject.DUO, RESULTS, published="job_within_12_months")
def job_within_12_months(session: Session, period: Period, branch_id: int | None,
                         coordinator_id: int | None) -> FigureResult:
    return _within_12(session, period, branch_id, coordinator_id, (OutcomeKind.JOB,))
