""""List" button of the Participants and Duos screens: print the list shown
(filtered and sorted as on screen) or export it as CSV, XLSX or PDF
(services/lists.py: written whole, audited). The file name is in the
user's language and the save dialog opens in the documents folder
(views/save_dialog.py). The writers (ReportLab, openpyxl) and the print
preview (pypdfium2) are imported when first used, not at start-up (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMenu, QMessageBox, QPushButton, QWidget

from ..i18n import _, current
from ..services.reports.registry import Subject
from .context import AppContext
from .ops import Operation, Query, failure_message
from .save_dialog import ask_save_path

FORMATS = ("xlsx", "csv", "pdf")


class ListActions:
    """A button with a menu (Print the list…, Export the list…) for a
    screen; ``ids`` gives the ids shown, in the screen's order. A push
    button: it keeps room for its menu arrow (a tool button's arrow covered
    the end of "Liste" in the Fusion style)."""

    def __init__(self, screen: QWidget, context: AppContext, subject: Subject, ids: Callable[[], list[int]],
                 said: Callable[[str], None]) -> None:
        self.screen, self.context, self.subject, self.ids, self.said = screen, context, subject, ids, said
        self.button = QPushButton(screen)
        self.menu = QMenu(self.button)
        self.print_action = self.menu.addAction("")
        self.export_action = self.menu.addAction("")
        self.print_action.triggered.connect(lambda _checked=False: self.print_list())
        self.export_action.triggered.connect(lambda _checked=False: self.export())
        self.button.setMenu(self.menu)

    def translate_ui(self) -> None:
        self.button.setText(_("List"))
        self.button.setToolTip(_("Print or export the list shown, as filtered"))
        self.print_action.setText(_("Print the list…"))
        self.export_action.setText(_("Export the list…"))

    def title(self) -> str:
        if self.subject == Subject.PARTICIPANT:
            return _("List of participants")
        return _("List of duos")

    def file_name(self) -> str:
        if self.subject == Subject.PARTICIPANT:
            return _("participants-{date}.xlsx").format(date=self.context.clock.today().isoformat())
        return _("duos-{date}.xlsx").format(date=self.context.clock.today().isoformat())

    def export(self, path: Path | None = None) -> bool:
        """Ask where (unless ``path`` is given), then write; True when written."""
        if path is None:
            path = ask_save_path(self.screen, _("Export the list"), self.file_name(),
                                 ";;".join((_("Excel workbook (*.xlsx)"), _("CSV files (*.csv)"),
                                            _("PDF files (*.pdf)"))), ".xlsx")
            if path is None:
                return False
        if path.suffix.lower().lstrip(".") not in FORMATS:
            path = path.with_suffix(".xlsx")
        ids, subject, t, now, title = self.ids(), self.subject, current(), self.context.clock.now(), self.title()
        who = self.context.coordinator_id
        from ..services import lists

        def failed(exc: Exception) -> None:
            QMessageBox.warning(self.screen, _("Export the list"),
                                _("The file {file} could not be saved ({problem}).").format(
                                    file=path, problem=failure_message(exc)))

        return Operation(self.screen, self.context,
                         lambda s: lists.export_list(s, subject, ids, path, t, now, title, who)) \
            .success(lambda _p: self.said(_("List exported to {file}.").format(file=path.name))) \
            .failure(failed).run()

    def document(self) -> tuple[bytes, int] | None:
        """The list as a PDF and its number of rows."""
        ids, subject, t, title = self.ids(), self.subject, current(), self.title()
        found: list = []
        from ..services import lists

        Query(self.screen, self.context, lambda s: lists.list_document(s, subject, ids, t, title)) \
            .success(found.append).run()
        return found[0] if found else None

    def print_list(self) -> None:
        from ..services import lists
        from .documents.printing import ask_and_print

        made = self.document()
        if made is None or not ask_and_print(self.screen, [made[0]], self.title()):
            return
        subject, rows, now, who = self.subject, made[1], self.context.clock.now(), self.context.coordinator_id
        Operation(self.screen, self.context, lambda s: lists.record_print(s, subject, rows, now, who)).run()
        self.said(_("List sent to the printer."))
