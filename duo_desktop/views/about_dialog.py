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
from ..i18n import _
from .ops import run_task


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
        self.setWindowTitle(_("About {app}").format(app=APP_NAME))
        self.resize(720, 560)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        self.summary = QLabel(_(
            "{app} {version}\nThe coordinator's tool for intergenerational mentoring programmes. Works offline; "
            "your data stays on this computer.\n\nPublished under the European Union Public Licence, version 1.2 "
            "({spdx}).").format(app=APP_NAME, version=licences.version(), spdx=licences.PROJECT_LICENCE))
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        layout.addWidget(QLabel(_("Libraries and fonts included, with their licences:")))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([_("Component"), _("Version"), _("Licence")])
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
        run_task(self, _("Reading the licences…"), lambda _progress: (licences.third_party(), licences.notices_text()),
                 self._show, self._unavailable)

    def _show(self, result: tuple[list[licences.Component], str]) -> None:
        components, text = result
        self.table.setRowCount(len(components))
        for row, item in enumerate(components):
            licence = {"not declared": _("not declared"),  # the notices' two English phrases
                       "see the licence text below": _("see the licence text below")}.get(item.licence, item.licence)
            for column, value in enumerate((item.name, item.version, licence)):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self.notices.setPlainText(text)

    def _unavailable(self, _exc: Exception) -> None:
        self.notices.setPlainText(_("The licence notices could not be read. They are in the file "
                                    "THIRD-PARTY-NOTICES.txt beside the program."))
