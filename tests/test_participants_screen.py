"""The participants list: lazy item model, search as you type in any script."""

from __future__ import annotations

from duo_desktop.models import Role
from duo_desktop.views.participants_model import ID_ROLE
from duo_desktop.views.context import Changes
from duo_desktop.views.participants_screen import ParticipantsScreen

from . import factories as f


def _populate(store):
    with store.transaction() as session:
        b = f.branch(session)
        f.participant(session, b, first="Joëlle", last="Dubois")
        f.participant(session, b, first="ሰላም", last="ተስፋይ", role=Role.MENTEE)
        f.participant(session, b, first="Фатима", last="Иванова")
        f.participant(session, b, first="محمد", last="العلي", municipality="Schaerbeek")
        for i in range(450):
            f.participant(session, b, first=f"Alex{i:03}", last="Martin", role=Role.MENTOR)


def _settled(qtbot, screen):
    qtbot.waitUntil(lambda: not screen._debounce.isActive())


def test_search_ignores_accents_and_finds_any_script(qtbot, app_context):
    _populate(app_context.store)
    screen = ParticipantsScreen(app_context)
    qtbot.addWidget(screen)
    screen.refresh()
    assert screen.model.rowCount() == 454
    qtbot.keyClicks(screen.search, "joelle")
    _settled(qtbot, screen)
    assert screen.model.rowCount() == 1
    assert screen.model.index(0, 2).data() == "Joëlle"
    screen.search.clear()
    screen.search.setText("ተስፋይ")  # typed through an input method, not key codes
    _settled(qtbot, screen)
    assert [screen.model.index(0, c).data() for c in (1, 2)] == ["ተስፋይ", "ሰላም"]
    screen.search.setText("schaerbeek")
    _settled(qtbot, screen)
    assert screen.model.rowCount() == 1
    assert screen.model.index(0, 1).data() == "العلي"
    assert "1 participant" in screen.count_label.text()


def test_model_fetches_rows_lazily_in_blocks(qtbot, app_context, qtmodeltester):
    _populate(app_context.store)
    screen = ParticipantsScreen(app_context)
    qtbot.addWidget(screen)
    calls = []
    original = screen.model._loader
    screen.model._loader = lambda ids: calls.append(len(ids)) or original(ids)
    screen.refresh()
    last = screen.model.rowCount() - 1
    assert screen.model.index(last, 1).data() == "ተስፋይ"  # sorted by last name; Ge'ez after Latin
    assert calls == [last + 1 - 400]  # only the last block was read
    assert isinstance(screen.model.index(3, 0).data(ID_ROLE), int)
    qtmodeltester.check(screen.model)


# --- filters, status strip, detail panel, status change, duplicates, intake hooks ------------

import datetime as dt  # noqa: E402

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox  # noqa: E402

from duo_desktop import i18n  # noqa: E402
from duo_desktop.models import Participant, ParticipantStatus, StatusChange  # noqa: E402

S = ParticipantStatus


def _screen(qtbot, app_context):
    with app_context.store.transaction() as session:
        b = f.branch(session)
        g = f.branch(session, code="GNT", city="Gent", office="vdab")
        ids = {
            "joelle": f.participant(session, b, first="Joëlle", last="Dubois", status=S.APPLICANT,
                                    birth=dt.date(2001, 4, 2), applied_on=dt.date(2025, 11, 2)).id,
            "twin": f.participant(session, b, first="Joelle", last="Dubois", status=S.APPLICANT,
                                  birth=dt.date(2001, 4, 2), email="jd@example.org").id,
            "selam": f.participant(session, g, first="ሰላም", last="ተስፋይ", status=S.INTAKE_DONE,
                                   sectors=["it"]).id,
            "anne": f.participant(session, b, role=Role.MENTOR, first="Anne", last="Zeller", status=S.INTAKE_DONE).id,
            "gent": g.id,
        }
    screen = ParticipantsScreen(app_context)
    qtbot.addWidget(screen)
    screen.resize(1400, 800)
    screen.refresh()
    return screen, ids


def _names(screen):
    return [screen.model.index(r, 1).data() for r in range(screen.model.rowCount())]


