"""Small keyboard-friendly inputs of the intake form: yes/no/unknown, checkable
lists, the weekly availability grid, languages with their level, and a
field with its error message underneath."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ...i18n import _
from ...models import DayPart, LanguageLevel
from ...services.labels import label

ERROR_STYLE = "color: #b00020;"


class TriState(QComboBox):
    """Yes / No / not asked yet (None)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for value in ("", "yes", "no"):  # strings: PySide6 mishandles bools as item data
            self.addItem("", value)
        self.translate_ui()

    def translate_ui(self) -> None:
        for index, text in enumerate(("—", _("Yes"), _("No"))):
            self.setItemText(index, text)

    def value(self) -> bool | None:
        return {"yes": True, "no": False}.get(self.currentData())

    def set_value(self, value: bool | None) -> None:
        self.setCurrentIndex({True: 1, False: 2}.get(value, 0) if isinstance(value, bool) else 0)


class CheckList(QListWidget):
    """Checkable items (Space toggles the current one); codes in, codes out."""

    changed = Signal()

    def __init__(self, items: dict[str, str], parent: QWidget | None = None, rows: int = 6) -> None:
        super().__init__(parent)
        self._labels = items
        for code in items:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        self.setMaximumHeight(self.sizeHintForRow(0) * rows + 8 if self.count() else 120)
        self.itemChanged.connect(lambda _item: self.changed.emit())
        self.translate_ui()

    def focusInEvent(self, event) -> None:  # noqa: ANN001
        if self.currentRow() < 0 and self.count():
            self.setCurrentRow(0)
        super().focusInEvent(event)

    def translate_ui(self) -> None:
        entries = []
        for row in range(self.count()):
            item = self.item(row)
            item.setText(_(self._labels[item.data(Qt.ItemDataRole.UserRole)]))
            entries.append(item)

    def codes(self) -> list[str]:
        return [self.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.count())
                if self.item(r).checkState() == Qt.CheckState.Checked]

    def set_codes(self, codes: Iterable[str]) -> None:
        wanted = set(codes)
        self.blockSignals(True)
        for row in range(self.count()):
            item = self.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.blockSignals(False)


class AvailabilityGrid(QTableWidget):
    """Weekday columns x morning/afternoon/evening rows; arrows move, Space
    ticks a slot."""

    changed = Signal()
    PARTS = (DayPart.MORNING, DayPart.AFTERNOON, DayPart.EVENING)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(len(self.PARTS), 7, parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        for row in range(len(self.PARTS)):
            for col in range(7):
                item = QTableWidgetItem()
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                              | Qt.ItemFlag.ItemIsSelectable)
                item.setCheckState(Qt.CheckState.Unchecked)
                self.setItem(row, col, item)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(26)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.itemChanged.connect(lambda _item: self.changed.emit())
        self.translate_ui()
        self.setFixedHeight(self.horizontalHeader().sizeHint().height() + 3 * 26 + 2 * self.frameWidth())

    def focusInEvent(self, event) -> None:  # noqa: ANN001
        if self.currentRow() < 0:
            self.setCurrentCell(0, 0)
        super().focusInEvent(event)

    def translate_ui(self) -> None:
        translator = i18n.current()
        self.setHorizontalHeaderLabels([translator.weekday_name(d, "abbreviated") for d in range(7)])
        self.setVerticalHeaderLabels([label(p) for p in self.PARTS])
        self.setAccessibleName(_("Availability"))

    def slots(self) -> list[list]:
        return [[col, self.PARTS[row].value] for col in range(7) for row in range(len(self.PARTS))
                if self.item(row, col).checkState() == Qt.CheckState.Checked]

    def set_slots(self, slots: Iterable) -> None:
        wanted = {(int(d), str(p)) for d, p in slots}
        self.blockSignals(True)
        for row, part in enumerate(self.PARTS):
            for col in range(7):
                state = Qt.CheckState.Checked if (col, part.value) in wanted else Qt.CheckState.Unchecked
                self.item(row, col).setCheckState(state)
        self.blockSignals(False)


