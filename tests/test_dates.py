"""One calendar arithmetic for every rule counting in months (services/dates.py)."""

from __future__ import annotations

import datetime as dt

from duo_desktop.services import alerts, duo_lifecycle, eligibility, participants
from duo_desktop.services.reports import esf, outcome_figures, pipeline_figures, programme
from duo_desktop.services.reports import sql as report_sql
from duo_desktop.services.dates import add_months, age_on, within_months

D = dt.date


def test_a_month_is_the_same_day_of_the_month_clamped_to_its_end():
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_months(D(2026, 8, 31), 6) == D(2027, 2, 28)
    assert add_months(D(2025, 3, 31), 12) == D(2026, 3, 31)
    assert add_months(D(2026, 3, 16), -15) == D(2024, 12, 16)
    assert add_months(D(2026, 5, 31), -3) == D(2026, 2, 28)
    assert add_months(D(2026, 12, 15), 1) == D(2027, 1, 15)
    assert add_months(D(2026, 1, 15), -1) == D(2025, 12, 15)


def test_within_months_counts_the_last_day_and_not_the_next():
    assert within_months(D(2026, 2, 1), D(2026, 3, 1), 1)
    assert not within_months(D(2026, 2, 1), D(2026, 3, 2), 1)  # 29 days, yet after one calendar month
    assert within_months(D(2026, 1, 1), D(2026, 2, 1), 1)  # 31 days
    assert not within_months(D(2026, 1, 1), D(2026, 2, 2), 1)


def test_ages_turn_on_the_birthday():
    assert age_on(D(1996, 3, 16), D(2026, 3, 15)) == 29
    assert age_on(D(1996, 3, 16), D(2026, 3, 16)) == 30
    assert age_on(D(2004, 2, 29), D(2025, 2, 28)) == 20
    assert age_on(D(2004, 2, 29), D(2025, 3, 1)) == 21


def test_every_rule_counting_months_uses_the_same_function():
    for module in (eligibility, duo_lifecycle, alerts, participants, programme):
        assert module.add_months is add_months, module.__name__
    # the reports count months in the database, with the one SQL form of the same rule
    # (tests/reports/test_sql_calendar.py checks it against add_months on both engines)
    for module in (outcome_figures, esf, pipeline_figures):
        assert module.sql is report_sql, module.__name__
