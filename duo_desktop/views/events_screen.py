"""The Events screen: the list of the branches' information sessions,
trainings and intervisions (filtered by branch, type and period), the
selected event with its attendance list, and the intervisions attended per
mentor. What the buttons do lives beside it: the event editing
(event_editing.py: new, edit, delete, invite) and the attendance
(attendance_controller.py). Every change is one operation (views/ops.py); the
line at the bottom says whether it was saved. Reads are quick and run at
once, on the UI thread."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _, ngettext
from ..models import EventKind
from ..services import attendance as attendance_service
from ..services.settings import coordinators
from ..services import events as service
from ..services.labels import label
from .attendance_controller import AttendanceController
from .columns import add_column_chooser, fit_columns, refit, set_hidden
from .context import AppContext, Changes
from .event_detail import EventDetail, tool_button
from .event_editing import EventEditing
from .events_calendar import EventsCalendar
from .events_models import ID_ROLE, EventTableModel
from .events_ops import read
from . import fit
from .flow_layout import FlowLayout
from .ops import failure_message
from .intervisions_panel import IntervisionsPanel, fill_branches, plain_table
from .screen import Screen


class EventsScreen(Screen):
    key = "events"
    #: the id of the event whose printable attendance sheet is wanted
    attendance_sheet_requested = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.branches: list[service.BranchChoice] = []
        self.editing = EventEditing(self)
        self.attendance = AttendanceController(self)

        # --- filters and the list of events
        self.branch_filter = QComboBox()
        self.kind_filter = QComboBox()
        self.period_filter = QComboBox()
        self.branch_label, self.kind_label, self.period_label = QLabel(), QLabel(), QLabel()
        for lab, combo in ((self.branch_label, self.branch_filter), (self.kind_label, self.kind_filter),
                           (self.period_label, self.period_filter)):
            lab.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.kind_filter.addItem("", None)
        for kind in EventKind:
            self.kind_filter.addItem("", kind)
        for period in service.Period:  # "from today on" first: the default (issue 17)
            self.period_filter.addItem("", period)
        self.calendar = EventsCalendar()
        self.calendar.day_chosen.connect(lambda _day: self.reload_events())
        self.count_label = QLabel()
        self.events_model = EventTableModel(self)
        self.events_table = plain_table(self.events_model)
        add_column_chooser(self.events_table, "events")  # right-click the header (issue 17)
        m = EventTableModel  # every column may give up width (elided, the tooltip shows it whole): a date range
        # keeps its first day, the time its start; at 150 % the counts, place and branch fold away (then the type
        # and the time, on a narrower table still)
        fit_columns(self.events_table, {0: 10, 1: 5, 2: 6, m.TITLE: 12, 4: 4, 5: 4, m.SEATS: 5, m.PLACE: 10,
                                        m.BRANCH: 8}, fold=(1, 2, 4, 5, m.SEATS, m.PLACE, m.BRANCH), last=(0, 1))
        self.events_table.doubleClicked.connect(lambda _i: self.editing.edit_event())

        # --- actions (shortcuts active while the focus is in this screen)
        self.new_action = self._action("Ctrl+N", self.editing.new_event)
        self.edit_action = self._action("Ctrl+E", self.editing.edit_event)
        self.delete_action = self._action("Ctrl+Del", self.editing.delete_event)
        self.invite_action = self._action("Ctrl+I", self.editing.invite)
        self.sheet_action = self._action("Ctrl+P", self.request_sheet)
        self.absent_action = self._action("", self.attendance.mark_others_absent)
        self.remove_action = self._action("", self.attendance.remove_current)

        # --- the selected event and its attendance list
        self.detail = EventDetail((self.edit_action, self.delete_action, self.invite_action, self.sheet_action),
                                  (self.absent_action, self.remove_action), self.attendance.change)
        self.attendance_model = self.detail.attendance_model
        self.attendance_table = self.detail.attendance_table
        self.counts_label = self.detail.counts_label
        self.attendance_table.status_requested.connect(self.attendance.change)
        self.attendance_table.remove_requested.connect(self.attendance.remove)
        self.empty_detail = QLabel()
        self.empty_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_detail.setWordWrap(True)

        filter_bar = QWidget()
        filters = FlowLayout(filter_bar, spacing=8)  # wraps on a narrow window rather than clipping (issue 17)
        for lab, combo in ((self.branch_label, self.branch_filter), (self.kind_label, self.kind_filter),
                           (self.period_label, self.period_filter)):
            pair = QWidget()  # a label stays beside its field when the bar wraps
            row = QHBoxLayout(pair)
            row.setContentsMargins(0, 0, 0, 0)
            row.setSpacing(4)
            row.addWidget(lab)
            row.addWidget(combo)
            filters.addWidget(pair)
        filters.addWidget(self.count_label)
        filters.addWidget(tool_button(self.new_action))
        left = QWidget()
        left_layout = QHBoxLayout(left)  # the list, and the month beside it
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.events_table, 1)
        # the month keeps its height and scrolls with its hint and "All days" when the window is short
        month = fit.scrolling(self.calendar)
        month.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        month.setMinimumWidth(self.calendar.sizeHint().width() + month.verticalScrollBar().sizeHint().width())
        left_layout.addWidget(month)
        # the list of events above, the selected event and its attendance list below: both get the full width;
        # with no event selected the list takes the whole height and one line says what to do (at 150 % on a
        # 768-pixel screen an empty pane beside the list left that line half hidden)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(left)
        # the selected event scrolls rather than squeezing its buttons on a short screen (150 %, 768 pixels)
        self.detail_area = fit.scrolling(self.detail)
        self.splitter.addWidget(self.detail_area)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setSizes([320, 380])
        # a small window stays possible: the attendance list then scrolls instead of forcing the window taller
        self.splitter.setMinimumHeight(160)
        events_page = QWidget()
        page_layout = QVBoxLayout(events_page)
        page_layout.addWidget(filter_bar)
        page_layout.addWidget(self.splitter, 1)
        page_layout.addWidget(self.empty_detail)

        # --- intervisions per mentor
        self.intervisions = IntervisionsPanel(self._load_intervisions)
        self.intervision_model = self.intervisions.model

        self.tabs = QTabWidget()
        self.tabs.addTab(events_page, "")
        self.tabs.addTab(self.intervisions, "")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("events_message")
        self.message.hide()  # shown with its first message
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)

        for combo in (self.branch_filter, self.kind_filter, self.period_filter):
            combo.currentIndexChanged.connect(lambda _i: self.reload_events())
        self.tabs.currentChanged.connect(lambda _i: self._intervisions_if_stale())
        self._intervisions_stale = True
        self.events_table.selectionModel().currentRowChanged.connect(lambda *_a: self.show_selected())
        context.hub.changed.connect(self._data_changed)
        self.translate_ui()
        self.show_selected()

    # --- building blocks ----------------------------------------------------
    def _action(self, shortcut: str, slot) -> QAction:  # noqa: ANN001
        action = QAction(self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _load_intervisions(self, branch_id: int | None) -> list[attendance_service.MentorIntervisions]:
        return read(self, self.context, lambda s: attendance_service.intervision_counts(s, branch_id)) or []

    # --- language -----------------------------------------------------------
    def title(self) -> str:
        return _("Events")

    def translate_ui(self) -> None:
        # what the last action said is not said again in the new language: it goes, rather than stay in the old one
        self.message.clear()
        self.branch_label.setText(_("&Branch"))
        self.kind_label.setText(_("T&ype"))
        self.period_label.setText(_("&When"))
        if self.branch_filter.count():
            self.branch_filter.setItemText(0, _("All branches"))
        self.kind_filter.setItemText(0, _("All types"))
        for i in range(1, self.kind_filter.count()):
            self.kind_filter.setItemText(i, label(EventKind(self.kind_filter.itemData(i))))
        self.calendar.translate_ui()
        periods = {service.Period.ALL: _("All dates"), service.Period.UPCOMING: _("From today on"),
                   service.Period.PAST: _("Past")}
        for i in range(self.period_filter.count()):
            self.period_filter.setItemText(i, periods[service.Period(self.period_filter.itemData(i))])
        self.new_action.setText(_("&New event…"))
        self.edit_action.setText(_("&Edit…"))
        self.delete_action.setText(_("&Delete…"))
        self.invite_action.setText(_("&Invite…"))
        self.sheet_action.setText(_("Attendance &sheet…"))
        self.absent_action.setText(_("Mark the &others absent"))
        self.remove_action.setText(_("&Remove from the list"))
        for action, tip in ((self.new_action, _("Plan a new event (Ctrl+N)")),
                            (self.edit_action, _("Edit the selected event (Ctrl+E)")),
                            (self.delete_action, _("Delete the selected event (Ctrl+Del)")),
                            (self.invite_action, _("Invite people to the selected event (Ctrl+I)")),
                            (self.sheet_action, _("Print the attendance sheet of the selected event (Ctrl+P)")),
                            (self.absent_action, _("Everyone still invited or registered did not come")),
                            (self.remove_action, _("Take the invitation of the selected person back (Del)"))):
            action.setToolTip(tip)
        self.empty_detail.setText(_("Select an event to see its attendance list, or plan one with "
                                    "“New event…” (Ctrl+N)."))
        self.tabs.setTabText(0, _("Events"))
        self.tabs.setTabText(1, _("Intervisions per mentor"))
        self.detail.translate_ui()
        self.intervisions.translate_ui()
        self.events_model.retranslate()
        self._update_count()
        self.show_selected()

    # --- loading ------------------------------------------------------------
    def refresh(self) -> None:
        branches = read(self, self.context, service.list_branches)
        if branches is not None and branches != self.branches:
            self.branches = branches
            fill_branches(self.branch_filter, branches)
            self.intervisions.set_branches(branches)
        self.reload_events()
        self._intervisions_stale = True
        self._intervisions_if_stale()

    def reload_events(self) -> None:
        keep = self.selected_event_id()
        now, branch_id, kind = self.context.clock.now(), self.branch_filter.currentData(), self._kind_filter()
        period, day = service.Period(self.period_filter.currentData()), self.calendar.day
        rows = read(self, self.context, lambda s: service.list_events(s, now, branch_id, kind, period, day))
        days = read(self, self.context, lambda s: service.event_days(s, branch_id, kind))
        self.calendar.show_days(days or {}, now.date())
        self.events_model.set_rows(rows or [])
        m = EventTableModel
        set_hidden(self.events_table, m.BRANCH, self.branch_filter.currentData() is not None)
        refit(self.events_table)  # inside the table's width (views/columns.py)
        if keep is not None and self.events_model.row_of(keep) >= 0:
            self.select_event(keep)
        self._update_count()
        self.show_selected()

    def _kind_filter(self) -> EventKind | None:
        data = self.kind_filter.currentData()  # Qt gives the enum back as a plain string
        return EventKind(data) if data else None

    def _update_count(self) -> None:
        n = self.events_model.rowCount()
        self.count_label.setText(ngettext("{count} event", "{count} events", n).format(count=n))

    def _intervisions_if_stale(self) -> None:
        """The counts per mentor are read when their tab is shown, not after every tick."""
        if self._intervisions_stale and self.tabs.currentIndex() == 1:
            self._intervisions_stale = False
            self.intervisions.reload()

    def _data_changed(self, changes: Changes, initiator: object) -> None:
        if initiator is self:  # this screen already showed its own change
            return
        if changes & (Changes.EVENTS | Changes.PARTICIPANTS | Changes.SETTINGS):
            self.refresh()

    # --- after this screen's own changes (the controllers call these) -----------------
    def events_changed(self, select: int | None = None) -> None:
        """An event was planned, changed, deleted or people invited: read the
        list again, keeping (or moving to) the selected event."""
        self._intervisions_stale = True
        self.reload_events()
        if select is not None:
            self.select_event(select)

    def attendance_changed(self) -> None:
        """The selected event's list changed: its row and its list only."""
        self._intervisions_stale = True
        event_id = self.selected_event_id()
        if event_id is None:
            return
        row = read(self, self.context, lambda s: service.event_row(s, event_id))
        if row is not None:
            self.events_model.replace_row(row)
        self.show_selected()

    # --- selection ----------------------------------------------------------
    def selected_event_id(self) -> int | None:
        index = self.events_table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def selected_row(self) -> service.EventRow | None:
        event_id = self.selected_event_id()
        return None if event_id is None else self.events_model.row_at(self.events_model.row_of(event_id))

    def select_event(self, event_id: int) -> None:
        row = self.events_model.row_of(event_id)
        if row >= 0:
            self.events_table.setCurrentIndex(self.events_model.index(row, 0))

    def show_selected(self) -> None:
        event_id = self.selected_event_id()
        has_event = event_id is not None
        self.detail_area.setVisible(has_event)
        self.empty_detail.setVisible(not has_event)
        for action in (self.edit_action, self.delete_action, self.invite_action, self.sheet_action,
                       self.absent_action, self.remove_action):
            action.setEnabled(has_event)
        if not has_event:
            self.detail.clear()
            return
        row = self.events_model.row_at(self.events_model.row_of(event_id))
        # an event deleted meanwhile (by another coordinator) is said on the line, not in a box
        lines = read(self, self.context, lambda s: attendance_service.attendance_list(s, event_id),
                     failure=lambda error: self.say(failure_message(error), saved=False))
        self.detail.show_event(row, lines or [])

    @property
    def dialog(self) -> QDialog | None:
        """The event or invitation dialog open now, if any (tests drive it)."""
        return self.editing.dialog

    # --- saying what happened -----------------------------------------------
    def say(self, text: str, saved: bool = True) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))  # an empty line takes no height from the list
        self.message.setStyleSheet("" if saved else "color: #b3261e;")

    def not_saved(self, error: Exception) -> None:
        self.say(_("Not saved: {reason}").format(reason=failure_message(error)), saved=False)

    # --- what the controllers start from ----------------------------------------------
    def default_input(self) -> service.EventInput:
        """A new event: next week at 18:00 for two hours, of the branch and type filtered on
        (all branches shown: the working coordinator's branch, issue 10)."""
        day = self.context.clock.today() + dt.timedelta(days=7)
        start = dt.datetime.combine(day, dt.time(18, 0))
        cid = self.context.coordinator_id
        working = read(self, self.context, lambda s: coordinators.branch_of(s, cid), lambda _e: None)
        branch = self.branch_filter.currentData() or working or (self.branches[0].id if self.branches else 0)
        kind = self._kind_filter() or EventKind.INFO_SESSION
        return service.EventInput(branch, kind, start, start + dt.timedelta(hours=2))

    def request_sheet(self) -> None:
        event_id = self.selected_event_id()
        if event_id is not None:
            self.attendance_sheet_requested.emit(event_id)
