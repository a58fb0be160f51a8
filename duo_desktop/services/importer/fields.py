"""Values as spreadsheets and form tools leave them: Excel serial dates,
day-first or month-first columns, Google Forms timestamps, names whose
letters a legacy encoding replaced by question marks."""

from __future__ import annotations

import datetime as dt
import re

from .. import validation

_EXCEL_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug included)
_SERIAL = re.compile(r"^\d{4,5}(?:[.,]0+)?$")
_SLASHED = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_ISO_ANY = re.compile(r"^\s*(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?:[ T].*)?$")


def excel_serial(text: str) -> dt.date | None:
    """The date an Excel serial number stands for (36466 -> 1999-11-02),
    for the years 1910 to 2100; None for anything else."""
    text = (text or "").strip()
    if not _SERIAL.match(text):
        return None
    days = int(re.split(r"[.,]", text)[0])
    if not 3653 <= days <= 73050:
        return None
    return _EXCEL_EPOCH + dt.timedelta(days=days)


def date_order(texts: list[str]) -> str:
    """How a column writes its dates: "dmy" (the European way, and the
    reading of a column where every value could be either), "mdy" when some
    values only make sense month-first (04/23/2001) and none only day-first,
    "mixed" when both kinds are there (reported, never swapped silently)."""
    day_first = month_first = False
    for text in texts:
        match = _SLASHED.match(text or "")
        if not match:
            continue
        a, b = int(match.group(1)), int(match.group(2))
        day_first |= a > 12 >= b
        month_first |= b > 12 >= a
    if month_first and day_first:
        return "mixed"
    return "mdy" if month_first else "dmy"


def read_date(text: str, order: str = "dmy") -> dt.date | None:
    """A date cell: ISO (2001-04-23, 2024/03/05 10:12:33 AM GMT+1: a form
    tool's timestamp, time dropped), day/month/year (or month/day/year when
    ``order`` is "mdy"), or an Excel serial number. Empty gives None;
    raises validation.DateError ("format" or "impossible")."""
    text = (text or "").strip()
    if not text:
        return None
    serial = excel_serial(text)
    if serial is not None:
        return serial
    match = _ISO_ANY.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
    else:
        match = _SLASHED.match(text)
        if not match:
            return validation.parse_date(text)
        first, second, year = (int(g) for g in match.groups())
        day, month = (second, first) if order == "mdy" else (first, second)
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise validation.DateError("impossible") from None


def lost_letters(text: str) -> bool:
    """True when letters were replaced by question marks or U+FFFD: a sheet
    saved as "CSV" (Windows-1252) from names in a script it cannot hold."""
    return "\ufffd" in text or bool(re.search(r"\?\?|^\?|\?$", (text or "").strip()))
