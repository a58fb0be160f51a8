"""Dates of the demo programme: each branch's calendar of information
sessions, trainings and intervisions, and the dated life of one duo (from
proposal to end, with the outcome that decided how it ended).

Everything is relative to ``today`` and drawn from the caller's seeded
random generator, so the same seed gives the same programme."""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from ...models import DuoStage, EndReason, OutcomeKind
from ..dates import add_months

DAY = dt.timedelta(days=1)


def days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def first_weekday_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + days((weekday - day.weekday()) % 7)


@dataclass
class Calendar:
    """One branch's recurring group events (dates only; rows come later)."""

    info_sessions: list[dt.date]  # Tuesdays, every two weeks
    trainings: list[dt.date]  # first Monday of the month; four days, Monday to Thursday

    @classmethod
    def build(cls, start: dt.date, until: dt.date) -> Calendar:
        info, day = [], first_weekday_on_or_after(start, 1)
        while day <= until:
            info.append(day)
            day += days(14)
        trainings, month = [], dt.date(start.year, start.month, 1)
        while month <= until:
            trainings.append(first_weekday_on_or_after(month, 0))
            month = add_months(month, 1)
        return cls(info, trainings)

    @staticmethod
    def next_on(dates: list[dt.date], day: dt.date) -> dt.date | None:
        i = bisect.bisect_left(dates, day)
        return dates[i] if i < len(dates) else None


def intervision_date(year: int, month: int) -> dt.date:
    """The third Thursday of the month."""
    return first_weekday_on_or_after(dt.date(year, month, 1), 3) + days(14)


# --- a duo's life -------------------------------------------------------------------
FINAL_OUTCOMES: tuple[tuple[OutcomeKind, float], ...] = (
    (OutcomeKind.JOB, 0.53), (OutcomeKind.INTERNSHIP, 0.07), (OutcomeKind.TRAINING, 0.08),
    (OutcomeKind.STUDIES, 0.03), (OutcomeKind.VOLUNTEERING, 0.03), (OutcomeKind.STILL_SEARCHING, 0.21),
    (OutcomeKind.UNKNOWN, 0.05),
)


_CUMULATIVE: dict[int, tuple[tuple, list[float]]] = {}


def weighted(rng, pairs):  # noqa: ANN001, ANN201
    """Draw from ((value, weight), ...) or {value: weight} (in sorted order),
    with one random number."""
    cached = _CUMULATIVE.get(id(pairs))
    if cached is None or cached[0] is not pairs:
        items = tuple(sorted(pairs.items())) if isinstance(pairs, dict) else pairs
        total, cumulative = 0.0, []
        for _value, weight in items:
            total += weight
            cumulative.append(total)
        cached = _CUMULATIVE[id(pairs)] = (pairs, [c / total for c in cumulative], items)
    i = bisect.bisect_right(cached[1], rng.random())
    return cached[2][min(i, len(cached[2]) - 1)][0]


@dataclass
class DuoPlan:
    """A duo as it happened (or will happen), with ``stage`` as seen on ``today``."""

    branch: int  # index in BRANCHES
    mentor: int  # index in the plan's participants
    proposed_on: dt.date
    kind: str  # "ok", "refused", "cancelled"
    planned_on: dt.date
    first_meeting_at: dt.datetime
    decided_on: dt.date
    refused_by: str = ""
    cancelled_on: dt.date | None = None
    signed_on: dt.date | None = None
    planned_end_on: dt.date | None = None
    ended_on: dt.date | None = None
    end_reason: EndReason | None = None
    final_outcome: OutcomeKind | None = None
    stage: DuoStage = DuoStage.PROPOSED
    mentee: int = -1
    score: float = 0.0
    mentor_keeps_on: bool = True
    history: list[tuple[DuoStage | None, DuoStage, dt.datetime]] = field(default_factory=list)

    @property
    def is_open(self) -> bool:
        return self.stage in (DuoStage.PROPOSED, DuoStage.FIRST_MEETING_PLANNED, DuoStage.AWAITING_AGREEMENT,
                              DuoStage.ACTIVE)

    @property
    def free_again_on(self) -> dt.date:
        """When the mentor (and mentee) can be proposed again."""
        if self.kind == "cancelled":
            return self.cancelled_on
        if self.kind == "refused":
            return self.decided_on
        return self.ended_on


