"""The Participants screen: a fast table of mentors and mentees with search
as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout

from .. import i18n
from ..i18n import _, ngettext
from ..services import participants as service
from .context import AppContext
from .participants_model import ParticipantTableModel
from .screen import Screen


class ParticipantsScreen(Screen):
    key = "participants"

    def __init__(self, context: AppContext, parent=None) -> None:  # noqa: ANN001
        super().__init__(context, parent)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.model = ParticipantTableModel(self._load_rows, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)

        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        context.hub.changed.connect(lambda kind: self.refresh() if kind in ("participants", "all") else None)
        self.translate_ui()

    def title(self) -> str:
        return _("Participants")

    def translate_ui(self) -> None:
        self.search.setPlaceholderText(_("Search by name, email, phone or municipality…"))
        self.model.retranslate()
        self._update_count()

    def _load_rows(self, ids):  # noqa: ANN001, ANN202
        with self.context.store.session() as session:
            return service.fetch_rows(session, ids)

    def refresh(self) -> None:
        flt = service.ParticipantFilter(text=self.search.text())
        with self.context.store.session() as session:
            ids = service.search_ids(session, flt)
        self.model.set_ids(ids)
        self._update_count()

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(ngettext("{count} participant", "{count} participants", n).format(
            count=i18n.format_number(n)))

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
