"""The calendar rules the reports count in the database (services/reports/sql.py)
mean what dates.add_months means in Python, on SQLite and PostgreSQL alike:
"within 12 months of 31 January" ends on 31 January, "6 months after 31 August"
on 28 February (29 in a leap year). One rule, two forms, checked together."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Date, literal, select

from duo_desktop.services.dates import add_months, age_on
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


def test_age_on_agrees_with_dates_age_on_over_many_days(store_any):
    """Every birth on the edges of a month (29 February too) against days
    around its birthdays, before it and 17, 18, 25 and 55 years on: the SQL
    age is services/dates.age_on's on SQLite and PostgreSQL alike."""
    births = [D(2000, 2, 29), D(2004, 2, 29), D(2001, 2, 28), D(2001, 3, 1), D(1999, 12, 31), D(2000, 1, 1),
              D(1970, 6, 30), D(1970, 7, 1), D(2007, 8, 31)]
    pairs = []
    for birth in births:
        for years in (-1, 0, 17, 18, 25, 30, 55):
            for month, day in ((2, 28), (2, 29), (3, 1), (birth.month, 1), (12, 31), (1, 1)):
                year = birth.year + years
                if month == 2 and day == 29 and not (year % 4 == 0 and (year % 100 or year % 400 == 0)):
                    continue
                pairs.append((birth, D(year, month, day)))
            pairs.append((birth, birth + dt.timedelta(days=365 * max(years, 0) - 1)))
    query = select(*(sql.age_on(literal(birth, Date), literal(day, Date)) for birth, day in pairs))
    with store_any.session() as session:
        got = session.execute(query).one()
    assert list(got) == [age_on(birth, day) for birth, day in pairs]


def test_within_and_after_months_agree_with_add_months_over_many_days(store_any):
    """Starts on the 1st, 28th-31st of every month of 2023-2024 (29 February
    too), days from two days before to two days after add_months(start, n),
    n = 1, 6 and 12: one query each, the same answers as in Python."""
    starts = [D(y, m, d) for y in (2023, 2024) for m in range(1, 13) for d in (1, 28, 29, 30, 31)
              if d <= (D(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)).day]
    for months in (1, 6, 12):
        pairs = [(start, add_months(start, months) + dt.timedelta(days=shift))
                 for start in starts for shift in (-2, -1, 0, 1, 2)]
        columns = []
        for start, day in pairs:
            a, b = literal(start, Date), literal(day, Date)
            columns += [sql.within_months(a, b, months), sql.after_months(a, b, months)]
        with store_any.session() as session:
            got = [bool(v) for v in session.execute(select(*columns)).one()]
        expected = []
        for start, day in pairs:
            end = add_months(start, months)
            expected += [day <= end, end < day]
        assert got == expected, months
