"""Help > Guide (F1): a short guide in the user's language, bundled with
the application, following a language switch (issue 17)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from duo_desktop.app import build_main_window
from duo_desktop.i18n import LANGUAGES
from duo_desktop.views.help_dialog import HelpDialog, guide_path


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_its_own_guide(lang):
    assert guide_path(lang).name == f"{lang}.html"


def test_f1_opens_the_guide_in_the_users_language_and_it_follows_a_switch(qtbot, store, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_main_window(store, qsettings=settings, language="fr")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.guide_action.shortcut().toString() == "F1"
    assert window.guide_action in window.help_menu.actions()
    window.guide_action.trigger()  # F1, asserted above
    [dialog] = window.findChildren(HelpDialog)
    assert dialog.windowTitle() == "Guide de DUO Desktop"
    assert "petit guide" in dialog.browser.toPlainText()
    window.language_actions["nl"].trigger()
    assert "korte handleiding" in dialog.browser.toPlainText()
    assert dialog.windowTitle() == "Handleiding van DUO Desktop"
    dialog.close()
