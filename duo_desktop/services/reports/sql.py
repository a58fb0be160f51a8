"""Calendar arithmetic in SQL that means the same on SQLite and PostgreSQL,
and the same as services/dates.py means in Python, so that a figure can be
counted by the database instead of a loop over rows.

- ``days_between(earlier, later)``: whole days from one date to another
  (``later - earlier``; negative when ``later`` is before). SQLite keeps dates
  as ISO text: ``julianday(later) - julianday(earlier)``; PostgreSQL
  subtracts dates (an integer).
- ``json_date(text)``: an ISO date kept as text in a JSON column, comparable
  with a date column: the text itself on SQLite (dates are ISO text there),
  ``CAST(text AS DATE)`` on PostgreSQL.
- ``year_of(day)``, ``month_of(day)``: the year, the month (1-12) of a date, integers.
- ``age_on(birth, day)``: completed years on ``day`` (dates.age_on).
- ``after_months(start, day, n)``: ``day > add_months(start, n)`` (dates.add_months:
  the same day of the month, clamped to a shorter month's last day).
- ``within_months(start, day, n)``: ``day <= add_months(start, n)`` (dates.within_months).
- ``any_row(*where)``: ``EXISTS (SELECT 1 FROM ... WHERE ...)``.

The month rules need no clamping in SQL: with ``m`` the number of calendar
months from ``start``'s month to ``day``'s, ``day <= add_months(start, n)``
exactly when ``m < n``, or ``m == n`` and ``day``'s day of the month is at most
``start``'s (a day of a short month never passes its last day).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, Integer, case, exists, literal_column
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import ColumnElement, FunctionElement

from ..dates import add_months


class days_between(FunctionElement):  # noqa: N801  (used like a SQL function)
    """``days_between(earlier, later)``: ``later - earlier`` in days."""

    type = Integer()
    inherit_cache = True
    name = "days_between"


@compiles(days_between)
def _days_default(element, compiler, **kw) -> str:  # noqa: ANN001
    earlier, later = list(element.clauses)
    return f"({compiler.process(later, **kw)} - {compiler.process(earlier, **kw)})"


@compiles(days_between, "sqlite")
def _days_sqlite(element, compiler, **kw) -> str:  # noqa: ANN001
    earlier, later = list(element.clauses)
    return f"CAST(julianday({compiler.process(later, **kw)}) - julianday({compiler.process(earlier, **kw)}) AS INTEGER)"


class json_date(FunctionElement):  # noqa: N801
    """An ISO date kept as JSON text, as a date."""

    type = Date()
    inherit_cache = True
    name = "json_date"


@compiles(json_date)
def _json_date_default(element, compiler, **kw) -> str:  # noqa: ANN001
    return f"CAST({compiler.process(list(element.clauses)[0], **kw)} AS DATE)"


@compiles(json_date, "sqlite")
def _json_date_sqlite(element, compiler, **kw) -> str:  # noqa: ANN001
    return compiler.process(list(element.clauses)[0], **kw)


class _DatePart(FunctionElement):
    """An integer part of a date: ``EXTRACT`` on PostgreSQL; on SQLite, where a
    date is ISO text, the digits themselves (``substr``: several times faster
    than the ``strftime`` SQLAlchemy's ``extract`` becomes there, which
    matters over thousands of rows)."""

    type = Integer()
    inherit_cache = True
    field = ""
    digits = (0, 0)  # (start, length) in "YYYY-MM-DD"


class _year(_DatePart):  # noqa: N801
    inherit_cache = True
    name, field, digits = "year_of", "YEAR", (1, 4)


class _month(_DatePart):  # noqa: N801
    inherit_cache = True
    name, field, digits = "month_of", "MONTH", (6, 2)


class _day(_DatePart):  # noqa: N801
    inherit_cache = True
    name, field, digits = "day_of", "DAY", (9, 2)


@compiles(_DatePart)
def _part_default(element, compiler, **kw) -> str:  # noqa: ANN001
    return f"CAST(EXTRACT({element.field} FROM {compiler.process(element.clauses, **kw)}) AS INTEGER)"


@compiles(_DatePart, "sqlite")
def _part_sqlite(element, compiler, **kw) -> str:  # noqa: ANN001
    start, length = element.digits
    return f"CAST(substr({compiler.process(element.clauses, **kw)}, {start}, {length}) AS INTEGER)"


class _month_day(FunctionElement):  # noqa: N801
    """The month and day of a date, ordered as in the calendar: ``month * 100 +
    day`` on PostgreSQL; on SQLite the text ``"MM-DD"`` itself (one substr, not
    four substr and casts: the age of every entrant is computed twice)."""

    type = Integer()
    inherit_cache = True
    name = "month_day"


@compiles(_month_day)
def _month_day_default(element, compiler, **kw) -> str:  # noqa: ANN001
    day = compiler.process(element.clauses, **kw)
    return f"(CAST(EXTRACT(MONTH FROM {day}) AS INTEGER) * 100 + CAST(EXTRACT(DAY FROM {day}) AS INTEGER))"


@compiles(_month_day, "sqlite")
def _month_day_sqlite(element, compiler, **kw) -> str:  # noqa: ANN001
    return f"substr({compiler.process(element.clauses, **kw)}, 6, 5)"


def year_of(day: Any) -> ColumnElement:
    """The year of a date, an integer (for grouping by year in the database)."""
    return _year(day)


def month_of(day: Any) -> ColumnElement:
    """The month (1-12) of a date, an integer."""
    return _month(day)


def _month_index(day: Any) -> ColumnElement:
    return _year(day) * 12 + _month(day)


def age_on(birth: Any, day: Any) -> ColumnElement:
    """Completed years on ``day`` (NULL when either is NULL)."""
    birthday_to_come = _month_day(day) < _month_day(birth)
    return _year(day) - _year(birth) - case((birthday_to_come, 1), else_=0)


def _month_gap(start: Any, day: Any) -> ColumnElement:
    """``100 * m + (day's day of the month - start's)``, ``m`` the calendar
    months from ``start``'s month to ``day``'s: ordered as the pair (m, day
    of the month difference), the days differing by less than 100. Each part
    is read once (the rule below with ``m`` and the days compared apart read
    them twice)."""
    return (_month_index(day) - _month_index(start)) * 100 + _day(day) - _day(start)


def within_months(start: Any, day: Any, months: Any) -> ColumnElement:
    """``day <= add_months(start, months)`` (``months`` a number or an expression):
    ``m < months``, or ``m == months`` and ``day``'s day of the month at most ``start``'s."""
    return _month_gap(start, day) <= months * 100


def after_months(start: Any, day: Any, months: Any) -> ColumnElement:
    """``add_months(start, months) < day``."""
    return _month_gap(start, day) > months * 100


def last_start_within(today: dt.date, months: int) -> dt.date:
    """The last day ``d`` with ``add_months(d, months) <= today``: the
    ends whose ``months`` calendar months are over on ``today`` are those on
    or before it (30 and 31 August + 6 months are both 28 February)."""
    day = add_months(today, -months)
    while add_months(day + dt.timedelta(days=1), months) <= today:
        day += dt.timedelta(days=1)
    return day


def any_row(*where: Any):  # noqa: ANN201
    """``EXISTS (SELECT 1 ... WHERE where)``, the tables those of ``where``
    (correlated to the enclosing query's). Not ``EXISTS (SELECT * ...)``
    (``sqlalchemy.exists()``): for that SQLite 3.40 reads the table's row even
    when an index holds every column the WHERE reads (the reports' outcome
    look-ups took a third longer)."""
    return exists(literal_column("1")).where(*where)
