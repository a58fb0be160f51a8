"""Printing PDFs through the system print dialog (Qt's printing support),
every page drawn from memory; and saving a PDF where the user chooses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from ...i18n import _
from ...services.documents.output import write_pdf
from ..save_dialog import ask_save_path
from .pdf_pages import page_images

MAX_PRINT_DPI = 300


def print_pdfs(printer: QPrinter, documents: Sequence[bytes]) -> int:
    """Draw every page of every document on the printer, as one job.
    Returns the number of pages sent."""
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(_("The printer could not be started."))
    pages = 0
    try:
        for data in documents:
            for image in page_images(data, dpi):
                if pages:
                    printer.newPage()
                target = painter.viewport()
                scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(target.x(), target.y(), scaled.width(), scaled.height()), image)
                pages += 1
    finally:
        painter.end()
    return pages


def audit_output(parent: QWidget, context, action: str, what: str, key_id: int) -> bool:  # noqa: ANN001
    """The audit row of a document just printed or saved (issue 12):
    services/documents/audited.record, in its own transaction."""
    from ...services.documents import audited
    from ..ops import Operation

    return Operation(parent, context, lambda s: audited.record(s, action, what, key_id, context.clock.now(),
                                                                context.coordinator_id)).run()


def ask_and_print(parent: QWidget, documents: Sequence[bytes], title: str) -> bool:
    """The system print dialog, then the job. False if the user cancelled."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(_("Print"))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        print_pdfs(printer, documents)
    except OSError as exc:
        QMessageBox.warning(parent, _("Print"), str(exc))
        return False
    return True


def ask_and_save(parent: QWidget, data: bytes, suggested_name: str, created: dt.datetime) -> Path | None:
    """A save dialog (views/save_dialog.py: the user's documents folder, a
    file name in the user's language), then the whole file written (or
    nothing), dated ``created`` (the clock's now)."""
    path = ask_save_path(parent, _("Save as PDF"), suggested_name, _("PDF files (*.pdf)"))
    if path is None:
        return None
    if path.suffix.lower() != ".pdf":
        path = path.with_suffix(".pdf")
    try:
        write_pdf(path, data, created)
    except OSError as exc:
        from ...services.file_problems import os_problem  # the reason in words, not the system's English

        QMessageBox.warning(parent, _("Save as PDF"), _("The file {file} could not be saved ({problem}).").format(
            file=path, problem=os_problem(exc, writing=True).render()))
        return None
    return path
