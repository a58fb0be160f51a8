"""The keyboard everywhere (issue 17): Tab leaves every table and text box,
Ctrl+Enter confirms a dialog, Ctrl+Shift+L chooses the language from any
window (a modal dialog included) and open dialogs follow the new language."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QDialog, QMenu, QPlainTextEdit, QTextEdit, QWidget

from duo_desktop import i18n
from duo_desktop.views import keyboard
from duo_desktop.views.ops import wait_for_tasks
from duo_desktop.views.window_catalogue import window_catalogue


@pytest.fixture
def demo_context(app_context):
    from duo_desktop.services import demo

    demo.generate(app_context.store.engine, participants=40, seed=3, today=app_context.clock.today())
    return app_context


def traps(window: QWidget) -> list[str]:
    """Tables and text boxes of ``window`` where Tab would not leave."""
    found = []
    for widget in window.findChildren(QAbstractItemView):
        if widget.isVisibleTo(window) and widget.tabKeyNavigation():
            found.append(f"table {widget.objectName() or type(widget).__name__}")
    for widget in window.findChildren(QPlainTextEdit) + window.findChildren(QTextEdit):
        if widget.isVisibleTo(window) and not widget.tabChangesFocus():
            found.append(f"text box {widget.objectName() or type(widget).__name__}")
    return found


def test_tab_leaves_the_participants_table_and_a_reason_box(demo_context, qtbot):
    from duo_desktop.views.main_window import MainWindow
    from duo_desktop.views.matching.dialogs import DecisionDialog

    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    table = window.current_screen().table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table and table.currentIndex().column() == 0
    dialog = DecisionDialog("mentee", "Prénom Nom", demo_context.clock.today())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    box = dialog.findChild(QPlainTextEdit)
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert "\t" not in box.toPlainText() and QApplication.focusWidget() is not box


def test_no_window_has_a_tab_trap(demo_context, qtbot):
    from duo_desktop.views.main_window import MainWindow

    found = {}
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.show()
    for row, screen in enumerate(window.screens):
        window.show_screen(row)
        wait_for_tasks()
        QApplication.processEvents()
        found[screen.key] = traps(window)
    for key, build in window_catalogue(demo_context):
        dialog = build()
        if dialog is not None:
            qtbot.addWidget(dialog)
            dialog.show()
            QApplication.processEvents()
            found[key] = traps(dialog)
            dialog.close()
    assert not {key: t for key, t in found.items() if t}


def test_ctrl_enter_confirms_a_dialog_with_an_ok_button(qtbot):
    from duo_desktop.views.setup.start import WhoDialog

    dialog = WhoDialog(None, [(1, "Prénom Nom"), (2, "Autre Nom")])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    with qtbot.waitSignal(dialog.accepted, timeout=1000):
        qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_every_dialog_that_can_be_confirmed_is_confirmed_by_ctrl_enter(demo_context, qtbot, monkeypatch):
    """Ctrl+Enter either reaches the dialog's own confirm shortcut or clicks its OK/Save/Yes button."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: asked.append(self.text()) or QMessageBox.StandardButton.No)
    for name in ("question", "warning", "information", "critical"):
        monkeypatch.setattr(QMessageBox, name, lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: asked.append(a) or ("", ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: asked.append(a) or ("", ""))
    missed = []
    for key, build in window_catalogue(demo_context):
        dialog = build()
        if not isinstance(dialog, QDialog):
            continue
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        QApplication.processEvents()
        button = keyboard.accepting_button(dialog)
        if button is None:
            dialog.close()
            continue
        happened = []
        asked.clear()
        button.clicked.connect(lambda *_: happened.append("clicked"))
        dialog.finished.connect(lambda *_: happened.append("finished"))
        error_lines = [w for w in dialog.findChildren(QWidget) if "color" in w.styleSheet()]
        before = [w.isVisibleTo(dialog) for w in error_lines]
        target = dialog.focusWidget() or dialog
        qtbot.keyClick(target, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        QApplication.processEvents()
        if not happened and not asked and [w.isVisibleTo(dialog) for w in error_lines] == before:
            missed.append(key)
        dialog.close()
    assert not missed


def test_ctrl_shift_l_chooses_the_language_while_a_modal_dialog_is_open(demo_context, qtbot):
    from duo_desktop.views.documents.document_dialog import DocumentDialog
    from duo_desktop.views.main_window import MainWindow

    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.language_requested.connect(i18n.set_language)
    window.show()
    dialog = DocumentDialog(window, demo_context, "Feuille", lambda _s, _lang: b"", "x.pdf")
    qtbot.addWidget(dialog)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    dialog.activateWindow()
    assert dialog.print_button.text() == "&Imprimer…"
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu) and menu.objectName() == "languageChooser"
    dutch = next(a for a in menu.actions() if "Nederlands" in a.text())
    dutch.trigger()
    assert i18n.current_language() == "nl"
    assert window.language_menu.title() == "Taa&l"
    assert dialog.print_button.text() == "&Afdrukken…"  # the open dialog follows
    menu.close()
