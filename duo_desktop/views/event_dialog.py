"""Create or edit an event: branch, type, title, start and end, place,
capacity, notes. The service validates; its messages appear under the field
they concern and the dialog stays open, with everything typed kept.

``submit(data)`` saves (see event_editing.py) and raises
:class:`EventInvalid` or :class:`RuleError` when it is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..i18n import N_, _
from ..models import EventKind
from ..services.events import CAPACITY_MAX, PLACE_MAX, TITLE_MAX, BranchChoice, EventInput, EventInvalid
from ..services.errors import Message, RuleError
from ..services.labels import label
from .date_field import DateTimeField, check_fields
from .form_dialog import refusal
from .typed_guard import AsksBeforeDiscarding, confirm_with_ctrl_enter
from .retranslate import follow_language, say


class EventDialog(AsksBeforeDiscarding, QDialog):
    def __init__(self, branches: list[BranchChoice], initial: EventInput,
                 submit: Callable[[EventInput], None], editing: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self._editing = editing
        self._version = initial.version  # a save over someone else's change is refused (optimistic locking)
        self.branch = QComboBox()
        for b in branches:
            self.branch.addItem(b.name, b.id)
        self.kind = QComboBox()
        for kind in EventKind:
            self.kind.addItem("", kind)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(TITLE_MAX + 50)  # longer text is refused with a message, not cut
        self.starts = DateTimeField()
        self.ends = DateTimeField()
        self.place = QLineEdit()
        self.place.setMaxLength(PLACE_MAX + 50)
        self.capacity = QSpinBox()
        self.capacity.setRange(0, CAPACITY_MAX)
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(70)

        self.errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._labels: dict[str, QLabel] = {}
        for key, widget in (("branch", self.branch), ("kind", self.kind), ("title", self.title_edit),
                            ("starts_at", self.starts), ("ends_at", self.ends), ("place", self.place),
                            ("capacity", self.capacity), ("notes", self.notes)):
            field_label = QLabel()
            field_label.setBuddy(widget)
            self._labels[key] = field_label
            error = QLabel()
            error.setObjectName(f"error_{key}")
            error.setWordWrap(True)
            error.setStyleSheet("color: #b3261e;")
            error.hide()
            self.errors[key] = error
            box = QVBoxLayout()
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(widget)
            box.addWidget(error)
            holder = QWidget()
            holder.setLayout(box)
            self.form.addRow(field_label, holder)
        self.general_error = QLabel()
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet("color: #b3261e;")
        self.general_error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        self._set(initial)
        self._duration = self.ends.current() - self.starts.current()
        self.starts.changed.connect(self._keep_duration)
        self.ends.changed.connect(self._remember_duration)
        self.translate_ui()
        follow_language(self)
        self.setMinimumWidth(480)
        confirm_with_ctrl_enter(self, self.save)

    def translate_ui(self) -> None:
        self.setWindowTitle(_("Edit the event") if self._editing else _("New event"))
        texts = {"branch": _("&Branch"), "kind": _("T&ype"), "title": _("T&itle"), "starts_at": _("&Starts"),
                 "ends_at": _("&Ends"), "place": _("&Place"), "capacity": _("&Capacity"), "notes": _("&Notes")}
        for key, text in texts.items():
            self._labels[key].setText(text)
        for i in range(self.kind.count()):
            self.kind.setItemText(i, label(EventKind(self.kind.itemData(i))))
        self.title_edit.setPlaceholderText(_("For example: Information session for new mentors"))
        self.place.setPlaceholderText(_("Address or room"))
        self.capacity.setSpecialValueText(_("No limit"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("&Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def _set(self, data: EventInput) -> None:
        self.branch.setCurrentIndex(max(0, self.branch.findData(data.branch_id)))
        self.kind.setCurrentIndex(max(0, self.kind.findData(data.kind)))
        self.title_edit.setText(data.title)
        self.starts.set_value(data.starts_at.replace(second=0, microsecond=0))
        self.ends.set_value((data.ends_at or data.starts_at + dt.timedelta(hours=2)).replace(second=0, microsecond=0))
        self.place.setText(data.place)
        self.capacity.setValue(data.capacity or 0)
        self.notes.setPlainText(data.notes)

    def _keep_duration(self, value: dt.datetime) -> None:
        """A new start moves the end with it (the same length), unless the end was being corrected."""
        if self.ends.problem() is None:
            self.ends.set_value(value + self._duration)

    def _remember_duration(self, value: dt.datetime) -> None:
        if self.starts.current() is not None:
            self._duration = value - self.starts.current()

    def value(self) -> EventInput:
        return EventInput(
            branch_id=self.branch.currentData(), kind=EventKind(self.kind.currentData()),
            starts_at=self.starts.value(), ends_at=self.ends.value(),
            title=self.title_edit.text(), place=self.place.text(),
            capacity=self.capacity.value() or None, notes=self.notes.toPlainText(), version=self._version)

    def show_errors(self, errors: dict[str, Message]) -> None:
        """Each field's message (rendered now, in the interface language) under the field."""
        first = None
        for key, error in self.errors.items():
            message = errors.get(key)
            say(error, message.render if message is not None else None)
            if message is not None and first is None:
                first = key
        widgets = {"branch": self.branch, "kind": self.kind, "title": self.title_edit, "starts_at": self.starts,
                   "ends_at": self.ends, "place": self.place, "capacity": self.capacity, "notes": self.notes}
        if first is not None:
            widgets[first].setFocus(Qt.FocusReason.OtherFocusReason)
        self.adjustSize()

    def save(self) -> None:
        self.general_error.hide()
        if not check_fields(self.starts, self.ends):
            return
        try:
            self._submit(self.value())
        except EventInvalid as invalid:
            self.show_errors(invalid.errors)
            return
        except RuleError as refused:
            self.show_errors({})
            say(self.general_error, refusal(N_("Not saved: {reason}"), refused))
            return
        self.accept()
