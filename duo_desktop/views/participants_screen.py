"""The Participants screen: a fast table of mentors and mentees with search as
you type, filters, the status strip with counts, and a detail panel with the
whole profile. Status changes and merges go through the services, one
transaction each."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from .. import i18n
from ..i18n import _, ngettext
from ..models import ParticipantStatus
from .participant_notes_actions import NotesAndUndo
from ..services import participant_status
from ..services import participants as service
from ..services.errors import NotFound
from ..services.participant_profile import load_profile
from ..services.reports.registry import Subject
from .context import AppContext, Changes
from .ops import Operation, Query, failure_message
from .participant_detail import ParticipantDetail
from .participant_privacy import PrivacyActions
from .participant_dialogs import MergeDialog, StatusDialog
from .columns import add_column_chooser
from .list_actions import ListActions
from .participant_filters import FilterBar, StatusStrip
from .participants_model import ParticipantTableModel
from .screen import Screen


#: Above this many participants the search index is built off the UI thread
BACKGROUND_THRESHOLD = 20_000
#: Milliseconds between showing the first list and starting to build the search index
INDEX_DELAY_MS = 400


class ParticipantsScreen(Screen):
    key = "participants"
    #: None for a new intake, or the id of the participant whose intake to edit / continue
    intake_requested = Signal(object)

    def __init__(self, context: AppContext, parent=None) -> None:  # noqa: ANN001
        super().__init__(context, parent)
        self.index = service.ParticipantIndex()
        self._has_index = False  # an index (maybe stale) can answer searches
        self._loading = False
        self._reload_when_loaded = False
        self._status: ParticipantStatus | None = None
        self._sort: tuple[str, bool] = ("last_name", False)
        self.last_result = service.SearchResult([], {})
        self.message = QLabel()  # says whether the last change was saved

        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel()
        self.new_button = QToolButton()
        self.filters = FilterBar()
        self.strip = StatusStrip()
        self.model = ParticipantTableModel(self._load_rows, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(1, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.resizeSection(0, 40)
        # narrow enough that the eight columns fit beside the detail panel at 1280 x 800 (issue 17)
        for col, width in ((1, 110), (2, 95), (3, 70), (4, 145), (5, 100), (6, 90)):
            header.resizeSection(col, width)
        add_column_chooser(self.table, "participants")  # right-click the header (issue 17)
        self.detail = ParticipantDetail()

        self._debounce = QTimer(self, singleShot=True, interval=120)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.filters.changed.connect(self.refresh)
        self.strip.status_chosen.connect(self._status_chosen)
        self.model.sort_requested.connect(self._sort_requested)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_detail(cur))
        self.table.doubleClicked.connect(lambda idx: self._request_edit())
        self.detail.change_status_requested.connect(self.change_status)
        self.detail.edit_requested.connect(self._request_edit)
        self.detail.merge_requested.connect(self.merge_duplicates)
        self.privacy = PrivacyActions(self)
        self.notes_and_undo = NotesAndUndo(self)
        self.new_button.clicked.connect(lambda: self.intake_requested.emit(None))

        self.new_action = QAction(self)
        self.new_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_action.triggered.connect(lambda: self.intake_requested.emit(None))
        self.edit_action = QAction(self)
        self.edit_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit_action.triggered.connect(self._request_edit)
        self.status_action = QAction(self)
        self.status_action.setShortcut(QKeySequence("Ctrl+Shift+S"))
        self.status_action.triggered.connect(self.change_status)
        for action in (self.new_action, self.status_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.table.addAction(self.edit_action)
        self.table.addAction(self.status_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.new_button)
        self.list_actions = ListActions(self, context, Subject.PARTICIPANT, self.listed_ids, self.message.setText)
        top.addWidget(self.list_actions.button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([600, 400])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.filters)  # both wrap onto more lines rather than scroll sideways (issue 17)
        layout.addWidget(self.strip)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)
        context.hub.changed.connect(self._data_changed)
        self._load_choices()
        self.translate_ui()

    # --- texts ---------------------------------------------------------------
    def title(self) -> str:
        return _("Participants")

    def translate_ui(self) -> None:
        # what the last action said is not said again in the new language: it goes, rather than stay in the old one
        self.message.clear()
        self.search.setPlaceholderText(_("Search by name, email, phone or municipality…"))
        self.new_button.setText(_("New intake…"))
        self.new_button.setToolTip(_("Start an intake interview (Ctrl+N)"))
        self.new_action.setText(_("New intake…"))
        self.edit_action.setText(_("Edit / continue intake…"))
        self.status_action.setText(_("Change status…"))
        self.list_actions.translate_ui()
        self.filters.translate_ui()
        self.strip.translate_ui()
        self.detail.translate_ui()
        self.privacy.translate_ui()
        self.model.retranslate()
        self._update_count()

    # --- data ----------------------------------------------------------------
    def _load_choices(self) -> None:
        Query(self, self.context, lambda s: (service.branch_choices(s), service.coordinator_choices(s))) \
            .success(lambda choices: self.filters.set_choices(*choices)).run()

    def _load_rows(self, ids):  # noqa: ANN001, ANN202
        rows: list = []
        Query(self, self.context, lambda s: service.fetch_rows(s, ids, self.index)).success(rows.extend).run()
        return rows

    def _data_changed(self, changes: Changes, initiator: object) -> None:
        if initiator is self:  # this screen already shows its own change
            return
        if changes & (Changes.PARTICIPANTS | Changes.SETTINGS):
            self.index.loaded = False  # read again; the old index serves until then
            self._load_choices()
            self.refresh()
        elif changes & (Changes.DUOS | Changes.EVENTS):
            # the rows and the detail panel (duos, events attended) are read again;
            # the index keeps its statuses until participants change
            self.model.invalidate()
            self._show_detail(self.table.currentIndex())

    def current_filter(self) -> service.ParticipantFilter:
        values = self.filters.values()
        months = values.pop("waiting_months")
        cutoff = service.waiting_cutoff(self.context.clock.today(), months) if months else None
        return service.ParticipantFilter(text=self.search.text(), status=self._status, applied_before=cutoff,
                                         **values)

    def _load_index(self) -> bool:
        """Make the search index ready. A small database is read at once; a
        large one (1-3 s at 100,000) off the UI thread while the screen stays
        usable with the previous index. True when the index can be searched."""
        if self.index.loaded:
            return True
        index, small = self.index, []

        def read_if_small(session) -> bool:  # noqa: ANN001
            return service.count(session) <= BACKGROUND_THRESHOLD and index.reload(session) is None

        Query(self, self.context, read_if_small).success(small.append).run()
        if small and small[0]:
            self._has_index = True
            return True
        if not self._loading:
            self._loading = True

            def build(session):  # noqa: ANN001, ANN202  (on a worker thread: a fresh index, no widget)
                fresh = service.ParticipantIndex()
                fresh.reload(session)
                return fresh

            def start() -> None:
                # a failure is logged without personal data and said on screen
                Query(self, self.context, build).success(self._index_ready) \
                    .failure(lambda _exc: self._index_ready(None)).run_in_background()

            if self._has_index:
                start()
            else:
                # the first time (at start-up): after the window is painted with the quick list, so that
                # the build (Python, holding the GIL) does not slow the first screen (issue 15)
                QTimer.singleShot(INDEX_DELAY_MS, self, start)
        self.count_label.setText(_("Loading participants…"))
        return self._has_index

    def _index_ready(self, index: service.ParticipantIndex | None) -> None:
        if not isValid(self):  # the screen was closed while the index was built
            return
        self._loading = False
        if index is None:
            self.message.setText(_("The list of participants could not be read. Try again with F5."))
            return
        self.index = index
        self._has_index = True
        if self._reload_when_loaded:
            self._reload_when_loaded = False
            index.loaded = False
        self.refresh()

    def refresh(self) -> None:
        self._debounce.stop()
        if not self._load_index() and not self._has_index:
            if self.model.rowCount() == 0:  # first start on a large database: list at once, search soon
                Query(self, self.context, service.quick_list).success(self.model.set_ids).run()
                # the counts (30 ms at 100,000) come once the window is painted with the list, like the index
                QTimer.singleShot(INDEX_DELAY_MS, self, self._count_statuses)
            return
        selected = self.current_id()
        flt, sort, index = self.current_filter(), self._sort, self.index
        found: list[service.SearchResult] = []
        # the sector and language filters read their ids in the query's session
        Query(self, self.context, lambda s: index.search(flt, *sort, session_factory=lambda: nullcontext(s))) \
            .success(found.append).run()
        if not found:
            return
        result = self.last_result = found[0]
        self.model.set_ids(result.ids)
        self.strip.set_counts(result.counts)
        self._update_count()
        if selected is not None and self.select(selected):
            return
        self._show_detail(QModelIndex())

    def _count_statuses(self) -> None:
        if not self._has_index:
            Query(self, self.context, service.status_counts).success(self._show_quick_counts).run_in_background()

    def _show_quick_counts(self, counts: dict[ParticipantStatus, int]) -> None:
        if not self._has_index:  # the index's own counts, once there, follow the filters
            self.strip.set_counts(counts)

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(ngettext("{count} participant", "{count} participants", n).format(
            count=i18n.format_number(n)))

    def _status_chosen(self, status: ParticipantStatus | None) -> None:
        self._status = status
        self.refresh()

    def _sort_requested(self, key: str, descending: bool) -> None:
        self._sort = (key, descending)
        self.refresh()

    # --- selection and detail --------------------------------------------------
    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or index.row() >= self.model.rowCount():
            return None
        return self.model.id_at(index.row())

    def listed_ids(self) -> list[int]:
        """The participants listed, in the table's order."""
        return [self.model.id_at(row) for row in range(self.model.rowCount())]

    def select(self, participant_id: int) -> bool:
        row = self.model.row_of(participant_id)
        if row < 0:
            return False
        self.table.setCurrentIndex(self.model.index(row, 1))
        self.table.scrollTo(self.model.index(row, 1))
        self._show_detail(self.model.index(row, 1))
        return True

    def _show_detail(self, index: QModelIndex) -> None:
        profile: list = [None]
        if index.isValid():
            pid = self.model.id_at(index.row())

            def read(session):  # noqa: ANN001, ANN202
                try:
                    return load_profile(session, pid)
                except NotFound:  # gone meanwhile (merged on another laptop)
                    return None

            Query(self, self.context, read).success(lambda found: profile.__setitem__(0, found)).run()
        self.detail.show_profile(profile[0], self.context.clock.today())

    def _request_edit(self) -> None:
        pid = self.current_id()
        if pid is not None:
            self.intake_requested.emit(pid)

    # --- actions ---------------------------------------------------------------
    def _saved(self, ids: list[int], text: str) -> None:
        """After a change saved here: the index reads those people again and
        the list and message follow (the operation tells the other screens)."""
        index = self.index
        Query(self, self.context, lambda s: index.refresh_ids(s, ids)).run()
        if self._loading:
            self._reload_when_loaded = True  # the index being built may have been read before this change
        self.message.setText(text)
        self.model.invalidate()
        self.refresh()

    def show_participant(self, participant_id: int) -> bool:
        """After an intake saved elsewhere: the person read again and selected
        in the list, the search and the status filter cleared when they
        would hide them. True when selected."""
        self._saved([participant_id], "")
        if self.select(participant_id):
            return True
        self._debounce.stop()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self._status = None
        self.strip.choose(None)
        self.refresh()
        return self.select(participant_id)

    def status_dialog(self) -> StatusDialog | None:
        """The dialog to change the selected participant's status (not shown)."""
        pid = self.current_id()
        if pid is None or self.detail.profile is None:
            return None
        found: list = []
        Query(self, self.context, lambda s: participant_status.next_statuses(s, pid)).success(found.append).run()
        if not found:
            return None
        current, allowed = found[0]
        today = self.context.clock.today()

        def apply(status: ParticipantStatus, on: dt.date, reason: str) -> Operation:
            return Operation(self, self.context,
                             lambda s: participant_status.set_status(s, pid, status, on, reason,
                                                                     at=self.context.clock.now()),
                             changes=Changes.PARTICIPANTS) \
                .success(lambda _r: self._saved([pid], _("Status changed and saved.")))

        return StatusDialog(self.detail.profile.full_name, current, allowed, today, apply, self)

    def change_status(self) -> None:
        dialog = self.status_dialog()
        if dialog is None:
            return
        dialog.exec()  # saved (and said) by the dialog's operation

    def merge_dialog(self, other_id: int | None = None) -> MergeDialog | None:
        """The merge dialog for the selected participant and one of its possible duplicates."""
        profile = self.detail.profile
        if profile is None or not profile.duplicates:
            return None
        other_id = other_id or profile.duplicates[0].participant_id
        other: list = []
        Query(self, self.context, lambda s: load_profile(s, other_id)).success(other.append).run()
        return MergeDialog(profile, other[0], self) if other else None

    def merge_duplicates(self, other_id: int | None = None) -> None:
        profile = self.detail.profile
        if other_id is None and profile is not None and len(profile.duplicates) > 1:
            choices = [_("Record {id} ({name})").format(id=c.participant_id, name=c.name) for c in profile.duplicates]
            chosen, ok = QInputDialog.getItem(self, _("Merge duplicates"), _("Merge with which record?"),
                                              choices, 0, False)
            if not ok:
                return
            other_id = profile.duplicates[choices.index(chosen)].participant_id
        dialog = self.merge_dialog(other_id)
        if dialog is not None and dialog.exec():
            self.run_merge(*dialog.kept_and_other())

    def run_merge(self, keep_id: int, other_id: int) -> bool:
        """Merge ``other_id`` into ``keep_id`` in one transaction; True when saved."""

        def merged(_result: object) -> None:
            self._saved([keep_id, other_id], _("Records merged and saved."))
            self.select(keep_id)

        def refused(exc: Exception) -> None:
            self.message.setText(_("Nothing was merged: {reason}").format(reason=failure_message(exc)))

        from ..services import merge as merge_service  # on use: not needed to show the list (issue 15)

        return Operation(self, self.context, lambda s: merge_service.merge(s, keep_id, other_id,
                                                                           self.context.clock.now()),
                         changes=Changes.PARTICIPANTS).success(merged).failure(refused).run()

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()
