"""A printed form (attendance sheet, consent form, evaluation form): choose
its language, preview it, print it or save it as PDF. Nothing is written to a
temporary folder. The document is made from the database in a read-only
:class:`~duo_desktop.views.ops.Query`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence
from sqlalchemy.orm import Session
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ...i18n import LANGUAGE_NAMES, LANGUAGES, _
from ...services.documents.errors import DocumentError
from ...services.errors import NotFound
from ..context import AppContext
from ..ops import Query, failure_message
from .preview import PdfPreview
from .printing import ask_and_print, ask_and_save, audit_output
from ..retranslate import Text, follow_language, tr

Render = Callable[[Session, str], bytes]  # (session, language code) -> PDF


class DocumentDialog(QDialog):
    def __init__(self, parent: QWidget | None, context: AppContext, title: Text, render: Render,
                 suggested_name: str, lang: str | None = None, audit_as: tuple[str, int] | None = None) -> None:
        """``title``: a msgid (``N_``) or a function returning the translated text.
        ``audit_as``: (document kind, key id) for the audit row written when the
        document is printed or saved (services/documents/audited.py)."""
        super().__init__(parent)
        self._audit_as = audit_as
        self.context = context
        self._render = render
        self._suggested_name = suggested_name
        self.pdf: bytes | None = None
        self.language_label = QLabel()
        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(lang or i18n.current_language()))
        self.language_label.setBuddy(self.language)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a40000;")
        self.error.hide()
        self.preview = PdfPreview(self, dpi=64)
        self.print_button = QPushButton()
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.save_button = QPushButton()
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.close_button = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.language_label)
        top.addWidget(self.language)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        root = QVBoxLayout(self)
        root.addLayout(top)
        root.addWidget(self.error)
        root.addWidget(self.preview, 1)
        root.addLayout(buttons)
        self.language.currentIndexChanged.connect(self.render)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.close_button.clicked.connect(self.reject)
        self.resize(760, 860)
        tr(self, title, "setWindowTitle")
        self.translate_ui()
        follow_language(self)
        self.render()

    def translate_ui(self) -> None:
        self.language_label.setText(_("Document &language:"))
        self.print_button.setText(_("&Print…"))
        self.save_button.setText(_("&Save as PDF…"))
        self.close_button.setText(_("Close"))

    def print_document(self) -> bool:
        if self.pdf and ask_and_print(self, [self.pdf], self.windowTitle()):
            self._audit("print")
            return True
        return False

    def save_document(self) -> bool:
        if self.pdf and ask_and_save(self, self.pdf, self._suggested_name, self.context.clock.now()) is not None:
            self._audit("export")
            return True
        return False

    def _audit(self, action: str) -> None:
        if self._audit_as is not None:
            audit_output(self, self.context, action, *self._audit_as)

    def current_language(self) -> str:
        return self.language.currentData()

    def render(self) -> None:
        lang, actions = self.current_language(), (self.print_button, self.save_button)

        def made(pdf: bytes) -> None:
            self.pdf = self.preview.show_outcome(pdf, None, self.error, actions)

        def failed(exc: Exception) -> None:
            problem = str(exc) if isinstance(exc, (DocumentError, NotFound)) else failure_message(exc)
            self.pdf = self.preview.show_outcome(None, problem, self.error, actions)

        Query(self, self.context, lambda s: self._render(s, lang)).success(made).failure(failed).run()
