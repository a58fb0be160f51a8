"""The Reports screen: the programme's results beside the published ones,
for the whole programme and per branch. Computed off the UI thread."""

from __future__ import annotations

import csv
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ..i18n import N_, _, format_date, format_number, format_percent
from ..services.reports import ProgrammeResults, Rate, results_per_branch
from .context import AppContext
from .screen import Screen
from .tasks import run_task

Index = QModelIndex | QPersistentModelIndex


def _rate(rate: Rate) -> str:
    if rate.value is None:
        return "–"
    return _("{percent} ({count} of {total})").format(
        percent=format_percent(rate.value), count=format_number(rate.numerator), total=format_number(rate.denominator))


COLUMNS: list[tuple[str, Any]] = [
    (N_("Active duos"), lambda r: format_number(r.active_duos)),
    (N_("Duos started"), lambda r: format_number(r.started_duos)),
    (N_("Duos ended"), lambda r: format_number(r.ended_duos)),
    (N_("Positive outcomes"), lambda r: _rate(r.positive_outcomes)),
    (N_("In a job within 12 months"), lambda r: _rate(r.job_within_12_months)),
    (N_("Mentors starting a new duo"), lambda r: _rate(r.mentors_second_duo)),
    (N_("Matched within a month"), lambda r: _rate(r.matched_within_a_month)),
    (N_("Median days to a match"), lambda r: "–" if r.median_days_to_match is None
     else format_number(round(r.median_days_to_match))),
]


class ResultsModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.rows: list[tuple[str, ProgrammeResults]] = []

    def set_rows(self, rows: list[tuple[str, ProgrammeResults]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][1](self.rows[index.row()][1])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section][0]) if 0 <= section < len(COLUMNS) else None
        if 0 <= section < len(self.rows):
            return self.rows[section][0] or _("Whole programme")
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.rows) - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(COLUMNS) - 1))


class ReportsScreen(Screen):
    key = "reports"

    def __init__(self, context: AppContext, parent=None) -> None:  # noqa: ANN001
        super().__init__(context, parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.published = QLabel()
        self.published.setWordWrap(True)
        self.model = ResultsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setWordWrap(False)
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton()
        self.export_button.setShortcut(QKeySequence("Ctrl+E"))
        self.export_button.clicked.connect(self.export_csv)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.published)
        layout.addLayout(buttons)
        self._stale = True
        context.hub.changed.connect(self._mark_stale)
        self.translate_ui()

    def title(self) -> str:
        return _("Reports")

    def translate_ui(self) -> None:
        self.heading.setText(_("Results of the programme on {date}, for duos whose agreement was signed.").format(
            date=format_date(self.context.clock.today(), "long")))
        self.published.setText(_("Published results of the model: 71% positive outcomes (job, internship or "
                                 "training), 53% of mentees in a job within 12 months after the duo, 9 out of 10 "
                                 "mentors start a new duo, a match within one month of the application."))
        self.refresh_button.setText(_("&Recalculate"))
        self.export_button.setText(_("&Export as CSV…"))
        self.model.retranslate()

    def _mark_stale(self, _kind: str) -> None:
        self._stale = True

    def refresh(self) -> None:
        store, today = self.context.store, self.context.clock.today()

        def work(_progress):  # noqa: ANN001, ANN202
            with store.session() as session:
                return results_per_branch(session, today)

        run_task(self, _("Calculating the results…"), work, self._show)

    def _show(self, rows: list[tuple[str, ProgrammeResults]]) -> None:
        self._stale = False
        self.model.set_rows(rows)

    def export_csv(self) -> None:
        if not self.model.rows:
            return
        path, _filter = QFileDialog.getSaveFileName(self, _("Export the results"), "duo-results.csv",
                                                    _("CSV files (*.csv)"))
        if not path:
            return
        try:
            with open(path, "w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh, delimiter=";")
                writer.writerow([_("Branch"), *(_(c[0]) for c in COLUMNS)])
                for name, results in self.model.rows:
                    writer.writerow([name or _("Whole programme"), *(c[1](results) for c in COLUMNS)])
        except OSError as exc:
            QMessageBox.critical(self, _("Export the results"), _("The file cannot be written: {reason}").format(
                reason=exc.strerror or type(exc).__name__))
            return
        self.window().statusBar().showMessage(_("Results exported."), 5000)
