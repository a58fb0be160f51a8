"""Item models of the Events screen: the events with their counts, the
attendance list of one event, and the intervisions attended per mentor.
Each holds plain rows from the services (a branch has at most a few hundred
events a year: rows are loaded whole)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from .. import i18n
from ..i18n import N_, _, format_date, format_number
from ..models import AttendanceStatus
from ..services.attendance import AttendanceLine, MentorIntervisions
from ..services.events import EventRow
from ..services.labels import label

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
R = TypeVar("R")
WARNING = QColor("#b3261e")
STATUS_COLOURS = {
    AttendanceStatus.ATTENDED: QColor("#1b6e20"),
    AttendanceStatus.ABSENT: QColor("#b3261e"),
    AttendanceStatus.EXCUSED: QColor("#8a5a00"),
}


# --- formatting ---------------------------------------------------------------
def event_dates(row: EventRow) -> str:
    """The day(s) the short way, as every table of the app shows dates (i18n.format_date)."""
    start, end = row.starts_at, row.ends_at
    if end is not None and end.date() != start.date():
        return f"{i18n.format_date(start.date(), 'short')} – {i18n.format_date(end.date(), 'short')}"
    return i18n.format_date(start.date(), "short")


def event_times(row: EventRow) -> str:
    if row.ends_at is None:
        return i18n.format_time(row.starts_at)
    return f"{i18n.format_time(row.starts_at)} – {i18n.format_time(row.ends_at)}"


def event_name(row: EventRow) -> str:
    """The title, or the type when the event has no title."""
    return row.title or label(row.kind)


def seats(row: EventRow) -> str:
    if row.capacity is None:
        return format_number(row.counts.seated)
    return _("{taken} / {capacity}").format(taken=format_number(row.counts.seated),
                                          capacity=format_number(row.capacity))


# --- a small base: a table of plain rows with translated headers ----------------
class RowTableModel(QAbstractTableModel, Generic[R]):
    COLUMNS: list[tuple[str, Callable[[Any], str]]] = []

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows: list[R] = []

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def row_id(self, row: R) -> int:
        raise NotImplementedError

    def row_of(self, row_id: int) -> int:
        for i, r in enumerate(self._rows):
            if self.row_id(r) == row_id:
                return i
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        if role == ID_ROLE:
            return self.row_id(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.COLUMNS[index.column()][1](row)
        return self.extra_data(row, index.column(), role)

    def extra_data(self, row: R, column: int, role: int) -> Any:
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.COLUMNS):
            return _(self.COLUMNS[section][0])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))


class EventTableModel(RowTableModel[EventRow]):
    COLUMNS = [
        (N_("Date"), event_dates),
        (N_("Time"), event_times),
        (N_("Type"), lambda r: label(r.kind)),
        (N_("Title"), lambda r: r.title),
        (N_("On the list"), lambda r: format_number(r.counts.on_list)),
        (N_("Attendees"), lambda r: format_number(r.counts.attended)),
        (N_("Seats taken"), seats),
        (N_("Place"), lambda r: r.place),
        (N_("Branch"), lambda r: r.branch),
    ]
    TITLE, SEATS, PLACE, BRANCH = 3, 6, 7, 8

    def row_id(self, row: EventRow) -> int:
        return row.id

    def replace_row(self, new: EventRow) -> None:
        row = self.row_of(new.id)
        if row >= 0:
            self._rows[row] = new
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def extra_data(self, row: EventRow, column: int, role: int) -> Any:
        if column == self.SEATS and row.over_capacity:
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(WARNING)
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        if column in (4, 5, 6) and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AttendanceTableModel(RowTableModel[AttendanceLine]):
    """The attendance list: column 0 is ticked when the person attended.
    Ticking does not change the row itself: it asks `on_change(participant_id,
    status)`, which saves through the service and reloads the rows."""

    COLUMNS = [
        (N_("Name"), lambda r: r.full_name),
        (N_("Attendance"), lambda r: label(r.status)),
        (N_("Role"), lambda r: label(r.role)),
        (N_("Participant status"), lambda r: label(r.participant_status)),
    ]

    def __init__(self, on_change: Callable[[int, AttendanceStatus], bool] | None = None, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.on_change = on_change

    def row_id(self, row: AttendanceLine) -> int:
        return row.participant_id

    def extra_data(self, row: AttendanceLine, column: int, role: int) -> Any:
        if column == 0 and role == Qt.ItemDataRole.CheckStateRole:
            attended = row.status is AttendanceStatus.ATTENDED
            return Qt.CheckState.Checked if attended else Qt.CheckState.Unchecked
        if column == 1 and role == Qt.ItemDataRole.ForegroundRole and row.status in STATUS_COLOURS:
            return QBrush(STATUS_COLOURS[row.status])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if self.on_change is None:
            return False
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        status = AttendanceStatus.ATTENDED if checked else AttendanceStatus.ABSENT
        return self.on_change(self._rows[index.row()].participant_id, status)

    def replace_row(self, line: AttendanceLine) -> None:
        row = self.row_of(line.participant_id)
        if row >= 0:
            self._rows[row] = line
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))


def _last(r: MentorIntervisions) -> str:
    return format_date(r.last_attended, "short") if r.last_attended else ""


class IntervisionTableModel(RowTableModel[MentorIntervisions]):
    COLUMNS = [
        (N_("Mentor"), lambda r: r.full_name),
        (N_("Status"), lambda r: label(r.status)),
        (N_("Intervisions attended"), lambda r: format_number(r.attended)),
        (N_("Last intervision"), _last),
    ]

    def row_id(self, row: MentorIntervisions) -> int:
        return row.participant_id

    def extra_data(self, row: MentorIntervisions, column: int, role: int) -> Any:
        if column == 2 and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
