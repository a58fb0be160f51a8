"""Programme results, computed the way the programme publishes them:
positive outcomes (job, internship, training or studies), mentees in a job
within 12 months after the duo, mentors who start a second duo, and the time
from application to a match. Aggregates only: no personal data leaves here."""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import Branch, Duo, DuoStage, Outcome, OutcomeKind, Participant
from ..dates import add_months, within_months

POSITIVE = [k.value for k in OutcomeKind if k.is_positive]
STARTED = (DuoStage.ACTIVE, DuoStage.ENDED)
#: "a match within one month of the application": one calendar month
MATCH_TARGET_MONTHS = 1
#: "53% of mentees in a job within 12 months after the duo": calendar months
JOB_WINDOW_MONTHS = 12


@dataclass(frozen=True)
class Rate:
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        return self.numerator / self.denominator if self.denominator else None


@dataclass(frozen=True)
class ProgrammeResults:
    branch_id: int | None
    active_duos: int
    started_duos: int
    ended_duos: int
    positive_outcomes: Rate
    job_within_12_months: Rate
    mentors_second_duo: Rate
    matched_within_a_month: Rate
    median_days_to_match: float | None
    started_per_year: dict[int, int] = field(default_factory=dict)


def _scoped(query, branch_id: int | None):  # noqa: ANN001, ANN202
    return query if branch_id is None else query.where(Duo.branch_id == branch_id)


def programme_results(session: Session, today: dt.date, branch_id: int | None = None) -> ProgrammeResults:
    count = lambda q: session.scalar(_scoped(q, branch_id)) or 0  # noqa: E731
    active = count(select(func.count()).select_from(Duo).where(Duo.stage == DuoStage.ACTIVE))
    started = count(select(func.count()).select_from(Duo).where(Duo.stage.in_(STARTED)))
    ended = count(select(func.count()).select_from(Duo).where(Duo.stage == DuoStage.ENDED))

    # Positive outcome: the ended duos whose mentee is known to be in a job,
    # an internship, a training or studies at any follow-up moment.
    with_outcome = count(select(func.count(func.distinct(Outcome.duo_id))).join(Duo, Duo.id == Outcome.duo_id)
                         .where(Duo.stage == DuoStage.ENDED))
    positive = count(select(func.count(func.distinct(Outcome.duo_id))).join(Duo, Duo.id == Outcome.duo_id)
                     .where(Duo.stage == DuoStage.ENDED, Outcome.kind.in_(POSITIVE)))

    # In a job within 12 months: only duos whose 12 months after the end are
    # over can tell (ended 2025-03-31: from 2026-03-31 on); a job counts when
    # it started (or, without a start date, was learnt of) by the last day of
    # those 12 calendar months.
    first_job = (select(Outcome.duo_id, func.min(func.coalesce(Outcome.outcome_date, Outcome.learnt_on))
                        .label("first")).where(Outcome.kind == OutcomeKind.JOB.value)
                 .group_by(Outcome.duo_id).subquery())
    ended_duos = session.execute(_scoped(
        select(Duo.ended_on, first_job.c.first).outerjoin(first_job, first_job.c.duo_id == Duo.id)
        .where(Duo.stage == DuoStage.ENDED, Duo.ended_on <= today), branch_id)).all()
    measurable = in_job = 0
    for ended_on, first in ended_duos:
        window_end = add_months(ended_on, JOB_WINDOW_MONTHS)
        if window_end <= today:
            measurable += 1
            in_job += int(first is not None and first <= window_end)

    # Mentors who start a new duo after their first one ended.
    per_mentor = _scoped(select(Duo.mentor_id, func.count().label("n"),
                                func.sum((Duo.stage == DuoStage.ENDED).cast(int_type())).label("ended"))
                         .where(Duo.stage.in_((DuoStage.AWAITING_AGREEMENT, *STARTED)))
                         .group_by(Duo.mentor_id), branch_id).subquery()
    mentors_done = session.scalar(select(func.count()).select_from(per_mentor).where(per_mentor.c.ended >= 1)) or 0
    mentors_again = session.scalar(select(func.count()).select_from(per_mentor)
                                   .where(per_mentor.c.ended >= 1, per_mentor.c.n >= 2)) or 0

    # Time from application to the first proposal, per mentee.
    first_proposal = _scoped(select(Duo.mentee_id, func.min(Duo.proposed_on).label("proposed"))
                             .group_by(Duo.mentee_id), branch_id).subquery()
    pairs = session.execute(
        select(Participant.applied_on, first_proposal.c.proposed)
        .join(first_proposal, first_proposal.c.mentee_id == Participant.id)
        .where(Participant.applied_on.is_not(None))).all()
    waits = [(proposed - applied).days for applied, proposed in pairs]
    within = sum(1 for applied, proposed in pairs if within_months(applied, proposed, MATCH_TARGET_MONTHS))

    year = func.extract("year", Duo.agreement_signed_on)  # SQLAlchemy renders it for SQLite too
    per_year = dict(session.execute(_scoped(
        select(year, func.count()).where(Duo.stage.in_(STARTED), Duo.agreement_signed_on.is_not(None))
        .group_by(year).order_by(year), branch_id)).all())

    return ProgrammeResults(
        branch_id=branch_id, active_duos=active, started_duos=started, ended_duos=ended,
        positive_outcomes=Rate(positive, with_outcome),
        job_within_12_months=Rate(in_job, measurable),
        mentors_second_duo=Rate(mentors_again, mentors_done),
        matched_within_a_month=Rate(within, len(waits)),
        median_days_to_match=statistics.median(waits) if waits else None,
        started_per_year={int(y): n for y, n in per_year.items() if y is not None},
    )


def results_per_branch(session: Session, today: dt.date) -> list[tuple[str, ProgrammeResults]]:
    """The programme as a whole first, then each branch."""
    rows = [("", programme_results(session, today))]
    for branch_id, city in session.execute(select(Branch.id, Branch.city).order_by(Branch.city)):
        rows.append((city, programme_results(session, today, branch_id)))
    return rows


def int_type():  # noqa: ANN201
    from sqlalchemy import Integer

    return Integer()
