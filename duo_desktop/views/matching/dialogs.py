"""Dialogs of the proposals panel: plan the first meeting, record a decision."""

from __future__ import annotations

import datetime as dt
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import N_, _
from ...models import Decision
from ..date_field import DateField, DateTimeField, check_fields
from ..retranslate import follow_language, tr, tr_row
from ..typed_guard import AsksBeforeDiscarding, confirm_with_ctrl_enter


def _ltr_label(text) -> QLabel:  # noqa: ANN001  (a function returning the translated text)
    """A paragraph that stays left to right even when it starts with a name
    written right to left; it follows the interface language."""
    label = tr(QLabel(), lambda: f"<p dir='ltr'>{html.escape(text())}</p>")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    return label


class FirstMeetingDialog(QDialog):
    def __init__(self, who: str, default_at: dt.datetime, default_place: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tr(self, N_("Plan the first meeting"), "setWindowTitle")
        self.when = DateTimeField(default_at.replace(second=0, microsecond=0))
        self.where = QLineEdit(default_place)
        note = _ltr_label(lambda: _("{who}. The coordinator attends the first meeting.").format(who=who))
        self.setMinimumWidth(440)
        form = QFormLayout()
        tr_row(form, N_("Date and time"), self.when)
        tr_row(form, N_("Place"), self.where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._try_accept)
        confirm_with_ctrl_enter(self, self._try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)
        follow_language(self)

    def _try_accept(self) -> None:
        if check_fields(self.when):
            self.accept()

    def value(self) -> tuple[dt.datetime, str]:
        return self.when.value(), self.where.text()


class DecisionDialog(AsksBeforeDiscarding, QDialog):
    """One side's decision after the first meeting, with the reason of a refusal.
    ``side_label`` is a msgid (``N_("mentor")``), translated in the interface language."""

    def __init__(self, side_label: str, person: str, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tr(self, lambda: _("Decision of the {side}").format(side=_(side_label)), "setWindowTitle")
        self.accept_radio = tr(QRadioButton(), N_("Accepts the duo"))
        self.refuse_radio = tr(QRadioButton(), N_("Refuses the duo"))
        self.accept_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.accept_radio)
        group.addButton(self.refuse_radio)
        self.on = DateField(today, maximum=today)
        self.setMinimumWidth(440)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)  # Tab leaves the box (issue 17: it was a trap)
        tr(self.reason, N_("Why the duo is refused (required for a refusal)"), "setPlaceholderText")
        self.reason.setEnabled(False)
        self.refuse_radio.toggled.connect(self.reason.setEnabled)
        radios_box = QWidget()
        radios = QHBoxLayout(radios_box)
        radios.setContentsMargins(0, 0, 0, 0)
        radios.addWidget(self.accept_radio)
        radios.addWidget(self.refuse_radio)
        form = QFormLayout()
        tr_row(form, N_("Person"), QLabel(person))
        tr_row(form, N_("Decision"), radios_box)
        tr_row(form, N_("Date"), self.on)
        tr_row(form, N_("Reason"), self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._try_accept)
        confirm_with_ctrl_enter(self, self._try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        follow_language(self)

    def value(self) -> tuple[Decision, dt.date, str]:
        decision = Decision.REFUSED if self.refuse_radio.isChecked() else Decision.ACCEPTED
        return decision, self.on.value(), self.reason.toPlainText()

    def _try_accept(self) -> None:
        if check_fields(self.on):
            self.accept()