def test_filter_bar_and_status_strip_filter_the_table(qtbot, app_context):
    screen, ids = _screen(qtbot, app_context)
    assert screen.strip.count_text(None) == "Tous (4)"
    assert screen.strip.count_text(S.APPLICANT) == "Candidature (2)" or "(2)" in screen.strip.count_text(S.APPLICANT)
    qtbot.mouseClick(screen.strip.buttons[S.INTAKE_DONE], Qt.MouseButton.LeftButton)
    assert set(_names(screen)) == {"ተስፋይ", "Zeller"}
    screen.filters.select(screen.filters.role, "mentor")
    assert _names(screen) == ["Zeller"]
    screen.filters.select(screen.filters.role, None)
    screen.filters.select(screen.filters.branch, ids["gent"])
    assert _names(screen) == ["ተስፋይ"]
    assert "(1)" in screen.strip.count_text(S.INTAKE_DONE) and "(0)" in screen.strip.count_text(S.APPLICANT)
    screen.filters.select(screen.filters.branch, None)
    screen.filters.select(screen.filters.sector, "it")
    assert _names(screen) == ["ተስፋይ"]
    screen.filters.select(screen.filters.sector, None)
    qtbot.mouseClick(screen.strip.buttons[None], Qt.MouseButton.LeftButton)
    screen.filters.select(screen.filters.waiting, 3)  # applied more than 3 months before 2026-03-16
    assert _names(screen) == ["Dubois"]
    assert screen.model.rowCount() == 1


def test_sorting_by_a_column_header(qtbot, app_context):
    screen, _ids = _screen(qtbot, app_context)
    screen.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    # every script sorts where its Latin spelling would (duo_desktop/text.fold): Zeller, ተስፋይ (tesfay), ... Dubois
    assert _names(screen)[:2] == ["Zeller", "ተስፋይ"] and _names(screen)[-1] == "Dubois"
    screen.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # possible duplicates first
    assert _names(screen)[:2] == ["Dubois", "Dubois"]


def test_duplicates_flagged_shown_and_merged(qtbot, app_context):
    screen, ids = _screen(qtbot, app_context)
    screen.filters.duplicates.setChecked(True)
    assert _names(screen) == ["Dubois", "Dubois"]
    assert screen.model.index(0, 0).data() == "⚠"
    screen.select(ids["joelle"])
    assert "Doublons possibles" in screen.detail.browser.toPlainText()
    assert "même nom et même date de naissance" in screen.detail.browser.toPlainText()
    dialog = screen.merge_dialog()
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 0).text() == "Joëlle" and dialog.table.item(0, 1).text() == "Joelle"
    asked = []
    dialog.confirm = lambda text: asked.append(text) or False  # the user says no: nothing happens
    dialog.merge_button.click()
    assert asked and dialog.result() == 0
    assert screen.run_merge(*dialog.kept_and_other())
    assert screen.model.rowCount() == 0 or _names(screen) == []  # no duplicates left
    screen.filters.duplicates.setChecked(False)
    assert _names(screen).count("Dubois") == 1
    assert screen.select(ids["joelle"])
    assert "jd@example.org" in screen.detail.browser.toPlainText()  # filled from the other record
    assert "Fiches fusionnées et enregistrées." == screen.message.text()
    with app_context.store.session() as session:
        assert session.get(Participant, ids["twin"]).merged_into_id == ids["joelle"]


def test_status_change_refused_then_done_and_kept_in_history(qtbot, app_context):
    screen, ids = _screen(qtbot, app_context)
    screen.select(ids["anne"])
    dialog = screen.status_dialog()
    qtbot.addWidget(dialog)
    # a mentor cannot be ready to match before the training: refused with the pipeline's message
    dialog.status.setCurrentIndex(dialog.status.findData(S.READY_TO_MATCH))
    assert "pas possible" in dialog.status.currentText()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.error.isVisibleTo(dialog)
    assert dialog.error.text() == "Un mentor ne peut être mis en duo qu’après avoir terminé la formation initiale."
    # leaving needs a reason
    dialog.status.setCurrentIndex(dialog.status.findData(S.WITHDRAWN))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "motif" in dialog.error.text()
    dialog.status.setCurrentIndex(dialog.status.findData(S.TRAINED))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.result() == 1
    screen._saved([ids["anne"]], "ok")
    with app_context.store.session() as session:
        history = session.query(StatusChange).filter_by(participant_id=ids["anne"]).all()
        assert [(c.to_status, c.changed_on) for c in history] == [(S.TRAINED, dt.date(2026, 3, 16))]
    assert "(1)" in screen.strip.count_text(S.TRAINED)
    assert "Historique des statuts" in screen.detail.browser.toPlainText()
    assert "16 mars 2026" in screen.detail.browser.toPlainText()


