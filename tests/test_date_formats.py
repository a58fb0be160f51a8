"""Dates are shown one way per kind across the app (issue 17): "short" in
tables and lists, "long" in sentences and messages, both from Babel for the
interface language through duo_desktop.i18n; the views use nothing else."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from duo_desktop import i18n
from duo_desktop.i18n import Translator
from duo_desktop.services.errors import Message

DAY = dt.date(2026, 3, 2)
AT = dt.datetime(2026, 11, 26, 18, 0)


@pytest.mark.parametrize(("lang", "short", "long", "moment"), [
    ("fr", "2/03/2026", "2 mars 2026", "26 novembre 2026, 18:00"),
    ("nl", "2/03/2026", "2 maart 2026", "26 november 2026, 18:00"),
    ("en", "02/03/2026", "2 March 2026", "26 November 2026, 18:00"),
])
def test_a_short_and_a_long_way_per_language(lang, short, long, moment):
    t = Translator(lang)
    assert t.format_date(DAY, "short") == short  # the whole year, never 26
    assert t.format_date(DAY) == t.format_date(DAY, "medium") == t.format_date(DAY, "long") == long
    assert t.format_datetime(AT) == moment
    assert t.format_datetime(AT, "short") == t.format_date(AT.date(), "short") + (" " if lang == "fr" else ", ") \
        + "18:00"


def test_a_date_in_a_message_is_the_long_way():
    i18n.set_language("fr")
    assert Message("since {day}", day=DAY).render() == "since 2 mars 2026"


def test_views_format_dates_only_through_i18n():
    views = Path(i18n.__file__).parent / "views"
    found = []
    for path in views.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for pattern in (r"babel\.dates|from babel import dates", r"strftime", r"setDisplayFormat",
                        r"format_date\([^)]*\"(medium|full)\"", r"QDate(Time)?Edit\("):
            if re.search(pattern, text):
                found.append(f"{path.relative_to(views)}: {pattern}")
    assert found == []
