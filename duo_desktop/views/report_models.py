"""Item models of the Reports screen: the figures (value, "n of m", the
published figure, the definition as tooltip), the ESF+ indicators, and the
rows behind a figure (the drill-down). Each holds plain rows from the
services; labels are translated when shown."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ..i18n import N_, _, format_date
from ..services.labels import label
from ..services.reports import Figure, FigureResult, Report, Subject
from ..services.reports.esf import INDICATORS
from ..services.reports.texts import base_text, figure_label, published_text, value_text

Index = QModelIndex | QPersistentModelIndex
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class _Table(QAbstractTableModel):
    headers: list[str] = []

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.headers):
            return _(self.headers[section])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self.headers) - 1))
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(self.headers) - 1))


class FiguresModel(_Table):
    headers = [N_("Figure"), N_("Value"), N_("Counted"), N_("Published")]

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.rows: list[tuple[Figure, FigureResult]] = []

    def set_report(self, report: Report | None) -> None:
        self.beginResetModel()
        self.rows = report.figures() if report else []
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        fig, result = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return figure_label(fig)
            if col == 1:
                return value_text(fig, result.value)
            if col == 2:
                return base_text(fig, result.count, result.base_count)
            return published_text(fig)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(fig.definition)
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return RIGHT
        if role == Qt.ItemDataRole.UserRole:
            return fig.key
        return None


class EsfModel(_Table):
    headers = [N_("Indicator (Regulation (EU) 2021/1057, Annex I)"), N_("Participants")]

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.results: dict[str, FigureResult] = {}

    def set_report(self, report: Report | None) -> None:
        self.beginResetModel()
        self.results = dict(report.esf) if report else {}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self.results else len(INDICATORS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        key, name, group = INDICATORS[index.row()]
        result = self.results[key]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return _(name)
            return str(result.count)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _(group)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return RIGHT
        if role == Qt.ItemDataRole.UserRole:
            return key
        return None


PERSON_HEADERS = [N_("No."), N_("Name"), N_("Role"), N_("Branch"), N_("Applied on"), N_("Status")]
DUO_HEADERS = [N_("No."), N_("Mentor"), N_("Mentee"), N_("Branch"), N_("Proposed on"), N_("Agreement signed on"),
               N_("Ended on"), N_("Stage")]


class DrillDownModel(_Table):
    """The people or duos behind one figure (rows from services/reports/drilldown.py)."""

    def __init__(self, subject: Subject, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.subject = subject
        self.headers = PERSON_HEADERS if subject == Subject.PARTICIPANT else DUO_HEADERS
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if self.subject == Subject.PARTICIPANT:
            cells = [str(row.id), row.name, label(row.role), row.branch, format_date(row.applied_on), label(row.status)]
        else:
            cells = [str(row.id), row.mentor, row.mentee, row.branch, format_date(row.proposed_on),
                     format_date(row.signed_on), format_date(row.ended_on), label(row.stage)]
        return cells[index.column()]