def test_intake_hooks_new_and_edit(qtbot, app_context):
    screen, ids = _screen(qtbot, app_context)
    screen.show()
    qtbot.waitExposed(screen)
    screen.windowHandle().requestActivate()  # shortcuts reach only the active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    screen.table.setFocus()
    with qtbot.waitSignal(screen.intake_requested) as new:
        qtbot.keyClick(screen.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert new.args == [None]
    screen.select(ids["selam"])
    screen.table.setFocus()
    with qtbot.waitSignal(screen.intake_requested) as edit:
        qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert edit.args == [ids["selam"]]
    with qtbot.waitSignal(screen.intake_requested) as double:
        screen.table.doubleClicked.emit(screen.model.index(screen.model.row_of(ids["anne"]), 1))
    assert double.args is not None


def test_language_switch_retranslates_the_screen(qtbot, app_context, qtmodeltester):
    screen, ids = _screen(qtbot, app_context)
    screen.select(ids["joelle"])
    i18n.set_language("nl")
    assert screen.strip.count_text(None) == "Alle (4)"
    assert screen.model.headerData(1, Qt.Orientation.Horizontal) == "Achternaam" or \
        screen.model.headerData(1, Qt.Orientation.Horizontal) != "Nom"
    assert "Mogelijke dubbels" in screen.detail.browser.toPlainText()
    assert screen.new_button.text() == "Nieuw intakegesprek…"
    qtmodeltester.check(screen.model)


def _large_list_screen(qtbot, app_context, monkeypatch) -> ParticipantsScreen:
    """The screen over 30 people, a list counted as large: its index is built in the background."""
    from duo_desktop.views import participants_screen

    monkeypatch.setattr(participants_screen, "BACKGROUND_THRESHOLD", 0)
    with app_context.store.transaction() as session:
        b = f.branch(session)
        for i in range(30):
            f.participant(session, b, first=f"Alex{i}", last="Martin")
    screen = ParticipantsScreen(app_context)
    qtbot.addWidget(screen)
    return screen


def test_a_large_list_is_indexed_in_the_background(qtbot, app_context, monkeypatch):
    screen = _large_list_screen(qtbot, app_context, monkeypatch)
    screen.refresh()
    assert screen.count_label.text() == "Chargement des participants…"
    assert screen.model.rowCount() == 30  # listed at once from SQL while the index is built
    qtbot.waitUntil(lambda: screen._has_index)
    screen.search.setText("alex17")
    screen.refresh()
    assert screen.model.rowCount() == 1


def test_the_status_counts_come_before_a_large_index(qtbot, app_context, monkeypatch):
    """At start-up on a large database the list is shown first; the status
    counts follow from their own query, without waiting for the index."""
    import threading

    from duo_desktop.services import participants as service

    screen = _large_list_screen(qtbot, app_context, monkeypatch)
    release, build = threading.Event(), service.ParticipantIndex.reload

    def held_build(index, session):  # noqa: ANN001
        release.wait(10)
        build(index, session)

    monkeypatch.setattr(service.ParticipantIndex, "reload", held_build)
    screen.refresh()
    try:
        assert screen.model.rowCount() == 30
        qtbot.waitUntil(lambda: screen.strip.count_text(None) == "Tous (30)")
        assert not screen._has_index
    finally:
        release.set()
    qtbot.waitUntil(lambda: screen._has_index)


def test_detail_follows_changes_made_on_other_screens(qtbot, app_context):
    from duo_desktop.models import Duo, DuoStage

    screen, ids = _screen(qtbot, app_context)
    screen.select(ids["joelle"])
    assert "Zeller" not in screen.detail.browser.toPlainText()
    with app_context.store.transaction() as session:
        session.add(Duo(branch_id=1, mentor_id=ids["anne"], mentee_id=ids["joelle"], stage=DuoStage.PROPOSED,
                        proposed_on=dt.date(2026, 3, 16)))
    app_context.hub.announce(Changes.DUOS)
    assert "Anne Zeller" in screen.detail.browser.toPlainText()
    with app_context.store.transaction() as session:
        f.participant(session, session.get(Participant, ids["joelle"]).branch, first="Zoë", last="Nouvelle")
    app_context.hub.announce(Changes.PARTICIPANTS)
    assert "Nouvelle" in _names(screen)
    assert screen.current_id() == ids["joelle"]  # the selection stays


def test_the_language_for_documents_is_named_in_the_interface_language(qtbot, app_context):
    from duo_desktop import i18n

    with app_context.store.transaction() as session:
        b = f.branch(session)
        pid = f.participant(session, b, first="Joëlle", last="Dubois", preferred_language="fr").id
    screen = ParticipantsScreen(app_context)
    qtbot.addWidget(screen)
    screen.refresh()
    assert screen.select(pid)
    i18n.set_language("nl")
    screen.select(pid)
    text = screen.detail.browser.toPlainText()
    assert "Taal van de documenten" in text and "Frans" in text and "Français" not in text


def test_the_screen_keeps_answering_while_a_large_index_is_built(qtbot, app_context, monkeypatch):
    import threading

    from PySide6.QtCore import QTimer

    from duo_desktop.services import participants as service

    screen = _large_list_screen(qtbot, app_context, monkeypatch)
    ticks, turned = [], threading.Event()
    timer = QTimer(screen, interval=5, timeout=lambda: ticks.append(1) or (len(ticks) >= 5 and turned.set()))
    timer.start()
    build = service.ParticipantIndex.reload

    def slow_build(index, session):  # finishes only once the event loop has turned meanwhile
        if not turned.wait(5):
            raise TimeoutError("the event loop stood still while the index was built")
        build(index, session)

    monkeypatch.setattr(service.ParticipantIndex, "reload", slow_build)
    screen.refresh()  # returns at once: the index is built elsewhere, the list is there to work with
    assert screen.count_label.text() == "Chargement des participants…"
    assert screen.model.rowCount() == 30
    qtbot.waitUntil(lambda: screen.count_label.text() == "30 participants", timeout=10000)
    assert screen.message.text() == ""  # no "could not be read"
    screen.search.setText("alex17")
    screen.refresh()
    assert screen.model.rowCount() == 1


def test_merge_defaults_to_the_older_record_and_is_undone_from_the_kept_one(qtbot, app_context):
    screen, ids = _screen(qtbot, app_context)
    screen.select(ids["twin"])  # the newer record is the one on screen...
    dialog = screen.merge_dialog()
    qtbot.addWidget(dialog)
    assert dialog.kept_and_other() == (ids["joelle"], ids["twin"])  # ...the older one is kept by default
    asked = []
    dialog.confirm = lambda text: asked.append(text) or False
    dialog.merge_button.click()
    assert "30" in asked[0] and "Annuler la fusion" in asked[0]
    assert screen.run_merge(*dialog.kept_and_other())
    assert screen.select(ids["joelle"]) and screen.detail.undo_merge_button.isVisible()
    assert screen.detail.profile.undoable_merges == [ids["twin"]]
    screen.notes_and_undo.confirm = lambda text: False  # "No": nothing happens
    assert not screen.notes_and_undo.undo_merge()
    screen.notes_and_undo.confirm = lambda text: True
    assert screen.notes_and_undo.undo_merge()
    assert screen.message.text() == f"Fusion annulée\u202f: la fiche {ids['twin']} est de retour."
    assert _names(screen).count("Dubois") == 2 and screen.detail.profile.undoable_merges == []
    assert not screen.detail.undo_merge_button.isVisible()
    with app_context.store.session() as session:
        twin = session.get(Participant, ids["twin"])
        assert (twin.merged_into_id, twin.first_name, twin.email) == (None, "Joelle", "jd@example.org")


def test_dated_notes_added_and_corrected_from_visible_buttons(qtbot, app_context):
    screen, ids = _screen(qtbot, app_context)
    screen.select(ids["selam"])
    panel = screen.detail.notes_panel
    assert panel.add_button.text() == "Ajouter une note…" and not panel.edit_button.isEnabled()
    dialog = screen.notes_and_undo.note_dialog()
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("   ")
    dialog.try_accept()  # empty: refused with the reason, the dialog stays open
    assert dialog.error.isVisibleTo(dialog) and "vide" in dialog.error.text()
    dialog.text.setPlainText("A appelé : commence une formation en avril.")
    dialog.try_accept()
    assert dialog.result() == 1 and screen.message.text() == "Note enregistrée."
    assert panel.list.count() == 1 and "avril" in panel.list.item(0).text()
    panel.list.setCurrentRow(0)
    assert panel.edit_button.isEnabled()
    note_id = screen.detail.profile.dated_notes[0].id
    edit = screen.notes_and_undo.note_dialog(note_id)
    qtbot.addWidget(edit)
    assert not edit.noted_on.isEnabled()
    edit.text.setPlainText("A appelé : commence une formation en mai.")
    edit.try_accept()
    assert "mai" in panel.list.item(0).text() and panel.list.count() == 1
