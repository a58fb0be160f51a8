"""An error already on screen follows a language switch (it stayed in the
old language, and read as a second, different message): beside a field of
the settings, on a form dialog's error line, and on the event dialog. An
error line that was cleared stays empty after the switch."""

from __future__ import annotations

import pytest

from duo_desktop import i18n
from duo_desktop.views.settings import SettingsDialog
from tests import factories


@pytest.fixture
def context(app_context):
    with app_context.store.transaction() as s:
        gnt = factories.branch(s, code="GNT", city="Gent")
        app_context.coordinator_id = factories.coordinator(s, gnt, "An", "Peeters").id
    return app_context


def _refused_branch(qtbot, context):  # noqa: ANN001, ANN202
    dialog = SettingsDialog(None, context)
    qtbot.addWidget(dialog)
    dialog.show()
    page = dialog.show_page("branches")
    page.new_branch()
    page.form.code.setText("gnt")  # taken
    page.form.name.setText("Autre")
    page.form.city.setText("Gent")
    assert not page.save()
    return dialog, page


def test_a_field_error_and_the_status_line_follow_a_switch(qtbot, context):
    i18n.set_language("nl")
    _dialog, page = _refused_branch(qtbot, context)
    dutch = page.form.error_text("code"), page.status.text()
    i18n.set_language("fr")
    _dialog, page = _refused_branch(qtbot, context)
    french = page.form.error_text("code"), page.status.text()
    assert french != dutch and all(french) and all(dutch)
    i18n.set_language("nl")
    assert (page.form.error_text("code"), page.status.text()) == dutch
    assert page.form.error_text("name") == ""  # no error appears where there was none

    page.form.code.setText("ANT")
    assert page.save()
    status = page.status.text()
    i18n.set_language("fr")
    assert page.form.error_text("code") == ""  # a cleared error stays cleared
    assert page.status.text() in ("", "Enregistré.") and (page.status.text() == "") == (status == "")


def test_a_form_dialogs_refusal_follows_a_switch(qtbot, context):
    from duo_desktop.services.errors import RuleError
    from duo_desktop.views.form_dialog import FormDialog, date_edit
    from duo_desktop.i18n import N_

    class Dialog(FormDialog):
        def __init__(self) -> None:
            super().__init__(N_("Edit"), self.refuse)
            self.day = self.add_row(N_("Date"), date_edit(context.clock.today()))

        def value(self) -> object:
            return None

        @staticmethod
        def refuse(_value: object) -> None:
            raise RuleError(N_("The two passphrases differ."), "test.refused")

    i18n.set_language("fr")
    dialog = Dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.try_accept()
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Non enregistré. Les deux phrases secrètes sont différentes."
    i18n.set_language("nl")
    assert dialog.error.text() == "Niet opgeslagen: De twee wachtzinnen verschillen."
