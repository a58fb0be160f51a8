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
from .ops import Query
from .screen import Screen

Index = QModelIndex | QPersistentModelIndex


def _percent(rate: Rate) -> str:
    return "–" if rate.value is None else format_percent(rate.value)


def _count(rate: Rate) -> str:
    if rate.value is None:
        return _("No duo to count yet")
    return _("{count} of {total}").format(count=format_number(rate.numerator), total=format_number(rate.denominator))


def _days(results: ProgrammeResults) -> str:
    return "–" if results.median_days_to_match is None else format_number(round(results.median_days_to_match))


# One row per measure: its label, its value, the detail in the tooltip and the
# published figure of the model when there is one.
MEASURES: list[tuple[str, Any, Any, str]] = [
    (N_("Active duos"), lambda r: format_number(r.active_duos), None, ""),
    (N_("Duos started"), lambda r: format_number(r.started_duos), None, ""),
    (N_("Duos ended"), lambda r: format_number(r.ended_duos), None, ""),
    (N_("Positive outcomes"), lambda r: _percent(r.positive_outcomes), lambda r: _count(r.positive_outcomes), "0.71"),
    (N_("In a job within 12 months"), lambda r: _percent(r.job_within_12_months),
     lambda r: _count(r.job_within_12_months), "0.53"),
    (N_("Mentors starting a new duo"), lambda r: _percent(r.mentors_second_duo),
     lambda r: _count(r.mentors_second_duo), "0.9"),
    (N_("Matched within a month"), lambda r: _percent(r.matched_within_a_month),
     lambda r: _count(r.matched_within_a_month), ""),
    (N_("Median days to a match"), _days, None, ""),
]


class ResultsModel(QAbstractTableModel):
    """Measures in rows; the published figures, the whole programme and each
    branch in columns."""

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.rows: list[tuple[str, ProgrammeResults]] = []

    def set_rows(self, rows: list[tuple[str, ProgrammeResults]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(MEASURES)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1 + len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        _label, value, detail, published = MEASURES[index.row()]
        if index.column() == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return format_percent(float(published)) if published else ""
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        results = self.rows[index.column() - 1][1]
        if role == Qt.ItemDataRole.DisplayRole:
            return value(results)
        if role == Qt.ItemDataRole.ToolTipRole and detail is not None:
            return detail(results)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return _(MEASURES[section][0]) if 0 <= section < len(MEASURES) else None
        if section == 0:
            return _("Published")
        if 1 <= section <= len(self.rows):
            return self.rows[section - 1][0] or _("Whole programme")
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(MEASURES) - 1)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.rows))
        self.dataChanged.emit(self.index(0, 0), self.index(len(MEASURES) - 1, len(self.rows)))


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
        self._computed_on = None  # the day the figures shown were computed for
        context.hub.changed.connect(self._mark_stale)
        self.translate_ui()

    def title(self) -> str:
        return _("Reports")

    def translate_ui(self) -> None:
        self._update_heading()
        self.published.setText(_("Published results of the model: {positive} positive outcomes (job, internship or "
                                 "training), {job} of mentees in a job within 12 months after the duo, 9 out of 10 "
                                 "mentors start a new duo, a match within one month of the application. Hover over "
                                 "a rate to see what it counts.").format(positive=format_percent(0.71),
                                                                         job=format_percent(0.53)))
        self.refresh_button.setText(_("&Recalculate"))
        self.export_button.setText(_("&Export as CSV…"))
        self.model.retranslate()

    def _update_heading(self) -> None:
        """The day the figures shown were computed for (today until they are)."""
        day = self._computed_on or self.context.clock.today()
        self.heading.setText(_("Results of the programme on {date}, for duos whose agreement was signed.").format(
            date=format_date(day, "long")))

    def _mark_stale(self, _changes: Changes, _initiator: object) -> None:
        self._stale = True

    def refresh(self) -> None:
        today = self.context.clock.today()
        # every duo of every branch: off the UI thread, with a progress dialog
        Query(self, self.context, lambda s, _progress: results_per_branch(s, today)) \
            .with_progress(_("Calculating the results…")).success(lambda rows: self._show(rows, today)) \
            .run_in_background()

    def _show(self, rows: list[tuple[str, ProgrammeResults]], today=None) -> None:  # noqa: ANN001
        self._stale = False
        self._computed_on = today
        self._update_heading()
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
                model = self.model
                writer.writerow(["", *(model.headerData(c, Qt.Orientation.Horizontal)
                                       for c in range(model.columnCount()))])
                for row in range(model.rowCount()):
                    writer.writerow([model.headerData(row, Qt.Orientation.Vertical),
                                     *(model.index(row, c).data() for c in range(model.columnCount()))])
        except OSError as exc:
            QMessageBox.critical(self, _("Export the results"), _("The file cannot be written: {reason}").format(
                reason=exc.strerror or type(exc).__name__))
            return
        self.window().statusBar().showMessage(_("Results exported."), 5000)
