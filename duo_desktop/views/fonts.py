"""Bundled fonts for the interface: names in Arabic, Ge'ez, Cyrillic and with
accents show the same on every machine, whatever fonts it has."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ..config import resources_dir

FAMILIES = ["Noto Sans", "Noto Sans Arabic", "Noto Sans Ethiopic", "Droid Sans Fallback", "Noto Emoji"]


def install_fonts(app: QApplication) -> list[str]:
    loaded: list[str] = []
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            loaded.extend(QFontDatabase.applicationFontFamilies(font_id))
    font = QFont()
    font.setFamilies(FAMILIES)
    font.setPointSize(10)
    app.setFont(font)
    return loaded
