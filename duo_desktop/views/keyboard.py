"""The keyboard everywhere (issue 17), one application-wide policy rather than
code in each window:

- **Tab leaves** every table, list and multi-line text box: item views get
  ``setTabKeyNavigation(False)`` (arrows move between cells, Tab to the next
  field) and text boxes ``setTabChangesFocus(True)``, when they are polished;
- **Ctrl+Enter confirms** a dialog: a dialog with a confirm shortcut of its own
  (``typed_guard.confirm_with_ctrl_enter``) keeps it; any other dialog has its
  accepting button (OK, Save, Yes, Apply of its button box) clicked;
- **Ctrl+Shift+L** opens the language chooser from any window, a modal dialog
  included (an ordinary shortcut of the main window is blocked while a modal
  dialog is open); the choice goes to the handler set by ``on_language_chosen``
  (the main window's), and every open window follows it (views/retranslate.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QMenu,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from .. import i18n
from ..i18n import LANGUAGE_NAMES, LANGUAGES, _

LANGUAGE_KEYS = QKeySequence("Ctrl+Shift+L")
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_ACCEPTING = (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole,
              QDialogButtonBox.ButtonRole.ApplyRole)
_language_handler: Callable[[str], None] | None = None


def on_language_chosen(handler: Callable[[str], None] | None) -> None:
    """Where the language chosen with Ctrl+Shift+L goes (the main window's
    ``language_requested``); without a handler, ``i18n.set_language``."""
    global _language_handler
    _language_handler = handler


def tab_leaves(widget: QWidget) -> None:
    """Make Tab move the focus out of ``widget`` when it would otherwise keep it."""
    if isinstance(widget, QAbstractItemView):
        widget.setTabKeyNavigation(False)
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        widget.setTabChangesFocus(True)


def accepting_button(dialog: QDialog) -> QAbstractButton | None:
    """The button that confirms ``dialog``: an enabled, visible OK/Save/Yes/Apply
    of one of its button boxes; None without one (a document dialog's Print is not a confirmation)."""
    for box in dialog.findChildren(QDialogButtonBox):
        if box.window() is not dialog or not box.isVisibleTo(dialog):
            continue
        for button in box.buttons():
            if box.buttonRole(button) in _ACCEPTING and button.isEnabled() and button.isVisibleTo(dialog):
                return button
    return None  # not a default push button: in a document dialog that would be Print


def choose_language(parent: QWidget | None = None) -> QMenu:
    """Pop up the language chooser over ``parent`` (the active window by
    default) and return it; picking an entry switches the interface language."""
    parent = parent or QApplication.activeWindow()
    menu = QMenu(parent)
    menu.setObjectName("languageChooser")
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.setTitle(_("Interface language"))
    for number, code in enumerate(LANGUAGES, start=1):
        action = QAction(f"&{number} {LANGUAGE_NAMES[code]}", menu, checkable=True)
        action.setChecked(code == i18n.current_language())
        action.triggered.connect(lambda _checked=False, lang=code: _choose(lang))
        menu.addAction(action)
        if code == i18n.current_language():
            menu.setActiveAction(action)
    where = parent.mapToGlobal(parent.rect().center()) if parent is not None else QPoint(0, 0)
    menu.popup(where)
    return menu


def _choose(lang: str) -> None:
    (_language_handler or i18n.set_language)(lang)


class KeyboardPolicy(QObject):
    """The application event filter doing the three things of the module docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Polish:
            if isinstance(watched, (QAbstractItemView, QPlainTextEdit, QTextEdit)):
                tab_leaves(watched)
            return False
        if kind != QEvent.Type.KeyPress or not isinstance(watched, QWidget):
            return False
        key: QKeyEvent = event  # type: ignore[assignment]
        mods = key.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key.key() == Qt.Key.Key_L and mods == (Qt.KeyboardModifier.ControlModifier
                                                 | Qt.KeyboardModifier.ShiftModifier):
            choose_language(watched.window())
            return True
        if key.key() in _ENTER and mods == Qt.KeyboardModifier.ControlModifier:
            dialog = watched.window()
            if isinstance(dialog, QDialog):
                button = accepting_button(dialog)
                if button is not None:
                    button.click()
                    return True
        return False


def install(app: QApplication) -> None:
    """Apply the policy to every window of ``app`` from now on (once per application)."""
    if getattr(app, "_duo_keyboard", None) is None:
        app._duo_keyboard = KeyboardPolicy(app)
        app.installEventFilter(app._duo_keyboard)
