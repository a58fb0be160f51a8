"""Import applications from a web form export (CSV or XLSX): choose the
file, check it (a preview of every row with its problems, nothing written),
then import the valid rows in one transaction; the rejected rows are saved
to a file to fix and import again. Both steps run off the UI thread with
progress and cancel (cancel writes nothing)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..i18n import N_, _, ngettext
from ..services import importer
from ..services import intake as intake_service
from ..services.errors import Message, RuleError
from ..services.settings import coordinators
from .context import AppContext, Changes
from .save_dialog import ask_open_path
from .import_columns import ColumnPicker
from .ops import Operation, Query
from .retranslate import follow_language

COLUMNS = (N_("Row"), N_("Line"), N_("Result"), N_("Name"), N_("Problems"))
STATUS = {"ok": N_("Ready"), "existing": N_("Already registered"), "rejected": N_("Rejected")}
STATUS_COLOURS = {"ok": "#1b5e20", "existing": "#555555", "rejected": "#b00020"}


class PreviewModel(QAbstractTableModel):
    """The rows of a checked file; holds plain results, no session. Problems
    stay Message objects and are put into words when shown, in the language
    of that moment (:meth:`retranslate` after a switch)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[importer.RowResult] = []
        self._file_problems: list[Message] = []

    def set_preview(self, preview: importer.Preview | None, only_problems: bool = False) -> None:
        self.beginResetModel()
        rows = list(preview.rows) if preview else []
        self._file_problems = list(preview.file_messages) if preview else []
        if only_problems and not self._file_problems:
            rows = [r for r in rows if r.status != "ok" or r.warnings]
        self._rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        return None

    def _status(self, row: importer.RowResult) -> str:
        return "rejected" if self._file_problems else row.status

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        status = self._status(row)
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 4:
            return self._problems_text(row, status).replace("\n", "  ·  ")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            column = index.column()
            if column == 0:
                return str(row.source.number)
            if column == 1:
                return str(row.source.line)
            if column == 2:
                return _(STATUS[status])
            if column == 3:
                return row.name
            if column == 4:
                return self._problems_text(row, status)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return QBrush(QColor(STATUS_COLOURS[status]))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 1):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _problems_text(self, row: importer.RowResult, status: str) -> str:
        if status == "existing":
            return "\n".join([_("Recognised as file no. {id}: not imported again.").format(id=row.existing_id),
                              *(_("Warning: {problem}").format(problem=p.render()) for p in row.warnings)])
        return "\n".join([*(m.render() for m in self._file_problems), *(p.render() for p in row.problems),
                          *(_("Warning: {problem}").format(problem=p.render()) for p in row.warnings)])

    def retranslate(self) -> None:
        """Every cell again, in the language now in use."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))


class ImportDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_dialog")
        self.context = context
        self.preview: importer.Preview | None = None
        self._said: Callable[[], str] | None = None  # the last outcome shown (import done or failed)
        self.path_edit = QLineEdit()
        self.browse_button = QPushButton()
        self.browse_button.clicked.connect(self.browse)
        self.branch = QComboBox()
        branches: list[intake_service.BranchChoice] = Query(self, context, intake_service.branches).value([])
        for info in branches:
            self.branch.addItem(f"{info.name} ({info.code})", info.code)
        # rows without a branch go to the branch of whoever is working (issue 10)
        working = Query(self, context, lambda s: coordinators.branch_of(s, context.coordinator_id)).value()
        self.branch.setCurrentIndex(max(0, next((i for i, b in enumerate(branches) if b.id == working), 0)))
        self.check_button = QPushButton()
        self.check_button.clicked.connect(self.check)
        self.rejected_edit = QLineEdit()
        self.only_problems = QCheckBox()
        self.only_problems.toggled.connect(self._show_preview)
        self.choices: dict[str, int | None] | None = None  # the column picker's, None until the user picks
        self.columns = ColumnPicker()
        self.columns.choices_changed.connect(self._choices_changed)
        self.model = PreviewModel(self)
        self.table = QTableView()
        self.table.setObjectName("import_preview")
        self.table.setModel(self.model)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.details = QLabel()
        self.details.setObjectName("import_details")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        header = self.table.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("import_summary")
        self.import_button = QPushButton()
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)

        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        self.form = QFormLayout()
        self.file_label, self.branch_label, self.rejected_label = QLabel(), QLabel(), QLabel()
        self.file_label.setBuddy(self.path_edit)
        self.branch_label.setBuddy(self.branch)
        self.rejected_label.setBuddy(self.rejected_edit)
        self.form.addRow(self.file_label, file_row)
        self.form.addRow(self.branch_label, self.branch)
        self.form.addRow(self.rejected_label, self.rejected_edit)
        actions = QHBoxLayout()
        actions.addWidget(self.check_button)
        actions.addWidget(self.only_problems)
        actions.addStretch(1)
        footer = QHBoxLayout()
        footer.addWidget(self.summary, 1)
        footer.addWidget(self.close_button)
        footer.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(actions)
        self.tabs = QTabWidget()
        rows_page = QWidget()
        rows_layout = QVBoxLayout(rows_page)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        rows_layout.addWidget(self.table, 1)
        rows_layout.addWidget(self.details)
        self.tabs.addTab(rows_page, "")
        self.tabs.addTab(self.columns, "")
        layout.addWidget(self.tabs, 1)
        layout.addLayout(footer)
        self.path_edit.textChanged.connect(self._path_changed)
        follow_language(self)
        self.translate_ui()
        self.resize(1000, 620)

    def translate_ui(self) -> None:
        self.setWindowTitle(_("Import applications"))
        self.file_label.setText(_("&File (CSV or XLSX)"))
        self.browse_button.setText(_("C&hoose…"))
        self.branch_label.setText(_("&Branch of the rows without one"))
        self.rejected_label.setText(_("&Rejected rows saved to"))
        self.check_button.setText(_("Chec&k the file"))
        self.only_problems.setText(_("Show &only the rows with a problem"))
        self.close_button.setText(_("Close"))
        self.tabs.setTabText(0, _("Ro&ws"))
        self.tabs.setTabText(1, _("Co&lumns"))
        self.columns.translate_ui()
        self._update_import_button()
        self.model.retranslate()
        self._show_details(self.table.currentIndex())
        self._show_summary()

    # --- steps ------------------------------------------------------------------
    def browse(self) -> None:
        path = ask_open_path(self, _("Choose the export to import"), _("Web form exports (*.csv *.xlsx *.txt)"))
        if path:
            self.path_edit.setText(str(path))

    def _path_changed(self, text: str) -> None:
        self.preview = None
        self.choices = None
        self.model.set_preview(None)
        self.columns.set_preview(None)
        self.rejected_edit.setText(str(importer.default_rejected_path(Path(text))) if text.strip() else "")
        self._update_import_button()
        self.summary.setProperty("sticky", False)
        self.summary.setStyleSheet("")
        self._show_summary()

    def check(self) -> None:
        path = Path(self.path_edit.text().strip())
        if not path.is_file():
            self._say(lambda: _("The file {path} does not exist.").format(path=path), error=True)
            return
        clock, code, choices = self.context.clock, self.branch.currentData(), self.choices
        # every row is read and checked (and looked up among the people registered): off the UI thread
        Query(self, self.context, lambda s, progress: importer.preview(s, clock, path, branch_code=code,
                                                                       progress=progress, choices=choices)) \
            .with_progress(_("Checking the file…")).success(self.show_preview).failure(self._failed) \
            .run_in_background()

    def show_preview(self, preview: importer.Preview) -> None:
        self.preview = preview
        self.columns.set_preview(preview)
        if preview.conflicts:
            self.tabs.setCurrentWidget(self.columns)  # two columns could be the same field: the user chooses
        self._show_preview()
        self._update_import_button()
        self._show_summary()

    def _choices_changed(self, choices: dict) -> None:
        """The user picked another field for a column: the file is checked again with that mapping."""
        self.choices = choices
        self.check()

    def _show_preview(self) -> None:
        self.model.set_preview(self.preview, self.only_problems.isChecked())
        first_problem = next((r for r in range(self.model.rowCount())
                              if self.model.index(r, 4).data(Qt.ItemDataRole.ToolTipRole)), 0)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(first_problem, 0))
        else:
            self.details.clear()

    def _show_details(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        """The problems of the current row in full, under the table."""
        text = self.model.index(current.row(), 4).data(Qt.ItemDataRole.ToolTipRole) if current.isValid() else ""
        self.details.setText(text or "")

    def run_import(self) -> None:
        preview = self.preview
        if preview is None or not preview.valid:
            return
        clock = self.context.clock
        rejected = Path(self.rejected_edit.text().strip()) if self.rejected_edit.text().strip() else None
        translator = i18n.current()  # taken here: the worker never reads the global translator
        # one transaction for every valid row (Cancel or an error: nothing saved), off the UI thread
        Operation(self, self.context, lambda s, progress: importer.import_rows(
            s, clock, preview, progress=progress, rejected_path=rejected, translator=translator,
            coordinator_id=self.context.coordinator_id),
            changes=Changes.PARTICIPANTS) \
            .with_progress(_("Importing…")).success(self._imported).failure(self._failed).run_in_background()

    def _imported(self, result: importer.ImportResult) -> None:
        self.preview = None
        self._update_import_button()

        def text() -> str:
            said = ngettext("{count} participant imported.", "{count} participants imported.",
                            result.created).format(count=result.created)
            if result.rejected_file is not None:
                said += " " + ngettext("{count} row rejected, saved in {path} to fix and import again.",
                                       "{count} rows rejected, saved in {path} to fix and import again.",
                                       result.rejected).format(count=result.rejected, path=result.rejected_file)
            return said

        self._say(text, error=False)

    def _failed(self, exc: Exception) -> None:
        if isinstance(exc, RuleError):
            self._say(exc.message, error=True)
        else:
            name = type(exc).__name__
            self._say(lambda: _("The import failed; nothing was saved ({error}).").format(error=name), error=True)

    # --- display ----------------------------------------------------------------
    def _update_import_button(self) -> None:
        count = len(self.preview.valid) if self.preview else 0
        self.import_button.setEnabled(count > 0)
        self.import_button.setText(ngettext("&Import {count} row", "&Import {count} rows", count).format(count=count))

    def _show_summary(self) -> None:
        preview = self.preview
        if preview is None:
            if self.summary.property("sticky") and self._said is not None:
                self.summary.setText(self._said())  # the last outcome, in the language now in use
            elif not self.summary.property("sticky"):
                self.summary.setText(_("Check the file first: nothing is written before you import."))
            return
        parts = [ngettext("{count} row ready", "{count} rows ready", len(preview.valid)).format(
                     count=len(preview.valid)),
                 ngettext("{count} already registered", "{count} already registered", len(preview.existing)).format(
                     count=len(preview.existing)),
                 ngettext("{count} rejected", "{count} rejected", len(preview.rejected)).format(
                     count=len(preview.rejected))]
        text = i18n.format_list(parts) + ". " + preview.encoding_message.render()
        notes = [*preview.file_problems, *(m.render() for m in preview.file_warnings)]
        if notes:
            text += "\n" + "\n".join(notes)
        self.summary.setProperty("sticky", False)
        self.summary.setStyleSheet("")
        self.summary.setText(text)

    def _say(self, text: Callable[[], str], error: bool) -> None:
        """Show an outcome; ``text`` makes it in the current language (again after a switch)."""
        self._said = text
        self.summary.setProperty("sticky", True)
        self.summary.setStyleSheet("color: #b00020;" if error else "")
        self.summary.setText(text())


def open_import_dialog(parent: QWidget | None, context: AppContext) -> ImportDialog:
    """Show the import dialog (non-modal) and return it."""
    dialog = ImportDialog(context, parent)
    dialog.show()
    return dialog
