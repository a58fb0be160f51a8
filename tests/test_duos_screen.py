"""The duos screen and a duo's page, driven as a coordinator would."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from sqlalchemy import func, select

from duo_desktop import i18n
from duo_desktop.models import (
    Decision,
    Duo,
    Evaluation,
    Gain,
    Meeting,
    MeetingChannel,
    MeetingTopic,
    Participant,
    ParticipantStatus,
    Respondent,
    Role,
)
from duo_desktop.services import duo_lifecycle as life
from duo_desktop.services import followup as fu
from duo_desktop.views.duos_model import ID_ROLE
from duo_desktop.views.duos_screen import DuosScreen

from . import factories as f

D = dt.date
NAMES = [("محمد", "العلي"), ("ሰላም", "ተስፋይ"), ("Фатима", "Иванова"), ("Joëlle", "Dubois")]


def populate(store, ended: bool = False) -> list[int]:
    """Three active duos signed on 2 February (the clock says 16 March) and
    one ended on 6 March; the first duo met on 12 March."""
    now = dt.datetime(2026, 1, 20, 9)
    ids = []
    with store.transaction() as s:
        b = f.branch(s)
        c = f.coordinator(s, b, "Camille", "Lambert")
        for i, (first, last) in enumerate(NAMES):
            mentor = f.participant(s, b, role=Role.MENTOR, first="Alain", last=f"Mentor{i}")
            mentee = f.participant(s, b, role=Role.MENTEE, first=first, last=last)
            duo = life.propose(s, mentor, mentee, now, c.id)
            life.plan_first_meeting(s, duo, dt.datetime(2026, 1, 22, 14), "", now)
            life.record_decision(s, duo, "mentor", Decision.ACCEPTED, D(2026, 1, 22), now)
            life.record_decision(s, duo, "mentee", Decision.ACCEPTED, D(2026, 1, 23), now)
            life.sign_agreement(s, duo, D(2026, 2, 2), "fr", now)
            ids.append(duo.id)
        fu.record_meeting(s, fu.MeetingEntry(ids[0], D(2026, 3, 12), 120, MeetingChannel.IN_PERSON,
                                             (MeetingTopic.CV,)), D(2026, 3, 16), now)
        fu.record_check_in(s, ids[0], D(2026, 3, 12), D(2026, 3, 16), now, rating=4, coordinator_id=c.id)
        life.end_duo(s, s.get(type(duo), ids[3]), D(2026, 3, 6), life.EndReason.MENTEE_FOUND_JOB, now)
    return ids


def test_the_list_shows_health_and_filters_on_needs_attention(qtbot, qtmodeltester, app_context):
    ids = populate(app_context.store)
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.refresh()
    qtmodeltester.check(screen.model)
    model = screen.model
    assert model.rowCount() == 3  # active duos by default
    rows = {model.index(r, 0).data(ID_ROLE): r for r in range(3)}
    first = rows[ids[0]]
    assert model.index(first, 0).data() == "محمد العلي"
    assert model.index(first, 5).data() == "1"  # meetings logged
    assert model.index(first, 6).data() == "4"  # days since the last meeting
    assert model.index(rows[ids[1]], 3).data()  # something due
    assert screen.coordinator.currentText() == "Tous les coordinateurs"  # still there after a refresh
    screen.attention.setChecked(True)
    assert model.rowCount() == 2 and ids[0] not in [model.index(r, 0).data(ID_ROLE) for r in range(2)]
    screen.stage.setCurrentIndex(0)  # all stages: the ended duo needs its evaluation
    assert model.rowCount() == 3
    model.sort(0, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)
    # the today list gathers everything due for the coordinator
    top = screen.today.topLevelItem(0)
    assert top.text(0).startswith("Camille Lambert")
    duos = [top.child(i) for i in range(top.childCount())]  # one line per duo, its alerts below
    assert any("Фатима Иванова" in d.text(0) for d in duos)
    assert sum(d.childCount() for d in duos) >= 5
    assert any("Aucune rencontre notée depuis" in d.child(j).text(0) for d in duos for j in range(d.childCount()))


def test_language_switch_retranslates_headers(qtbot, app_context):
    populate(app_context.store)
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.refresh()
    i18n.set_language("nl")
    assert screen.model.headerData(0, Qt.Orientation.Horizontal) == "Mentee"
    assert screen.attention.text() == "Alleen wat aandacht vraagt"
    i18n.set_language("en")
    assert screen.model.headerData(4, Qt.Orientation.Horizontal) == "Weeks"


def test_record_a_week_of_meetings_from_the_screen(qtbot, app_context):
    ids = populate(app_context.store)
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.refresh()
    dialog = screen.week_dialog()
    qtbot.addWidget(dialog)
    assert len(dialog.rows) == 3  # the active duos
    by_id = {row.duo_id: row for row in dialog.rows}
    second, third = by_id[ids[1]], by_id[ids[2]]
    second.topics[MeetingTopic.INTERVIEW_PRACTICE].setChecked(True)  # ticks the row by itself
    assert second.held.isChecked()
    qtbot.keyClicks(third.note, "Visite du salon de l'emploi")
    third.channel.setCurrentIndex(third.channel.findData(MeetingChannel.VIDEO))
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == dialog.DialogCode.Accepted
    with app_context.store.session() as s:
        meetings = {m.duo_id: m for m in s.scalars(select(Meeting).where(Meeting.duo_id.in_(ids[1:3])))}
    assert meetings[ids[1]].topics == ["interview_practice"]
    assert meetings[ids[2]].channel is MeetingChannel.VIDEO and "salon" in meetings[ids[2]].note
    assert screen.saved_label.text() == "2 rencontres enregistrées."
    i18n.set_language("nl")
    assert screen.saved_label.text() == "2 ontmoetingen opgeslagen."
    i18n.set_language("fr")
    # the list is refreshed: those duos met today
    row = screen.model.row_of(ids[1])
    assert screen.model.index(row, 6).data() == "0"


def test_a_refused_week_keeps_what_was_typed(qtbot, app_context):
    ids = populate(app_context.store)
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    dialog = screen.week_dialog()
    qtbot.addWidget(dialog)
    row = next(r for r in dialog.rows if r.duo_id == ids[1])
    row.held.setChecked(True)
    row.date.set_value(row.date.current() - dt.timedelta(days=60))  # before the agreement
    dialog.try_accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "Ligne" in dialog.error.text() and not dialog.error.isHidden()
    assert row.held.isChecked()
    with app_context.store.session() as s:
        assert s.scalar(select(func.count()).select_from(Meeting)) == 1  # only the populated one


def test_record_an_evaluation_from_the_duo_page(qtbot, app_context, monkeypatch):
    ids = populate(app_context.store)
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.stage.setCurrentIndex(0)
    screen.open_duo(ids[3])
    page = screen.page
    assert screen.stack.currentWidget().widget() is page
    assert page.buttons["eval_mentor"].isEnabled() and not page.buttons["sign"].isEnabled()
    assert not page.alerts.isHidden() and "évaluation" in page.alerts.text().lower()

    def fill(dialog_self) -> int:
        dialog = page.evaluation_dialog
        dialog.satisfaction.setValue(5)
        dialog.gains[Gain.NETWORK].setChecked(True)
        dialog.try_accept()  # refused: the mentor's wish is missing; the dialog stays
        assert "nouveau duo" in dialog.error.text()
        dialog.wants_new_duo_no.setChecked(True)
        dialog.try_accept()
        return dialog.result()

    from duo_desktop.views.duo_dialogs import EvaluationDialog

    monkeypatch.setattr(EvaluationDialog, "exec", fill)
    page.buttons["eval_mentor"].click()
    with app_context.store.session() as s:
        evaluation = s.scalars(select(Evaluation)).one()
        assert evaluation.respondent is Respondent.MENTOR and evaluation.wants_new_duo is False
        assert evaluation.gains == ["network"]
        duo = life.get_duo(s, ids[3])
        assert s.get(Participant, duo.mentor_id).status is ParticipantStatus.ALUMNI
    assert "Évaluation" in page.status.text() or "évaluation" in page.status.text().lower()
    whats = [page.timeline.topLevelItem(i).text(1) for i in range(page.timeline.topLevelItemCount())]
    assert any("mentor" in w.lower() for w in whats)


def test_print_agreement_asks_for_the_document(qtbot, app_context):
    ids = populate(app_context.store)
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.open_duo(ids[0])
    with qtbot.waitSignal(screen.agreement_requested) as blocker:  # what the lead connects
        screen.page.buttons["print"].click()
    assert blocker.args == [ids[0]]


def test_a_meeting_logged_by_mistake_is_deleted_after_confirmation(qtbot, app_context, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    ids = populate(app_context.store)
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.open_duo(ids[0])
    page = screen.page
    tree = page.timeline
    meeting = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                   if tree.topLevelItem(i).text(1) == "Rencontre")
    tree.setCurrentItem(meeting)
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))

    def meetings() -> int:
        with app_context.store.session() as s:
            return s.scalar(select(func.count()).select_from(Meeting).where(Meeting.duo_id == ids[0]))

    page.delete_selected()  # "No": nothing happens
    assert meetings() == 1
    page.delete_selected()
    assert meetings() == 0
    assert "Rencontre" not in [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())]
    assert page.status.text() == "Supprimé."


def test_a_saved_evaluation_opens_again_to_be_corrected(qtbot, app_context, monkeypatch):
    from duo_desktop.views.duo_dialogs import EvaluationDialog

    ids = populate(app_context.store)
    with app_context.store.transaction() as s:
        fu.record_evaluation(s, ids[3], fu.EvaluationInput(Respondent.MENTEE, D(2026, 3, 10), fu.ObjectivesReached.PARTLY,
                                                           2, (Gain.LANGUAGE,), None, "Peu de temps"),
                             D(2026, 3, 16), dt.datetime(2026, 3, 16))
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.open_duo(ids[3])
    seen = {}

    def look(dialog_self) -> int:
        d = screen.page.evaluation_dialog
        seen.update(satisfaction=d.satisfaction.value(), language=d.gains[Gain.LANGUAGE].isChecked(),
                    comments=d.comments.toPlainText())
        return 0

    monkeypatch.setattr(EvaluationDialog, "exec", look)
    screen.page.buttons["eval_mentee"].click()
    assert seen == {"satisfaction": 2, "language": True, "comments": "Peu de temps"}


def test_record_a_job_outcome_from_the_duo_page(qtbot, app_context, monkeypatch):
    from duo_desktop.models import ContractType, Outcome, OutcomeKind, OutcomeMoment
    from duo_desktop.views.duo_dialogs import OutcomeDialog

    ids = populate(app_context.store)  # the fourth duo ended on 6 March
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.open_duo(ids[3])

    def fill(dialog_self) -> int:
        assert dialog_self.moment.currentData() == OutcomeMoment.AT_END.value  # ten days after the end
        dialog_self.kind.setCurrentIndex(dialog_self.kind.findData(OutcomeKind.JOB))
        assert dialog_self.contract.isEnabled()
        dialog_self.contract.setCurrentIndex(dialog_self.contract.findData(ContractType.PERMANENT))
        dialog_self.sector.setCurrentIndex(dialog_self.sector.findData("logistics"))
        dialog_self.try_accept()
        return dialog_self.result()

    monkeypatch.setattr(OutcomeDialog, "exec", fill)
    screen.page.buttons["outcome"].click()
    with app_context.store.session() as s:
        outcome = s.scalars(select(Outcome)).one()
    assert (outcome.kind, outcome.contract_type, outcome.sector, outcome.moment) == (
        OutcomeKind.JOB, ContractType.PERMANENT, "logistics", OutcomeMoment.AT_END)
    assert screen.page.status.text() == "Résultat enregistré."
    i18n.set_language("nl")  # what was saved is said again in the new language
    assert screen.page.status.text() == "Resultaat opgeslagen."


def test_sign_the_agreement_from_the_duo_page(qtbot, app_context, monkeypatch):
    from duo_desktop.models import Branch, DuoStage
    from duo_desktop.views.duo_dialogs import AgreementDialog

    ids = populate(app_context.store)
    now = dt.datetime(2026, 3, 10, 9)
    with app_context.store.transaction() as s:
        b = s.scalars(select(Branch)).first()
        b.duo_months = 4  # a branch with shorter duos
        mentee = f.participant(s, b, role=Role.MENTEE, first="Amina", last="Benali", preferred_language="nl")
        mentor = f.participant(s, b, role=Role.MENTOR, first="Anne", last="Janssens")
        duo = life.propose(s, mentor, mentee, now)
        life.plan_first_meeting(s, duo, dt.datetime(2026, 3, 11, 10), "", now)
        life.record_decision(s, duo, "mentor", Decision.ACCEPTED, D(2026, 3, 11), now)
        life.record_decision(s, duo, "mentee", Decision.ACCEPTED, D(2026, 3, 11), now)
        duo_id = duo.id
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.open_duo(duo_id)
    page = screen.page
    assert page.buttons["sign"].isEnabled() and not page.buttons["meeting"].isEnabled()

    def fill(dialog_self) -> int:
        assert dialog_self.language.currentData() == "nl"  # the mentee's language
        dialog_self.try_accept()
        return dialog_self.result()

    monkeypatch.setattr(AgreementDialog, "exec", fill)
    page.buttons["sign"].click()
    with app_context.store.session() as s:
        duo = life.get_duo(s, duo_id)
        assert duo.stage is DuoStage.ACTIVE and duo.agreement_language == "nl"
        assert (duo.agreement_signed_on, duo.planned_end_on) == (D(2026, 3, 16), D(2026, 7, 16))
    assert page.buttons["meeting"].isEnabled() and not page.buttons["sign"].isEnabled()


def test_an_arabic_name_does_not_turn_the_phone_number_around(qtbot, app_context):
    """The contact line "name · phone" starts with an Arabic name: it must
    still be laid out left to right, or the phone reads "56 34 12 0470"."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument

    now = dt.datetime(2026, 3, 10, 9)
    with app_context.store.transaction() as s:
        b = f.branch(s)
        mentee = f.participant(s, b, role=Role.MENTEE, first="محمد", last="العلي", phone="0470 12 34 56")
        mentor = f.participant(s, b, role=Role.MENTOR, first="Joëlle", last="Dubois", phone="0485 65 43 21")
        duo_id = life.propose(s, mentor, mentee, now).id
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.open_duo(duo_id)
    for key in ("mentee", "mentor"):
        text = screen.page.fields[key][1].text()
        assert "0470 12 34 56" in text or "0485 65 43 21" in text
        assert QTextDocument(text).firstBlock().textDirection() is Qt.LayoutDirection.LeftToRight, key


