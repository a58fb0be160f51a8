"""The intervisions attended per mentor, for one branch or all (a tab of the
Events screen)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..i18n import _
from ..services.attendance import MentorIntervisions
from ..services.events import BranchChoice
from .events_models import IntervisionTableModel


def plain_table(model) -> QTableView:  # noqa: ANN001
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_branches(combo: QComboBox, branches: list[BranchChoice]) -> None:
    """'All branches' then each branch; keeps the choice when it still exists."""
    keep = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(_("All branches"), None)
    for b in branches:
        combo.addItem(b.name, b.id)
    combo.setCurrentIndex(max(0, combo.findData(keep)))
    combo.blockSignals(False)


class IntervisionsPanel(QWidget):
    def __init__(self, load: Callable[[int | None], list[MentorIntervisions]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._load = load
        self.branch = QComboBox()
        self.branch.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.branch_label = QLabel()
        self.branch_label.setBuddy(self.branch)
        self.model = IntervisionTableModel(self)
        self.table = plain_table(self.model)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.branch_label)
        top.addWidget(self.branch)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        self.branch.currentIndexChanged.connect(lambda _i: self.reload())

    def translate_ui(self) -> None:
        self.branch_label.setText(_("&Branch"))
        if self.branch.count():
            self.branch.setItemText(0, _("All branches"))
        self.hint.setText(_("Mentors who completed the training, with the intervisions they attended."))
        self.model.retranslate()

    def set_branches(self, branches: list[BranchChoice]) -> None:
        fill_branches(self.branch, branches)

    def reload(self) -> None:
        self.model.set_rows(self._load(self.branch.currentData()))
        self.table.resizeColumnsToContents()
