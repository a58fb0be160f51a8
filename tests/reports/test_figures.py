"""Each figure of the registry on a small programme counted by hand
(tests/reports/programme_data.py): the first quarter of 2025, computed on
31 March 2026, with duos and events on the first and last days of the
quarter and outcomes 12 calendar months after an end on 31 January."""

from __future__ import annotations

import pytest

from duo_desktop.services.reports import FigureResult, Period, build_report, figures, get
from duo_desktop.services.reports.published import published

from .programme_data import D, Q1, build

EXPECTED = {  # key: (value, names behind it)
    "applications": (3, {"m1", "m3", "m6"}),  # m2 applied on 31 December: before the quarter
    "info_session_attendance": (2, {"m1", "m3"}),  # 31 March at 18:00 counts, 1 April at 00:00 does not
    "intakes": (3, {"m1", "m2", "m6"}),
    "mentors_trained": (1, {"M1"}),
    "waiting_list": (1, {"m4"}),  # m5 withdrew, m3's intake was on 1 April
    "median_days_to_proposal": (30.0, {"m1", "m2", "m6"}),  # waits of 30, 32 and 19 days
    "proposed_within_a_month": (2 / 3, {"m1", "m6"}),  # m2: applied 31 Dec, proposed 1 Feb: past 31 Jan
    "duos_proposed": (3, {"d1", "d2", "d6"}),
    "duos_started": (2, {"d1", "d2"}),  # d2 signed on 31 March, the last day
    "duos_active": (4, {"d1", "d2", "d7", "d8"}),
    "duos_ended": (3, {"d1", "d7", "d8"}),
    "duos_completed": (2, {"d1", "d8"}),
    "duos_ended_early": (1, {"d7"}),
    "duos_ended_early_mentee_stopped": (1, {"d7"}),
    "duos_ended_early_moved_away": (0, set()),
    "meetings_per_duo": (1.0, {"d1", "d2", "d7", "d8"}),  # 4 meetings in the quarter over 4 active duos
    "mentors_again": (2 / 3, {"M1", "M3"}),  # M2's later proposal was refused
    "positive_at_end": (2 / 3, {"d1", "d8"}),
    "positive_within_12_months": (1.0, {"d1", "d7", "d8"}),
    "job_within_12_months": (2 / 3, {"d1", "d7"}),  # d7: 31 Jan + 12 months = 31 Jan 2026 counts; d8 a day late
}


@pytest.fixture
def programme(store):
    with store.transaction() as s:
        return build(s)


def _names(programme, ids, subject="participant"):  # noqa: ANN001, ANN202
    back = {v: k for k, v in (programme.people if subject == "participant" else programme.duos).items()}
    return {back[i] for i in ids}


@pytest.mark.parametrize("key", sorted(EXPECTED))
def test_each_figure_counted_by_hand(store, programme, key):
    value, names = EXPECTED[key]
    with store.session() as s:
        result = get(key).compute(s, Q1, None, None)
    assert result.value == pytest.approx(value)
    assert _names(programme, result.ids, get(key).subject) == names


def test_every_figure_counted_by_hand_on_each_engine(store_any):
    """The same figures on SQLite and PostgreSQL, with their ids and counted
    in the database (the calendar rules are SQL: services/reports/sql.py)."""
    with store_any.transaction() as s:
        programme = build(s)
    with store_any.session() as s:
        full, counted = build_report(s, Q1), build_report(s, Q1, with_ids=False)
    for key, (value, names) in EXPECTED.items():
        subject = get(key).subject
        assert full.results[key].value == pytest.approx(value), key
        assert _names(programme, full.results[key].ids, subject) == names, key
        assert counted.results[key].value == pytest.approx(value), key
    for report in (full, counted):  # plain numbers in report --json (PostgreSQL sums counts as NUMERIC: Decimal)
        for key, fig in report.as_dict()["figures"].items():
            assert fig["value"] is None or type(fig["value"]) in (int, float), key


def test_every_figure_has_a_definition_and_is_tested():
    keys = {f.key for f in figures()}
    assert all(f.definition and f.label for f in figures())
    untested = keys - set(EXPECTED) - {f"duos_ended_early_{r}" for r in
                                       ("mentee_found_job", "training_started", "mentor_stopped", "other")}
    assert not untested


def test_drill_down_ids_are_the_figure(store, programme):
    with store.session() as s:
        report = build_report(s, Q1)
    for fig, result in report.figures():
        if fig.unit == "count":
            assert result.value == len(result.ids), fig.key
        if fig.unit == "rate" and result.base_ids:
            assert result.value == pytest.approx(len(result.ids) / len(result.base_ids)), fig.key
            assert set(result.ids) <= set(result.base_ids)


def test_counted_in_the_database_the_figures_are_the_same_and_ids_come_on_drill_down(store, programme):
    from duo_desktop.services.reports.report import figure_ids

    with store.session() as s:
        full = build_report(s, Q1)
        counted = build_report(s, Q1, with_ids=False)
        for fig, result in full.figures():
            fast = counted.results[fig.key]
            assert (fast.value, fast.count, fast.base_count) == (result.value, result.count, result.base_count), fig.key
            assert figure_ids(s, counted, fig.key) == result.ids, fig.key
    assert counted.results["duos_started"].ids is None and counted.results["applications"].ids is None


