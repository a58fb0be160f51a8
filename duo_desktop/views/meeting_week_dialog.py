"""Quick entry of a whole week of meetings for a coordinator's duos: one row
per duo (tick the duos that met; typing in a row ticks it), with date,
duration, channel, topics and a note. Tab moves through the fields, Space
ticks, Ctrl+Enter saves. All rows are saved in one transaction or none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..i18n import N_, _, ngettext
from ..models import MeetingChannel, MeetingTopic
from ..services.followup import MeetingEntry
from ..services.labels import label
from .bidi import isolate
from .date_field import check_fields
from .duo_dialogs import enum_combo
from .form_dialog import date_edit, date_of, error_label, run_save, save_cancel_buttons
from .ops import Operation
from .retranslate import follow_language, say, tr


class MeetingRow:
    """The widgets of one duo's row."""

    def __init__(self, duo_id: int, mentor: str, mentee: str, today: dt.date) -> None:
        self.duo_id = duo_id
        self.held = QCheckBox(f"{isolate(mentee)} – {isolate(mentor)}")
        tr(self.held, N_("Tick if this duo met"), "setToolTip")
        self.date = date_edit(today, today)
        self.duration = QSpinBox()
        self.duration.setRange(15, 480)
        self.duration.setSingleStep(15)
        self.duration.setValue(120)
        tr(self.duration, lambda: " " + _("min"), "setSuffix")
        self.channel = enum_combo(MeetingChannel)
        self.topics: dict[MeetingTopic, QCheckBox] = {
            t: tr(QCheckBox(), lambda t=t: label(t)) for t in MeetingTopic}
        self.note = QLineEdit()
        tr(self.note, N_("Note"), "setPlaceholderText")
        for signal in (self.date.line.textEdited, self.duration.valueChanged, self.channel.currentIndexChanged,
                       self.note.textEdited, *(box.toggled for box in self.topics.values())):
            signal.connect(self._tick)

    def _tick(self, *_args) -> None:  # noqa: ANN002
        self.held.setChecked(True)

    def entry(self) -> MeetingEntry:
        return MeetingEntry(self.duo_id, date_of(self.date), self.duration.value(), MeetingChannel(self.channel.currentData()),
                            tuple(t for t, box in self.topics.items() if box.isChecked()), self.note.text())


class MeetingWeekDialog(QDialog):
    def __init__(self, duos: Sequence[tuple[int, str, str]], today: dt.date,
                 save: Callable[[list[MeetingEntry], list[int]], Operation], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tr(self, N_("Meetings of the week"), "setWindowTitle")
        self._save = save
        self.rows = [MeetingRow(did, mentor, mentee, today) for did, mentor, mentee in duos]
        intro = tr(QLabel(), N_("Tick the duos that met, then fill in the date, duration, channel and topics. "
                                "Ctrl+Enter saves."))
        intro.setWordWrap(True)

        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setHorizontalSpacing(8)
        for col, title in enumerate((N_("Duo"), N_("Date"), N_("Duration"), N_("Channel"), N_("Note"))):
            head = tr(QLabel(), lambda title=title: f"<b>{_(title)}</b>")
            grid.addWidget(head, 0, col)
        line = 1
        for row in self.rows:
            grid.addWidget(row.held, line, 0)
            grid.addWidget(row.date, line, 1)
            grid.addWidget(row.duration, line, 2)
            grid.addWidget(row.channel, line, 3)
            grid.addWidget(row.note, line, 4)
            topics = QWidget()
            box = QGridLayout(topics)  # nine topics on two lines, so the dialog fits a laptop screen
            box.setContentsMargins(24, 0, 0, 0)
            box.setHorizontalSpacing(14)
            box.setVerticalSpacing(2)
            box.addWidget(tr(QLabel(), N_("Topics:")), 0, 0)
            for i, check in enumerate(row.topics.values()):
                box.addWidget(check, i // 5, 1 + i % 5)
            box.setColumnStretch(6, 1)
            grid.addWidget(topics, line + 1, 0, 1, 5)
            sep = QFrame()
            sep.setFrameShape(QFrame.Shape.HLine)
            sep.setFrameShadow(QFrame.Shadow.Sunken)
            grid.addWidget(sep, line + 2, 0, 1, 5)
            line += 3
        grid.setColumnStretch(4, 1)
        grid.setRowStretch(line, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)

        self.empty = tr(QLabel(), N_("No active duo to log meetings for."))
        self.empty.setVisible(not self.rows)
        self.error = error_label()
        self.buttons = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(1000, 600)
        if self.rows:
            self.rows[0].held.setFocus()
        follow_language(self)

    def entries(self) -> tuple[list[MeetingEntry], list[int]]:
        """The ticked rows' meetings and their row numbers (1-based)."""
        picked = [(i, row) for i, row in enumerate(self.rows, start=1) if row.held.isChecked()]
        return [row.entry() for _i, row in picked], [i for i, _row in picked]

    def try_accept(self) -> None:
        if not check_fields(*(row.date for row in self.rows if row.held.isChecked())):
            say(self.error, N_("Nothing was saved: a date needs correcting (see under the field)."))
            return
        entries, rows = self.entries()
        if not entries:
            say(self.error, N_("Tick at least one duo that met."))
            return
        if not run_save(self._save(entries, rows), self.error, N_("Nothing was saved. {reason}")):
            return
        self.saved_count = len(entries)
        self.accept()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.try_accept()
            return
        super().keyPressEvent(event)


def saved_message(count: int) -> str:
    return ngettext("{count} meeting saved.", "{count} meetings saved.", count).format(count=count)
