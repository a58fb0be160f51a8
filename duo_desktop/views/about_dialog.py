"""Help > About: the version, the project's licence (EUPL-1.2) and the
licence of every bundled library and font (duo_desktop/licences.py reads
them from the bundle's THIRD-PARTY-NOTICES.txt or the installed metadata,
off the UI thread), with the full notices below."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import licences
from .. import APP_NAME
from ..i18n import N_, _
from .ops import run_task
from .retranslate import follow_language, tr


def app_icon() -> QIcon:
    """The application's icon (resources/icons), empty when the file is missing."""
    from ..config import resources_dir

    icon = QIcon()
    for name in ("duo-desktop.png", "duo-desktop-48.png"):
        path = resources_dir() / "icons" / name
        if path.is_file():
            icon.addFile(str(path))
    return icon


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tr(self, lambda: _("About {app}").format(app=APP_NAME), "setWindowTitle")
        self.resize(720, 560)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        version = licences.version()
        self.summary = tr(QLabel(), lambda: _(
            "{app} {version}\nThe coordinator's tool for intergenerational mentoring programmes. Works offline; "
            "your data stays on this computer.\n\nPublished under the European Union Public Licence, version 1.2 "
            "({spdx}).").format(app=APP_NAME, version=version, spdx=licences.PROJECT_LICENCE))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        layout.addWidget(tr(QLabel(), N_("Libraries and fonts included, with their licences:")))
        self.table = QTableWidget(0, 3)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 2)
        self.notices = QPlainTextEdit()
        self.notices.setReadOnly(True)
        self.notices.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.notices, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._components: list[licences.Component] = []
        self._failed = False
        follow_language(self)
        self.translate_ui()
        run_task(self, _("Reading the licences…"), lambda _progress: (licences.third_party(), licences.notices_text()),
                 self._show, self._unavailable)

    def _show(self, result: tuple[list[licences.Component], str]) -> None:
        self._components, text = result
        self.translate_ui()
        self.notices.setPlainText(text)  # the licences' own texts, in their own language

    def _unavailable(self, _exc: Exception) -> None:
        self._failed = True
        self.translate_ui()

    def translate_ui(self) -> None:
        """The table's headers and phrases (after each language switch too)."""
        self.table.setHorizontalHeaderLabels([_("Component"), _("Version"), _("Licence")])
        self.table.setRowCount(len(self._components))
        for row, item in enumerate(self._components):
            licence = {"not declared": _("not declared"),  # the notices' two English phrases
                       "see the licence text below": _("see the licence text below")}.get(item.licence, item.licence)
            for column, value in enumerate((item.name, item.version, licence)):
                self.table.setItem(row, column, QTableWidgetItem(value))
        if self._failed:
            self.notices.setPlainText(_("The licence notices could not be read. They are in the file "
                                        "THIRD-PARTY-NOTICES.txt beside the program."))