def test_branch_and_coordinator_narrow_the_figures(store, programme):
    with store.session() as s:
        by_branch = get("duos_proposed").compute(s, Q1, programme.branch_b, None)
        by_coordinator = get("duos_proposed").compute(s, Q1, None, programme.c1)
        applications_b = get("applications").compute(s, Q1, programme.branch_b, None)
    assert _names(programme, by_branch.ids, "duo") == {"d6"}
    assert _names(programme, by_coordinator.ids, "duo") == {"d1", "d2"}
    assert _names(programme, applications_b.ids) == {"m6"}


def test_twelve_months_are_not_over_yet(store, programme):
    """Computed on 30 January 2026, d7 (ended 31 January 2025) cannot tell yet."""
    early = Period(Q1.start, Q1.end, as_of=D(2026, 1, 30))
    with store.session() as s:
        result = get("job_within_12_months").compute(s, early, None, None)
    assert result.value is None and result.base_ids == ()


def test_a_month_and_a_day():
    assert Period.month(2024, 2).end == D(2024, 2, 29)
    assert Period.quarter(2025, 4) == Period(D(2025, 10, 1), D(2025, 12, 31))
    assert Period(D(2025, 1, 31), D(2025, 3, 1)).months() == [(2025, 1), (2025, 2), (2025, 3)]


def test_reversed_period_is_refused():
    from duo_desktop.services.errors import RuleError

    with pytest.raises(RuleError) as info:
        Period(D(2025, 3, 1), D(2025, 2, 1))
    assert info.value.code == "report.period_reversed"


def test_published_results_come_from_the_resource_file():
    refs = published()
    assert refs["positive_outcomes"].value == 0.71
    assert refs["job_within_12_months"].value == 0.53
    assert refs["mentors_second_duo"].value == 0.9
    assert get("positive_at_end").published == "positive_outcomes"
    # the PDF summary names the source in its own language, not in English
    from duo_desktop.services.reports.published import source

    assert "résultats publiés" in source("fr") and "gepubliceerde resultaten" in source("nl")
    assert "published results" in source("en") and source("de") == source("en")


def test_empty_programme_gives_no_rate(store):
    with store.session() as s:
        report = build_report(s, Q1)
    assert report.results["positive_at_end"] == FigureResult(None, (), ())
    assert report.results["applications"].value == 0


def test_charts_series(store, programme):
    with store.session() as s:
        report = build_report(s, Q1)
    assert report.per_month == [("2025-01", 0), ("2025-02", 1), ("2025-03", 1)]
    assert dict(report.funnel) == {"applications": 3, "info_session_attendance": 2, "intakes": 3,
                                   "duos_proposed": 3, "duos_started": 2}
    years = dict(report.outcomes_per_year)
    assert years[2025] == {"ended": 3, "positive": 2, "job": 1}
    assert sorted(years) == [2021, 2022, 2023, 2024, 2025]


def test_twelve_calendar_months_over_a_29_february(store):
    """Ended 31 March 2023: the 12 months end on 31 March 2024, 366 days later;
    a job that day counts (365 days would miss it)."""
    from duo_desktop.models import Duo, DuoStage, Outcome, OutcomeKind, OutcomeMoment, Role

    from .. import factories as f

    with store.transaction() as s:
        b = f.branch(s)
        mentor, mentee = f.participant(s, b, role=Role.MENTOR), f.participant(s, b)
        duo = Duo(branch_id=b.id, mentor_id=mentor.id, mentee_id=mentee.id, stage=DuoStage.ENDED,
                  proposed_on=D(2022, 9, 1), agreement_signed_on=D(2022, 10, 1), ended_on=D(2023, 3, 31))
        s.add(duo)
        s.flush()
        s.add(Outcome(duo_id=duo.id, kind=OutcomeKind.JOB, moment=OutcomeMoment.AFTER_12_MONTHS,
                      outcome_date=D(2024, 3, 31), learnt_on=D(2024, 4, 2)))
    with store.session() as s:
        result = get("job_within_12_months").compute(s, Period.quarter(2023, 1, as_of=D(2024, 4, 30)), None, None)
    assert result.value == 1.0


def test_median_of_an_even_number_of_waits_on_each_engine(store_any):
    """Branch A: m1 waited 30 days, m2 32: the median is 31, computed in the
    database (counted report) as in Python (with the ids)."""
    with store_any.transaction() as s:
        programme = build(s)
    with store_any.session() as s:
        full = build_report(s, Q1, branch_id=programme.branch_a)
        counted = build_report(s, Q1, branch_id=programme.branch_a, with_ids=False)
    assert full.results["median_days_to_proposal"].value == 31.0
    assert counted.results["median_days_to_proposal"].value == 31.0
    assert counted.results["median_days_to_proposal"].count == 2
