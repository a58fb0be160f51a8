"""Nothing typed is lost by a slip (issue 17): a dialog whose text boxes
were typed in asks before closing without saving (Escape, Cancel, the
window's close button).

Use it as the first base of a dialog class::

    class EventDialog(AsksBeforeDiscarding, QDialog): ...

The texts of its QLineEdit and QPlainTextEdit children are read when the
dialog is first shown; ``reject()`` compares and, when something differs,
asks "Discard what you typed?" (No keeps the dialog open with the text).
``discard_silently = True`` turns the question off (tests, programmatic use).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from ..i18n import _


def confirm_with_ctrl_enter(dialog: QWidget, confirm: Callable[[], None]) -> None:
    """Ctrl+Enter (either Enter key) confirms the dialog from any field, a multi-line box included."""
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog, confirm)


def ask_discard(parent: QWidget) -> bool:
    """Ask whether to lose unsaved typing; True to discard (the default button keeps it)."""
    box = QMessageBox(QMessageBox.Icon.Question, _("Discard what you typed?"),
                      _("What you typed in this window is not saved. Close it anyway and lose it?"),
                      QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel, parent)
    box.button(QMessageBox.StandardButton.Discard).setText(_("&Discard"))
    box.button(QMessageBox.StandardButton.Cancel).setText(_("&Keep editing"))
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    return box.exec() == QMessageBox.StandardButton.Discard


class AsksBeforeDiscarding:
    discard_silently = False
    _typed_at_open: list[str] | None = None

    def _typed(self) -> list[str]:
        boxes = [w for w in self.findChildren(QLineEdit) if not w.isReadOnly()]  # type: ignore[attr-defined]
        texts = [w.text() for w in boxes]
        texts += [w.toPlainText() for w in self.findChildren(QPlainTextEdit)  # type: ignore[attr-defined]
                  if not w.isReadOnly()]
        return texts

    def showEvent(self, event) -> None:  # noqa: ANN001, N802
        if self._typed_at_open is None:
            self._typed_at_open = self._typed()
        super().showEvent(event)  # type: ignore[misc]

    def has_typed_text(self) -> bool:
        """True when a text box holds something other than when the dialog opened."""
        return self._typed_at_open is not None and self._typed() != self._typed_at_open

    def reject(self) -> None:
        if not self.discard_silently and self.has_typed_text():
            if not ask_discard(self):  # type: ignore[arg-type]
                return
        super().reject()  # type: ignore[misc]
