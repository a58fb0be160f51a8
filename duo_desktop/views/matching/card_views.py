"""The two card lists of the board: mentees are dragged, mentors receive the
drop. A drag announces its mentee so the mentor cards light up; a drop onto
an impossible mentor is refused (the cursor says so, the board says why)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView

from .card_delegate import CardDelegate
from .cards_model import MentorCardsModel
from .mime import MENTEE_MIME, mentee_id_of


class _CardList(QListView):
    def __init__(self, with_score: bool, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setItemDelegate(CardDelegate(self, with_score=with_score))
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSpacing(0)
        self.setMinimumWidth(140)

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return self.model().profile(index.row()).id if index.isValid() else None

    def select_id(self, pid: int) -> bool:
        row = self.model().row_of(pid)
        if row < 0:
            return False
        self.setCurrentIndex(self.model().index(row))
        return True


class MenteeListView(_CardList):
    drag_started = Signal(int)  # mentee id
    drag_finished = Signal()

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(False, parent)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)

    def startDrag(self, supported: Qt.DropAction) -> None:  # noqa: N802
        index = self.currentIndex()
        if index.isValid():
            self.drag_started.emit(self.model().profile(index.row()).id)
        try:
            super().startDrag(supported)
        finally:
            self.drag_finished.emit()


class MentorListView(_CardList):
    """Receives mentee drops. ``hovered`` tells the board which mentor is
    under the cursor (to explain it); ``dropped`` asks it to propose."""

    dropped = Signal(int, int)  # mentee id, mentor id
    hovered = Signal(int, int)  # mentee id, mentor id (-1 when none)
    activated_mentor = Signal(int)  # Enter on a mentor: propose (keyboard path)

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(True, parent)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(False)
        self._last_hover: tuple[int, int] | None = None

    def model(self) -> MentorCardsModel:  # type: ignore[override]
        return super().model()  # type: ignore[return-value]

    def _target(self, event: QDropEvent | QDragMoveEvent) -> tuple[int | None, QModelIndex]:
        return mentee_id_of(event.mimeData()), self.indexAt(event.position().toPoint())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasFormat(MENTEE_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802
        mentee_id, index = self._target(event)
        if mentee_id is None:
            event.ignore()
            return
        mentor_id = self.model().profile(index.row()).id if index.isValid() else -1
        if self._last_hover != (mentee_id, mentor_id):
            self._last_hover = (mentee_id, mentor_id)
            self.hovered.emit(mentee_id, mentor_id)
        if index.isValid() and self.model().is_feasible(index.row()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept(self.visualRect(index))
        else:
            event.ignore(self.visualRect(index) if index.isValid() else self.viewport().rect())

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:  # noqa: N802
        self._last_hover = None
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        """The drop handler: the board proposes the duo, or refuses it with
        the reason (an impossible mentor)."""
        self._last_hover = None
        mentee_id, index = self._target(event)
        if mentee_id is None or not index.isValid():
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.dropped.emit(mentee_id, self.model().profile(index.row()).id)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_mentor.emit(self.model().profile(self.currentIndex().row()).id)
            event.accept()
            return
        super().keyPressEvent(event)
