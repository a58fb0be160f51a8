"""Settings page: a branch's document templates per language (letterhead and
extra clauses), with a live preview of the agreement as it will print."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QSplitter, QVBoxLayout, QWidget

from ...i18n import LANGUAGE_NAMES, LANGUAGES, _
from ...services.documents.errors import DocumentError
from ...services.documents.template_preview import preview_pdf
from ...services.settings import branches, templates
from ..context import AppContext
from ..documents.preview import PdfPreview
from ..form_dialog import error_label
from ..setup.fields import FieldForm
from .base import BranchScopedPage


class TemplatesPage(BranchScopedPage):
    PREVIEW_DELAY_MS = 400  # the preview follows the typing, once it pauses

    def __init__(self, context: AppContext) -> None:
        super().__init__(context)
        self.language_label = QLabel()
        self.language = QComboBox()
        for lang in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[lang], lang)
        self.language_label.setBuddy(self.language)
        row = QHBoxLayout()
        row.addWidget(self.language_label)
        row.addWidget(self.language, 1)
        self.layout_.addLayout(row)
        self.form = FieldForm()
        self.form.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # the texts take the width
        self.letterhead = QPlainTextEdit()
        self.letterhead.setTabChangesFocus(True)
        self.letterhead.setFixedHeight(80)
        self.clauses = QPlainTextEdit()
        self.clauses.setTabChangesFocus(True)
        self.form.add("letterhead", lambda: _("&Letterhead:"), self.letterhead)
        self.form.add("extra_clauses", lambda: _("E&xtra clauses:"), self.clauses)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)  # the tags are named, not applied
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.form, 1)
        column.addWidget(self.hint)
        self.preview = PdfPreview(dpi=55)  # an A4 page is 455 px wide
        self.preview.setMinimumWidth(240)
        self.preview_error = error_label()
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.preview, 1)
        column.addWidget(self.preview_error)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setChildrenCollapsible(False)
        split.setSizes([420, 480])  # kept in proportion when the dialog is narrower
        self.layout_.addWidget(split, 1)
        self.finish_layout()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.PREVIEW_DELAY_MS)
        self.timer.timeout.connect(self.update_preview)
        self.letterhead.textChanged.connect(self.timer.start)
        self.clauses.textChanged.connect(self.timer.start)
        self.language.currentIndexChanged.connect(lambda _i: self._branch_changed())

    def title(self) -> str:
        return _("Document templates")

    def translate_ui(self) -> None:
        super().translate_ui()
        self.language_label.setText(_("Lan&guage:"))
        self.form.translate_ui()
        self.hint.setText(_("Printed on this branch's documents in this language. You may use <b>bold</b>, "
                            "<i>italics</i> and <br/> for a new line; an empty line starts a new clause."))

    def lang(self) -> str:
        return self.language.currentData()

    def _branch_changed(self) -> None:
        """A branch opens on the language its documents are printed in."""
        branch_id = self.branch_id()
        if branch_id is not None and branch_id != getattr(self, "_shown_branch", None):
            self._shown_branch = branch_id
            values = self.query(lambda s: branches.branch_values(s, branch_id)) or {}
            self.language.blockSignals(True)
            self.language.setCurrentIndex(max(0, self.language.findData(values.get("default_language"))))
            self.language.blockSignals(False)
        super()._branch_changed()

    def load_branch(self, branch_id: int) -> None:
        lang = self.lang()
        values = self.query(lambda s: templates.document_template(s, branch_id, lang)) or {}
        self.form.clear_errors()
        self.letterhead.setPlainText(values.get("letterhead", ""))
        self.clauses.setPlainText(values.get("extra_clauses", ""))
        self.timer.stop()
        self.update_preview()

    def update_preview(self) -> None:
        branch_id, lang = self.branch_id(), self.lang()
        if branch_id is None:
            return
        letterhead, clauses = self.letterhead.toPlainText(), self.clauses.toPlainText()
        today = self.context.clock.today()
        self.preview.render(lambda: self.query(lambda s: preview_pdf(s, branch_id, lang, letterhead, clauses, today),
                                                       raising=True),
                            (DocumentError,), self.preview_error, [])

    def save(self) -> bool:
        branch_id, lang, now, who = self.branch_id(), self.lang(), self.now(), self.context.coordinator_id
        values = {"letterhead": self.letterhead.toPlainText(), "extra_clauses": self.clauses.toPlainText()}
        return self.run_save(lambda s: templates.save_document_template(s, branch_id, lang, values, now, who),
                             self.form)
