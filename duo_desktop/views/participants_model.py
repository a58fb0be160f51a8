"""Table model of participants: holds ids only and fetches rows lazily, in
blocks, as they scroll into view (as Anki's browser model)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from ..i18n import N_, _, format_date
from ..services.labels import label
from ..services.participants import ParticipantRow

Index = QModelIndex | QPersistentModelIndex
BLOCK = 200

# Marker shown in the first column of a possible duplicate (its tooltip says so)
DUPLICATE_MARK = "⚠"

COLUMNS: list[tuple[str, Callable[[ParticipantRow], str]]] = [
    (N_("Dup."), lambda r: DUPLICATE_MARK if r.duplicate else ""),
    (N_("Last name"), lambda r: r.last_name),
    (N_("First name"), lambda r: r.first_name),
    (N_("Role"), lambda r: label(r.role)),
    (N_("Status"), lambda r: label(r.status)),
    (N_("Branch"), lambda r: r.branch),
    (N_("Municipality"), lambda r: r.municipality),
    (N_("Applied on"), lambda r: format_date(r.applied_on, "short")),
]
#: The service's sort key of each column, in the same order
SORT_KEYS = ("duplicate", "last_name", "first_name", "role", "status", "branch", "municipality", "applied_on")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class ParticipantTableModel(QAbstractTableModel):
    #: the user asked to sort by a column: (service sort key, descending)
    sort_requested = Signal(str, bool)

    def __init__(self, loader: Callable[[Sequence[int]], list[ParticipantRow]], parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._loader = loader
        self._ids: list[int] = []
        self._cache: dict[int, ParticipantRow] = {}

    # --- contents ---------------------------------------------------------
    def set_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._cache.clear()
        self.endResetModel()

    def invalidate(self) -> None:
        """Forget cached rows (data changed) but keep the same ids."""
        self._cache.clear()
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, participant_id: int) -> int:
        try:
            return self._ids.index(participant_id)
        except ValueError:
            return -1

    def _row(self, row: int) -> ParticipantRow | None:
        pid = self._ids[row]
        cached = self._cache.get(pid)
        if cached is None:
            start = (row // BLOCK) * BLOCK
            block = self._ids[start : start + BLOCK]
            for fetched in self._loader(block):
                self._cache[fetched.id] = fetched
            cached = self._cache.get(pid)
        return cached

    # --- Qt model API -----------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._ids)):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            row = self._row(index.row())
            return None if row is None else COLUMNS[index.column()][1](row)
        if role == Qt.ItemDataRole.ToolTipRole:
            row = self._row(index.row())
            if row is None:
                return None
            if index.column() == 0:
                return _("Possible duplicate: see the detail panel") if row.duplicate else None
            return COLUMNS[index.column()][1](row)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting happens in the service; the screen asks it again."""
        if 0 <= column < len(SORT_KEYS):
            self.sort_requested.emit(SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal and section == 0:
            return _("Possible duplicates")
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section][0])
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        self.invalidate()
