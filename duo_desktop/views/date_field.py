"""The one date field and the one date-and-time field of the whole app.

A date is typed the way the intake form takes it: day/month/year
(``26/11/2026``; ``26-11-2026``, ``26.11.2026`` and ``2026-11-26`` are read
too), a time as ``18:00`` (or ``18h00``, ``18h``). A calendar button (or
Alt+Down, F4 in the field) opens a month to click in. The text is read when
the field is left: a date that cannot be read, does not exist or is out of
range is said under the field in the interface language, and the text stays
exactly as typed until corrected; nothing is ever guessed or rolled over.
Tab leaves the field in one press (the calendar button takes no focus).

Why not QDateEdit/QDateTimeEdit: their sections take typed digits one
section at a time and roll the rest, so ``26/11/2026 18:00`` typed over the
default ``07/12/2026 05:51`` became 26/12/2026 with no message, and Tab
walked day > month > year > hour > minute before leaving (issue 17, case file
``qa-date-keystrokes.txt``).

``value()`` gives a ``datetime.date`` (DateField) or ``datetime.datetime``
(DateTimeField), None when empty and not required; it raises
:class:`~duo_desktop.services.errors.RuleError` (code ``date_field``) naming
the field when the text cannot be used. ``changed(object)`` is emitted with
the new value each time a different valid value is committed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QEvent, QLocale, Qt, Signal
from PySide6.QtWidgets import (QCalendarWidget, QHBoxLayout, QLabel, QLineEdit, QMenu, QToolButton, QVBoxLayout,
                               QWidget, QWidgetAction)

from .. import i18n
from ..i18n import N_, _
from ..services.errors import Message, RuleError
from ..services.validation import (DateError, format_input_date, format_input_datetime, parse_date,
                                   parse_datetime)
from .retranslate import follow_language

DATE_HINT = N_("dd/mm/yyyy")
DATETIME_HINT = N_("dd/mm/yyyy hh:mm")


class DateField(QWidget):
    """A date typed day/month/year, with a calendar; see the module docstring."""

    changed = Signal(object)
    with_time = False

    def __init__(self, value: dt.date | None = None, *, minimum: dt.date | None = None,
                 maximum: dt.date | None = None, required: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.minimum, self.maximum, self.required = minimum, maximum, required
        self._value = None
        self._problem: Message | None = None
        self.line = QLineEdit()
        self.line.setObjectName("date_text")
        self.button = QToolButton()
        self.button.setArrowType(Qt.ArrowType.DownArrow)  # drawn by the style: no font needed (an emoji was a box)
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab leaves the field in one press
        self.menu = QMenu(self)
        # Parented at once, so that Qt owns it: a parentless calendar was Python's to delete, and the
        # garbage collector (which may run on a worker thread) deleted it there, under the menu's feet.
        self.calendar = QCalendarWidget(self.menu)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        holder = QWidgetAction(self.menu)
        holder.setDefaultWidget(self.calendar)
        self.menu.addAction(holder)
        self.button.clicked.connect(self.open_calendar)
        self.calendar.activated.connect(self._picked)
        self.calendar.clicked.connect(self._picked)
        self.line.installEventFilter(self)  # Alt+Down and F4 open the calendar (no QShortcut holding self)
        self.error = QLabel()
        self.error.setObjectName("date_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.line, 1)
        row.addWidget(self.button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(row)
        box.addWidget(self.error)
        # Not setFocusProxy: with the text box as the proxy of its own parent, Tab came back to the
        # text box instead of leaving (Qt 6.11). The field takes no Tab stop itself and hands the focus
        # a buddy label's mnemonic (or setFocus) gives it to the text box, which selects all.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.line.editingFinished.connect(self.check)
        self.set_value(value)
        self.translate_ui()
        follow_language(self)  # a weak reference: see views/retranslate.py

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001, N802
        if watched is self.line and event.type() == QEvent.Type.KeyPress and (
                event.key() == Qt.Key.Key_F4 or (event.key() == Qt.Key.Key_Down
                                                 and event.modifiers() & Qt.KeyboardModifier.AltModifier)):
            self.open_calendar()
            return True
        return super().eventFilter(watched, event)

    def focusInEvent(self, event) -> None:  # noqa: ANN001, N802
        self.line.setFocus(event.reason())
        if event.reason() in (Qt.FocusReason.ShortcutFocusReason, Qt.FocusReason.OtherFocusReason):
            self.line.selectAll()

    # -- text <-> value ------------------------------------------------------------------------------------
    def _format(self, value) -> str:  # noqa: ANN001
        return format_input_date(value)

    def _parse(self, text: str):  # noqa: ANN202
        return parse_date(text)

    def _date_part(self, value) -> dt.date:  # noqa: ANN001
        return value

    def _wrong_format(self) -> Message:
        return Message(N_("write the date as day/month/year, for example 23/04/2001."))

    def problem(self) -> Message | None:
        """What is wrong with the text as it stands, or None."""
        text = self.line.text().strip()
        try:
            value = self._parse(text)
        except DateError as exc:
            if exc.kind == "impossible":
                return Message(N_("this date does not exist ({value})."), value=text)
            if exc.kind == "time":
                return Message(N_("write the date and time as day/month/year hours:minutes, "
                                  "for example 26/11/2026 18:00."))
            return self._wrong_format()
        if value is None:
            return Message(N_("required.")) if self.required else None
        day = self._date_part(value)
        if not 1900 <= day.year <= 2100:
            return Message(N_("the year {year} cannot be right."), year=day.year)
        if self.minimum is not None and day < self.minimum:
            return Message(N_("the date cannot be earlier than {date}."), date=self.minimum)
        if self.maximum is not None and day > self.maximum:
            return Message(N_("the date cannot be later than {date}."), date=self.maximum)
        return None

    def check(self) -> bool:
        """Read the text (as when the field is left): show what is wrong under
        the field, or tidy the text (``1/2/2026`` -> ``01/02/2026``) and emit
        ``changed`` when the value is new. True when the text is a good value."""
        self._problem = self.problem()
        self.error.setText(self._problem.render() if self._problem else "")
        self.error.setVisible(self._problem is not None)
        if self._problem is not None:
            return False
        value = self._parse(self.line.text())
        self.line.setText(self._format(value))
        if value != self._value:
            self._value = value
            self.changed.emit(value)
        return True

    def value(self):  # noqa: ANN201
        """The typed value (None when empty and allowed); RuleError naming the field when wrong."""
        if not self.check():
            raise RuleError(Message(N_("{field}: {problem}"), field=self.label_text(), problem=self._problem),
                            "date_field")
        return self._value

    def current(self):  # noqa: ANN201
        """The last good value committed (typed and left, picked or set), whatever the text shows now."""
        return self._value

    def set_value(self, value) -> None:  # noqa: ANN001
        """Show ``value`` (None: empty), as if typed and left."""
        self.line.setText(self._format(value) if value is not None else "")
        self._value = value
        self._problem = None
        self.error.hide()

    def label_text(self) -> str:
        """The text of the label that names this field (its buddy), without & and colon."""
        window = self.window()
        for label in window.findChildren(QLabel):
            if label.buddy() in (self, self.line):
                return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(" :\u00a0")
        return _("Date")

    # -- calendar ------------------------------------------------------------------------------------------
    def open_calendar(self) -> None:
        try:
            current = self._parse(self.line.text())
        except DateError:
            current = None
        day = self._date_part(current) if current is not None else self.maximum or dt.date.today()
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        self.menu.popup(self.button.mapToGlobal(self.button.rect().bottomLeft()))
        self.calendar.setFocus()

    def _picked(self, qdate: QDate) -> None:
        self.menu.close()
        day = dt.date(qdate.year(), qdate.month(), qdate.day())
        self._set_picked_day(day)
        self.line.setFocus(Qt.FocusReason.PopupFocusReason)
        self.check()

    def _set_picked_day(self, day: dt.date) -> None:
        self.line.setText(format_input_date(day))

    # -- language ------------------------------------------------------------------------------------------
    def translate_ui(self) -> None:
        self.line.setPlaceholderText(_(DATETIME_HINT if self.with_time else DATE_HINT))
        self.button.setToolTip(_("Choose in a calendar (Alt+Down)"))
        self.button.setAccessibleName(_("Calendar"))
        self.calendar.setLocale(QLocale(i18n.FORMAT_LOCALES.get(i18n.current_language(), "en_GB")))
        if self._problem is not None:
            self.error.setText(self._problem.render())



class DateTimeField(DateField):
    """A date and a time typed ``26/11/2026 18:00``; the calendar changes the day and keeps the time."""

    with_time = True

    def _format(self, value) -> str:  # noqa: ANN001
        return format_input_datetime(value)

    def _parse(self, text: str):  # noqa: ANN202
        return parse_datetime(text)

    def _date_part(self, value) -> dt.date:  # noqa: ANN001
        return value.date()

    def _set_picked_day(self, day: dt.date) -> None:
        parts = self.line.text().split()
        time = parts[1] if len(parts) == 2 else ""
        self.line.setText(f"{format_input_date(day)} {time}".rstrip() + ("" if time else " "))
        self.line.end(False)

    def _wrong_format(self) -> Message:
        return Message(N_("write the date and time as day/month/year hours:minutes, for example 26/11/2026 18:00."))


def check_fields(*fields: DateField) -> bool:
    """Read every field as if left; focus the first wrong one. True when all are good."""
    wrong = [f for f in fields if not f.check()]
    if wrong:
        wrong[0].line.setFocus(Qt.FocusReason.OtherFocusReason)
    return not wrong
