"""Programme results beyond the published rates' edges (tested in
test_reports.py): what counts as a started, ended or active duo, a positive
outcome counted once per duo, a mentor's second duo, the first proposal as
the match, one branch's figures apart from the others', years of start."""

from __future__ import annotations

import datetime as dt

import pytest

from duo_desktop.models import Decision, EndReason, Outcome, OutcomeKind, OutcomeMoment, Role
from duo_desktop.services import duo_lifecycle as life
from duo_desktop.services.reports import Rate, programme_results, results_per_branch

from . import factories as f

TODAY = dt.date(2026, 3, 16)


def _duo(s, b, mentor, mentee=None, proposed=dt.date(2024, 2, 1), stage="ended", ended=dt.date(2024, 8, 1),
         outcomes=(), applied=dt.date(2024, 1, 1)):
    mentee = mentee or f.participant(s, b, role=Role.MENTEE, applied_on=applied)
    now = dt.datetime.combine(proposed, dt.time(10))
    duo = life.propose(s, mentor, mentee, now)
    if stage == "proposed":
        return duo
    life.plan_first_meeting(s, duo, now, "Antenne", now)
    for side in ("mentor", "mentee"):
        life.record_decision(s, duo, side, Decision.ACCEPTED, proposed, now)
    if stage == "awaiting":
        return duo
    life.sign_agreement(s, duo, proposed + dt.timedelta(days=7), "fr", now)
    if stage == "ended":
        life.end_duo(s, duo, ended, EndReason.COMPLETED, now)
    for kind, moment in outcomes:
        s.add(Outcome(duo_id=duo.id, kind=kind, moment=moment, learnt_on=ended + dt.timedelta(days=100)))
    s.flush()
    return duo


def pair(rate: Rate) -> tuple[int, int]:
    return rate.numerator, rate.denominator


def test_a_rate_without_cases_has_no_value():
    assert Rate(0, 0).value is None
    assert Rate(1, 4).value == 0.25


def test_stages_outcomes_and_second_duos_are_counted_as_published(store):
    M3, M12 = OutcomeMoment.AFTER_3_MONTHS, OutcomeMoment.AFTER_12_MONTHS
    with store.transaction() as s:
        b = f.branch(s)
        m1, m2, m3, m4 = (f.participant(s, b, role=Role.MENTOR) for _ in range(4))
        # m1: an ended duo with a training then a job (one positive duo, counted once), then an active one
        _duo(s, b, m1, outcomes=[(OutcomeKind.TRAINING, M3), (OutcomeKind.JOB, M12)])
        _duo(s, b, m1, proposed=dt.date(2025, 1, 10), stage="active")
        # m2: an ended duo still searching, then a duo awaiting its agreement (a second duo too)
        _duo(s, b, m2, outcomes=[(OutcomeKind.STILL_SEARCHING, M3)])
        _duo(s, b, m2, proposed=dt.date(2025, 2, 1), stage="awaiting")
        # m3: an ended duo whose mentee volunteers (not positive), then a mere proposal (not a second duo)
        _duo(s, b, m3, outcomes=[(OutcomeKind.VOLUNTEERING, M3)])
        _duo(s, b, m3, proposed=dt.date(2025, 3, 1), stage="proposed")
        # m4: an ended duo with no outcome known (not in the positive rate's cases)
        _duo(s, b, m4, proposed=dt.date(2023, 5, 1), ended=dt.date(2023, 11, 1))
        r = programme_results(s, TODAY)
    assert (r.active_duos, r.started_duos, r.ended_duos) == (1, 5, 4)
    assert pair(r.positive_outcomes) == (1, 3)
    assert pair(r.mentors_second_duo) == (2, 4)
    assert r.started_per_year == {2023: 1, 2024: 3, 2025: 1}


def test_the_match_is_the_first_proposal_and_needs_an_application_date(store):
    with store.transaction() as s:
        b = f.branch(s)
        m1, m2 = f.participant(s, b, role=Role.MENTOR), f.participant(s, b, role=Role.MENTOR)
        mentee = f.participant(s, b, role=Role.MENTEE, applied_on=dt.date(2025, 1, 1))
        first = _duo(s, b, m1, mentee, proposed=dt.date(2025, 1, 11), stage="proposed")
        life.cancel(s, first, dt.datetime(2025, 1, 12, 9))
        _duo(s, b, m2, mentee, proposed=dt.date(2025, 3, 1), stage="active")  # later: not the match date
        slow = f.participant(s, b, role=Role.MENTEE, applied_on=dt.date(2025, 1, 1))
        _duo(s, b, f.participant(s, b, role=Role.MENTOR), slow, proposed=dt.date(2025, 4, 1), stage="active")
        unknown = f.participant(s, b, role=Role.MENTEE, applied_on=None)
        _duo(s, b, f.participant(s, b, role=Role.MENTOR), unknown, proposed=dt.date(2025, 1, 2), stage="proposed")
        r = programme_results(s, TODAY)
    assert pair(r.matched_within_a_month) == (1, 2)  # 10 days and 90 days; the one without a date left out
    assert r.median_days_to_match == 50