class LanguagesEditor(QWidget):
    """A language, its level, Add (Enter); the list below (Delete removes)."""

    changed = Signal()
    LEVELS = (LanguageLevel.NATIVE, LanguageLevel.FLUENT, LanguageLevel.INTERMEDIATE, LanguageLevel.BASIC)

    def __init__(self, languages: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._languages = languages
        self.language = QComboBox()
        for code in languages:
            self.language.addItem("", code)
        self.level = QComboBox()
        for level in self.LEVELS:
            self.level.addItem("", level.value)
        self.add_button = QPushButton()
        self.add_button.setAutoDefault(True)
        self.add_button.clicked.connect(self._add_current)
        self.chosen = _DeletableList()
        self.chosen.setMaximumHeight(96)
        self.chosen.deleted.connect(self.changed.emit)
        self.language.setObjectName("language_choice")
        self.level.setObjectName("level_choice")
        self.add_button.setObjectName("add_language")
        self.chosen.setObjectName("languages_list")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.language, 2)
        row.addWidget(self.level, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.chosen)
        self._entries: dict[str, str] = {}
        self.translate_ui()

    def focus_widgets(self) -> list[QWidget]:
        return [self.language, self.level, self.add_button, self.chosen]

    def translate_ui(self) -> None:
        current = self.language.currentData()
        self.language.blockSignals(True)
        entries = sorted(((_(name), code) for code, name in self._languages.items()), key=lambda e: e[0].casefold())
        self.language.clear()
        for text, code in entries:
            self.language.addItem(text, code)
        index = self.language.findData(current)
        self.language.setCurrentIndex(max(index, 0))
        self.language.blockSignals(False)
        for index, level in enumerate(self.LEVELS):
            self.level.setItemText(index, label(level))
        self.add_button.setText(_("Add"))
        self.add_button.setToolTip(_("Add the language with its level (Delete removes the selected one)"))
        self._refresh_list()

    def _add_current(self) -> None:
        self._entries[self.language.currentData()] = self.level.currentData()
        self._refresh_list()
        self.changed.emit()

    def _refresh_list(self) -> None:
        self.chosen.clear()
        for code, level in self._entries.items():
            item = QListWidgetItem(f"{_(self._languages.get(code, code))} — {label(LanguageLevel(level))}")
            item.setData(Qt.ItemDataRole.UserRole, code)
            self.chosen.addItem(item)

    def remove(self, code: str) -> None:
        self._entries.pop(code, None)
        self._refresh_list()

    def entries(self) -> list[list[str]]:
        return [[code, level] for code, level in self._entries.items()]

    def set_entries(self, entries: Iterable) -> None:
        self._entries = {code: level for code, level in entries}
        self._refresh_list()


class _DeletableList(QListWidget):
    deleted = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentItem() is not None:
            editor = self.parent()
            code = self.currentItem().data(Qt.ItemDataRole.UserRole)
            if isinstance(editor, LanguagesEditor):
                editor.remove(code)
                self.deleted.emit()
            return
        super().keyPressEvent(event)


class ErrorLabel(QLabel):
    """The message under a field; hidden while there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def assign_mnemonics(labels: list[tuple[QLabel, str]], taken: Iterable[str] = ()) -> None:
    """Give each label a keyboard mnemonic (Alt+letter) that no other label
    of the window uses, whatever the language."""
    used = {c.casefold() for c in taken}
    for widget, text in labels:
        clean = text.replace("&", "")
        position = next((i for i, c in enumerate(clean) if c.isalpha() and c.isascii() and c.casefold() not in used),
                        None)
        if position is None:
            widget.setText(clean)
            continue
        used.add(clean[position].casefold())
        widget.setText(clean[:position] + "&" + clean[position:])


def connect_all(signals: Iterable, slot: Callable[..., None]) -> None:
    for signal in signals:
        signal.connect(lambda *_args: slot())
