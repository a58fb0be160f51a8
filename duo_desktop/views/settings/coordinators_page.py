"""Settings page: coordinators (add, edit, deactivate; never deleted: a
coordinator named in the records keeps their name there)."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, \
    QVBoxLayout

from ...i18n import N_, _, pgettext
from ...services.settings import branches, coordinators
from ..context import AppContext
from ..setup.fields import CoordinatorForm
from .base import SettingsPage


class CoordinatorsPage(SettingsPage):
    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.list_label = QLabel()
        self.list = QListWidget()
        self.list_label.setBuddy(self.list)
        self.new_button = QPushButton()
        self.new_button.clicked.connect(self.new_coordinator)
        self.form = CoordinatorForm()
        self.branch = QComboBox()
        self.form.add("branch", lambda: pgettext("settings", "&Branch:"), self.branch)
        self.active = QCheckBox()
        self.form.add("active", lambda: _("Status:"), self.active)
        left = QVBoxLayout()
        left.addWidget(self.list_label)
        left.addWidget(self.list, 1)
        left.addWidget(self.new_button)
        right = QVBoxLayout()
        right.addWidget(self.form)
        right.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(left, 2)
        row.addLayout(right, 5)
        self.layout_.addLayout(row, 1)
        self.finish_layout()
        self.editing: int | None = None
        self.list.currentRowChanged.connect(self._selected)

    def title(self) -> str:
        return _("Coordinators")

    def translate_ui(self) -> None:
        super().translate_ui()
        self.list_label.setText(_("Coordina&tors:"))
        self.new_button.setText(_("Ne&w coordinator"))
        self.active.setText(_("Acti&ve"))
        self.active.setToolTip(_("Uncheck when they leave: they stay named in the records."))
        self.form.translate_ui()

    def load(self, select: int | None = None) -> None:
        def read(session):  # noqa: ANN001, ANN202
            return branches.list_branches(session), coordinators.list_coordinators(session)

        branch_rows, people = self.query(read) or ([], [])
        current_branch = self.branch.currentData()
        self.branch.clear()
        for row in branch_rows:
            self.branch.addItem(f"{row.code} — {row.name}", row.id)
        self.branch.setCurrentIndex(max(0, self.branch.findData(current_branch)))
        wanted = select if select is not None else self.editing
        self.list.blockSignals(True)
        self.list.clear()
        self._rows = {p.id: p for p in people}
        for person in people:
            text = f"{person.name} ({person.branch_code})"
            if not person.active:
                text += " " + _("(inactive)")
            item = QListWidgetItem(text)
            item.setData(256, person.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        ids = [p.id for p in people]
        if wanted in ids:
            self.list.setCurrentRow(ids.index(wanted))
        elif people:
            self.list.setCurrentRow(0)
        else:
            self.new_coordinator()

    def _selected(self, row: int) -> None:
        if row < 0:
            return
        self.editing = self.list.item(row).data(256)
        person = self._rows[self.editing]
        self.form.set_values(person.as_dict())
        self.branch.setCurrentIndex(max(0, self.branch.findData(person.branch_id)))
        self.active.setChecked(person.active)
        self.tell(None)

    def new_coordinator(self) -> None:
        self.editing = None
        self.list.clearSelection()
        self.form.set_values({})
        self.active.setChecked(True)
        self.form.first_name.setFocus()
        self.tell(N_("New coordinator: fill in the form, then save."))

    def values(self) -> dict:
        return {**self.form.values(), "branch": self.branch.currentData(), "active": self.active.isChecked()}

    def save(self) -> bool:
        values, editing, now, who = self.values(), self.editing, self.now(), self.context.coordinator_id
        if editing is None:
            return self.run_save(lambda s: coordinators.create_coordinator(s, values, now, who), self.form,
                                 self.load)
        return self.run_save(lambda s: coordinators.update_coordinator(s, editing, values, now, who), self.form,
                             lambda _changed: self.load(editing))
