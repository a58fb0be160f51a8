"""A closed window is not retranslated at every language switch (the cost
grew with every window ever closed), but it is when it is shown again."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

from duo_desktop import i18n
from duo_desktop.i18n import N_
from duo_desktop.views.retranslate import follow_language, tr


def _dialog_saying_save(qtbot) -> tuple[QDialog, QLabel]:  # noqa: ANN001
    dialog = QDialog()
    qtbot.addWidget(dialog)
    label = tr(QLabel(), N_("Save"))
    QVBoxLayout(dialog).addWidget(label)
    follow_language(dialog)
    return dialog, label


def test_a_closed_dialog_follows_the_switch_when_shown_again(qtbot):
    dialog, label = _dialog_saying_save(qtbot)
    french = label.text()
    dialog.show()
    dialog.close()
    i18n.set_language("nl")
    assert label.text() == french  # out of sight: left alone
    dialog.show()
    assert label.text() == i18n._("Save") != french  # shown again: in Dutch


def test_an_open_dialog_follows_at_once(qtbot):
    dialog, label = _dialog_saying_save(qtbot)
    dialog.show()
    i18n.set_language("nl")
    assert label.text() == i18n._("Save") == "Opslaan"
