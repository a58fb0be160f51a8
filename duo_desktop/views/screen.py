"""Base class of the main screens: retranslates itself when the language
changes (Frescobaldi's translateUI pattern)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from .context import AppContext
from .retranslate import follow_language


class Screen(QWidget):
    #: stable key, used for screenshots and settings (never translated)
    key: str = ""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        follow_language(self)

    def title(self) -> str:  # translated, for the navigation list
        raise NotImplementedError

    def translate_ui(self) -> None:
        """Set every visible text again in the current language."""

    def refresh(self) -> None:
        """Reload data from the store (called when the screen is shown)."""
