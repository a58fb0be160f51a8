"""A scrollable preview of a PDF's pages, rendered in memory."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from .pdf_pages import page_images


class PdfPreview(QScrollArea):
    """Pages of a PDF drawn from memory; ``render`` also reports a document
    that cannot be made and enables the actions only when there is one."""

    def __init__(self, parent: QWidget | None = None, dpi: float = 72.0) -> None:
        super().__init__(parent)
        self.dpi = dpi
        self.setWidgetResizable(True)
        self.setBackgroundRole(self.backgroundRole())
        self._inner = QWidget()
        self._inner.setObjectName("previewPages")
        self._inner.setStyleSheet("#previewPages { background: #6b7580; }")
        self._layout = QVBoxLayout(self._inner)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._layout.setSpacing(12)
        self.setWidget(self._inner)
        self.pages: list[QLabel] = []

    def clear(self) -> None:
        for label in self.pages:
            label.deleteLater()
        self.pages = []

    def render(self, make_pdf: Callable[[], bytes], errors: tuple[type[Exception], ...], error: QLabel,
               actions: Sequence[QWidget]) -> bytes | None:
        """Make the PDF and show it; on one of ``errors``, show its message in
        ``error`` and disable ``actions`` (print, save). Returns the PDF."""
        try:
            pdf = make_pdf()
        except errors as exc:
            return self.show_outcome(None, str(exc), error, actions)
        return self.show_outcome(pdf, None, error, actions)

    def show_outcome(self, pdf: bytes | None, problem: str | None, error: QLabel,
                     actions: Sequence[QWidget]) -> bytes | None:
        """Show a PDF made elsewhere, or why it could not be made (``problem``
        in ``error``); ``actions`` are enabled only when there is one."""
        error.setText(problem or "")
        error.setVisible(problem is not None)
        self.show_pdf(pdf)
        for widget in actions:
            widget.setEnabled(pdf is not None)
        return pdf

    def show_pdf(self, data: bytes | None) -> None:
        self.clear()
        if not data:
            return
        for number, image in enumerate(page_images(data, self.dpi), start=1):
            label = QLabel()
            label.setPixmap(QPixmap.fromImage(image))
            label.setFrameShape(QFrame.Shape.Box)
            label.setAccessibleName(f"page {number}")
            self._layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.pages.append(label)