def test_by_default_the_list_shows_the_duos_in_progress_with_the_agreement_to_sign(qtbot, app_context):
    """Seam with the matching board: when both said yes, the next step (the
    agreement) is on this screen, so the default list shows that duo too."""
    from duo_desktop.models import Branch, DuoStage

    populate(app_context.store)  # three active duos, one ended
    now = dt.datetime(2026, 3, 10, 9)
    with app_context.store.transaction() as s:
        b = s.scalars(select(Branch)).first()
        mentee = f.participant(s, b, role=Role.MENTEE, first="Amina", last="Benali")
        mentor = f.participant(s, b, role=Role.MENTOR, first="Anne", last="Janssens")
        duo = life.propose(s, mentor, mentee, now)
        life.plan_first_meeting(s, duo, dt.datetime(2026, 3, 11, 10), "", now)
        for side in ("mentor", "mentee"):
            life.record_decision(s, duo, side, Decision.ACCEPTED, D(2026, 3, 11), now)
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.refresh()
    assert screen.stage.currentText() == "En cours"
    stages = sorted(screen.model.index(r, 2).data() for r in range(screen.model.rowCount()))
    assert stages == ["Actif", "Actif", "Actif", "En attente de la convention"]
    screen.stage.setCurrentIndex(screen.stage.findData(DuoStage.ACTIVE))
    assert screen.model.rowCount() == 3
    screen.stage.setCurrentIndex(0)  # all stages: the ended duo too
    assert screen.model.rowCount() == 5
    i18n.set_language("nl")
    assert screen.stage.itemText(1) == "Lopend"


