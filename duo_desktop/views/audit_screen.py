"""The audit trail screen (issue 12): every audit row, newest first,
filtered by person (participant number) or record (kind and number),
coordinator, period and kind of action. Read-only: it reads through
services/audit.entries in a Query and offers no way to change a row (the
database refuses that anyway). Opened from File > Audit trail…"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from ..i18n import N_, _, format_datetime, ngettext
from ..services import audit
from .context import AppContext
from .date_field import DateField
from .ops import Query, failure_message
from .retranslate import follow_language

ACTIONS = audit.ACTION_LABELS
RECORDS = audit.ENTITY_LABELS
#: the record kinds offered in the "Record" filter
RECORD_FILTER = ("participant", "duo", "meeting", "check_in", "evaluation", "outcome", "event", "coordinator")
HEADERS = (N_("When"), N_("Coordinator"), N_("Action"), N_("Record"), N_("Fields changed"))


def action_label(code: str) -> str:
    return audit.action_text(code)


def record_label(row: audit.AuditRow) -> str:
    return audit.record_text(row)


class AuditModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[audit.AuditRow] = []

    def set_rows(self, rows: list[audit.AuditRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201, N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal and \
                0 <= section < len(HEADERS):
            return _(HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        r = self.rows[index.row()]
        return (format_datetime(r.at), r.coordinator or "—", action_label(r.action), record_label(r),
                ", ".join(r.fields))[index.column()]


class AuditScreen(QDialog):
    """The whole audit trail with its filters; changes nothing."""

    def __init__(self, parent: QWidget | None, context: AppContext) -> None:
        super().__init__(parent)
        self.setObjectName("auditScreen")
        self.context = context
        self.person = QLineEdit()
        self.person.setMaximumWidth(120)
        self.record_kind = QComboBox()
        self.record_id = QLineEdit()
        self.record_id.setMaximumWidth(120)
        self.coordinator = QComboBox()
        self.action = QComboBox()
        self.since = DateField(required=False)
        self.until = DateField(required=False)
        self.apply_button = QPushButton()
        self.apply_button.setDefault(True)
        self.clear_button = QPushButton()
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #a40000;")
        self.problem.hide()
        self.count = QLabel()
        self.model = AuditModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.labels = [QLabel() for _i in range(6)]
        form = QFormLayout()
        record_row = QHBoxLayout()
        record_row.addWidget(self.record_kind)
        record_row.addWidget(self.record_id)
        record_row.addStretch(1)
        period = QHBoxLayout()
        period.addWidget(self.since)
        period.addWidget(self.labels[5])
        period.addWidget(self.until)
        period.addStretch(1)
        for label, field in zip(self.labels[:5], (self.person, record_row, self.coordinator, self.action, period),
                                strict=True):
            form.addRow(label, field)
        self.labels[0].setBuddy(self.person)
        self.labels[1].setBuddy(self.record_kind)
        self.labels[2].setBuddy(self.coordinator)
        self.labels[3].setBuddy(self.action)
        self.labels[4].setBuddy(self.since)
        buttons = QHBoxLayout()
        buttons.addWidget(self.problem, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.apply_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.close_box = close
        root = QVBoxLayout(self)
        root.addLayout(form)
        root.addLayout(buttons)
        root.addWidget(self.count)
        root.addWidget(self.table, 1)
        root.addWidget(close)
        self.apply_button.clicked.connect(self.refresh)
        self.clear_button.clicked.connect(self.clear_filters)
        for edit in (self.person, self.record_id):
            edit.returnPressed.connect(self.refresh)
        for combo in (self.coordinator, self.action, self.record_kind):
            combo.activated.connect(lambda _i: self.refresh())
        follow_language(self)
        self._load_choices()
        self.translate_ui()
        self.resize(980, 640)
        self.refresh()

    def _load_choices(self) -> None:
        choices = Query(self, self.context, lambda s: (audit.coordinators(s), audit.actions(s))).value(([], []))
        people, actions = choices
        self.coordinator.clear()
        self.coordinator.addItem("", None)
        for cid, name in people:
            self.coordinator.addItem(name, cid)
        self.action.clear()
        self.action.addItem("", None)
        for code in actions:
            self.action.addItem(code, code)
        self.record_kind.clear()
        self.record_kind.addItem("", None)
        for kind in RECORD_FILTER:
            self.record_kind.addItem(kind, kind)

    def translate_ui(self) -> None:
        self.setWindowTitle(_("Audit trail"))
        texts = (_("&Person (participant No.):"), _("&Record:"), _("C&oordinator:"), _("&Kind of action:"),
                 _("P&eriod from:"), _("to"))
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.coordinator.setItemText(0, _("All coordinators"))
        self.action.setItemText(0, _("All actions"))
        for i in range(1, self.action.count()):
            self.action.setItemText(i, action_label(self.action.itemData(i)))
        self.record_kind.setItemText(0, _("Any record"))
        for i in range(1, self.record_kind.count()):
            self.record_kind.setItemText(i, _(RECORDS[self.record_kind.itemData(i)]))
        self.record_id.setPlaceholderText(_("No."))
        self.apply_button.setText(_("&Show"))
        self.clear_button.setText(_("&Clear the filters"))
        self.close_box.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        self.model.layoutChanged.emit()
        self._show_count()

    def _number(self, edit: QLineEdit, label: QLabel) -> tuple[int | None, str | None]:
        text = edit.text().strip()
        if not text:
            return None, None
        if not text.isdigit():
            name = label.text().replace("&", "").rstrip(" :\u00a0")
            return None, _("{field}: type a number, for example 42.").format(field=name)
        return int(text), None

    def filters(self) -> dict | None:
        """The filters as typed, or None (with the problem shown) when one cannot be read."""
        person, problem = self._number(self.person, self.labels[0])
        record_id, problem2 = self._number(self.record_id, self.labels[1])
        problem = problem or problem2
        if problem is None:
            for field in (self.since, self.until):
                if not field.check():
                    problem = _("Period: write the dates as day/month/year.")
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        if problem is not None:
            return None
        return {"participant_id": person, "coordinator_id": self.coordinator.currentData(),
                "since": self.since.current(), "until": self.until.current(), "action": self.action.currentData(),
                "entity": self.record_kind.currentData(), "entity_id": record_id}

    def refresh(self) -> bool:
        wanted = self.filters()
        if wanted is None:
            return False

        def failed(exc: Exception) -> None:
            self.problem.setText(failure_message(exc))
            self.problem.show()

        rows = Query(self, self.context, lambda s: audit.entries(s, **wanted)).failure(failed).value(None)
        if rows is None:
            return False
        self.model.set_rows(rows)
        self.table.resizeColumnsToContents()
        self._show_count()
        return True

    def _show_count(self) -> None:
        n = len(self.model.rows)
        self.count.setText(ngettext("{count} audit row", "{count} audit rows", n).format(count=n))

    def clear_filters(self) -> None:
        for edit in (self.person, self.record_id):
            edit.clear()
        for combo in (self.coordinator, self.action, self.record_kind):
            combo.setCurrentIndex(0)
        self.since.set_value(None)
        self.until.set_value(None)
        self.refresh()


def open_audit_screen(parent: QWidget | None, context: AppContext) -> AuditScreen:
    screen = AuditScreen(parent, context)
    screen.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    screen.show()
    return screen
