"""Proposals of the branch on their way to a duo (steps 4 and 5): plan the
first meeting, record the mentor's and the mentee's decisions, or withdraw a
proposal (undoable, through the board)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import N_, _, format_datetime, format_number
from ...models import Decision, DuoStage
from ...services.duo_lifecycle import DuoAction, allowed_actions
from ...services.labels import label
from ...services.matching import proposals
from ..context import AppContext, Changes
from ..ops import Operation, Query, failure_message
from .dialogs import DecisionDialog, FirstMeetingDialog

Row = proposals.ProposalRow


class ProposalsPanel(QWidget):
    withdraw_requested = Signal(int, str)  # duo id, description
    report = Signal(str, bool)  # message, saved
    #: a decision may put both back in the pool (mentee id, mentor id)
    pair_changed = Signal(int, int)

    def __init__(self, context: AppContext, parent=None, initiator: object | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.context = context
        self.initiator = initiator if initiator is not None else self  # announces the changes (the board)
        self.branch_id: int | None = None
        self.rows: list[Row] = []
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setColumnCount(6)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.meeting_button = QPushButton()
        self.mentor_button = QPushButton()
        self.mentee_button = QPushButton()
        self.withdraw_button = QPushButton()
        self.meeting_button.clicked.connect(self._ask_meeting)
        self.mentor_button.clicked.connect(lambda: self._ask_decision("mentor"))
        self.mentee_button.clicked.connect(lambda: self._ask_decision("mentee"))
        self.withdraw_button.clicked.connect(self._withdraw)
        buttons = QGridLayout()
        buttons.addWidget(self.meeting_button, 0, 0)
        buttons.addWidget(self.withdraw_button, 0, 1)
        buttons.addWidget(self.mentor_button, 1, 0)
        buttons.addWidget(self.mentee_button, 1, 1)
        buttons.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self._update_buttons()

    def translate_ui(self) -> None:
        self.tree.setHeaderLabels([_("Mentee"), _("Mentor"), _("Stage"), _("Score"), _("First meeting"),
                                   _("Decisions")])
        self.meeting_button.setText(_("Plan first &meeting…"))
        self.mentor_button.setText(_("Mentor's decision…"))
        self.mentee_button.setText(_("Mentee's decision…"))
        self.withdraw_button.setText(_("Wit&hdraw proposal"))
        self._fill()

    def load(self, branch_id: int | None) -> None:
        """Read the proposals of the branch again (a short list)."""
        rows: list[Row] = []
        if branch_id is not None:
            Query(self, self.context, lambda s: proposals.list_proposals(s, branch_id)).success(rows.extend).run()
        self.set_rows(branch_id, rows)

    def set_rows(self, branch_id: int | None, rows: list[Row]) -> None:
        self.branch_id = branch_id
        self.rows = list(rows)
        self._fill()

    def _fill(self) -> None:
        current = self.current_row()
        self.tree.clear()
        for row in self.rows:
            meeting = ""
            if row.first_meeting_at:
                meeting = f"{format_datetime(row.first_meeting_at, 'short')}, {row.first_meeting_place}"
            decisions = _("mentor: {mentor}, mentee: {mentee}").format(
                mentor=label(row.mentor_decision).lower(), mentee=label(row.mentee_decision).lower())
            item = QTreeWidgetItem([row.mentee_name, row.mentor_name, label(row.stage),
                                    format_number(round(row.score)) if row.score is not None else "",
                                    meeting, decisions])
            item.setData(0, Qt.ItemDataRole.UserRole, row.duo_id)
            self.tree.addTopLevelItem(item)
            if current is not None and current.duo_id == row.duo_id:
                self.tree.setCurrentItem(item)
        for col in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(col)
        self._update_buttons()

    def current_row(self) -> Row | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        duo_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((r for r in self.rows if r.duo_id == duo_id), None)

    def select_duo(self, duo_id: int) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == duo_id:
                self.tree.setCurrentItem(item)

    def allowed(self) -> frozenset[DuoAction]:
        """What the selected proposal allows (the lifecycle decides)."""
        row = self.current_row()
        if row is None:
            return frozenset()
        return allowed_actions(row.stage, mentor_decided=row.mentor_decision is not Decision.PENDING,
                               mentee_decided=row.mentee_decision is not Decision.PENDING)

    def _update_buttons(self) -> None:
        allowed = self.allowed()
        for button, action in ((self.meeting_button, DuoAction.PLAN_FIRST_MEETING),
                               (self.mentor_button, DuoAction.DECIDE_MENTOR),
                               (self.mentee_button, DuoAction.DECIDE_MENTEE),
                               (self.withdraw_button, DuoAction.WITHDRAW)):
            button.setEnabled(action in allowed)

    @staticmethod
    def describe(row: Row) -> str:
        return _("{mentee} with {mentor}").format(mentee=row.mentee_name, mentor=row.mentor_name)

    # --- actions (the dialogs call these; tests too) --------------------------
    def plan_meeting(self, duo_id: int, at: dt.datetime, place: str) -> bool:
        context = self.context
        return Operation(self, context, lambda s: proposals.plan_first_meeting(
            s, duo_id, at, place, context.clock.now(), context.coordinator_id),
            changes=Changes.DUOS, initiator=self.initiator).success(lambda _r: self._planned(at)).failure(
            lambda exc: self.report.emit(_("The first meeting was not saved: {reason}").format(
                reason=failure_message(exc)), False)).run()

    def _planned(self, at: dt.datetime) -> None:
        self.load(self.branch_id)
        self.report.emit(_("First meeting planned on {when} (saved).").format(when=format_datetime(at)),
                         True)

    def record(self, duo_id: int, side: str, decision: Decision, on: dt.date, reason: str = "") -> bool:
        """One side's decision; both saying yes moves both people to "in a
        duo" (the participants screen hears it), a refusal puts both back in
        the pool."""
        context = self.context
        row = next((r for r in self.rows if r.duo_id == duo_id), None)
        return Operation(self, context, lambda s: proposals.record_decision(
            s, duo_id, side, decision, on, context.clock.now(), reason, context.coordinator_id),
            changes=Changes.DUOS | Changes.PARTICIPANTS, initiator=self.initiator).success(
            lambda stage: self._recorded(stage, row)).failure(
            lambda exc: self.report.emit(_("The decision was not saved: {reason}").format(reason=failure_message(exc)),
                                         False)).run()

    def _recorded(self, stage: DuoStage, row: Row | None) -> None:
        if stage is DuoStage.REFUSED:
            msg = _("Duo refused (saved). Both are back in the pool and will not be proposed together again.")
        elif stage is DuoStage.AWAITING_AGREEMENT:
            msg = _("Both said yes (saved): the duo now waits for the signing of the agreement.")
        else:
            msg = _("Decision saved; waiting for the other side's decision.")
        if row is not None:
            self.pair_changed.emit(row.mentee_id, row.mentor_id)
        self.load(self.branch_id)
        self.report.emit(msg, True)

    def _ask_meeting(self) -> None:
        row = self.current_row()
        if row is None:
            return
        default = row.first_meeting_at or (self.context.clock.now() + dt.timedelta(days=7)).replace(
            hour=14, minute=0, second=0)
        dialog = FirstMeetingDialog(self.describe(row), default, row.first_meeting_place, self)
        if dialog.exec():
            self.plan_meeting(row.duo_id, *dialog.value())

    def _ask_decision(self, side: str) -> None:
        row = self.current_row()
        if row is None:
            return
        person = row.mentor_name if side == "mentor" else row.mentee_name
        side_label = N_("mentor") if side == "mentor" else N_("mentee")
        dialog = DecisionDialog(side_label, person, self.context.clock.today(), self)
        if dialog.exec():
            self.record(row.duo_id, side, *dialog.value())

    def _withdraw(self) -> None:
        row = self.current_row()
        if row is not None:
            self.withdraw_requested.emit(row.duo_id, self.describe(row))