def test_the_page_offers_what_the_lifecycle_allows(qtbot, app_context):
    ids = populate(app_context.store)
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.open_duo(ids[1])  # active
    page = screen.page
    assert page.buttons["print"].isEnabled() and page.buttons["end"].isEnabled()
    assert not page.buttons["outcome"].isEnabled()
    screen.open_duo(ids[3])  # ended: nothing to print any more, an outcome to record
    assert not page.buttons["print"].isEnabled() and not page.buttons["end"].isEnabled()
    assert page.buttons["outcome"].isEnabled()


def test_notes_of_a_duo_removed_meanwhile_are_not_saved_and_the_page_says_why(qtbot, app_context):
    from duo_desktop.models import Duo

    ids = populate(app_context.store)
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.open_duo(ids[2])
    page = screen.page
    with app_context.store.transaction() as s:  # removed on another laptop
        s.delete(s.get(Duo, ids[2]))
    page.notes.setPlainText("Rappeler jeudi")
    page.save_notes.click()
    assert page.status.text() == f"Non enregistré. Le duo {ids[2]} n’existe pas."
    assert page.notes.toPlainText() == "Rappeler jeudi"  # what was typed stays


def test_notes_saved_over_another_coordinators_are_refused_and_the_text_stays(qtbot, app_context):
    ids = populate(app_context.store)
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.open_duo(ids[0])
    page = screen.page
    page.notes.setPlainText("Le mentor part en vacances en avril.")
    with app_context.store.transaction() as s:  # a colleague saves the duo's notes meanwhile
        fu.save_notes(s, ids[0], "Appel au mentee le 13 mars.", dt.datetime(2026, 3, 16, 9))
    page.save_notes.click()
    assert "Quelqu’un d’autre a modifié" in page.status.text() and not page.status.isHidden()
    assert page.notes.toPlainText() == "Le mentor part en vacances en avril."  # what was typed is kept
    with app_context.store.session() as s:
        assert s.get(Duo, ids[0]).notes == "Appel au mentee le 13 mars."  # the colleague's notes are kept
    page.reload()  # after looking at the colleague's notes, the coordinator saves again
    page.notes.setPlainText("Appel au mentee le 13 mars. Le mentor part en vacances en avril.")
    page.save_notes.click()
    with app_context.store.session() as s:
        assert s.get(Duo, ids[0]).notes.endswith("vacances en avril.")


