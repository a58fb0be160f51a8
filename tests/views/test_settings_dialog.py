"""The settings dialog (issue 10): each page saves and reads back what it
saved; bad input is shown beside its field and nothing is saved; the menu
opens it with Ctrl+,."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from duo_desktop import i18n
from duo_desktop.models.audit import AuditEntry as Audit
from duo_desktop.services.settings import branches, coordinators, followup, rules, templates, weights
from duo_desktop.views.context import Changes
from duo_desktop.views.settings import SettingsDialog
from tests import factories


@pytest.fixture
def setup(app_context):
    with app_context.store.transaction() as s:
        gnt = factories.branch(s, code="GNT", city="Gent")
        bxl = factories.branch(s, code="BXL", city="Bruxelles")
        who = factories.coordinator(s, gnt, "An", "Peeters").id
        ids = (gnt.id, bxl.id, who)
    app_context.coordinator_id = ids[2]
    return app_context, ids


def read(context, fn):
    with context.store.session() as s:
        return fn(s)


def audits(context) -> int:
    from sqlalchemy import func, select

    return read(context, lambda s: s.scalar(select(func.count()).select_from(Audit)))


_OPEN: list = []  # the dialogs of the running test: the language listener holds only a weak reference


@pytest.fixture(autouse=True)
def _keep_open_dialogs():
    yield
    _OPEN.clear()


def dialog_for(qtbot, context) -> SettingsDialog:
    dialog = SettingsDialog(None, context)
    qtbot.addWidget(dialog)
    _OPEN.append(dialog)
    dialog.show()
    return dialog


def announced(context) -> list:
    seen = []
    context.hub.changed.connect(lambda changes, _by: seen.append(changes))
    return seen


def test_branch_page_creates_edits_and_closes_a_branch(qtbot, setup):
    context, (gnt, _bxl, _who) = setup
    seen = announced(context)
    page = dialog_for(qtbot, context).show_page("branches")
    assert page.list.count() == 2
    page.new_branch()
    form = page.form
    form.code.setText("ANT")
    form.name.setText("DUO Antwerpen")
    form.city.setText("Antwerpen")
    form.office.setCurrentIndex(form.office.findData("vdab"))
    assert page.save()
    assert seen == [Changes.SETTINGS]
    new = read(context, lambda s: branches.find_by_code(s, "ANT").id)
    assert page.editing == new and page.list.count() == 3
    form.active.setChecked(False)
    form.phone.setText("+32 3 000 00 00")
    assert page.save()
    values = read(context, lambda s: branches.branch_values(s, new))
    assert values["active"] is False and values["phone"] == "+32 3 000 00 00"
    assert "(fermée)" in page.list.currentItem().text()


def test_duplicate_branch_code_is_shown_beside_the_code_and_nothing_saved(qtbot, setup):
    context, (gnt, _bxl, _who) = setup
    page = dialog_for(qtbot, context).show_page("branches")
    before = audits(context)
    page.new_branch()
    page.form.code.setText("gnt")
    page.form.name.setText("Autre")
    page.form.city.setText("Gent")
    assert not page.save()
    assert "GNT" in page.form.error_text("code") or "gnt" in page.form.error_text("code")
    assert "code" in page.form.error_text("code").lower()
    assert page.form.error_text("name") == ""
    assert len(read(context, branches.list_branches)) == 2 and audits(context) == before


def test_the_office_list_follows_the_country(qtbot, setup):
    context, _ids = setup
    form = dialog_for(qtbot, context).show_page("branches").form
    form.country.setCurrentIndex(form.country.findData("NL"))
    assert [form.office.itemData(i) for i in range(form.office.count())] == ["uwv", "other"]
    form.country.setCurrentIndex(form.country.findData("BE"))
    assert [form.office.itemData(i) for i in range(form.office.count())] == [
        "actiris", "vdab", "forem", "adg", "other"]


def test_rules_page_saves_and_refuses_an_age_range_upside_down(qtbot, setup):
    context, (gnt, bxl, _who) = setup
    page = dialog_for(qtbot, context).show_page("rules")
    assert page.branch_id() == gnt  # the working coordinator's branch first
    page.edits["mentee_max_age"].setValue(33)
    page.edits["require_work_permit"].setChecked(False)
    assert page.save()
    assert read(context, lambda s: rules.rule_values(s, gnt))["mentee_max_age"] == 33
    page.branch.setCurrentIndex(page.branch.findData(bxl))
    assert page.edits["mentee_max_age"].value() == 30
    page.branch.setCurrentIndex(page.branch.findData(gnt))
    assert page.edits["mentee_max_age"].value() == 33 and not page.edits["require_work_permit"].isChecked()
    before = audits(context)
    page.edits["mentee_min_age"].setValue(35)
    assert not page.save()
    assert "35" in page.form.error_text("mentee_min_age")
    assert read(context, lambda s: rules.rule_values(s, gnt))["mentee_min_age"] == 18 and audits(context) == before


def test_coordinators_page_adds_edits_deactivates_and_refuses_no_name(qtbot, setup):
    context, (gnt, bxl, who) = setup
    page = dialog_for(qtbot, context).show_page("coordinators")
    assert page.list.count() == 1
    page.new_coordinator()
    page.form.email.setText("x@example.org")
    before = audits(context)
    assert not page.save()
    assert "nom" in page.form.error_text("last_name")
    assert audits(context) == before and page.list.count() == 1
    page.form.first_name.setText("Youssef")
    page.form.last_name.setText("El Amrani")
    page.branch.setCurrentIndex(page.branch.findData(bxl))
    assert page.save()
    new = page.editing
    assert read(context, lambda s: coordinators.get_coordinator(s, new).branch_id) == bxl
    page.active.setChecked(False)
    assert page.save()
    assert read(context, lambda s: coordinators.get_coordinator(s, new).active) is False
    assert "(inactif)" in page.list.currentItem().text() or "inacti" in page.list.currentItem().text()
    assert not hasattr(page, "delete_button")  # never deleted


def test_weights_page_saves_and_reloads(qtbot, setup):
    context, (gnt, _bxl, _who) = setup
    page = dialog_for(qtbot, context).show_page("weights")
    page.edits["sector"].setValue(7.5)
    assert page.save()
    assert read(context, lambda s: weights.weight_values(s, gnt))["sector"] == 7.5
    page.load()
    assert page.edits["sector"].value() == 7.5
    page._defaults()
    assert page.edits["sector"].value() == 3.0


def test_followup_page_saves_the_esf_schedule_and_refuses_words(qtbot, setup):
    context, (gnt, _bxl, _who) = setup
    page = dialog_for(qtbot, context).show_page("followup")
    assert page.months.text() == "0, 3, 12"
    page.esf_button.click()
    assert page.save()
    assert read(context, lambda s: followup.followup_months(s, gnt)) == [0, 1, 3, 6, 12]
    page.months.setText("0, six")
    assert not page.save()
    assert page.form.error_text("followup_months")
    assert read(context, lambda s: followup.followup_months(s, gnt)) == [0, 1, 3, 6, 12]


def test_templates_page_saves_per_language_and_previews(qtbot, setup):
    context, (gnt, _bxl, _who) = setup
    page = dialog_for(qtbot, context).show_page("templates")
    assert page.preview.pages  # the agreement is shown at once
    page.language.setCurrentIndex(page.language.findData("nl"))
    page.letterhead.setPlainText("<b>DUO for a JOB Gent</b>")
    page.clauses.setPlainText("De mentor respecteert de privacy van de mentee.")
    qtbot.waitUntil(lambda: not page.timer.isActive())
    assert page.preview.pages and page.preview_error.isHidden()
    assert page.save()
    assert read(context, lambda s: templates.document_template(s, gnt, "nl"))["letterhead"] == "<b>DUO for a JOB Gent</b>"
    assert read(context, lambda s: templates.document_template(s, gnt, "fr"))["letterhead"] == ""
    page.language.setCurrentIndex(page.language.findData("fr"))
    assert page.letterhead.toPlainText() == ""
    page.language.setCurrentIndex(page.language.findData("nl"))
    assert page.clauses.toPlainText().startswith("De mentor")
    page.clauses.setPlainText("<script>x</script>")
    page.update_preview()
    assert not page.preview_error.isHidden()
    assert not page.save() and page.form.error_text("extra_clauses")


def test_ctrl_comma_opens_the_settings(qtbot, app_context):
    from duo_desktop.views.main_window import MainWindow

    window = MainWindow(app_context)
    qtbot.addWidget(window)
    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    window.settings_action.trigger()
    assert window.settings_dialog.isVisible()
    assert window.settings_dialog.nav.count() == 7


_MNEMONIC = re.compile(r"&(\w)")


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_no_two_visible_fields_share_a_mnemonic(qtbot, setup, lang):
    """Alt+letter reaches one field: two on one page would only move the focus between them."""
    context, _ids = setup
    i18n.set_language(lang)
    dialog = dialog_for(qtbot, context)
    for key in dialog.pages:
        dialog.show_page(key)
        letters = [m.group(1).lower() for w in dialog.findChildren(QWidget)
                   if isinstance(w, (QLabel, QAbstractButton)) and w.isVisible()
                   for m in [_MNEMONIC.search(w.text().replace("&&", ""))] if m]
        assert len(letters) == len(set(letters)), (key, "".join(sorted(letters)))


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_no_two_wizard_fields_share_a_mnemonic(qtbot, app_context, lang):
    from duo_desktop.views.setup.wizard import SetupWizard

    i18n.set_language(lang)
    wizard = SetupWizard(None, app_context)
    qtbot.addWidget(wizard)
    wizard.show()
    for page in wizard.pages:
        last = wizard.WizardButton.FinishButton if page is wizard.pages[-1] else wizard.WizardButton.NextButton
        buttons = [wizard.buttonText(b) for b in (wizard.WizardButton.BackButton, last)]
        texts = [w.text() for w in page.findChildren(QWidget) if isinstance(w, (QLabel, QAbstractButton))]
        letters = [m.group(1).lower() for t in texts + buttons for m in [_MNEMONIC.search(t.replace("&&", ""))] if m]
        assert len(letters) == len(set(letters)), (type(page).__name__, "".join(sorted(letters)))
