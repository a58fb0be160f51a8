"""Calendar arithmetic shared by every rule that counts in months or years:
eligibility (ages, a permit valid for the whole duo), the duo lifecycle (the
planned end), the participant filters (waiting more than N months), the
follow-up alerts (outcomes due 3 and 12 months after the end) and the
programme reports ("within a month", "within 12 months").

One function each, so that "a month" means the same thing everywhere: the
same day of the month, clamped to the month's last day (31 January + 1 month
= 28 or 29 February), as ``dateutil.relativedelta(months=n)`` does. Written
out here rather than adding python-dateutil for three small functions.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache


@lru_cache(maxsize=16_384)  # the alerts ask for the same few hundred dates thousands of times
def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months (negative: back), on the
    same day of the month or the last day of a shorter month.

    >>> add_months(dt.date(2025, 1, 31), 1)
    datetime.date(2025, 2, 28)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def within_months(start: dt.date, day: dt.date, months: int) -> bool:
    """True when ``day`` is at most ``months`` calendar months after
    ``start`` (``start`` itself counts; ``add_months(start, months)`` is the
    last day that does)."""
    return day <= add_months(start, months)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Completed years on ``day``: one more on each birthday (someone born on
    29 February is a year older on 1 March in common years)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))
