"""Help > Guide (F1): a short guide in the user's language, read from
``resources/help/<lang>.html`` (packaged with the other resources and found
through importlib.resources, config.resources_dir) and shown in a
QTextBrowser. The guide follows a language switch while it is open."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from .. import i18n
from ..config import resources_dir
from ..i18n import _
from .fit import available_geometry
from .retranslate import follow_language


def guide_path(lang: str) -> Path:
    """The guide of ``lang`` (English when that language has none)."""
    folder = resources_dir() / "help"
    path = folder / f"{lang}.html"
    return path if path.is_file() else folder / "en.html"


def guide_html(lang: str) -> str:
    return guide_path(lang).read_text(encoding="utf-8")


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help_dialog")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)  # offline: no link leaves the application
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.buttons)
        stop = follow_language(self)
        self.finished.connect(lambda _result: stop())
        self.translate_ui()
        room = available_geometry(self)  # not self.screen(): see fit.available_geometry
        self.resize(min(640, room.width() - 40) if room else 640, min(600, room.height() - 60) if room else 600)

    def translate_ui(self) -> None:
        self.setWindowTitle(_("DUO Desktop guide"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        self.browser.setHtml(guide_html(i18n.current_language()))


def open_help(parent: QWidget | None) -> HelpDialog:
    """Show the guide (non-modal: the user can read it while working)."""
    dialog = HelpDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
