"""All agreements due this week in one go: saved as PDFs to a folder the
user chooses, or printed as one job; with progress and cancel. Each duo
is a ticked row: untick the duos whose agreement is not wanted now."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QMessageBox, QPushButton, QVBoxLayout, QWidget)

from ...i18n import LANGUAGE_NAMES, LANGUAGES, _, current, ngettext
from ...services.documents import DocumentError
from ...services.documents.batch import DueAgreement, agreements_due, render_each, save_each
from ..context import AppContext
from ...services.documents import audited
from ..ops import Operation, Query
from ..save_dialog import ask_folder
from .printing import ask_and_print
from ..retranslate import follow_language


class AgreementBatchDialog(QDialog):
    def __init__(self, parent: QWidget | None, context: AppContext) -> None:
        super().__init__(parent)
        self.context = context
        self.today = context.clock.today()
        self.due: list[DueAgreement] = []
        Query(self, context, lambda s: agreements_due(s, self.today)).success(self.due.extend).run()
        self.summary = QLabel()
        self.list = QListWidget()
        for item in self.due:
            langs = item.lang + (f" + {item.second_lang}" if item.second_lang else "")
            row = QListWidgetItem(f"{item.mentee_name} — {item.mentor_name} ({langs})")
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(row)
        self.list.itemChanged.connect(lambda _item: self._chosen_changed())
        self.language = QComboBox()
        self.language.addItem("", None)
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.charter = QCheckBox()
        self.charter.setChecked(True)
        self.save_button = QPushButton()
        self.print_button = QPushButton()
        self.close_button = QPushButton()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.form = QFormLayout()
        self.labels = [QLabel(), QLabel()]
        self.form.addRow(self.labels[0], self.language)
        self.form.addRow(self.labels[1], self.charter)
        self.labels[0].setBuddy(self.language)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.save_button, self.print_button, self.close_button):
            buttons.addWidget(button)
            button.setEnabled(bool(self.due) or button is self.close_button)
        root = QVBoxLayout(self)
        root.addWidget(self.summary)
        root.addWidget(self.list, 1)
        root.addLayout(self.form)
        root.addWidget(self.result)
        root.addLayout(buttons)
        self.chosen_label = QLabel()
        root.insertWidget(2, self.chosen_label)
        self.save_button.clicked.connect(self.save_to_folder)
        self.print_button.clicked.connect(self.print_all)
        self.close_button.clicked.connect(self.reject)
        stop = follow_language(self)
        self.finished.connect(lambda _result: stop())
        self.resize(560, 480)
        self.translate_ui()

    def translate_ui(self) -> None:
        self.setWindowTitle(_("Agreements due this week"))
        self.summary.setText(ngettext("{count} duo is waiting for its agreement this week.",
                                      "{count} duos are waiting for their agreement this week.",
                                      len(self.due)).format(count=len(self.due)))
        self.language.setItemText(0, _("Each duo's own language(s)"))
        self.labels[0].setText(_("&Language"))
        self.labels[1].setText(_("Charter"))
        self.charter.setText(_("Print the charter after each agreement"))
        self.save_button.setText(_("&Save to a folder…"))
        self.print_button.setText(_("&Print…"))
        self.close_button.setText(_("Close"))
        self._chosen_changed()

    def chosen(self) -> list[DueAgreement]:
        """The duos still ticked, in the list's order."""
        return [item for row, item in enumerate(self.due)
                if self.list.item(row).checkState() == Qt.CheckState.Checked]

    def _chosen_changed(self) -> None:
        n = len(self.chosen())
        self.chosen_label.setText(ngettext("{count} agreement ticked", "{count} agreements ticked", n).format(
            count=n) if self.due else "")
        for button in (self.save_button, self.print_button):
            button.setEnabled(n > 0)

    def _lang(self) -> str | None:
        return self.language.currentData()

    def save_to_folder(self, folder: Path | None = None) -> None:
        if not folder:
            folder = ask_folder(self, _("Folder for the agreements"))
            if folder is None:
                return
        due, today, lang, charter = self.chosen(), self.today, self._lang(), self.charter.isChecked()
        now, names = self.context.clock.now(), current()

        now, who = self.context.clock.now(), self.context.coordinator_id

        def work(session, progress):  # noqa: ANN001, ANN202
            paths = save_each(session, due, folder, today, progress, with_charter=charter, lang=lang, created=now,
                              names=names)
            audited.record_batch(session, "export", [item.duo_id for item in due], now, who)  # issue 12
            return paths

        def done(paths: list[Path]) -> None:
            self.result.setText(ngettext("{count} agreement saved in {folder}.",
                                         "{count} agreements saved in {folder}.", len(paths)).format(
                count=len(paths), folder=folder))

        self._in_background(work, _("Saving the agreements…"), done, write=True)

    def print_all(self) -> None:
        due, today, lang, charter = self.chosen(), self.today, self._lang(), self.charter.isChecked()

        def work(session, progress):  # noqa: ANN001, ANN202
            return render_each(session, due, today, progress, with_charter=charter, lang=lang)

        def done(results: list) -> None:
            if ask_and_print(self, [data for _item, data in results], _("Agreements")):
                ids, now, who = [item.duo_id for item, _data in results], self.context.clock.now(), \
                    self.context.coordinator_id
                Operation(self, self.context, lambda s: audited.record_batch(s, "print", ids, now, who)).run()
                self.result.setText(ngettext("{count} agreement sent to the printer.",
                                             "{count} agreements sent to the printer.", len(results)).format(
                    count=len(results)))

        self._in_background(work, _("Preparing the agreements…"), done)

    def _in_background(self, work, label: str, done, write: bool = False) -> None:  # noqa: ANN001
        """The batch reads and renders off the UI thread, with progress and Cancel
        (``write``: in a transaction, for the audit row of the files saved)."""
        self.task = (Operation if write else Query)(self, self.context, work).with_progress(label).success(done).failure(self._failed)
        self.task.run_in_background()

    def _failed(self, exc: Exception) -> None:
        message = str(exc) if isinstance(exc, (DocumentError, OSError)) else type(exc).__name__
        QMessageBox.warning(self, _("Agreements due this week"),
                            _("The agreements could not be made; none was saved.\n{error}").format(error=message))


def open_agreement_batch(parent: QWidget | None, context: AppContext) -> AgreementBatchDialog:
    dialog = AgreementBatchDialog(parent, context)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
