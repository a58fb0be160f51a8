"""Invite people to an event: search over the participants of the branch
who wait for this kind of event, tick them (Space) and invite, or register
them at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..i18n import N_, _, format_date, ngettext
from ..models import AttendanceStatus
from ..services.errors import RuleError
from ..services.events import Candidate
from ..services.labels import label
from .columns import add_column_chooser
from .events_models import Index, RowTableModel
from .form_dialog import refusal, run_save
from .ops import Operation
from .retranslate import follow_language, say


class CandidateTableModel(RowTableModel[Candidate]):
    """Candidates with a tick in column 0; the ticked ids survive a new search."""

    COLUMNS = [
        (N_("Name"), lambda r: r.full_name),
        (N_("Role"), lambda r: label(r.role)),
        (N_("Status"), lambda r: label(r.status)),
        (N_("Waiting since"), lambda r: format_date(r.waiting_since, "short")),
    ]

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.ticked: dict[int, Candidate] = {}

    def row_id(self, row: Candidate) -> int:
        return row.id

    def extra_data(self, row: Candidate, column: int, role: int) -> Any:
        if column == 0 and role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row.id in self.ticked else Qt.CheckState.Unchecked
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        row = self._rows[index.row()]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self.ticked[row.id] = row
        else:
            self.ticked.pop(row.id, None)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        return True


class InviteDialog(QDialog):
    def __init__(self, event_name: str, load: Callable[[str, bool], list[Candidate]],
                 submit: Callable[[list[int], AttendanceStatus], Operation | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._event_name = event_name
        self._load = load
        self._submit = submit
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.everyone = QCheckBox()
        self.register = QCheckBox()
        self.model = CandidateTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setTabKeyNavigation(False)
        add_column_chooser(self.table, "invite")  # right-click the header (issue 17)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.hide()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.everyone)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.register)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.search.textChanged.connect(lambda _t: self.reload())
        self.everyone.toggled.connect(lambda _c: self.reload())
        self.search.returnPressed.connect(self._to_table)
        self.model.dataChanged.connect(lambda *_a: self._update_button())
        self.model.modelReset.connect(self._update_button)
        self.resize(640, 480)
        self.translate_ui()
        follow_language(self)
        self.reload()

    def translate_ui(self) -> None:
        self.setWindowTitle(_("Invite to {event}").format(event=self._event_name))
        self.info.setText(_("People of the branch who are waiting for this kind of event. Tick them with the "
                            "Space bar."))
        self.search.setPlaceholderText(_("Search by name or email…"))
        self.everyone.setText(_("Show &everyone in the branch"))
        self.register.setText(_("&Register them directly (they have confirmed)"))
        self.empty.setText(_("Nobody found. Tick “Show everyone in the branch” to widen the search."))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.model.retranslate()
        self._update_button()

    def reload(self) -> None:
        self.model.set_rows(self._load(self.search.text(), self.everyone.isChecked()))
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))
        self.table.resizeColumnsToContents()
        self.empty.setVisible(self.model.rowCount() == 0)

    def _to_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0, QModelIndex()))

    def _update_button(self) -> None:
        n = len(self.model.ticked)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ngettext("&Invite {count} person", "&Invite {count} people", n).format(count=n))
        ok.setEnabled(n > 0)

    def save(self) -> None:
        """``submit`` returns the Operation that saves (run here, a refusal
        shown in the dialog), or saves itself and raises RuleError."""
        status = AttendanceStatus.REGISTERED if self.register.isChecked() else AttendanceStatus.INVITED
        template = N_("Not saved: {reason}")
        try:
            op = self._submit(list(self.model.ticked), status)
        except RuleError as refused:
            say(self.error, refusal(template, refused))
            return
        if run_save(op if isinstance(op, Operation) else None, self.error, template):
            self.accept()
