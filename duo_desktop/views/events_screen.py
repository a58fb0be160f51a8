"""The Events screen: information sessions, trainings and intervisions of the
branches, each with its attendance list; and the intervisions attended per
mentor. Every change is one transaction; the line at the bottom says whether
it was saved."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _, format_date, ngettext
from ..models import AttendanceStatus, EventKind
from ..services import attendance as attendance_service
from ..services import events as service
from ..services.errors import NotFound, RuleError
from ..services.labels import label
from .context import AppContext, Changes
from .event_detail import EventDetail, tool_button
from .event_dialog import EventDialog
from .events_models import ID_ROLE, EventTableModel, event_dates, event_name
from .intervisions_panel import IntervisionsPanel, fill_branches, plain_table
from .invite_dialog import InviteDialog
from .screen import Screen

A = AttendanceStatus


class EventsScreen(Screen):
    key = "events"
    #: the id of the event whose printable attendance sheet is wanted
    attendance_sheet_requested = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.dialog: EventDialog | InviteDialog | None = None
        self._branches: list[service.BranchChoice] = []

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
        for period in service.Period:
            self.period_filter.addItem("", period)
        self.count_label = QLabel()
        self.events_model = EventTableModel(self)
        self.events_table = plain_table(self.events_model)
        self.events_table.doubleClicked.connect(lambda _i: self.edit_event())

        # --- actions (shortcuts active while the focus is in this screen)
        self.new_action = self._action("Ctrl+N", self.new_event)
        self.edit_action = self._action("Ctrl+E", self.edit_event)
        self.delete_action = self._action("Ctrl+Del", self.delete_event)
        self.invite_action = self._action("Ctrl+I", self.invite)
        self.sheet_action = self._action("Ctrl+P", self.request_sheet)
        self.absent_action = self._action("", self.mark_others_absent)
        self.remove_action = self._action("", self.remove_current)

        # --- the selected event and its attendance list
        self.detail = EventDetail((self.edit_action, self.delete_action, self.invite_action, self.sheet_action),
                                  (self.absent_action, self.remove_action), self.change_attendance)
        self.attendance_model = self.detail.attendance_model
        self.attendance_table = self.detail.attendance_table
        self.counts_label = self.detail.counts_label
        self.attendance_table.status_requested.connect(self.change_attendance)
        self.attendance_table.remove_requested.connect(self.remove_from_list)
        self.empty_detail = QLabel()
        self.empty_detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_detail.setWordWrap(True)

        filters = QHBoxLayout()
        for lab, combo in ((self.branch_label, self.branch_filter), (self.kind_label, self.kind_filter),
                           (self.period_label, self.period_filter)):
            filters.addWidget(lab)
            filters.addWidget(combo)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        filters.addWidget(tool_button(self.new_action))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.events_table, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.detail, 1)
        right_layout.addWidget(self.empty_detail, 1)
        # the list of events above, the selected event and its attendance list below: both get the full width
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([230, 470])
        # a small window stays possible: the attendance list then scrolls instead of forcing the window taller
        self.splitter.setMinimumHeight(160)
        events_page = QWidget()
        page_layout = QVBoxLayout(events_page)
        filter_bar = QWidget()
        filter_bar.setLayout(filters)
        filters.setContentsMargins(0, 0, 0, 0)
        # the filters never force the window wider (a narrow window clips them rather than refusing to shrink)
        filter_bar.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        page_layout.addWidget(filter_bar)
        page_layout.addWidget(self.splitter, 1)

        # --- intervisions per mentor
        self.intervisions = IntervisionsPanel(self._load_intervisions)
        self.intervision_model = self.intervisions.model

        self.tabs = QTabWidget()
        self.tabs.addTab(events_page, "")
        self.tabs.addTab(self.intervisions, "")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("events_message")
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
        with self.context.store.session() as session:
            return attendance_service.intervision_counts(session, branch_id)

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
        periods = {service.Period.ALL: _("All dates"), service.Period.UPCOMING: _("Upcoming"),
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
        with self.context.store.session() as session:
            branches = service.list_branches(session)
        if branches != self._branches:
            self._branches = branches
            fill_branches(self.branch_filter, branches)
            self.intervisions.set_branches(branches)
        self.reload_events()
        self._intervisions_stale = True
        self._intervisions_if_stale()

    def reload_events(self) -> None:
        keep = self.selected_event_id()
        with self.context.store.session() as session:
            rows = service.list_events(session, self.context.clock.now(), self.branch_filter.currentData(),
                                       self._kind_filter(), service.Period(self.period_filter.currentData()))
        self.events_model.set_rows(rows)
        self.events_table.resizeColumnsToContents()
        # title, place, branch: long texts are elided (shown whole in the tooltip) so that the counts stay visible
        m = EventTableModel
        for column, widest in ((m.TITLE, 190), (m.PLACE, 170), (m.BRANCH, 170)):
            self.events_table.setColumnWidth(column, min(self.events_table.columnWidth(column), widest))
        self.events_table.setColumnHidden(m.BRANCH, self.branch_filter.currentData() is not None)
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

    def _announce(self, kind: Changes) -> None:
        """Tell the other screens; this one has already updated what it shows."""
        self._intervisions_stale = True
        self.context.hub.announce(kind, self)

    def _reload_selected(self) -> None:
        """After a change to the selected event: its row and its attendance list only."""
        event_id = self.selected_event_id()
        if event_id is None:
            return
        with self.context.store.session() as session:
            row = service.event_row(session, event_id)
        self.events_model.replace_row(row)
        self.show_selected()

    # --- selection ----------------------------------------------------------
    def selected_event_id(self) -> int | None:
        index = self.events_table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_event(self, event_id: int) -> None:
        row = self.events_model.row_of(event_id)
        if row >= 0:
            self.events_table.setCurrentIndex(self.events_model.index(row, 0))

    def show_selected(self) -> None:
        event_id = self.selected_event_id()
        has_event = event_id is not None
        self.detail.setVisible(has_event)
        self.empty_detail.setVisible(not has_event)
        for action in (self.edit_action, self.delete_action, self.invite_action, self.sheet_action,
                       self.absent_action, self.remove_action):
            action.setEnabled(has_event)
        if not has_event:
            self.detail.clear()
            return
        row = self.events_model.row_at(self.events_model.row_of(event_id))
        with self.context.store.session() as session:
            lines = attendance_service.attendance_list(session, event_id)
        self.detail.show_event(row, lines)

    # --- saying what happened -----------------------------------------------
    def say(self, text: str, saved: bool = True) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("" if saved else "color: #b3261e;")

    def _not_saved(self, error: Exception) -> None:
        self.say(_("Not saved: {reason}").format(reason=str(error)), saved=False)

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def ask_undo_status(self, info: attendance_service.AdvancedStatus) -> bool | None:
        """True: put the status back too; False: keep it; None: cancel."""
        box = QMessageBox(QMessageBox.Icon.Question, _("Correct the attendance"), _(
            "This attendance moved {name} to “{status}” on {date}. Put the status back to “{previous}” as well?").format(
            name=info.name, status=label(info.status), date=format_date(info.on), previous=label(info.previous)),
            parent=self)
        undo = box.addButton(_("&Put the status back"), QMessageBox.ButtonRole.YesRole)
        keep = box.addButton(_("&Keep the status"), QMessageBox.ButtonRole.NoRole)
        box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is undo else False if clicked is keep else None

    # --- actions on events --------------------------------------------------
    def _default_input(self) -> service.EventInput:
        today = self.context.clock.today() + dt.timedelta(days=7)
        start = dt.datetime.combine(today, dt.time(18, 0))
        branch = self.branch_filter.currentData() or (self._branches[0].id if self._branches else 0)
        kind = self._kind_filter() or EventKind.INFO_SESSION
        return service.EventInput(branch, kind, start, start + dt.timedelta(hours=2))

    def new_event(self) -> EventDialog | None:
        if not self._branches:
            self.refresh()
        if not self._branches:
            self.say(_("Add a branch first: every event belongs to a branch."), saved=False)
            return None
        created: list[int] = []

        def submit(data: service.EventInput) -> None:
            with self.context.store.transaction() as session:
                created.append(service.create_event(session, data, self.context.clock.now()))

        def done(result: int) -> None:
            if result and created:
                self.say(_("Saved: the event is planned."))
                self.context.hub.announce(Changes.EVENTS)
                self.select_event(created[0])

        return self._open(EventDialog(self._branches, self._default_input(), submit, parent=self), done)

    def edit_event(self) -> EventDialog | None:
        event_id = self.selected_event_id()
        if event_id is None:
            return None
        try:
            with self.context.store.session() as session:
                initial = service.event_input(session, event_id)
        except NotFound as missing:
            self._not_saved(missing)
            return None

        def submit(data: service.EventInput) -> None:
            with self.context.store.transaction() as session:
                service.update_event(session, event_id, data, self.context.clock.now())

        def done(result: int) -> None:
            if result:
                self.say(_("Saved: the event is changed."))
                self.context.hub.announce(Changes.EVENTS)

        return self._open(EventDialog(self._branches, initial, submit, editing=True, parent=self), done)

    def _open(self, dialog, done):  # noqa: ANN001, ANN202
        self.dialog = dialog
        dialog.finished.connect(done)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    def delete_event(self) -> None:
        event_id = self.selected_event_id()
        if event_id is None:
            return
        row = self.events_model.row_at(self.events_model.row_of(event_id))
        if row.counts.attended + row.counts.absent + row.counts.excused:
            n = row.counts.attended + row.counts.absent + row.counts.excused
            self.say(_("Not deleted: {reason}").format(reason=ngettext(
                "Attendance was recorded for {count} person: this event is part of their history and "
                "cannot be deleted.",
                "Attendance was recorded for {count} people: this event is part of their history and "
                "cannot be deleted.", n).format(count=n)), saved=False)
            return
        text = _("Delete “{event}” of {date}?").format(event=event_name(row), date=event_dates(row))
        if row.counts.on_list:
            text += "\n" + ngettext("The invitation of {count} person is deleted with it.",
                                    "The invitations of {count} people are deleted with it.",
                                    row.counts.on_list).format(count=row.counts.on_list)
        if not self.confirm(_("Delete the event"), text):
            return
        try:
            with self.context.store.transaction() as session:
                service.delete_event(session, event_id, self.context.clock.now())
        except (RuleError, NotFound) as refused:
            self._not_saved(refused)
            return
        self.say(_("Saved: the event is deleted."))
        self.context.hub.announce(Changes.EVENTS)

    def invite(self) -> InviteDialog | None:
        event_id = self.selected_event_id()
        if event_id is None:
            return None
        row = self.events_model.row_at(self.events_model.row_of(event_id))
        outcome: list[service.InviteResult] = []

        def load(text: str, everyone: bool) -> list[service.Candidate]:
            with self.context.store.session() as session:
                return service.invitation_candidates(session, event_id, text, everyone)

        def submit(ids: list[int], status: AttendanceStatus) -> None:
            with self.context.store.transaction() as session:
                outcome.append(service.invite(session, event_id, ids, self.context.clock.now(), status=status))

        def done(result: int) -> None:
            if result and outcome:
                res = outcome[0]
                text = ngettext("Saved: {count} person invited.", "Saved: {count} people invited.",
                                res.invited).format(count=res.invited)
                self.say(" ".join([text, *res.warnings]))
                self.context.hub.announce(Changes.EVENTS)

        return self._open(InviteDialog(event_name(row), load, submit, parent=self), done)

    def request_sheet(self) -> None:
        event_id = self.selected_event_id()
        if event_id is not None:
            self.attendance_sheet_requested.emit(event_id)

    # --- attendance ---------------------------------------------------------
    def change_attendance(self, participant_id: int, status: AttendanceStatus) -> bool:
        event_id = self.selected_event_id()
        if event_id is None:
            return False
        undo = False
        try:
            with self.context.store.session() as session:
                lines = {line.participant_id: line for line in attendance_service.attendance_list(session, event_id)}
                line = lines.get(participant_id)
                info = None
                if line is not None and line.status is A.ATTENDED and status is not A.ATTENDED:
                    info = attendance_service.advanced_status(session, event_id, participant_id)
            if info is not None and info.revertible and not info.justified_elsewhere:
                answer = self.ask_undo_status(info)
                if answer is None:
                    self.say(_("Nothing changed."))
                    return False
                undo = answer
            with self.context.store.transaction() as session:
                result = attendance_service.set_attendance(session, event_id, participant_id, status,
                                                           self.context.clock.now(), undo_status=undo)
        except (RuleError, NotFound) as refused:
            self._not_saved(refused)
            return False
        name = line.full_name if line is not None else ""
        parts = [_("Saved: {name}, {status}.").format(name=name, status=label(status).lower())]
        for move in result.moves + result.undone:
            parts.append(_("Status: {status} (since {date}).").format(status=label(move.to_status),
                                                                      date=format_date(move.on)))
        parts.extend(result.notes)
        self.say(" ".join(parts))
        self._reload_selected()
        self._announce(Changes.PARTICIPANTS | Changes.EVENTS if (result.moves or result.undone) else Changes.EVENTS)
        return True

    def mark_others_absent(self) -> None:
        event_id = self.selected_event_id()
        if event_id is None:
            return
        try:
            with self.context.store.transaction() as session:
                n = attendance_service.mark_others_absent(session, event_id, self.context.clock.now())
        except (RuleError, NotFound) as refused:
            self._not_saved(refused)
            return
        self.say(ngettext("Saved: {count} person marked absent.", "Saved: {count} people marked absent.",
                          n).format(count=n))
        self._reload_selected()
        self._announce(Changes.EVENTS)

    def remove_current(self) -> None:
        pid = self.attendance_table.current_participant()
        if pid is not None:
            self.remove_from_list(pid)

    def remove_from_list(self, participant_id: int) -> None:
        event_id = self.selected_event_id()
        if event_id is None:
            return
        try:
            with self.context.store.transaction() as session:
                attendance_service.remove_from_list(session, event_id, [participant_id], self.context.clock.now())
        except (RuleError, NotFound) as refused:
            self._not_saved(refused)
            return
        self.say(_("Saved: the invitation is taken back."))
        self._reload_selected()
        self._announce(Changes.EVENTS)
