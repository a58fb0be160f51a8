"""The series behind the charts: the funnel from application to duo, duos
started per calendar month, and outcomes per year of the end. Counted in the
database (grouped by month, by year), bucketed here; no chart drawing (that is the
views' and the PDF's)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...models import Duo, DuoStage, Outcome, OutcomeKind, OutcomeMoment
from . import scope, sql
from .period import Period

#: figure keys of the funnel, in order
FUNNEL = ("applications", "info_session_attendance", "intakes", "duos_proposed", "duos_started")
#: years shown in "outcomes per year" when the period is a year or shorter
YEARS_SHOWN = 5


def duos_started_per_month(session: Session, period: Period, branch_id: int | None,
                           coordinator_id: int | None) -> list[tuple[str, int]]:
    """[("2025-01", n), ...] for every calendar month the period touches (0 included)."""
    year, month = sql.year_of(Duo.agreement_signed_on), sql.month_of(Duo.agreement_signed_on)
    q = scope.duos(select(year, month, func.count()).where(
        Duo.stage.in_((DuoStage.ACTIVE, DuoStage.ENDED)), Duo.agreement_signed_on.between(period.start, period.end))
        .group_by(year, month), branch_id, coordinator_id)
    counts: Counter[str] = Counter()
    for y, m, n in session.connection().execute(q):
        counts[f"{y:04d}-{m:02d}"] += n
    return [(key, counts[key]) for key in (f"{y:04d}-{m:02d}" for y, m in period.months())]


def outcomes_per_year(session: Session, period: Period, branch_id: int | None,
                      coordinator_id: int | None) -> list[tuple[int, dict[str, int]]]:
    """Per year of the end (the period's years, at least the last five):
    duos ended, and those with a positive outcome / a job recorded at the end."""
    first_year = min(period.start.year, period.end.year - YEARS_SHOWN + 1)
    start, end = dt.date(first_year, 1, 1), period.end
    # counted per day (in the order of the index on the end day), then summed per year in the database
    # (a GROUP BY the year itself sorted every row: slower than per day; per year: a few rows come back)
    per_day = scope.duos(select(Duo.ended_on.label("day"), func.count().label("n")).where(
        Duo.stage == DuoStage.ENDED, Duo.ended_on.between(start, end)).group_by(Duo.ended_on),
        branch_id, coordinator_id).subquery()
    kinds_per_day = scope.duos(select(Duo.ended_on.label("day"), Outcome.kind.label("kind"),
                                      func.count(func.distinct(Duo.id)).label("n"))
                               .join(Outcome, Outcome.duo_id == Duo.id).where(
        Duo.stage == DuoStage.ENDED, Duo.ended_on.between(start, end), Outcome.moment == OutcomeMoment.AT_END)
        .group_by(Duo.ended_on, Outcome.kind), branch_id, coordinator_id).subquery()
    ended = select(sql.year_of(per_day.c.day), func.sum(per_day.c.n)).group_by(sql.year_of(per_day.c.day))
    year = sql.year_of(kinds_per_day.c.day)
    kinds = select(year, kinds_per_day.c.kind, func.sum(kinds_per_day.c.n)).group_by(year, kinds_per_day.c.kind)
    years = {y: {"ended": 0, "positive": 0, "job": 0} for y in range(first_year, end.year + 1)}
    for y, n in session.connection().execute(ended):
        years[y]["ended"] += int(n)  # PostgreSQL: a sum of counts is a NUMERIC (Decimal)
    for y, kind, n in session.connection().execute(kinds):
        if OutcomeKind(kind).is_positive:
            years[y]["positive"] += int(n)
        if kind == OutcomeKind.JOB:
            years[y]["job"] += int(n)
    return sorted(years.items())
