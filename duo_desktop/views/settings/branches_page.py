"""Settings page: branches (a list and the form of the one selected; a new
branch; closing a branch is unchecking "Active")."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout

from ...i18n import N_, _
from ...services.settings import branches
from ..context import AppContext
from ..fit import scrolling
from ..setup.fields import BranchForm
from .base import SettingsPage


class BranchesPage(SettingsPage):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.list_label = QLabel()
        self.list = QListWidget()
        self.list_label.setBuddy(self.list)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_branch)
        self.form = BranchForm(with_active=True)
        left = QVBoxLayout()
        left.addWidget(self.list_label)
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)
        row = QHBoxLayout()
        row.addLayout(left, 2)
        row.addWidget(scrolling(self.form), 5)
        self.layout_.addLayout(row, 1)
        self.finish_layout()
        self.editing: int | None = None
        self.list.currentRowChanged.connect(self._selected)

    def title(self) -> str:
        return _("Branches")

    def translate_ui(self) -> None:
        super().translate_ui()
        self.list_label.setText(_("&Branches:"))
        self.new_button.setText(_("Ne&w branch"))
        self.form.translate_ui()

    def load(self, select: int | None = None) -> None:
        rows = self.query(lambda s: branches.list_branches(s)) or []
        wanted = select if select is not None else self.editing
        self.list.blockSignals(True)
        self.list.clear()
        for row in rows:
            text = f"{row.code} — {row.name}"
            if not row.active:
                text += " " + _("(closed)")
            item = QListWidgetItem(text)
            item.setData(256, row.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [r.id for r in rows]
        if wanted in ids:
            self.list.setCurrentRow(ids.index(wanted))
        elif rows:
            self.list.setCurrentRow(0)
        else:
            self.new_branch()

    def _selected(self, row: int) -> None:
        if row < 0:
            return
        self.editing = self.list.item(row).data(256)
        values = self.query(lambda s: branches.branch_values(s, self.editing))
        if values is not None:
            self.form.set_values(values)
        self.tell(None)

    def new_branch(self) -> None:
        self.editing = None
        self.list.clearSelection()
        self.form.set_values({"active": True})
        self.form.code.setFocus()
        self.tell(N_("New branch: fill in the form, then save."))

    def save(self) -> bool:
        values = self.form.values()
        editing, now, who = self.editing, self.now(), self.context.coordinator_id
        if editing is None:
            return self.run_save(lambda s: branches.create_branch(s, values, now, who), self.form, self.load)
        return self.run_save(lambda s: branches.update_branch(s, editing, values, now, who), self.form,
                             lambda _changed: self.load(editing))
