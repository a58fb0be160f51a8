"""'Propose for all': the optimal set of proposals shown as drafts, accepted
or rejected one by one, and the mentees who cannot be matched, with why."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _, format_number, ngettext
from ...services.matching.assignment import Assignment, Draft
from ...services.matching.explain import describe


class DraftsPanel(QWidget):
    accept_requested = Signal(list)  # list[Draft]

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.names: dict[int, str] = {}
        self.drafts: list[Draft] = []
        self.assignment: Assignment | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnCount(3)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.accept_button = QPushButton()
        self.reject_button = QPushButton()
        self.accept_all_button = QPushButton()
        self.accept_button.clicked.connect(lambda: self.accept_requested.emit(self.selected()))
        self.reject_button.clicked.connect(self.reject_selected)
        self.accept_all_button.clicked.connect(lambda: self.accept_requested.emit(list(self.drafts)))
        self.unmatched_label = QLabel()
        self.unmatched = QTreeWidget()
        self.unmatched.setRootIsDecorated(False)
        self.unmatched.setColumnCount(2)
        buttons = QHBoxLayout()
        for b in (self.accept_button, self.reject_button, self.accept_all_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.unmatched_label)
        layout.addWidget(self.unmatched, 1)
        self._update_buttons()

    def translate_ui(self) -> None:
        self.tree.setHeaderLabels([_("Mentee"), _("Mentor"), _("Score")])
        self.unmatched.setHeaderLabels([_("Mentee"), _("Why no proposal")])
        self.accept_button.setText(_("A&ccept"))
        self.reject_button.setText(_("&Reject"))
        self.accept_all_button.setText(_("Accept all"))
        self.unmatched_label.setText(_("Mentees who cannot be matched now"))
        self._fill()

    def show_assignment(self, assignment: Assignment, names: dict[int, str]) -> None:
        self.assignment = assignment
        self.names = names
        self.drafts = list(assignment.drafts)
        self._fill()

    def clear(self) -> None:
        self.assignment = None
        self.drafts = []
        self._fill()

    def remove(self, drafts: list[Draft]) -> None:
        gone = {(d.mentee_id, d.mentor_id) for d in drafts}
        self.drafts = [d for d in self.drafts if (d.mentee_id, d.mentor_id) not in gone]
        self._fill()

    def reject_selected(self) -> None:
        self.remove(self.selected())

    def selected(self) -> list[Draft]:
        rows = sorted({self.tree.indexOfTopLevelItem(i) for i in self.tree.selectedItems()})
        return [self.drafts[r] for r in rows if 0 <= r < len(self.drafts)]

    def _fill(self) -> None:
        self.tree.clear()
        scores: dict[int, str] = {}  # a score is 0 to 100: each formatted once (thousands of drafts)
        items = []
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for d in self.drafts:
            score = round(d.score)
            if score not in scores:
                scores[score] = format_number(score)
            item = QTreeWidgetItem([self.names.get(d.mentee_id, ""), self.names.get(d.mentor_id, ""),
                                    scores[score]])
            item.setTextAlignment(2, right)
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.unmatched.clear()
        if self.assignment is None:
            self.summary.setText(_("Press “Propose for all” to get the best set of proposals for every waiting "
                                   "mentee at once."))
        else:
            total = sum(d.score for d in self.drafts)
            self.summary.setText(ngettext(
                "{count} draft proposal, total score {total}. Accept or reject each one.",
                "{count} draft proposals, total score {total}. Accept or reject each one.",
                len(self.drafts)).format(count=len(self.drafts), total=format_number(round(total))))
            self.unmatched.addTopLevelItems([QTreeWidgetItem([self.names.get(u.mentee_id, ""), describe(u.reason)])
                                             for u in self.assignment.unmatched])
        for tree in (self.tree, self.unmatched):
            for col in range(tree.columnCount()):
                tree.resizeColumnToContents(col)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.accept_button.setEnabled(bool(self.tree.selectedItems()))
        self.reject_button.setEnabled(bool(self.tree.selectedItems()))
        self.accept_all_button.setEnabled(bool(self.drafts))
