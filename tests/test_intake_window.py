"""The intake window, driven with the keyboard alone: a complete intake,
closed halfway (Esc keeps the draft), reopened and finished with Ctrl+S."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox
from sqlalchemy import select

from duo_desktop.models import IntakeDraft, Participant, ParticipantStatus
from duo_desktop.services import intake as intake_service
from duo_desktop.views.intake import DraftsDialog, open_intake
from tests import factories
from tests.test_intake_service import unit


class Keyboard:
    def __init__(self, qtbot, window):
        self.qtbot = qtbot
        self.window = window

    def focused(self):
        return QApplication.focusWidget()

    def type(self, text):
        """Key presses; QTest only knows ASCII keys, so the letters of other
        scripts are sent as key events carrying their text, as a keyboard
        layout for that script does."""
        if isinstance(self.focused(), (QComboBox, QAbstractItemView)):
            # a list searches what is typed within the keyboard interval: a person pauses between fields
            self.qtbot.wait(QApplication.keyboardInputInterval() + 50)
        for char in text:
            widget = self.focused()
            if char.isascii():
                self.qtbot.keyClicks(widget, char)
            else:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))

    def key(self, key, modifier=Qt.KeyboardModifier.NoModifier):
        self.qtbot.keyClick(self.focused(), key, modifier)

    def tab(self):
        self.key(Qt.Key.Key_Tab)

    def tab_to(self, name):
        for _ in range(80):
            if self.focused() is not None and self.focused().objectName() == name:
                return
            self.tab()
        raise AssertionError(f"Tab never reached {name}")

    def fill(self, name, text):
        self.tab_to(name)
        self.type(text)


def show(qtbot, window):
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return Keyboard(qtbot, window)


def test_complete_intake_with_the_keyboard_closed_halfway_and_resumed(app_context, qtbot):
    store = app_context.store
    with store.transaction() as s:
        factories.branch(s)
    window = open_intake(None, app_context)
    kb = show(qtbot, window)
    assert kb.focused().objectName() == "first_name"
    kb.type("محمد")
    kb.tab()
    kb.type("العلي")
    kb.tab()
    kb.type("23/04/2001")
    kb.tab()
    kb.type("Homme")  # the gender list, by typing
    kb.fill("email", "m.alali@example.org")
    kb.fill("phone", "0470 12 34 56")
    kb.fill("street", "Rue Haute 12, boîte 3")

    kb.key(Qt.Key.Key_Escape)  # halfway: the window closes, the draft is kept
    qtbot.waitUntil(lambda: not window.isVisible())
    drafts = unit(store, intake_service.list_drafts)
    assert [d.name for d in drafts] == ["محمد العلي"]
    assert drafts[0].data["street"] == "Rue Haute 12, boîte 3"

    chooser = DraftsDialog(app_context)  # the "drafts in progress" chooser lists it
    qtbot.addWidget(chooser)
    assert chooser.list.count() == 1 and "محمد العلي" in chooser.list.item(0).text()

    window = open_intake(None, app_context, draft_id=drafts[0].id)
    kb = show(qtbot, window)
    assert window.form.inputs["phone"].text() == "0470 12 34 56"
    kb.fill("postal_code", "1000")
    kb.tab()
    kb.type("Bruxelles")
    kb.tab_to("language_choice")
    kb.type("Arabe")
    kb.tab()
    kb.type("Langue")
    kb.tab()
    kb.key(Qt.Key.Key_Space)  # Add
    assert window.form.languages.entries() == [["ar", "native"]]
    assert kb.focused().objectName() == "add_language"
    kb.key(Qt.Key.Key_Backtab)
    kb.key(Qt.Key.Key_Backtab)
    assert kb.focused().objectName() == "language_choice"
    kb.type("Fran")
    assert window.form.languages.language.currentData() == "fr"
    kb.tab()
    kb.type("Inter")
    assert window.form.languages.level.currentData() == "intermediate"
    kb.tab()
    kb.key(Qt.Key.Key_Space)
    assert window.form.languages.entries() == [["ar", "native"], ["fr", "intermediate"]]
    kb.tab_to("sectors")
    kb.type("Logis")
    kb.key(Qt.Key.Key_Space)
    kb.tab()  # availability: Monday morning, then Wednesday evening
    kb.key(Qt.Key.Key_Space)
    kb.key(Qt.Key.Key_Right)
    kb.key(Qt.Key.Key_Right)
    kb.key(Qt.Key.Key_Down)
    kb.key(Qt.Key.Key_Down)
    kb.key(Qt.Key.Key_Space)
    kb.tab()
    kb.type("3")
    kb.fill("education_level", "CESS")
    kb.fill("experience", "Magasinier intérimaire, 2 ans")
    kb.fill("professional_project", "Cariste")
    kb.fill("country_of_birth", "SY")
    kb.fill("non_eu_background", "Oui")
    kb.fill("permit_allows_work", "Oui")
    kb.fill("permit_end_date", "31/12/2030")
    kb.fill("employment_office_registered", "Oui")
    kb.fill("referral_source", "Site")
    kb.fill("interests", "Football, cuisine")
    kb.tab_to("consent")
    kb.key(Qt.Key.Key_Space)
    kb.tab_to("consent_scope")
    kb.key(Qt.Key.Key_Down)
    kb.key(Qt.Key.Key_Space)  # sharing with the mentor, besides the programme
    kb.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())

    with store.session() as s:
        p = s.scalars(select(Participant)).one()
        assert (p.first_name, p.last_name, p.birth_date) == ("محمد", "العلي", dt.date(2001, 4, 23))
        assert p.gender.value == "male" and p.email == "m.alali@example.org" and p.phone == "+32 470 12 34 56"  # stored in international form (phonenumbers)
        assert (p.street, p.postal_code, p.municipality) == ("Rue Haute 12, boîte 3", "1000", "Bruxelles")
        assert sorted((lang.language, lang.level.value) for lang in p.languages) == [
            ("ar", "native"), ("fr", "intermediate")]
        assert [sec.sector for sec in p.sectors] == ["logistics"]
        assert sorted((a.weekday, a.part.value) for a in p.availability) == [(0, "morning"), (2, "evening")]
        assert p.weekly_hours_available == 3
        assert (p.education_level, p.experience) == ("CESS", "Magasinier intérimaire, 2 ans")
        assert (p.professional_project, p.country_of_birth, p.interests) == ("Cariste", "SY", "Football, cuisine")
        assert (p.non_eu_background, p.permit_allows_work, p.employment_office_registered) == (True, True, True)
        assert p.permit_end_date == dt.date(2030, 12, 31) and p.employment_office == "actiris"
        assert p.referral_source == "website"
        assert p.consent_given and p.consent_date == dt.date(2026, 3, 16) and p.consent_version == "2025-01"
        assert p.consent_scope == ["programme", "share_with_mentor"]
        assert p.status is ParticipantStatus.INTAKE_DONE
        assert s.scalars(select(IntakeDraft)).all() == []


def test_errors_and_eligibility_warnings_show_at_the_field_and_block_saving(app_context, qtbot):
    store = app_context.store
    with store.transaction() as s:
        b = factories.branch(s)
        factories.participant(s, b, first="ሰላም", last="ተስፋይ", email="s.tesfay@example.org")
    window = open_intake(None, app_context)
    kb = show(qtbot, window)
    kb.type("Фатима")
    kb.tab()
    kb.type("Иванова")
    kb.tab()
    kb.type("31/02/2001")
    kb.fill("email", "s.tesfay@example.org")
    kb.fill("postal_code", "1001")
    kb.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    form = window.form
    assert form.errors["birth_date"].isVisible()
    assert form.errors["birth_date"].text() == "Date de naissance\u202f: cette date n’existe pas (31/02/2001)."
    assert "1001" in form.errors["postal_code"].text() and form.errors["consent"].isVisible()
    assert window.status.text().startswith("Rien n’a été enregistré")
    assert window.rule_rows["non_eu_background"][0].isVisible()
    assert window.rule_rows["non_eu_background"][1].text().startswith("⚠ Origine migratoire hors UE")
    assert not window.rule_rows["mentor_age"][0].isVisible()
    assert window.duplicates_box.isVisible() and "ሰላም ተስፋይ" in window.duplicates_label.text()
    assert QApplication.focusWidget() is form.inputs["birth_date"]

    kb.key(Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    kb.type("28/02/2001")
    kb.fill("postal_code", "")
    form.inputs["postal_code"].selectAll()
    kb.type("1000")
    kb.tab_to("consent")
    kb.key(Qt.Key.Key_Space)
    kb.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # the eligibility rules still need reasons
    assert window.isVisible()
    assert QApplication.focusWidget().objectName().startswith("override_")
    for rule in ("non_eu_background", "work_permit", "employment_office"):
        kb.tab_to(f"override_{rule}")
        kb.type("Accord du comité du 10/03")
    kb.key(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    with store.session() as s:
        p = s.scalars(select(Participant).where(Participant.first_name == "Фатима")).one()
        assert p.eligibility_overrides == {rule: "Accord du comité du 10/03"
                                           for rule in ("non_eu_background", "work_permit", "employment_office")}


def test_the_draft_is_saved_while_typing(app_context, qtbot):
    with app_context.store.transaction() as s:
        factories.branch(s)
    window = open_intake(None, app_context)
    kb = show(qtbot, window)
    kb.type("Joëlle")
    qtbot.waitUntil(lambda: unit(app_context.store, intake_service.list_drafts) != [], timeout=3000)
    assert unit(app_context.store, intake_service.list_drafts)[0].data["first_name"] == "Joëlle"
    assert window.isVisible()


def test_language_switch_and_mentor_sections(app_context, qtbot, monkeypatch):
    from duo_desktop import i18n
    from duo_desktop.models import Role

    with app_context.store.transaction() as s:
        factories.branch(s)
    window = open_intake(None, app_context)
    kb = show(qtbot, window)
    form = window.form
    assert form.groups["migration"].isVisible() and not form.groups["career"].isVisible()
    kb.key(Qt.Key.Key_Backtab)  # the role, just before the first name
    kb.type("Mentor")
    assert form.role.currentData() == Role.MENTOR.value
    assert form.groups["career"].isVisible() and not form.groups["migration"].isVisible()
    assert window.windowTitle() == "Entretien d’accueil"
    i18n.set_language("nl")
    assert window.windowTitle() == "Intakegesprek"
    assert form.groups["career"].title() == "Loopbaan en wat de persoon wil doorgeven"
    assert form.role.currentText() == "Mentor" and form.gender.currentText() == "Niet opgegeven"
    texts = [w.text() for w, _msgid in form._labels]
    letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert len(letters) == len(set(letters)) and "a" not in letters  # Alt+A is the branch ("&Afdeling")


def test_drafts_chooser_discards_after_confirmation(app_context, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    store, clock = app_context.store, app_context.clock
    with store.transaction() as s:
        b = factories.branch(s).id
    unit(store, intake_service.save_draft, clock, {"first_name": "Joëlle"}, branch_id=b)
    dialog = DraftsDialog(app_context)
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    dialog.discard()
    assert dialog.list.count() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.discard()
    assert dialog.list.count() == 0 and unit(store, intake_service.list_drafts) == []


def test_a_rule_changed_meanwhile_refuses_the_intake_and_keeps_everything(app_context, qtbot):
    from duo_desktop.models import Branch
    from tests.test_intake_service import form

    store, clock = app_context.store, app_context.clock
    with store.transaction() as s:
        b = factories.branch(s).id
    draft_id = unit(store, intake_service.save_draft, clock, form(), branch_id=b)
    window = open_intake(None, app_context, draft_id=draft_id)
    show(qtbot, window)
    with store.transaction() as s:  # another coordinator lowers the branch's age limit
        s.get(Branch, b).mentee_max_age = 20
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.isVisible()
    # the service's reason, in the interface language
    assert window.status.text() == ("Rien n’a été enregistré. Âge de la personne mentorée\u202f: indiquez un motif pour accepter "
                                    "quand même la personne.")
    with store.session() as s:
        assert s.scalars(select(Participant)).all() == []
        assert s.get(IntakeDraft, draft_id).data["first_name"] == "محمد"


def test_the_esf_questions_are_asked_of_mentees_with_prefers_not_to_say(app_context, qtbot):
    from duo_desktop import i18n
    from duo_desktop.models import Role

    with app_context.store.transaction() as s:
        factories.branch(s)
    window = open_intake(None, app_context)
    show(qtbot, window)
    form = window.form
    assert form.groups["esf"].isVisible()
    combo = form.esf["disability"]
    assert combo.itemText(combo.count() - 1) == "Préfère ne pas répondre"
    combo.setCurrentIndex(combo.count() - 1)
    form.esf["isced"].set_value("5-8")
    assert form.esf["isced"].currentText() == "Enseignement supérieur (CITE 5-8)"
    assert window.data()["esf_entry"] == {"disability": "refused", "isced": "5-8"}
    i18n.set_language("nl")
    assert form.groups["esf"].title() == "Vragen van het Europees Sociaal Fonds+ (ESF+)"
    assert combo.currentText() == "Zegt het liever niet"
    form.role.setCurrentIndex(form.role.findData(Role.MENTOR.value))
    assert not form.groups["esf"].isVisible()  # ESF+ participants are the mentees


def test_the_document_language_follows_the_branch_until_someone_chooses_one(app_context, qtbot):
    """QA, 30 November 2026: a new intake in a Dutch-speaking branch proposed
    French documents. It proposes the branch's language, follows a change of
    branch, and keeps a language the coordinator chose."""
    with app_context.store.transaction() as s:
        factories.branch(s, code="ANT", city="Antwerpen", office="vdab", default_language="nl")
        factories.branch(s, code="LIE", city="Liège", office="forem", default_language="fr")
    window = open_intake(None, app_context)
    show(qtbot, window)
    language = window.form.preferred_language
    branch = window.branch
    assert window.branch_info().code == "ANT" and language.currentData() == "nl"
    branch.setCurrentIndex(branch.findData(next(b.id for b in window.branches if b.code == "LIE")))
    assert language.currentData() == "fr"
    language.setCurrentIndex(language.findData("en"))  # the coordinator's choice
    branch.setCurrentIndex(branch.findData(next(b.id for b in window.branches if b.code == "ANT")))
    assert language.currentData() == "en"
    window.close()