def test_typed_notes_survive_another_action_and_a_language_switch_and_save_themselves(qtbot, app_context):
    """Issue 17: notes typed and not saved were wiped by any reload of the page."""
    from duo_desktop.models import Duo

    ids = populate(app_context.store)
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.open_duo(ids[0])
    page = screen.page
    page.notes.setFocus()
    qtbot.keyClicks(page.notes, "Rappeler jeudi")
    page.reload()  # what any other action on the page, and a language switch (translate_ui), do
    assert page.notes.toPlainText() == "Rappeler jeudi" and page.notes_unsaved()
    qtbot.waitUntil(lambda: not page.notes_unsaved(), timeout=5000)  # saved as typed, a moment later
    with app_context.store.session() as s:
        assert s.get(Duo, ids[0]).notes == "Rappeler jeudi"
    qtbot.keyClicks(page.notes, " 14h")
    screen.open_duo(ids[1])  # another duo: the first one's notes are saved first
    with app_context.store.session() as s:
        assert s.get(Duo, ids[0]).notes == "Rappeler jeudi 14h"
    assert "14h" not in page.notes.toPlainText()  # the second duo's own notes are shown


def test_the_name_search_finds_turkish_and_apostrophe_names_typed_without_their_letters(qtbot, app_context):
    now = dt.datetime(2026, 1, 20, 9)
    with app_context.store.transaction() as s:
        b = f.branch(s)
        pairs = [(("Marie", "N’Diaye"), ("Şükrü", "Yılmaz")), (("Paul", "Dupont"), ("Aïcha", "O'Connor")),
                 (("İlkay", "Çelik"), ("Fatou", "Diallo"))]
        ids = []
        for (mf, ml), (ef, el) in pairs:
            mentor = f.participant(s, b, role=Role.MENTOR, first=mf, last=ml)
            mentee = f.participant(s, b, role=Role.MENTEE, first=ef, last=el)
            duo = life.propose(s, mentor, mentee, now)
            life.plan_first_meeting(s, duo, dt.datetime(2026, 1, 22, 14), "", now)
            life.record_decision(s, duo, "mentor", Decision.ACCEPTED, D(2026, 1, 22), now)
            life.record_decision(s, duo, "mentee", Decision.ACCEPTED, D(2026, 1, 23), now)
            life.sign_agreement(s, duo, D(2026, 2, 2), "fr", now)
            ids.append(duo.id)
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.stage.setCurrentIndex(0)  # all stages
    screen.refresh()
    assert screen.model.rowCount() == 3

    def shown(text: str) -> set[int]:
        screen.search.setText(text)
        screen.refresh()  # what the debounce timer does
        return {screen.model.index(r, 0).data(ID_ROLE) for r in range(screen.model.rowCount())}

    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    screen.focus_search()  # Ctrl+F (the main window's Find calls it)
    assert screen.focusWidget() is screen.search
    assert shown("sukru yilmaz") == {ids[0]}  # the mentee, without ş, ü, ı
    assert shown("ndiaye") == {ids[0]} == shown("n'diaye")  # the mentor, apostrophe or not
    assert shown("oconnor") == {ids[1]} == shown("O’Connor")
    assert shown("ilkay celik") == {ids[2]} == shown("İLKAY")
    assert shown("Yılmaz Dupont") == set()  # every word in one duo
    assert shown("") == set(ids)
    assert shown("diallo") == {ids[2]} and screen.count_label.text() == "1 duo"
    assert screen.search.placeholderText() == "Chercher par nom de mentoré·e ou de mentor (Ctrl+F)"