def test_nothing_to_report_gives_empty_figures(store):
    with store.transaction() as s:
        f.branch(s)
        r = programme_results(s, TODAY)
    assert (r.active_duos, r.started_duos, r.ended_duos) == (0, 0, 0)
    assert r.median_days_to_match is None and r.started_per_year == {}
    assert r.positive_outcomes.value is None and r.matched_within_a_month.value is None
    assert pair(r.mentors_second_duo) == (0, 0) and pair(r.job_within_12_months) == (0, 0)


def test_each_branch_counts_its_own_duos_and_the_programme_all(store):
    with store.transaction() as s:
        bxl = f.branch(s)
        gnt = f.branch(s, code="GNT", city="Gent", office="vdab")
        _duo(s, bxl, f.participant(s, bxl, role=Role.MENTOR), outcomes=[(OutcomeKind.JOB, OutcomeMoment.AT_END)])
        _duo(s, gnt, f.participant(s, gnt, role=Role.MENTOR), stage="active", proposed=dt.date(2025, 6, 1))
        _duo(s, gnt, f.participant(s, gnt, role=Role.MENTOR), stage="active", proposed=dt.date(2025, 7, 1))
        rows = results_per_branch(s, TODAY)
        gnt_id = gnt.id
    assert [city for city, _r in rows] == ["", "Bruxelles", "Gent"]
    whole, brussels, ghent = (r for _c, r in rows)
    assert (whole.started_duos, brussels.started_duos, ghent.started_duos) == (3, 1, 2)
    assert (whole.active_duos, brussels.active_duos, ghent.active_duos) == (2, 0, 2)
    assert pair(brussels.positive_outcomes) == (1, 1) and pair(ghent.positive_outcomes) == (0, 0)
    assert ghent.branch_id == gnt_id and whole.branch_id is None
    assert ghent.started_per_year == {2025: 2} and brussels.started_per_year == {2024: 1}
    assert pair(ghent.matched_within_a_month) == (0, 2)


@pytest.mark.parametrize("kind,positive", [(k, k in (OutcomeKind.JOB, OutcomeKind.INTERNSHIP, OutcomeKind.TRAINING,
                                                      OutcomeKind.STUDIES)) for k in OutcomeKind])
def test_job_internship_training_and_studies_are_the_positive_outcomes(kind, positive):
    assert kind.is_positive is positive


def test_two_duos_ended_the_same_day_are_two_jobs(store):
    with store.transaction() as s:
        b = f.branch(s)
        for _ in range(2):
            duo = _duo(s, b, f.participant(s, b, role=Role.MENTOR), ended=dt.date(2024, 8, 1))
            s.add(Outcome(duo_id=duo.id, kind=OutcomeKind.JOB, moment=OutcomeMoment.AFTER_3_MONTHS,
                          learnt_on=dt.date(2024, 11, 1), outcome_date=dt.date(2024, 10, 1)))
        r = programme_results(s, TODAY)
    assert pair(r.job_within_12_months) == (2, 2)


def test_a_branchs_jobs_are_its_own(store):
    with store.transaction() as s:
        bxl = f.branch(s)
        gnt = f.branch(s, code="GNT", city="Gent", office="vdab")
        for b, jobs in ((bxl, 1), (gnt, 2)):
            for _ in range(jobs):
                duo = _duo(s, b, f.participant(s, b, role=Role.MENTOR), ended=dt.date(2024, 8, 1))
                s.add(Outcome(duo_id=duo.id, kind=OutcomeKind.JOB, moment=OutcomeMoment.AFTER_3_MONTHS,
                              learnt_on=dt.date(2024, 11, 1), outcome_date=dt.date(2024, 10, 1)))
        _duo(s, gnt, f.participant(s, gnt, role=Role.MENTOR), ended=dt.date(2024, 8, 1))  # no job
        # the job began two months after the end, learnt of much later: the start date counts
        late = _duo(s, bxl, f.participant(s, bxl, role=Role.MENTOR), ended=dt.date(2024, 6, 1))
        s.add(Outcome(duo_id=late.id, kind=OutcomeKind.JOB, moment=OutcomeMoment.AFTER_12_MONTHS,
                      learnt_on=dt.date(2025, 9, 1), outcome_date=dt.date(2024, 8, 1)))
        # ended four months ago: too early to tell, not counted yet
        recent = _duo(s, gnt, f.participant(s, gnt, role=Role.MENTOR), proposed=dt.date(2025, 5, 1),
                      ended=dt.date(2025, 11, 15))
        s.add(Outcome(duo_id=recent.id, kind=OutcomeKind.JOB, moment=OutcomeMoment.AT_END,
                      learnt_on=dt.date(2025, 11, 15), outcome_date=dt.date(2025, 11, 1)))
        s.flush()
        whole, brussels, ghent = (r for _c, r in results_per_branch(s, TODAY))
    assert pair(whole.job_within_12_months) == (4, 5)
    assert pair(brussels.job_within_12_months) == (2, 2)
    assert pair(ghent.job_within_12_months) == (2, 3)
