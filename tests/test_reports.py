"""Programme results computed as the programme publishes them."""

from __future__ import annotations

import pytest

import datetime as dt

from duo_desktop.models import Decision, EndReason, Outcome, OutcomeKind, OutcomeMoment, Participant, Role
from duo_desktop.services import duo_lifecycle as life
from duo_desktop.services.reports import programme_results

from . import factories as f


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any

TODAY = dt.date(2026, 3, 16)


def _duo(s, b, mentor, applied: dt.date, proposed: dt.date, ended: dt.date | None, outcome: OutcomeKind | None,
         job_on: dt.date | None = None):
    mentee = f.participant(s, b, role=Role.MENTEE, applied_on=applied)
    now = dt.datetime.combine(proposed, dt.time(10))
    duo = life.propose(s, mentor, mentee, now)
    life.plan_first_meeting(s, duo, now, "Antenne", now)
    for side in ("mentor", "mentee"):
        life.record_decision(s, duo, side, Decision.ACCEPTED, proposed, now)
    life.sign_agreement(s, duo, proposed + dt.timedelta(days=7), "fr", now)
    if ended:
        life.end_duo(s, duo, ended, EndReason.COMPLETED, now)
        if outcome:
            s.add(Outcome(duo_id=duo.id, kind=outcome, moment=OutcomeMoment.AFTER_12_MONTHS,
                          learnt_on=ended + dt.timedelta(days=365), outcome_date=job_on))
    s.flush()
    return duo


def test_rates_follow_the_published_definitions(store):
    with store.transaction() as s:
        b = f.branch(s)
        m1 = f.participant(s, b, role=Role.MENTOR)
        m2 = f.participant(s, b, role=Role.MENTOR)
        # m1: two duos one after the other (starts a new duo); m2: one duo only
        _duo(s, b, m1, dt.date(2024, 1, 1), dt.date(2024, 1, 20), dt.date(2024, 7, 20), OutcomeKind.JOB,
             job_on=dt.date(2024, 12, 1))
        _duo(s, b, m1, dt.date(2024, 6, 1), dt.date(2024, 8, 15), dt.date(2025, 2, 1), OutcomeKind.STILL_SEARCHING)
        _duo(s, b, m2, dt.date(2024, 1, 1), dt.date(2024, 3, 1), dt.date(2024, 9, 1), OutcomeKind.TRAINING)
        s.flush()
        r = programme_results(s, TODAY)
    assert (r.started_duos, r.ended_duos, r.active_duos) == (3, 3, 0)
    assert (r.positive_outcomes.numerator, r.positive_outcomes.denominator) == (2, 3)
    # ended at least a year before today: the three; in a job within 12 months: the first only
    assert (r.job_within_12_months.numerator, r.job_within_12_months.denominator) == (1, 3)
    assert (r.mentors_second_duo.numerator, r.mentors_second_duo.denominator) == (1, 2)
    # waits of 19, 75 and 60 days: one within a month
    assert (r.matched_within_a_month.numerator, r.matched_within_a_month.denominator) == (1, 3)
    assert r.median_days_to_match == 60
    assert r.started_per_year == {2024: 3}


def _results_with(store, today: dt.date, duos: list[tuple]):
    """Each duo: (applied, proposed, ended, job_on), one mentor each."""
    with store.transaction() as s:
        b = f.branch(s)
        for applied, proposed, ended, job_on in duos:
            mentor = f.participant(s, b, role=Role.MENTOR)
            _duo(s, b, mentor, applied, proposed, ended, OutcomeKind.JOB if job_on else None, job_on=job_on)
        return programme_results(s, today)


def programme_results_on(store, today: dt.date):
    with store.session() as s:
        return programme_results(s, today)


def test_job_within_12_months_counts_calendar_months_up_to_the_last_day(store):
    today = dt.date(2026, 4, 15)
    r = _results_with(store, today, [
        (dt.date(2024, 9, 1), dt.date(2024, 9, 10), dt.date(2025, 3, 31), dt.date(2026, 3, 31)),  # last day: counts
        (dt.date(2024, 9, 1), dt.date(2024, 9, 10), dt.date(2025, 3, 31), dt.date(2026, 4, 1)),  # a day late
        # 12 months over a 29 February are 366 days: the 366th day still counts
        (dt.date(2022, 9, 1), dt.date(2022, 9, 10), dt.date(2023, 3, 31), dt.date(2024, 3, 31)),
    ])
    assert (r.job_within_12_months.numerator, r.job_within_12_months.denominator) == (2, 3)


def test_duos_whose_12_months_are_not_over_do_not_count_yet(store):
    today = dt.date(2026, 3, 30)
    r = _results_with(store, today, [
        # ended six months ago, already in a job: too early to tell, counted nowhere
        (dt.date(2025, 2, 1), dt.date(2025, 3, 10), dt.date(2025, 9, 30), dt.date(2025, 11, 1)),
        # ended 2025-03-31: its 12 months end tomorrow
        (dt.date(2024, 9, 1), dt.date(2024, 9, 10), dt.date(2025, 3, 31), dt.date(2025, 6, 1)),
        # ended a year ago today: measurable, no job
        (dt.date(2024, 9, 1), dt.date(2024, 9, 10), dt.date(2025, 3, 30), None),
    ])
    assert (r.job_within_12_months.numerator, r.job_within_12_months.denominator) == (0, 1)
    r = programme_results_on(store, dt.date(2026, 3, 31))
    assert (r.job_within_12_months.numerator, r.job_within_12_months.denominator) == (1, 2)


def test_matched_within_a_month_means_one_calendar_month(store):
    r = _results_with(store, dt.date(2026, 4, 15), [
        (dt.date(2026, 2, 1), dt.date(2026, 3, 1), None, None),  # 28 days, one month: counts
        (dt.date(2026, 2, 1), dt.date(2026, 3, 2), None, None),  # 29 days, but past the month
        (dt.date(2026, 1, 1), dt.date(2026, 2, 1), None, None),  # 31 days, one month: counts
        (dt.date(2025, 11, 1), dt.date(2025, 12, 10), None, None),  # 39 days: not within a month
    ])
    assert (r.matched_within_a_month.numerator, r.matched_within_a_month.denominator) == (2, 4)
