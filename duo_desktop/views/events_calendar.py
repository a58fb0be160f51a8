"""The Events screen's calendar (issue 17): a month with the days that have
events in bold on a tinted background; clicking a day lists that day's
events only, "All days" goes back to the period filter."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtGui import QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QLabel, QPushButton, QVBoxLayout, QWidget

from .. import i18n
from ..i18n import _, ngettext


class EventsCalendar(QWidget):
    """``day_chosen(date or None)``: a day was clicked, or "All days"."""

    day_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        # every week of the month in sight, however short the window (at 150 % on a 768-pixel screen the
        # sixth week was cut: today's, on 30 November); the screen scrolls this column instead
        self.calendar.setMinimumHeight(self.calendar.sizeHint().height())
        self.calendar.clicked.connect(self._clicked)
        self.calendar.activated.connect(self._clicked)
        self.day_label = QLabel()
        self.day_label.setWordWrap(True)
        self.all_days = QPushButton()
        self.all_days.clicked.connect(self.clear_day)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.calendar)
        layout.addWidget(self.day_label)
        layout.addWidget(self.all_days)
        layout.addStretch(1)
        self.day: dt.date | None = None
        self.days: dict[dt.date, int] = {}
        self.translate_ui()

    def translate_ui(self) -> None:
        self.all_days.setText(_("All days"))
        self.all_days.setToolTip(_("List the events of the chosen period again, not only one day's"))
        self.calendar.setLocale(QLocale(i18n.FORMAT_LOCALES.get(i18n.current_language(), "en_GB")))
        self._say()

    def show_days(self, days: dict[dt.date, int], today: dt.date) -> None:
        """Highlight the days that have events (``days``: events per day)."""
        self.days = dict(days)
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clears every day's format
        marked = QTextCharFormat()
        marked.setFontWeight(QFont.Weight.Bold)
        marked.setBackground(QColor("#d7e8fb"))
        for day in self.days:
            self.calendar.setDateTextFormat(QDate(day.year, day.month, day.day), marked)
        if self.day is None:
            self.calendar.setSelectedDate(QDate(today.year, today.month, today.day))
        self._say()

    def is_marked(self, day: dt.date) -> bool:
        return self.calendar.dateTextFormat(QDate(day.year, day.month, day.day)).fontWeight() == QFont.Weight.Bold

    def choose(self, day: dt.date) -> None:
        """As a click on ``day``."""
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self._clicked(self.calendar.selectedDate())

    def clear_day(self) -> None:
        self.day = None
        self._say()
        self.day_chosen.emit(None)

    def _clicked(self, qdate: QDate) -> None:
        self.day = dt.date(qdate.year(), qdate.month(), qdate.day())
        self._say()
        self.day_chosen.emit(self.day)

    def _say(self) -> None:
        self.all_days.setEnabled(self.day is not None)
        if self.day is None:
            self.day_label.setText(_("Click a day to list its events."))
        else:
            n = self.days.get(self.day, 0)
            self.day_label.setText(ngettext("{date}: {count} event", "{date}: {count} events", n).format(
                date=i18n.format_date(self.day, "long"), count=n))
