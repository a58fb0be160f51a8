"""Figures of the results: positive outcomes at the end and within 12
calendar months of the end, and mentees in a job within 12 months (step 8;
the published results of the model: 71 % and 53 %)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...i18n import N_
from ...models import Duo, DuoStage, Outcome, OutcomeKind, OutcomeMoment
from ..dates import add_months
from . import scope
from .period import Period
from .registry import FigureResult, Subject, Unit, figure

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
    q = scope.duos(select(Duo.id, Outcome.kind).join(Outcome, Outcome.duo_id == Duo.id).where(
        Duo.stage == DuoStage.ENDED, Duo.ended_on.between(period.start, period.end),
        Outcome.moment == OutcomeMoment.AT_END), branch_id, coordinator_id)
    rows = session.connection().execute(q).all()
    return FigureResult.rate([i for i, kind in rows if kind in POSITIVE], [i for i, _k in rows])


def _within_12(session: Session, period: Period, branch_id: int | None, coordinator_id: int | None,
               kinds: tuple[OutcomeKind, ...]) -> FigureResult:
    """Duos ended in the period whose 12 calendar months after the end are
    over on the day of the report (ended 31 January 2025: from 31 January
    2026); counted when an outcome of ``kinds`` started (or, without a start
    date, was learnt of) on or before the last of those 12 months' days."""
    first = func.min(func.coalesce(Outcome.outcome_date, Outcome.learnt_on))
    q = scope.duos(select(Duo.id, Duo.ended_on, first)
                   .outerjoin(Outcome, (Outcome.duo_id == Duo.id) & Outcome.kind.in_(kinds))
                   .where(Duo.stage == DuoStage.ENDED, Duo.ended_on.between(period.start, period.end))
                   .group_by(Duo.id, Duo.ended_on), branch_id, coordinator_id)
    base, hits = [], []
    for duo_id, ended_on, first_day in session.connection().execute(q):
        window_end = add_months(ended_on, WINDOW_MONTHS)
        if window_end <= period.today:
            base.append(duo_id)
            if first_day is not None and first_day <= window_end:
                hits.append(duo_id)
    return FigureResult.rate(hits, base)


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
