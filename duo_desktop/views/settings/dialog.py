"""The settings dialog: a list of pages (branches, eligibility rules,
coordinators, matching weights, follow-up schedule, document templates) and
the page chosen. Opened from the menu (Ctrl+,)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QListWidget, QStackedWidget, QVBoxLayout, \
    QWidget

from ...i18n import _
from ..context import AppContext, Changes
from .base import SettingsPage
from .branches_page import BranchesPage
from .coordinators_page import CoordinatorsPage
from .privacy_page import PrivacyPage
from .rules_page import FollowupPage, RulesPage, WeightsPage
from .templates_page import TemplatesPage
from ..retranslate import follow_language

PAGES = (("branches", BranchesPage), ("rules", RulesPage), ("coordinators", CoordinatorsPage),
         ("weights", WeightsPage), ("followup", FollowupPage), ("templates", TemplatesPage),
         ("privacy", PrivacyPage))


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, context: AppContext) -> None:
        super().__init__(parent)
        self.setObjectName("settings")
        self.context = context
        self.pages: dict[str, SettingsPage] = {key: cls(context) for key, cls in PAGES}
        self.nav = QListWidget()
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.nav.addItem("")
            self.stack.addWidget(page)
        self.nav.currentRowChanged.connect(self._show)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.buttons)
        self._loaded: set[int] = set()
        # another page's save (a new branch, a coordinator) is seen by the others when shown again
        context.hub.changed.connect(self._changed)
        follow_language(self)
        self.translate_ui()
        self.resize(1000, 640)
        self.nav.setCurrentRow(0)

    def translate_ui(self) -> None:
        self.setWindowTitle(_("Settings"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        for row, page in enumerate(self.pages.values()):
            page.translate_ui()
            self.nav.item(row).setText(page.title())
        # as wide as the longest title in this language, no wider
        self.nav.setFixedWidth(max(140, self.nav.sizeHintForColumn(0) + 2 * self.nav.frameWidth() + 12))

    def show_page(self, key: str) -> SettingsPage:
        self.nav.setCurrentRow(list(self.pages).index(key))
        return self.pages[key]

    def _show(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        if row not in self._loaded:
            self._loaded.add(row)
            self.stack.widget(row).load()

    def _changed(self, changes: Changes, _by: object) -> None:
        if changes & Changes.SETTINGS:
            self._loaded = {self.stack.currentIndex()}


def open_settings(parent: QWidget | None, context: AppContext) -> SettingsDialog:
    dialog = SettingsDialog(parent, context)
    dialog.open()
    return dialog
