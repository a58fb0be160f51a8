"""The people or duos behind one figure: a list loaded off the UI thread,
with the figure's definition above it and an export (CSV/XLSX, with or
without names) below."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..i18n import N_, _, current, format_number, ngettext
from ..services.reports import drilldown
from ..services.reports.export import write_list
from ..services.reports.registry import Subject
from .context import AppContext
from .ops import Operation, Query
from .report_models import DrillDownModel
from .retranslate import Text, follow_language, tr
from .save_dialog import ask_save_path
from .fit import available_geometry


class DrillDownDialog(QDialog):
    """``ids``: the ids behind the figure, or a function of a read-only
    session that returns them (a report counted without its ids: they are
    fetched here, off the UI thread, with the rows). ``title`` and
    ``definition``: msgids or functions returning the text (retranslate.Text),
    so an open list follows a language switch."""

    def __init__(self, context: AppContext, title: Text, definition: Text, subject: Subject,
                 ids: tuple[int, ...] | Callable, figure_key: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context, self.subject, self.figure_key = context, subject, figure_key
        self.ids: tuple[int, ...] = () if callable(ids) else tuple(ids)  # fetched ids arrive with the rows
        tr(self, title, "setWindowTitle")
        self.definition = tr(QLabel(), definition)
        self.definition.setWordWrap(True)
        self.count = QLabel()
        self.model = DrillDownModel(subject, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.pseudonymised = tr(QCheckBox(), N_("Without names (for a funder)"))
        self.export_button = tr(QPushButton(), N_("&Export the list…"))
        self.export_button.setEnabled(False)  # until the list is there
        self.export_button.clicked.connect(self.export)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.definition)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.pseudonymised)
        layout.addWidget(buttons)
        room = available_geometry(self)  # not self.screen(): see fit.available_geometry
        self.resize(min(860, room.width() - 40) if room else 860, min(520, room.height() - 60) if room else 520)
        fetch = ids if callable(ids) else (lambda _s, known=tuple(ids): known)

        def read(s):  # noqa: ANN001, ANN202
            found = tuple(fetch(s))
            return found, drilldown.rows(s, subject, found)

        self._count: int | None = None  # rows listed, once they are there
        follow_language(self)
        Query(self, context, read).success(self._show).run_in_background()

    def translate_ui(self) -> None:
        """The texts that depend on the list (after a language switch)."""
        self.model.retranslate()
        if self._count is not None:
            n = self._count
            if self.subject == Subject.PARTICIPANT:
                text = ngettext("{count} person", "{count} people", n)
            else:
                text = ngettext("{count} duo", "{count} duos", n)
            self.count.setText(text.format(count=format_number(n)))

    def _show(self, loaded: tuple) -> None:
        self.ids, rows = loaded
        self.model.set_rows(rows)
        self.export_button.setEnabled(True)
        self._widen_to_columns()
        self._count = len(rows)
        self.translate_ui()

    def _widen_to_columns(self) -> None:
        """Wide enough for every column (dates and stages in full, at any
        scaling), within the screen: a list cut on its right hid the end date."""
        header, room = self.table.horizontalHeader(), available_geometry(self)
        widest = room.width() - 40 if room else 1600
        self.table.resizeColumnsToContents()
        for _attempt in range(3):  # the viewport's width is known once the layout has run
            self.layout().activate()
            missing = header.length() - self.table.viewport().width()
            if missing <= 0 or self.width() >= widest:
                break
            self.resize(min(self.width() + missing, widest), self.height())

    def export(self) -> None:
        path = ask_save_path(self, _("Export the list"), _("duo-list.xlsx"),
                             _("Excel workbook (*.xlsx);;CSV files (*.csv)"), ".xlsx")
        if path:
            self.export_to(str(path))

    def export_to(self, path: str) -> None:
        ids, subject, key, pseudo = self.ids, self.subject, self.figure_key, self.pseudonymised.isChecked()
        t, now = current(), self.context.clock.now()

        def done(_path) -> None:  # noqa: ANN001
            QMessageBox.information(self, _("Export the list"), _("The list was exported."))

        Operation(self, self.context, lambda s: write_list(s, subject, ids, path, t, now, pseudo, key)) \
            .success(done).run()