def test_corrections_from_visible_buttons_edit_a_meeting_and_undo_the_end(qtbot, app_context, monkeypatch):
    from duo_desktop.views.duo_corrections import MeetingDialog
    from duo_desktop.views.duo_dialogs import EndDuoDialog

    ids = populate(app_context.store)
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.open_duo(ids[0])
    page, bar = screen.page, screen.page.corrections
    tree = page.timeline
    assert bar.buttons["edit"].text() == "Modifier la ligne choisie…" and not bar.buttons["edit"].isEnabled()
    assert bar.buttons["correct_sign"].isEnabled() and not bar.buttons["undo_end"].isEnabled()
    meeting = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
                   if tree.topLevelItem(i).text(1) == "Rencontre")
    tree.setCurrentItem(meeting)
    assert bar.buttons["edit"].isEnabled() and bar.buttons["delete"].isEnabled()

    def fill(dialog):
        dialog.discard_silently = True
        dialog.held_on.set_value(D(2026, 1, 30))  # before the signature: refused, the dialog stays
        dialog.try_accept()
        assert dialog.error.text().startswith("Non enregistré") and dialog.result() == 0
        dialog.held_on.set_value(D(2026, 3, 11))
        dialog.duration.setValue(90)
        dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(MeetingDialog, "exec", fill)
    bar.buttons["edit"].click()
    assert page.status.text() == "Rencontre corrigée."
    with app_context.store.session() as s:
        m = s.scalars(select(Meeting).where(Meeting.duo_id == ids[0])).one()
        assert (m.held_on, m.duration_minutes) == (D(2026, 3, 11), 90)
    titles = [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())]
    assert "Correction : une rencontre".replace(" :", "\u202f:") in titles

    # the ended duo: the end corrected, then undone after a "No" and a "Yes"
    screen.open_duo(ids[3])
    assert bar.buttons["correct_end"].isEnabled() and bar.buttons["undo_end"].isEnabled()
    assert not bar.buttons["undo_sign"].isEnabled()

    def end_fill(dialog):
        dialog.discard_silently = True
        dialog.ended_on.set_value(D(2026, 3, 5))
        dialog.try_accept()
        return dialog.result()

    monkeypatch.setattr(EndDuoDialog, "exec", end_fill)
    bar.buttons["correct_end"].click()
    assert page.status.text() == "Fin corrigée."
    with app_context.store.session() as s:
        assert s.get(Duo, ids[3]).ended_on == D(2026, 3, 5)
    answers = iter([False, True])
    bar.confirm = lambda text: next(answers)
    assert not bar.undo_end()
    assert bar.undo_end()
    with app_context.store.session() as s:
        duo = s.get(Duo, ids[3])
        assert (duo.stage.value, duo.ended_on, duo.mentee.status) == ("active", None, ParticipantStatus.IN_DUO)
    assert page.fields["stage"][1].text() == "Actif" and not bar.buttons["undo_end"].isEnabled()
