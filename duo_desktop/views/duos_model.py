"""Table model of the duos screen. It holds the overview entries (facts and
alerts, computed in one SQL query) and fetches names lazily, by blocks of
rows, as they scroll into view."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ..i18n import N_, _, format_date, format_list
from ..services.duo_overview import DuoNames, OverviewEntry
from ..services.labels import label

Index = QModelIndex | QPersistentModelIndex
BLOCK = 200
ID_ROLE = Qt.ItemDataRole.UserRole + 1
ATTENTION = QColor("#fde7e9")


def _weeks(e: OverviewEntry) -> str:
    w = e.weeks_since_agreement
    return "" if w is None else str(w)


def _days(e: OverviewEntry) -> str:
    d = e.days_since_last_meeting
    return "" if d is None else str(d)


def _due(e: OverviewEntry) -> str:
    return format_list([a.title for a in e.alerts]) if e.alerts else ""


# (header, text of a row, sort key); name columns need the names (None: use names)
COLUMNS: list[tuple[str, Callable[[OverviewEntry, DuoNames | None], str], Callable[[OverviewEntry], Any] | None]] = [
    (N_("Mentee"), lambda e, n: n.mentee if n else "", None),
    (N_("Mentor"), lambda e, n: n.mentor if n else "", None),
    (N_("Stage"), lambda e, n: label(e.facts.stage), lambda e: e.facts.stage.value),
    (N_("Due"), lambda e, n: _due(e), lambda e: (-len(e.alerts), _due(e))),
    (N_("Weeks"), lambda e, n: _weeks(e), lambda e: e.weeks_since_agreement or -1),
    (N_("Meetings"), lambda e, n: str(e.facts.meetings), lambda e: e.facts.meetings),
    (N_("Days since meeting"), lambda e, n: _days(e), lambda e: e.days_since_last_meeting or -1),
    (N_("Last check-in"), lambda e, n: format_date(e.facts.last_check_in_on, "short"),
     lambda e: e.facts.last_check_in_on.toordinal() if e.facts.last_check_in_on else 0),
    (N_("Coordinator"), lambda e, n: n.coordinator if n else "", None),
]
NAME_COLUMNS = {0: "mentee", 1: "mentor", 8: "coordinator"}
DUE_COLUMN = 3
HEADER_TIPS = {4: N_("Weeks since the agreement was signed"), 5: N_("Meetings logged"),
               6: N_("Days since the last meeting logged"), 3: N_("What is due today")}


class DuoTableModel(QAbstractTableModel):
    def __init__(self, loader: Callable[[Sequence[int]], dict[int, DuoNames]], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._loader = loader
        self._entries: list[OverviewEntry] = []
        self._names: dict[int, DuoNames] = {}

    def set_entries(self, entries: list[OverviewEntry]) -> None:
        self.beginResetModel()
        self._entries = entries
        self._names.clear()
        self.endResetModel()

    def entry_at(self, row: int) -> OverviewEntry:
        return self._entries[row]

    def row_of(self, duo_id: int) -> int:
        return next((i for i, e in enumerate(self._entries) if e.id == duo_id), -1)

    def _names_of(self, row: int) -> DuoNames | None:
        did = self._entries[row].id
        if did not in self._names:
            start = (row // BLOCK) * BLOCK
            self._names.update(self._loader([e.id for e in self._entries[start:start + BLOCK]]))
        return self._names.get(did)

    # --- Qt model API -----------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._entries)):
            return None
        entry = self._entries[index.row()]
        if role == ID_ROLE:
            return entry.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            col = index.column()
            if role == Qt.ItemDataRole.ToolTipRole and col == DUE_COLUMN:
                return "\n".join(a.message() for a in entry.alerts) or None
            names = self._names_of(index.row()) if col in NAME_COLUMNS else None
            return COLUMNS[col][1](entry, names)
        if role == Qt.ItemDataRole.BackgroundRole and entry.alerts:
            return QBrush(ATTENTION)
        if role == Qt.ItemDataRole.ForegroundRole and entry.alerts:
            return QBrush(QColor("#202020"))
        if role == Qt.ItemDataRole.TextAlignmentRole and 4 <= index.column() <= 6:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal and \
                section in HEADER_TIPS:
            return _(HEADER_TIPS[section])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section][0])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        if column in NAME_COLUMNS:
            missing = [e.id for e in self._entries if e.id not in self._names]
            for start in range(0, len(missing), 2000):
                self._names.update(self._loader(missing[start:start + 2000]))
            attr = NAME_COLUMNS[column]

            def key(e: OverviewEntry) -> Any:
                n = self._names.get(e.id)
                return (getattr(n, attr).casefold() if n else "", e.id)
        else:
            base = COLUMNS[column][2]

            def key(e: OverviewEntry) -> Any:
                return (base(e), e.id)
        old = self.persistentIndexList()
        old_ids = [(self._entries[i.row()].id, i.column()) for i in old]
        self._entries.sort(key=key, reverse=order == Qt.SortOrder.DescendingOrder)
        rows = {e.id: r for r, e in enumerate(self._entries)}
        self.changePersistentIndexList(old, [self.index(rows[did], col) for did, col in old_ids])
        self.layoutChanged.emit()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._entries:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._entries) - 1, len(COLUMNS) - 1))