def _end(rng, signed: dt.date, planned_end: dt.date) -> tuple[OutcomeKind, EndReason, dt.date]:  # noqa: ANN001
    final = weighted(rng, FINAL_OUTCOMES)
    r = rng.random()
    if final is OutcomeKind.JOB:
        reason = (EndReason.MENTEE_FOUND_JOB if r < 0.4 else EndReason.COMPLETED if r < 0.95
                  else EndReason.MENTOR_STOPPED)
    elif final in (OutcomeKind.TRAINING, OutcomeKind.STUDIES):
        reason = EndReason.TRAINING_STARTED if r < 0.35 else EndReason.COMPLETED if r < 0.95 else EndReason.MOVED_AWAY
    elif final is OutcomeKind.INTERNSHIP:
        reason = EndReason.COMPLETED
    else:
        reason = (EndReason.COMPLETED if r < 0.55 else EndReason.MENTEE_STOPPED if r < 0.8
                  else EndReason.MENTOR_STOPPED if r < 0.87 else EndReason.MOVED_AWAY if r < 0.95
                  else EndReason.OTHER)
    if reason is EndReason.COMPLETED:
        ended = planned_end + days(rng.randint(-14, 10))
    elif reason is EndReason.MENTEE_STOPPED:
        ended = signed + days(rng.randint(20, 120))
    else:
        ended = signed + days(rng.randint(45, 160))
    return final, reason, min(ended, planned_end + days(14))


def plan_duo(rng, branch: int, mentor: int, proposed: dt.date, months: int, today: dt.date) -> DuoPlan:  # noqa: ANN001
    """Draw the whole life of a duo proposed on ``proposed``, then cut it at
    ``today`` (the stage it has reached and the dated history up to then)."""
    r = rng.random()
    kind = "refused" if r < 0.07 else "cancelled" if r < 0.11 else "ok"
    planned = proposed + days(rng.randint(2, 14))
    meeting_day = planned + days(rng.randint(3, 10))
    if meeting_day.weekday() > 4:
        meeting_day += days(7 - meeting_day.weekday())
    first_meeting = dt.datetime.combine(meeting_day, dt.time(rng.choice((10, 14, 16, 17))))
    decided = meeting_day + days(rng.randint(0, 3))
    duo = DuoPlan(branch, mentor, proposed, kind, planned, first_meeting, decided,
                  score=round(rng.uniform(55, 97), 1))  # out of 100, as the matching board scores
    S = DuoStage
    steps: list[tuple[S | None, S, dt.date, int]] = [(None, S.PROPOSED, proposed, 10)]
    if kind == "cancelled":
        duo.cancelled_on = proposed + days(rng.randint(2, 8))
        if planned < duo.cancelled_on:
            steps.append((S.PROPOSED, S.FIRST_MEETING_PLANNED, planned, 11))
            steps.append((S.FIRST_MEETING_PLANNED, S.CANCELLED, duo.cancelled_on, 15))
        else:
            steps.append((S.PROPOSED, S.CANCELLED, duo.cancelled_on, 15))
    else:
        steps.append((S.PROPOSED, S.FIRST_MEETING_PLANNED, planned, 11))
        if kind == "refused":
            duo.refused_by = "mentee" if rng.random() < 0.6 else "mentor"
            steps.append((S.FIRST_MEETING_PLANNED, S.REFUSED, decided, 16))
        else:
            steps.append((S.FIRST_MEETING_PLANNED, S.AWAITING_AGREEMENT, decided, 16))
            signed = decided + days(rng.randint(5, 18))
            duo.signed_on, duo.planned_end_on = signed, add_months(signed, months)
            steps.append((S.AWAITING_AGREEMENT, S.ACTIVE, signed, 11))
            duo.final_outcome, duo.end_reason, duo.ended_on = _end(rng, signed, duo.planned_end_on)
            steps.append((S.ACTIVE, S.ENDED, duo.ended_on, 15))
    for from_stage, to_stage, on, hour in steps:
        if on > today:
            break
        duo.history.append((from_stage, to_stage, dt.datetime.combine(on, dt.time(hour))))
        duo.stage = to_stage
    if duo.stage is not S.ENDED:  # what has not happened yet is not known
        duo.ended_on = duo.end_reason = duo.final_outcome = None
    if duo.stage not in (S.ACTIVE, S.ENDED):
        duo.signed_on = duo.planned_end_on = None
    return duo
