"""What a report is about: a period of days (both ends included), one
branch or all, one coordinator or all, and the day it is computed on.

    Period.month(2026, 1)        # 1-31 January 2026
    Period.quarter(2026, 1)      # 1 January - 31 March 2026
    Period.year(2026)
    Period(dt.date(2026, 1, 15), dt.date(2026, 2, 14))

``as_of`` is the day the figures are computed for (today): a result "within
12 months" of an end can only be counted once those 12 calendar months are
over on that day. Defaults to the period's last day.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from ..errors import RuleError
from ...i18n import N_


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    as_of: dt.date | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise RuleError(N_("The period ends ({end}) before it starts ({start})."), "report.period_reversed",
                            start=self.start.isoformat(), end=self.end.isoformat())

    @property
    def today(self) -> dt.date:
        return self.as_of or self.end

    @classmethod
    def month(cls, year: int, month: int, as_of: dt.date | None = None) -> Period:
        return cls(dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), as_of)

    @classmethod
    def quarter(cls, year: int, quarter: int, as_of: dt.date | None = None) -> Period:
        first = 3 * (quarter - 1) + 1
        return cls(dt.date(year, first, 1), cls.month(year, first + 2).end, as_of)

    @classmethod
    def year(cls, year: int, as_of: dt.date | None = None) -> Period:
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31), as_of)

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every calendar month the period touches, in order."""
        out, y, m = [], self.start.year, self.start.month
        while (y, m) <= (self.end.year, self.end.month):
            out.append((y, m))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        return out

    def contains(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end
