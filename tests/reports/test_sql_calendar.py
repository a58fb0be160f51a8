"""The calendar rules the reports count in the database (services/reports/sql.py)
mean what dates.add_months means in Python, on SQLite and PostgreSQL alike:
"within 12 months of 31 January" ends on 31 January, "6 months after 31 August"
on 28 February (29 in a leap year). One rule, two forms, checked together."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Date, literal, select

from duo_desktop.services.dates import add_months
from duo_desktop.services.reports import sql

D = dt.date
STARTS = [D(2023, 8, 31), D(2024, 1, 31), D(2024, 2, 29), D(2023, 2, 28), D(2024, 3, 31), D(2024, 12, 31),
          D(2025, 6, 15), D(2024, 4, 30), D(2025, 1, 1)]


@pytest.mark.parametrize("months", [1, 6, 12])
def test_within_and_after_months_agree_with_add_months(store_any, months):
    with store_any.session() as session:
        for start in STARTS:
            end = add_months(start, months)
            for day in (end - dt.timedelta(days=2), end - dt.timedelta(days=1), end, end + dt.timedelta(days=1),
                        end + dt.timedelta(days=2), start):
                a, b = literal(start, Date), literal(day, Date)
                within, after = session.execute(
                    select(sql.within_months(a, b, months), sql.after_months(a, b, months))).one()
                assert (bool(within), bool(after)) == (day <= end, end < day), (start, day, months)


def test_age_on_turns_on_the_birthday(store_any):
    with store_any.session() as session:
        for birth, day, age in [(D(2000, 2, 29), D(2018, 2, 28), 17), (D(2000, 2, 29), D(2018, 3, 1), 18),
                                (D(2008, 6, 30), D(2026, 6, 30), 18), (D(2008, 6, 30), D(2026, 6, 29), 17)]:
            got = session.scalar(select(sql.age_on(literal(birth, Date), literal(day, Date))))
            assert got == age, (birth, day)
