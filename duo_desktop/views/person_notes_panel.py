"""The dated notes of the participant shown (issue 17): a list, newest first,
with visible "Add note…" and "Edit note…" buttons; the screen saves through
services/person_notes.py (views/participants_screen.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton,
                               QVBoxLayout, QWidget)

from .. import i18n
from ..i18n import N_, _
from ..services.participant_profile import NoteEntry
from .form_dialog import FormDialog, date_edit, date_of
from .ops import Operation
from .typed_guard import confirm_with_ctrl_enter


@dataclass(frozen=True)
class NoteInput:
    noted_on: dt.date
    text: str


class NoteDialog(FormDialog):
    """Add a dated note (date and text), or correct a note's text (date shown, fixed)."""

    def __init__(self, today: dt.date, save: Callable[[NoteInput], Operation | None], note: NoteEntry | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(N_("Add a note") if note is None else N_("Edit the note"), save, parent)
        self.noted_on = date_edit(note.noted_on if note else today, today)
        self.noted_on.setEnabled(note is None)
        self.text = QPlainTextEdit(note.text if note else "")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(120)
        self.add_row(N_("Date"), self.noted_on)
        self.add_row(N_("Note"), self.text)
        confirm_with_ctrl_enter(self, self.try_accept)

    def value(self) -> NoteInput:
        return NoteInput(date_of(self.noted_on), self.text.toPlainText())


class PersonNotesPanel(QWidget):
    """The list and its buttons; ``add_requested`` and ``edit_requested(note_id)`` ask the screen."""

    add_requested = Signal()
    edit_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setMaximumHeight(140)
        self.list.itemDoubleClicked.connect(lambda _item: self._edit())
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.add_button = QPushButton()
        self.edit_button = QPushButton()
        self.add_button.clicked.connect(self.add_requested)
        self.edit_button.clicked.connect(self._edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.title, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        self.notes: list[NoteEntry] = []
        self.translate_ui()

    def translate_ui(self) -> None:
        self.title.setText(_("Dated notes"))
        self.add_button.setText(_("Add note…"))
        self.edit_button.setText(_("Edit note…"))
        self.show_notes(self.notes)

    def show_notes(self, notes: list[NoteEntry]) -> None:
        self.notes = list(notes)
        self.list.clear()
        for note in self.notes:
            item = QListWidgetItem(_("{date}: {text}").format(date=i18n.format_date(note.noted_on), text=note.text))
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            self.list.addItem(item)
        if not self.notes:
            self.list.addItem(QListWidgetItem(_("No dated note yet.")))
        self._enable()

    def current_note(self) -> NoteEntry | None:
        item = self.list.currentItem()
        note_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return next((n for n in self.notes if n.id == note_id), None)

    def _enable(self) -> None:
        self.edit_button.setEnabled(self.current_note() is not None)

    def _edit(self) -> None:
        note = self.current_note()
        if note is not None:
            self.edit_requested.emit(note.id)
