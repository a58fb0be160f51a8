"""Dialogs of the participants screen: change a status, merge duplicates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..i18n import N_, _
from ..models import ParticipantStatus
from ..services.merge_undo import UNDO_DAYS
from ..services.labels import label
from ..services.participant_profile import ParticipantProfile
from ..services.participant_status import REASON_REQUIRED
from ..services.reference import language_label, sector_label
from .date_field import DateField, check_fields
from .typed_guard import AsksBeforeDiscarding, confirm_with_ctrl_enter
from .form_dialog import run_save
from .ops import Operation
from .retranslate import follow_language, tr, tr_row


class StatusDialog(AsksBeforeDiscarding, QDialog):
    """Choose the new status, its date and (to leave) a reason. ``apply`` is
    called with (status, date, reason) and returns the Operation that saves it;
    when the pipeline refuses, the reason is shown and the dialog stays open."""

    def __init__(self, name: str, current: ParticipantStatus, allowed: set[ParticipantStatus], today: dt.date,
                 apply: Callable[[ParticipantStatus, dt.date, str], Operation], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._apply = apply
        self._allowed = allowed
        tr(self, N_("Change status"), "setWindowTitle")
        self.status = QComboBox()
        # Allowed moves first; the others stay listed so that the reason for a refusal can be read
        ordered = [s for s in ParticipantStatus if s in allowed] + [
            s for s in ParticipantStatus if s not in allowed and s is not current]
        for s in ordered:
            self.status.addItem("", s)
        self.on = DateField(today, maximum=today)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(70)
        self.reason_label = QLabel()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a00;")
        self.error.hide()
        form = QFormLayout()
        tr_row(form, N_("Participant:"), QLabel(name))
        tr_row(form, N_("Current status:"), tr(QLabel(), lambda: label(current)))
        tr_row(form, N_("&New status:"), self.status)
        tr_row(form, N_("&Date:"), self.on)
        self.reason_label.setBuddy(self.reason)
        form.addRow(self.reason_label, self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        confirm_with_ctrl_enter(self, self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.status.currentIndexChanged.connect(self._update_reason)
        self.translate_ui()
        follow_language(self)

    def translate_ui(self) -> None:
        """The texts that depend on the choices (the ``tr`` ones are set by ``follow_language``)."""
        for i in range(self.status.count()):
            s = ParticipantStatus(self.status.itemData(i))
            self.status.setItemText(i, label(s) if s in self._allowed else
                                    _("{status} (not allowed now)").format(status=label(s)))
        self._update_reason()

    def chosen(self) -> ParticipantStatus:
        return ParticipantStatus(self.status.currentData())  # Qt hands back the plain string

    def _update_reason(self) -> None:
        needed = self.chosen() in REASON_REQUIRED
        self.reason_label.setText(_("&Reason (required):") if needed else _("&Reason:"))

    def _accept(self) -> None:
        if not check_fields(self.on):
            return
        if run_save(self._apply(self.chosen(), self.on.value(), self.reason.toPlainText()),
                    self.error, None):
            self.accept()


# (label, how to read the value from a profile)
_COMPARED: list[tuple[str, Callable[[ParticipantProfile], str]]] = [
    (N_("First name"), lambda p: p.first_name),
    (N_("Last name"), lambda p: p.last_name),
    (N_("Birth date"), lambda p: i18n.format_date(p.birth_date)),
    (N_("Role"), lambda p: label(p.role)),
    (N_("Status"), lambda p: label(p.status)),
    (N_("Branch"), lambda p: p.branch),
    (N_("Email"), lambda p: p.email),
    (N_("Phone"), lambda p: p.phone),
    (N_("Municipality"), lambda p: p.municipality),
    (N_("Applied on"), lambda p: i18n.format_date(p.applied_on)),
    (N_("Languages"), lambda p: ", ".join(language_label(code) for code, _lvl in p.languages)),
    (N_("Sectors"), lambda p: ", ".join(sector_label(code) for code in p.sectors)),
    (N_("Status history"), lambda p: str(len(p.status_history))),
    (N_("Events attended"), lambda p: str(len(p.events))),
    (N_("Duos"), lambda p: str(len(p.duos))),
    (N_("Notes"), lambda p: p.notes),
]


class MergeDialog(QDialog):
    """Side-by-side comparison of two records; the user chooses which one is
    kept, then confirms."""

    def __init__(self, left: ParticipantProfile, right: ParticipantProfile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left, self.right = left, right
        tr(self, N_("Merge duplicates"), "setWindowTitle")
        self.resize(720, 560)
        intro = tr(QLabel(), N_("These two records may be the same person. Merging keeps every record of both: "
                                "languages, sectors, availability, events, duos and status history go to the "
                                "kept record, its empty fields are filled from the other, its status never goes "
                                "back, and the other record is hidden from lists (not deleted). The more "
                                "advanced, then the older record is chosen to be kept."))
        intro.setWordWrap(True)
        self.table = QTableWidget(len(_COMPARED), 2)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 260)
        for row, (_name, read) in enumerate(_COMPARED):
            a, b = read(left), read(right)
            for col, value in enumerate((a, b)):
                item = QTableWidgetItem(value)
                if a != b:  # differences stand out; an empty side is what the merge fills in
                    item.setBackground(QColor("#fff3cd") if value else QColor("#e6e6e6"))
                self.table.setItem(row, col, item)
        ids, names = (left.id, right.id), (left.full_name, right.full_name)
        self.keep_left = tr(QRadioButton(), lambda: _("&Keep record {id} ({name})").format(id=ids[0], name=names[0]))
        self.keep_right = tr(QRadioButton(), lambda: _("K&eep record {id} ({name})").format(id=ids[1], name=names[1]))
        # the default: the more advanced record, then the older one (services/merge.default_keep)
        from ..services.merge import default_keep  # the merge loads with its dialog (issue 15)

        keep = default_keep((left.id, left.status, left.applied_on), (right.id, right.status, right.applied_on))
        (self.keep_left if keep == left.id else self.keep_right).setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = tr(buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole), N_("&Merge…"))
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.keep_left)
        layout.addWidget(self.keep_right)
        layout.addWidget(buttons)
        #: replaced in tests; asks the user to confirm
        self.confirm: Callable[[str], bool] = self._ask
        self.translate_ui()
        follow_language(self)

    def translate_ui(self) -> None:
        """The table's headers and the values that are words (a status, a role, a date)."""
        self.table.setHorizontalHeaderLabels([_("Record {id}").format(id=p.id) for p in (self.left, self.right)])
        self.table.setVerticalHeaderLabels([_(name) for name, _read in _COMPARED])
        for row, (_name, read) in enumerate(_COMPARED):
            for col, profile in enumerate((self.left, self.right)):
                self.table.item(row, col).setText(read(profile))

    def kept_and_other(self) -> tuple[int, int]:
        if self.keep_left.isChecked():
            return self.left.id, self.right.id
        return self.right.id, self.left.id

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self, _("Merge duplicates"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _confirm(self) -> None:
        keep, other = self.kept_and_other()
        names = {self.left.id: self.left.full_name, self.right.id: self.right.full_name}
        text = _("Merge record {other} ({other_name}) into record {keep} ({keep_name})? For {days} days, "
                 "\"Undo merge…\" on the kept record puts both back.") \
            .format(other=other, other_name=names[other], keep=keep, keep_name=names[keep], days=UNDO_DAYS)
        if self.confirm(text):
            self.accept()
