"""Issue 10, from an empty database: the welcome screen, the set-up wizard
driven by keyboard only, two coordinators, the coordinator chosen, a
setting changed; bad input shown beside its field with nothing saved; the
demo in its own file, saying Demo."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QWizard

from duo_desktop import config
from duo_desktop.app import build_main_window
from duo_desktop.services.settings import branches, coordinators, programme, rules
from duo_desktop.views.setup.start import start


def focused():
    return QApplication.focusWidget()


def type_in(qtbot, text: str) -> None:
    """Type into whatever has the keyboard focus, then Tab to the next field."""
    if text:
        qtbot.keyClicks(focused(), text)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def key(qtbot, k, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), k, modifier)


def mnemonic(qtbot, letter) -> None:
    """Alt+letter through the window, as a keyboard does (Qt's shortcut map)."""
    qtbot.keyClick(focused().window().windowHandle(), letter, Qt.KeyboardModifier.AltModifier)


def make_window(qtbot, store, clock, tmp_path, lang="en"):
    qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_main_window(store, clock=clock, qsettings=qsettings, language=lang)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, qsettings


def count(store, fn):
    with store.session() as s:
        return fn(s)


def test_from_an_empty_database_to_a_working_branch_by_keyboard(qtbot, store, clock, tmp_path):
    window, qsettings = make_window(qtbot, store, clock, tmp_path)
    start(window)
    welcome = window.welcome_dialog
    assert welcome.isVisible()
    assert welcome.setup_button.isDefault() and not welcome.demo_button.isDefault()
    qtbot.waitUntil(lambda: focused() is welcome.setup_button)
    key(qtbot, Qt.Key.Key_Return)  # the default path: set up
    qtbot.waitUntil(lambda: getattr(window, "setup_wizard", None) is not None and window.setup_wizard.isVisible())
    wizard = window.setup_wizard

    # organisation: Enter with nothing typed is refused beside the field
    qtbot.waitUntil(lambda: focused() is wizard.organisation_page.name)
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.organisation_page
    assert "Organisation" in wizard.organisation_page.form.error_text("organisation")
    qtbot.keyClicks(focused(), "DUO for a JOB Gent")
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.branch_page

    # the first branch, field after field with Tab
    form = wizard.branch_page.form
    qtbot.waitUntil(lambda: focused() is form.code)
    type_in(qtbot, "GNT")
    type_in(qtbot, "DUO Gent")
    type_in(qtbot, "Gent")
    assert focused() is form.country
    type_in(qtbot, "")  # Belgium
    assert focused() is form.office
    key(qtbot, Qt.Key.Key_Down)  # Actiris -> VDAB
    assert form.office.currentData() == "vdab"
    key(qtbot, Qt.Key.Key_Tab)
    type_in(qtbot, "Kortrijksesteenweg 1, 9000 Gent")
    type_in(qtbot, "+32 9 000 00 00")
    type_in(qtbot, "gent@example.org")
    key(qtbot, Qt.Key.Key_Down)  # document language: Nederlands
    assert form.language.currentData() == "nl"
    key(qtbot, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.coordinators_page

    # a coordinator without a name is refused beside the name
    people = wizard.coordinators_page
    qtbot.waitUntil(lambda: focused() is people.form.first_name)
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "nobody@example.org")
    mnemonic(qtbot, Qt.Key.Key_A)  # &Add this coordinator
    qtbot.waitUntil(lambda: "name" in people.form.error_text("last_name"))
    assert people.people == []
    people.form.email.clear()
    people.form.first_name.setFocus()
    type_in(qtbot, "An")
    type_in(qtbot, "Peeters")
    type_in(qtbot, "an@example.org")
    mnemonic(qtbot, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: people.list.count() == 1)
    assert focused() is people.form.first_name
    type_in(qtbot, "Youssef")
    type_in(qtbot, "El Amrani")
    key(qtbot, Qt.Key.Key_Return)  # what is typed is added when going on
    assert people.list.count() == 2
    assert wizard.currentPage() is wizard.who_page
    assert count(store, programme.is_empty)  # nothing saved before the end

    # I am ...: the second one
    wizard.who_page.who.setFocus()
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    rows = count(store, lambda s: branches.list_branches(s))
    assert [(r.code, r.employment_office, r.default_language, r.coordinators) for r in rows] == [
        ("GNT", "vdab", "nl", 2)]
    me = window.context.coordinator_id
    assert count(store, lambda s: coordinators.get_coordinator(s, me).last_name) == "El Amrani"
    assert int(qsettings.value("user/coordinator_id")) == me
    assert "El Amrani" in window.coordinator_combo.currentText()
    assert count(store, lambda s: programme.programme(s).organisation) == "DUO for a JOB Gent"


def test_who_is_working_is_asked_once_then_remembered(qtbot, store, clock, tmp_path):
    from tests import factories

    with store.transaction() as s:
        b = factories.branch(s)
        one = factories.coordinator(s, b, "An", "Peeters").id
        two = factories.coordinator(s, b, "Youssef", "El Amrani").id
    window, qsettings = make_window(qtbot, store, clock, tmp_path)
    start(window)
    dialog = window.who_dialog
    assert dialog.isVisible()
    dialog.combo.setCurrentIndex(dialog.combo.findData(two))
    dialog.accept()
    assert window.context.coordinator_id == two and int(qsettings.value("user/coordinator_id")) == two
    window.close()
    again, _settings = make_window(qtbot, store, clock, tmp_path)
    start(again)
    assert again.context.coordinator_id == two
    assert getattr(again, "who_dialog", None) is None
    assert one != two


def test_the_demo_opens_its_own_file_and_says_demo(qtbot, store, clock, tmp_path, monkeypatch):
    from duo_desktop.services import demo
    from duo_desktop.views import ops

    generated = []

    def small(engine, **kwargs):
        generated.append(str(engine.url))
        kwargs["participants"] = 12
        return real_generate(engine, **kwargs)

    real_generate = demo.generate
    monkeypatch.setattr(demo, "generate", small)
    window, _qsettings = make_window(qtbot, store, clock, tmp_path, lang="nl")
    start(window)
    qtbot.mouseClick(window.welcome_dialog.demo_button, Qt.MouseButton.LeftButton)
    ops.wait_for_tasks()
    qtbot.waitUntil(lambda: count(window.context.store, lambda s: programme.programme(s).is_demo))
    assert generated and str(config.demo_database_path()) in generated[0]
    assert window.context.store is not store
    assert count(store, programme.is_empty)  # the real database got nothing
    assert "Demo" in window.windowTitle() and window.demo_label.text() == "Demo"
    window.language_actions["fr"].trigger()
    assert "Démo" in window.windowTitle() and window.demo_label.text() == "Démo"
    window.context.store.dispose()


def test_wizard_refuses_a_branch_without_code_beside_its_field(qtbot, app_context):
    from duo_desktop.views.setup.wizard import SetupWizard

    wizard = SetupWizard(None, app_context)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.organisation_page.name.setText("Org")
    wizard.next()
    wizard.branch_page.form.name.setText("DUO Gent")
    wizard.next()
    assert wizard.currentPage() is wizard.branch_page
    assert "Code" in wizard.branch_page.form.error_text("code")
    assert "City" in wizard.branch_page.form.error_text("city") or "Ville" in wizard.branch_page.form.error_text(
        "city")
    assert wizard.button(QWizard.WizardButton.NextButton).text()


def test_screens_open_on_the_working_coordinators_branch_and_all_is_one_entry_away(qtbot, store, clock, tmp_path):
    from tests import factories

    with store.transaction() as s:
        factories.branch(s, code="BXL", city="Bruxelles")
        gnt = factories.branch(s, code="GNT", city="Gent")
        me = factories.coordinator(s, gnt, "An", "Peeters").id
        gnt_id = gnt.id
    qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    qsettings.setValue("user/coordinator_id", me)
    window = build_main_window(store, clock=clock, qsettings=qsettings, language="en")
    qtbot.addWidget(window)
    from duo_desktop.views.setup.working import branch_filter

    for key in ("participants", "matching", "duos", "events"):
        screen = window.show_screen(key)
        combo = branch_filter(screen)
        assert combo is not None and combo.currentData() == gnt_id, key
        if key != "matching":  # the board shows one branch at a time
            assert combo.itemData(0) is None  # "All": every branch again
    events = window.show_screen("events")
    branch_filter(events).setCurrentIndex(0)
    window.show_screen("duos")
    assert branch_filter(window.show_screen("events")).currentData() is None  # the user's choice stays


def test_a_demo_database_says_demo_at_start_and_the_demo_keeps_preferences_alone(qtbot, store, clock, tmp_path):
    from duo_desktop.services import demo

    demo.generate(store.engine, participants=12, seed=1, today=clock.today())
    window, qsettings = make_window(qtbot, store, clock, tmp_path)
    start(window)
    assert "Demo" in window.windowTitle() and window.demo_label.text() == "Demo"
    assert getattr(window, "welcome_dialog", None) is None


def test_choosing_someone_in_the_demo_does_not_change_who_is_remembered(qtbot, store, clock, tmp_path, monkeypatch):
    from duo_desktop.services import demo
    from duo_desktop.views import ops
    from duo_desktop.views.setup.start import open_demo
    from tests import factories

    real_generate = demo.generate
    monkeypatch.setattr(demo, "generate", lambda engine, **kw: real_generate(engine, **{**kw, "participants": 12}))
    with store.transaction() as s:
        me = factories.coordinator(s, factories.branch(s), "An", "Peeters").id
    window, qsettings = make_window(qtbot, store, clock, tmp_path)
    window.coordinator_combo.setCurrentIndex(window.coordinator_combo.findData(me))
    assert int(qsettings.value("user/coordinator_id")) == me
    open_demo(window)
    ops.wait_for_tasks()
    qtbot.waitUntil(lambda: window.coordinator_combo.count() > 2)
    window.coordinator_combo.setCurrentIndex(2)
    assert int(qsettings.value("user/coordinator_id")) == me
    window.context.store.dispose()


def test_cancelling_the_wizard_goes_back_to_the_welcome_screen_and_saves_nothing(qtbot, store, clock, tmp_path):
    window, _qsettings = make_window(qtbot, store, clock, tmp_path)
    start(window)
    first = window.welcome_dialog
    first.setup_button.click()
    window.setup_wizard.organisation_page.name.setText("Org")
    window.setup_wizard.next()
    window.setup_wizard.reject()
    assert window.welcome_dialog is not first and window.welcome_dialog.isVisible()
    assert count(store, programme.is_empty)
