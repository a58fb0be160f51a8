"""The import preview's column picker: one row per column of the file (its
header and first value) with the field it is imported as, which the user
can change; a field claimed by two columns is asked about, never guessed
silently. The picked mapping goes back to services/importer.preview as
``choices`` ({field: column index or None})."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QComboBox, QHeaderView, QMessageBox, QTableWidget, QTableWidgetItem, QWidget

from ..i18n import N_, _
from ..services import importer
from ..services.importer.columns import ALIASES, REQUIRED
from ..services.validation import FIELDS

NOT_IMPORTED = N_("— not imported —")
#: labels of the importable fields that the intake's field list lacks
_MORE_LABELS = {"professional_project": N_("Professional project"), "notes": N_("Notes")}
CONFLICT = QColor("#fff3cd")


def field_label(column: str) -> str:
    label = _(FIELDS.get(column) or _MORE_LABELS.get(column, column))
    return label + " *" if column in REQUIRED else label


class ColumnPicker(QTableWidget):
    """``choices_changed(dict)``: every field with the index of the column
    picked for it, or None when no column is."""

    choices_changed = Signal(dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("import_columns")
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.combos: list[QComboBox] = []
        self._filling = False
        self.translate_ui()

    def translate_ui(self) -> None:
        self.setHorizontalHeaderLabels([_("Column of the file"), _("First value"), _("Imported as")])
        for combo in self.combos:
            combo.setItemText(0, _(NOT_IMPORTED))
            for index in range(1, combo.count()):
                combo.setItemText(index, field_label(combo.itemData(index)))

    def set_preview(self, preview: importer.Preview | None) -> None:
        self._filling = True
        try:
            self.setRowCount(0)
            self.combos = []
            if preview is None:
                return
            headers = preview.table.headers
            first = preview.table.rows[0].values if preview.table.rows else ()
            in_conflict = {i: column for column, indexes in preview.conflicts.items() for i in indexes}
            self.setRowCount(len(headers))
            for row, header in enumerate(headers):
                name = QTableWidgetItem(header)
                sample = QTableWidgetItem(first[row] if row < len(first) else "")
                for item in (name, sample):
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                if row in in_conflict:
                    tip = _("Two columns could be “{field}”: choose the right one.").format(
                        field=field_label(in_conflict[row]))
                    for item in (name, sample):
                        item.setBackground(QBrush(CONFLICT))
                        item.setToolTip(tip)
                self.setItem(row, 0, name)
                self.setItem(row, 1, sample)
                combo = QComboBox()
                combo.setObjectName(f"import_column_{row}")
                combo.addItem(_(NOT_IMPORTED), "")
                for column in ALIASES:
                    combo.addItem(field_label(column), column)
                combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(row, ""))))
                combo.setProperty("previous", combo.currentIndex())
                combo.currentIndexChanged.connect(lambda _i, r=row: self._picked(r))
                self.setCellWidget(row, 2, combo)
                self.combos.append(combo)
        finally:
            self._filling = False

    def choices(self) -> dict[str, int | None]:
        picked: dict[str, int | None] = {column: None for column in ALIASES}
        for row, combo in enumerate(self.combos):
            if combo.currentData():
                picked[combo.currentData()] = row
        return picked

    def _picked(self, row: int) -> None:
        if self._filling:
            return
        combo = self.combos[row]
        column = combo.currentData()
        other = next((r for r, c in enumerate(self.combos) if r != row and column and c.currentData() == column),
                     None)
        if other is not None and not self._ask(row, other, column):
            self._set(combo, combo.property("previous"))
            return
        if other is not None:
            self._set(self.combos[other], 0)
        combo.setProperty("previous", combo.currentIndex())
        self.choices_changed.emit(self.choices())

    def _ask(self, row: int, other: int, column: str) -> bool:
        answer = QMessageBox.question(self, _("Imported as"), _(
            "The column “{other}” is already imported as “{field}”. Import “{header}” as “{field}” instead?").format(
            other=self.item(other, 0).text(), header=self.item(row, 0).text(), field=field_label(column)))
        return answer == QMessageBox.StandardButton.Yes

    def _set(self, combo: QComboBox, index: int) -> None:
        self._filling = True
        try:
            combo.setCurrentIndex(index)
            combo.setProperty("previous", index)
        finally:
            self._filling = False
