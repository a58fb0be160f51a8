"""The attendance list on screen, quick to tick with the keyboard: arrow keys
to move, Space for attended / absent, 1 to 5 for invited, registered,
attended, absent, excused, Delete to take an invitation back. A tick keeps
the cursor on its row, as the hint under the list says (issue 17: moving on
by itself made the next arrow key land one row too far)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from ..i18n import _
from ..services.labels import label

from ..models import AttendanceStatus
from .events_models import ID_ROLE, AttendanceTableModel

A = AttendanceStatus
NUMBER_KEYS = {
    Qt.Key.Key_1: A.INVITED,
    Qt.Key.Key_2: A.REGISTERED,
    Qt.Key.Key_3: A.ATTENDED,
    Qt.Key.Key_4: A.ABSENT,
    Qt.Key.Key_5: A.EXCUSED,
}


class AttendanceView(QTableView):
    #: participant id, the status asked for
    status_requested = Signal(int, object)
    #: participant id
    remove_requested = Signal(int)

    def __init__(self, model: AttendanceTableModel, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)

        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)

    def _menu(self, pos: QPoint) -> None:
        """The same choices as the keys, for the mouse."""
        index = self.indexAt(pos)
        if not index.isValid():
            return
        self.setCurrentIndex(index)
        pid = index.data(ID_ROLE)
        menu = QMenu(self)
        for number, status in enumerate(NUMBER_KEYS.values(), start=1):
            action = menu.addAction(f"&{number} {label(status)}")
            action.triggered.connect(lambda _c=False, s=status: self.status_requested.emit(pid, s))
        menu.addSeparator()
        remove = menu.addAction(_("&Remove from the list"))
        remove.triggered.connect(lambda _c=False: self.remove_requested.emit(pid))
        menu.popup(self.viewport().mapToGlobal(pos))

    def current_participant(self) -> int | None:
        index = self.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        pid = self.current_participant()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if pid is not None and modifiers == Qt.KeyboardModifier.NoModifier:
            key = event.key()
            status = None
            if key in (Qt.Key.Key_Space, Qt.Key.Key_Select):
                line = self.model().row_at(self.currentIndex().row())
                status = A.ABSENT if line.status is A.ATTENDED else A.ATTENDED
            elif key in NUMBER_KEYS:
                status = NUMBER_KEYS[Qt.Key(key)]
            if status is not None:
                self.status_requested.emit(pid, status)
                event.accept()
                return
            if key == Qt.Key.Key_Delete:
                self.remove_requested.emit(pid)
                event.accept()
                return
        super().keyPressEvent(event)

    def _go_to(self, row: int) -> None:
        if 0 <= row < self.model().rowCount():
            self.setCurrentIndex(self.model().index(row, 0))
