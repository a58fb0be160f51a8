"""The board's two top rows: the branch and the card filters (sector,
language); then the banner (what the last action did, or what runs in the
background), undo, redo and "propose for all"."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QToolButton, QVBoxLayout,
                               QWidget)
from shiboken6 import isValid

from ...i18n import _
from ...services.reference import LANGUAGES, SECTORS, language_label, sector_label


class BoardToolbar(QWidget):
    branch_changed = Signal()
    filters_changed = Signal()

    def __init__(self, undo_stack: QUndoStack, shortcut_owner: QWidget, parent: QWidget | None = None) -> None:
        """``shortcut_owner``: the widget whose children Ctrl+Z and Ctrl+Shift+Z
        work in (the whole board)."""
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.branch_label, self.sector_label, self.language_label = QLabel(), QLabel(), QLabel()
        self.branch_combo, self.sector_combo, self.language_combo = QComboBox(), QComboBox(), QComboBox()
        for lbl, combo in ((self.branch_label, self.branch_combo), (self.sector_label, self.sector_combo),
                           (self.language_label, self.language_combo)):
            lbl.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        self.branch_combo.currentIndexChanged.connect(lambda _i: self.branch_changed.emit())
        self.sector_combo.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        self.language_combo.currentIndexChanged.connect(lambda _i: self.filters_changed.emit())
        # a name search over both columns (Ctrl+F from the main window's Find)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.filters_changed.emit())
        self.propose_all_button = QPushButton()
        self.undo_action = QAction(shortcut_owner)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = QAction(shortcut_owner)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action, slot, signal in ((self.undo_action, undo_stack.undo, undo_stack.canUndoChanged),
                                     (self.redo_action, undo_stack.redo, undo_stack.canRedoChanged)):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setEnabled(False)
            action.triggered.connect(slot)
            signal.connect(action.setEnabled)
            shortcut_owner.addAction(action)
        undo_stack.indexChanged.connect(self._update_undo_texts)
        self.undo_button, self.redo_button = QToolButton(), QToolButton()
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button.setDefaultAction(self.redo_action)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setObjectName("matchingBanner")

        top = QHBoxLayout()
        for lbl, combo in ((self.branch_label, self.branch_combo), (self.sector_label, self.sector_combo),
                           (self.language_label, self.language_combo)):
            top.addWidget(lbl)
            top.addWidget(combo, 1)
        top.addWidget(self.search, 1)
        second = QHBoxLayout()
        second.addWidget(self.banner, 1)
        for w in (self.undo_button, self.redo_button, self.propose_all_button):
            second.addWidget(w)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(second)

    def translate_ui(self) -> None:
        self.branch_label.setText(_("&Branch"))
        self.sector_label.setText(_("&Sector"))
        self.language_label.setText(_("&Language"))
        self.search.setPlaceholderText(_("Search a name (Ctrl+F)"))
        self.search.setToolTip(_("Shows only the mentee and mentor cards whose name contains every word typed"))
        self.propose_all_button.setText(_("Propose for &all"))
        self.propose_all_button.setToolTip(_("The best set of proposals for every waiting mentee at once"))
        _fill(self.sector_combo, _("All sectors"), sorted(SECTORS, key=sector_label), sector_label)
        _fill(self.language_combo, _("All languages"), sorted(LANGUAGES, key=language_label), language_label)
        self._update_undo_texts()

    def _update_undo_texts(self, *_args) -> None:  # noqa: ANN002
        if not isValid(self.undo_stack) or not isValid(self.undo_action):
            return  # the stack clears itself (and says so) while the board is destroyed
        undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.undo_action.setText(_("Undo"))
        self.redo_action.setText(_("Redo"))
        self.undo_action.setToolTip(_("Undo: {what} (Ctrl+Z)").format(what=undo) if undo else _("Undo (Ctrl+Z)"))
        self.redo_action.setToolTip(_("Redo: {what} (Ctrl+Shift+Z)").format(what=redo) if redo
                                    else _("Redo (Ctrl+Shift+Z)"))

    def set_branches(self, choices: list) -> None:  # list[BranchChoice]
        """Fill the branch list, keeping the branch shown (no signal)."""
        current = self.branch_combo.currentData()
        self.branch_combo.blockSignals(True)
        self.branch_combo.clear()
        for b in choices:
            self.branch_combo.addItem(b.name, b.id)
        index = self.branch_combo.findData(current) if current is not None else 0
        self.branch_combo.setCurrentIndex(max(0, index))
        self.branch_combo.blockSignals(False)

    def show_banner(self, text: str, ok: bool) -> None:
        self.banner.setText(text)
        self.banner.setProperty("ok", ok)
        self.banner.setStyleSheet("QLabel#matchingBanner { padding: 4px; border-radius: 4px; background: %s; }"
                                  % ("#e7f3ea" if ok else "#fbe9e9"))


def _fill(combo: QComboBox, all_text: str, codes: list[str], labeller: Callable[[str], str]) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(all_text, None)
    for code in codes:
        combo.addItem(labeller(code), code)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
    combo.blockSignals(False)
