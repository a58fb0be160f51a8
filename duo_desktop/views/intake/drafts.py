"""A small chooser of the intakes in progress: resume one (Enter), discard
one (Delete, after confirmation) or start a new intake."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ...i18n import _
from ...services import intake as intake_service
from ..context import AppContext, Changes
from ..ops import Operation, Query
from ..retranslate import follow_language


class DraftsDialog(QDialog):
    """``exec()`` returns Accepted with ``chosen_draft_id`` set (None: a new
    intake) or Rejected."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.chosen_draft_id: int | None = None
        self.caption = QLabel()
        self.list = QListWidget()
        self.list.setObjectName("drafts_list")
        self.caption.setBuddy(self.list)
        self.list.itemActivated.connect(lambda _item: self.resume())
        self.buttons = QDialogButtonBox()
        self.resume_button = QPushButton()
        self.new_button = QPushButton()
        self.discard_button = QPushButton()
        self.buttons.addButton(self.resume_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.discard_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.resume_button.clicked.connect(self.resume)
        self.new_button.clicked.connect(self.start_new)
        self.discard_button.clicked.connect(self.discard)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.list, activated=self.discard)
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.list)
        layout.addWidget(self.buttons)
        follow_language(self)
        self.translate_ui()
        self.resize(480, 320)

    def translate_ui(self) -> None:
        self.setWindowTitle(_("Intakes in progress"))
        self.caption.setText(_("&Drafts saved as they were typed (the most recent first):"))
        self.resume_button.setText(_("&Resume"))
        self.new_button.setText(_("&New intake"))
        self.discard_button.setText(_("D&iscard…"))
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        drafts: list[intake_service.Draft] = []
        Query(self, self.context, intake_service.list_drafts).success(drafts.extend).run()
        for draft in drafts:
            name = draft.name or _("(no name yet)")
            text = _("{name} — saved {when}").format(
                name=name, when=i18n.format_datetime(draft.updated_at, "short"))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, draft.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.resume_button.setEnabled(self.list.count() > 0)
        self.discard_button.setEnabled(self.list.count() > 0)

    def resume(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        self.chosen_draft_id = item.data(Qt.ItemDataRole.UserRole)
        self.accept()

    def start_new(self) -> None:
        self.chosen_draft_id = None
        self.accept()

    def discard(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        answer = QMessageBox.question(
            self, _("Discard the draft"),
            _("Discard the draft “{name}”? What was typed in it will be lost.").format(name=item.text()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            draft_id = item.data(Qt.ItemDataRole.UserRole)
            Operation(self, self.context, lambda s: intake_service.discard_draft(s, draft_id),
                      changes=Changes.DRAFTS).success(lambda _r: self.refresh()).run()
