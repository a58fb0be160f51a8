"""The selected event on the Events screen: what, when, where, the counts,
a capacity warning, the buttons of the event and its attendance list."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from ..i18n import _
from ..models import AttendanceStatus
from ..services.attendance import AttendanceLine
from ..services.events import EventRow
from ..services.labels import label
from .attendance_view import AttendanceView
from .events_models import AttendanceTableModel, event_dates, event_name, event_times


def tool_button(action: QAction) -> QToolButton:
    button = QToolButton()
    button.setDefaultAction(action)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button


class EventDetail(QWidget):
    def __init__(self, event_actions: Sequence[QAction], list_actions: Sequence[QAction],
                 on_change: Callable[[int, AttendanceStatus], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.event_title = QLabel()
        font = QFont(self.event_title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.event_title.setFont(font)
        self.event_title.setWordWrap(True)
        self.event_info = QLabel()
        self.event_info.setWordWrap(True)
        self.event_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.counts_label = QLabel()
        self.capacity_warning = QLabel()
        self.capacity_warning.setWordWrap(True)
        self.capacity_warning.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.attendance_model = AttendanceTableModel(on_change, self)
        self.attendance_table = AttendanceView(self.attendance_model)
        self.keys_hint = QLabel()
        self.keys_hint.setWordWrap(True)
        self.keys_hint.setStyleSheet("color: palette(mid);")

        event_buttons = QHBoxLayout()
        for action in event_actions:
            event_buttons.addWidget(tool_button(action))
        event_buttons.addStretch(1)
        list_buttons = QHBoxLayout()
        for action in list_actions:
            list_buttons.addWidget(tool_button(action))
        list_buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.event_title)
        layout.addWidget(self.event_info)
        layout.addWidget(self.counts_label)
        layout.addWidget(self.capacity_warning)
        layout.addLayout(event_buttons)
        layout.addWidget(self.attendance_table, 1)
        layout.addLayout(list_buttons)
        layout.addWidget(self.keys_hint)

    def translate_ui(self) -> None:
        self.keys_hint.setText(_("Keyboard: ↑ ↓ to move; on the current row (the cursor stays there) Space: "
                                 "attended / absent, 1 invited, 2 registered, 3 attended, 4 absent, 5 excused, "
                                 "Del: remove from the list."))
        self.attendance_model.retranslate()

    def clear(self) -> None:
        self.attendance_model.set_rows([])

    def show_event(self, row: EventRow, lines: list[AttendanceLine]) -> None:
        self.event_title.setText(event_name(row))
        where = row.place or _("no place given")
        self.event_info.setText(_("{kind} · {dates}, {times} · {place} · {branch}").format(
            kind=label(row.kind), dates=event_dates(row), times=event_times(row), place=where, branch=row.branch))
        c = row.counts
        if row.capacity is not None:
            seats = _("Seats taken: {taken} / {capacity}").format(taken=c.seated, capacity=row.capacity)
        else:
            seats = _("Seats taken: {taken} (no limit)").format(taken=c.seated)
        self.counts_label.setText(_("Attended: {attended} · Registered: {registered} · Invited: {invited} · "
                                    "Absent: {absent} · Excused: {excused}").format(
            attended=c.attended, registered=c.registered, invited=c.invited, absent=c.absent, excused=c.excused)
            + "\n" + seats)
        warning = ""
        if row.over_capacity:
            warning = _("Over capacity: {seated} registered for {capacity} seats.").format(
                seated=c.seated, capacity=row.capacity)
        elif row.more_expected_than_seats:
            warning = _("{expected} people may come for {capacity} seats.").format(
                expected=c.expected, capacity=row.capacity)
        self.capacity_warning.setText(warning)
        self.capacity_warning.setVisible(bool(warning))
        current = self.attendance_table.current_participant()
        self.attendance_model.set_rows(lines)
        if lines:
            keep = self.attendance_model.row_of(current) if current is not None else -1
            self.attendance_table.setCurrentIndex(self.attendance_model.index(max(keep, 0), 0))
