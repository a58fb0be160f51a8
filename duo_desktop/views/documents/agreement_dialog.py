"""A duo's agreement: choose the language(s), look at it, print it or save
it as PDF. The document's language is independent of the interface's."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel,
                               QPushButton, QVBoxLayout, QWidget)

from ...i18n import LANGUAGE_NAMES, LANGUAGES, _
from ...services.documents import AgreementOptions, DocumentError, duo_info, suggested_languages
from ...services.documents.agreement import agreement_pdf
from ...services.documents.batch import AGREEMENT_FILE
from ...services.documents.data import DuoInfo, signing_date
from ...services.errors import NotFound
from ..context import AppContext
from ..date_field import DateField
from ..ops import Query, failure_message
from .preview import PdfPreview
from .printing import ask_and_print, ask_and_save, audit_output
from ..retranslate import follow_language


class AgreementDialog(QDialog):
    def __init__(self, parent: QWidget | None, context: AppContext, info: DuoInfo) -> None:
        super().__init__(parent)
        self.context = context
        self.duo_id = info.id
        self.pdf: bytes | None = None
        self.info = info
        lang, second = suggested_languages(self.info)

        self.language = QComboBox()
        self.second_language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
            self.second_language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(lang))
        self.bilingual = QCheckBox()
        self.bilingual.setChecked(second is not None)
        self.second_language.setCurrentIndex(LANGUAGES.index(second or next(c for c in LANGUAGES if c != lang)))
        self.layout_choice = QComboBox()
        self.layout_choice.addItem("", True)
        self.layout_choice.addItem("", False)
        self.charter = QCheckBox()
        self.charter.setChecked(True)
        self.start = DateField(signing_date(self.info, None, context.clock.today()))  # as `agreement` does
        self.start.setEnabled(self.info.signed_on is None)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a40000;")
        self.error.hide()
        self.preview = PdfPreview(self, dpi=64)
        self.print_button = QPushButton()
        self.save_button = QPushButton()
        self.close_button = QPushButton()

        self.form = QFormLayout()
        self.labels = [QLabel() for _i in range(4)]
        self.form.addRow(self.labels[0], self.language)
        second_row = QHBoxLayout()
        second_row.addWidget(self.bilingual)
        second_row.addWidget(self.second_language, 1)
        second_row.addWidget(self.layout_choice, 1)
        self.form.addRow(self.labels[1], second_row)
        self.form.addRow(self.labels[2], self.start)
        self.form.addRow(self.labels[3], self.charter)
        self.labels[0].setBuddy(self.language)
        self.labels[2].setBuddy(self.start)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            buttons.addWidget(button)
        root = QVBoxLayout(self)
        self.people = QLabel()
        self.people.setTextFormat(Qt.TextFormat.PlainText)
        root.addWidget(self.people)
        root.addLayout(self.form)
        root.addWidget(self.error)
        root.addWidget(self.preview, 1)
        root.addLayout(buttons)

        self.print_button.clicked.connect(self.print_agreement)
        self.save_button.clicked.connect(self.save_agreement)
        self.close_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_agreement)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_agreement)
        for combo in (self.language, self.second_language, self.layout_choice):
            combo.currentIndexChanged.connect(self.refresh)
        self.bilingual.toggled.connect(self.refresh)
        self.charter.toggled.connect(self.refresh)
        self.start.changed.connect(self.refresh)
        stop = follow_language(self)
        self.finished.connect(lambda _result: stop())
        self.resize(760, 900)
        self.translate_ui()
        self.refresh()

    def translate_ui(self) -> None:
        self.setWindowTitle(_("Mentoring agreement"))
        self.people.setText(_("Duo: {mentee} (mentee) and {mentor} (mentor)").format(
            mentee=self.info.mentee.name, mentor=self.info.mentor.name))
        texts = [_("&Language of the agreement"), _("Bilingual"), _("Signing &date"), _("Charter")]
        for label, text in zip(self.labels, texts, strict=True):
            label.setText(text)
        self.bilingual.setText(_("Also in"))
        self.bilingual.setToolTip(_("For a mentor and a mentee who share no reading language"))
        self.layout_choice.setItemText(0, _("Side by side"))
        self.layout_choice.setItemText(1, _("One after the other"))
        self.charter.setText(_("Print the charter after the agreement"))
        self.print_button.setText(_("&Print…"))
        self.save_button.setText(_("&Save as PDF…"))
        self.close_button.setText(_("Close"))

    def options(self) -> AgreementOptions:
        second = self.second_language.currentData() if self.bilingual.isChecked() else None
        start = self.start.current() if self.info.signed_on is None else None
        return AgreementOptions(self.language.currentData(), second, bool(self.layout_choice.currentData()),
                                self.charter.isChecked(), start)

    def refresh(self) -> None:
        self.second_language.setEnabled(self.bilingual.isChecked())
        self.layout_choice.setEnabled(self.bilingual.isChecked())
        self.pdf = self.preview.render(lambda: agreement_pdf(self.info, self.options(), self.context.clock.today()),
                                       (DocumentError,), self.error, (self.print_button, self.save_button))

    def file_name(self) -> str:
        options = self.options()
        langs = options.lang + (f"-{options.second_lang}" if options.second_lang else "")
        return _(AGREEMENT_FILE).format(number=self.duo_id, languages=langs)

    def print_agreement(self) -> None:
        if self.start.isEnabled() and not self.start.check():
            return
        if self.pdf is not None and ask_and_print(self, [self.pdf], self.file_name()):
            audit_output(self, self.context, "print", "agreement", self.duo_id)

    def save_agreement(self) -> None:
        if self.start.isEnabled() and not self.start.check():
            return
        if self.pdf is not None and ask_and_save(self, self.pdf, self.file_name(),
                                                 self.context.clock.now()) is not None:
            audit_output(self, self.context, "export", "agreement", self.duo_id)


def open_agreement_dialog(parent: QWidget | None, context: AppContext, duo_id: int) -> AgreementDialog | None:
    """Show the agreement dialog of a duo (window-modal) and return it
    (None when the duo cannot be read: the reason is shown)."""
    from PySide6.QtWidgets import QMessageBox

    def refused(exc: Exception) -> None:
        reason = str(exc) if isinstance(exc, (NotFound, DocumentError)) else failure_message(exc)
        QMessageBox.warning(parent, _("Mentoring agreement"), reason)

    info = Query(parent, context, lambda s: duo_info(s, duo_id)).failure(refused).value()
    if info is None:
        return None
    try:
        dialog = AgreementDialog(parent, context, info)
    except DocumentError as exc:
        refused(exc)
        return None
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog


__all__ = ["AgreementDialog", "open_agreement_dialog"]
