"""Issue 10, "Done when": a new organisation adopts the app on an empty
database, without the demo, through the real main window: the welcome
screen, the wizard by keyboard (organisation, first branch, two
coordinators, "I am" the second), the branch's letterhead in Settings >
Document templates, a second branch (so that "the chosen branch" is not
simply the only one), an intake of a mentee by keyboard and of a mentor, an
information session and a training on the Events screen (the mentor is
trained, hence matchable), an import whose rows land in the working
coordinator's branch, a proposal on the board, and the agreement printed
with the new branch's letterhead and name (read back with pypdf).

The clock is fixed: Monday 16 March 2026, 9:00."""

from __future__ import annotations

import datetime as dt
import unicodedata

from PySide6.QtCore import QDate, QDateTime, QPointF, QSettings, Qt, QTime
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from sqlalchemy import select

from duo_desktop.app import build_main_window
from duo_desktop.models import Duo, DuoStage, EventKind, Participant, ParticipantStatus, Role
from duo_desktop.services.clock import FixedClock
from duo_desktop.services.documents.output import stamp_created
from duo_desktop.services.settings import branches, programme
from duo_desktop.views.matching.mime import mentee_id_of
from duo_desktop.views.setup.start import start
from duo_desktop.views.setup.working import branch_filter
from tests.documents.helpers import pdf_text
from tests.test_coordinator_journey import activate, click, go, pick, run_dialog, tick_attended, type_text
from tests.views.test_setup_journey import focused, key, mnemonic, type_in

S = ParticipantStatus
MENTEE = ("محمد", "العلي")  # Arabic, typed as an Arabic keyboard sends it
MENTOR = ("Joëlle", "Dubois-Lefèvre")
LETTERHEAD = "<b>vzw DUO for a JOB Gent</b><br/>Kortrijksesteenweg 1, 9000 Gent"
CSV = ("Prénom;Nom;Rôle;Date de naissance;Courriel;Téléphone;Code postal\n"
       "Zoë;Van den Broeck;mentor;12/05/1958;zoe@example.org;;9000\n"
       "Amadou;Diallo;mentee;03/07/2000;amadou@example.org;;9050\n")


def read(store, fn):
    with store.session() as s:
        return fn(s)


# --- the steps --------------------------------------------------------------------
def set_up_by_keyboard(qtbot, window) -> None:
    """Welcome -> "Set up my programme" -> the wizard, Enter and Tab only."""
    start(window)
    welcome = window.welcome_dialog
    assert welcome.setup_button.isDefault() and not welcome.demo_button.isDefault()
    qtbot.waitUntil(lambda: focused() is welcome.setup_button)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: getattr(window, "setup_wizard", None) is not None and window.setup_wizard.isVisible())
    wizard = window.setup_wizard
    qtbot.waitUntil(lambda: focused() is wizard.organisation_page.name)
    qtbot.keyClicks(focused(), "Samen Sterk vzw")
    key(qtbot, Qt.Key.Key_Return)
    form = wizard.branch_page.form
    qtbot.waitUntil(lambda: focused() is form.code)
    for text in ("GNT", "DUO Gent", "Gent", ""):  # code, name, city, country (Belgium)
        type_in(qtbot, text)
    key(qtbot, Qt.Key.Key_Down)  # office: Actiris -> VDAB
    key(qtbot, Qt.Key.Key_Tab)
    for text in ("Kortrijksesteenweg 1, 9000 Gent", "+32 9 000 00 00", "gent@example.org"):
        type_in(qtbot, text)
    key(qtbot, Qt.Key.Key_Down)  # documents in Nederlands
    key(qtbot, Qt.Key.Key_Return)
    people = wizard.coordinators_page
    qtbot.waitUntil(lambda: focused() is people.form.first_name)
    type_in(qtbot, "An")
    type_in(qtbot, "Peeters")
    type_in(qtbot, "an@example.org")
    mnemonic(qtbot, Qt.Key.Key_A)  # &Add this coordinator
    qtbot.waitUntil(lambda: people.list.count() == 1)
    type_in(qtbot, "Youssef")
    type_in(qtbot, "El Amrani")
    key(qtbot, Qt.Key.Key_Return)
    assert people.list.count() == 2 and wizard.currentPage() is wizard.who_page
    wizard.who_page.who.setFocus()
    key(qtbot, Qt.Key.Key_Down)  # I am ... the second
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not wizard.isVisible())


def settings_letterhead_and_a_second_branch(qtbot, window) -> None:
    """Ctrl+, : the letterhead of the new branch, then a second branch."""
    activate(qtbot, window)
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.settings_dialog
    qtbot.waitUntil(dialog.isVisible)
    page = dialog.show_page("templates")
    assert page.branch.currentText() == "GNT — DUO Gent"  # the working coordinator's branch first
    assert page.lang() == "nl"  # the branch prints in Dutch
    page.letterhead.setPlainText(LETTERHEAD)
    page.clauses.setPlainText("Artikel 9. De mentor ontvangt geen vergoeding.")
    click(qtbot, page.save_button)
    assert page.status.text() == "Saved.", page.form.error_text("letterhead")
    page = dialog.show_page("branches")
    click(qtbot, page.new_button)
    page.form.code.setText("ANT")  # sorts before GNT everywhere: a default to the first branch would show
    page.form.name.setText("DUO Antwerpen")
    page.form.city.setText("Antwerpen")
    pick(page.form.office, "vdab")
    click(qtbot, page.save_button)
    assert page.list.count() == 2, page.status.text()
    dialog.reject()


def intake(qtbot, window, role: Role, name: tuple[str, str], born: str, gnt: int, extra) -> int:  # noqa: ANN001
    from duo_desktop.views.intake.window import IntakeWindow

    participants = go(qtbot, window, "participants")
    before = set(window.findChildren(IntakeWindow))
    participants.table.setFocus()
    qtbot.keyClick(participants.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    [intake_window] = [w for w in window.findChildren(IntakeWindow) if w not in before and w.isVisible()]
    qtbot.waitExposed(intake_window)
    intake_window.activateWindow()
    qtbot.waitUntil(intake_window.isActiveWindow)
    assert intake_window.branch.currentData() == gnt  # the working coordinator's branch, not the first
    form = intake_window.form
    assert form.office.currentData() == "vdab"  # the office follows the branch
    pick(form.role, role.value)
    for field, text in (("first_name", name[0]), ("last_name", name[1]), ("birth_date", born),
                        ("phone", "0470 12 34 56"), ("postal_code", "9000"), ("municipality", "Gent")):
        type_text(qtbot, form.inputs[field], text)
    for code, level in (("nl", "fluent"), ("fr", "intermediate")):
        pick(form.languages.language, code)
        pick(form.languages.level, level)
        click(qtbot, form.languages.add_button)
    for row in range(form.sectors.count()):
        if form.sectors.item(row).data(Qt.ItemDataRole.UserRole) == "logistics":
            form.sectors.item(row).setCheckState(Qt.CheckState.Checked)
    form.availability.item(0, 0).setCheckState(Qt.CheckState.Checked)
    extra(form)
    form.consent.setChecked(True)
    qtbot.keyClick(form.inputs["first_name"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    assert not intake_window.isVisible(), intake_window.status.text()
    return read(window.context.store, lambda s: s.scalars(
        select(Participant.id).where(Participant.first_name == name[0])).one())


def mentee_extra(form) -> None:  # noqa: ANN001
    for combo in (form.non_eu, form.permit_work, form.registered):
        pick(combo, "yes")


def plan(qtbot, events, kind: EventKind, title: str, begin: QDateTime, hours: int, gnt: int) -> int:
    events.events_table.setFocus()
    qtbot.keyClick(events.events_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = events.dialog
    assert dialog.isVisible() and dialog.branch.currentData() == gnt  # the working branch by default
    pick(dialog.kind, kind)
    type_text(qtbot, dialog.title_edit, title)
    dialog.starts.set_value(begin.toPython())
    dialog.ends.set_value(begin.addSecs(hours * 3600).toPython())
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert not dialog.isVisible(), dialog.general_error.text()
    return events.selected_event_id()


def invite(qtbot, events, names: list[str]) -> None:
    events.events_table.setFocus()
    qtbot.keyClick(events.events_table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = events.dialog
    dialog.everyone.setChecked(True)
    for row in range(dialog.model.rowCount()):
        if dialog.model.row_at(row).full_name in names:
            dialog.model.setData(dialog.model.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Ok))


def import_csv(qtbot, window, tmp_path):  # noqa: ANN201
    from duo_desktop.views.import_dialog import ImportDialog

    path = tmp_path / "applications.csv"
    path.write_text(CSV, encoding="utf-8-sig")
    activate(qtbot, window)
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_I,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    [dialog] = [d for d in window.findChildren(ImportDialog) if d.isVisible()]
    assert dialog.branch.currentData() == "GNT"  # the working coordinator's branch, though ANT is listed first
    dialog.path_edit.setText(str(path))
    click(qtbot, dialog.check_button)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10_000)
    assert dialog.import_button.text() == "&Import 2 rows", dialog.summary.text()
    click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: "imported" in dialog.summary.text(), timeout=10_000)
    assert "2 participants imported." in dialog.summary.text()
    dialog.close()


def propose_on_the_board(qtbot, window, clock, mentee_id: int, gnt: int) -> None:
    board = go(qtbot, window, "matching")
    assert branch_filter(board).currentData() == gnt
    assert board.mentee_model.rowCount() == 1 and board.mentor_model.rowCount() == 1
    mime = board.mentee_model.mimeData([board.mentee_model.index(0)])
    assert mentee_id_of(mime) == mentee_id
    target = board.mentor_view.visualRect(board.mentor_model.index(0, 0)).center()
    drop = QDropEvent(QPointF(target), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    board.mentor_view.dropEvent(drop)
    assert drop.isAccepted(), board.banner.text()

    from duo_desktop.views.matching.dialogs import DecisionDialog, FirstMeetingDialog

    panel = board.proposals_panel
    board.tabs.setCurrentWidget(panel)
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))

    def meeting(d) -> None:  # noqa: ANN001
        d.when.set_value(QDateTime(QDate(2026, 3, 23), QTime(14, 0)).toPython())
        d.where.setText("Antenne Gent")

    run_dialog(qtbot, FirstMeetingDialog, lambda: click(qtbot, panel.meeting_button), meeting)
    clock.advance(days=4, hours=7)  # Monday 23 March, 16:00: they met
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    run_dialog(qtbot, DecisionDialog, lambda: click(qtbot, panel.mentor_button))
    run_dialog(qtbot, DecisionDialog, lambda: click(qtbot, panel.mentee_button))


def print_agreement(qtbot, window, tmp_path, monkeypatch) -> bytes:
    from duo_desktop.views.documents.agreement_dialog import AgreementDialog

    duos = go(qtbot, window, "duos")
    assert duos.model.rowCount() == 1
    rect = duos.table.visualRect(duos.model.index(0, 0))
    qtbot.mouseClick(duos.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(duos.table, Qt.Key.Key_Return)
    page = duos.page
    click(qtbot, page.buttons["print"])
    [dialog] = [d for d in window.findChildren(AgreementDialog) if d.isVisible()]
    pick(dialog.language, "nl")  # the language the letterhead was written for
    target = tmp_path / "agreement.pdf"
    monkeypatch.setattr("duo_desktop.views.save_dialog.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))
    click(qtbot, dialog.save_button)
    assert target.read_bytes() == stamp_created(dialog.pdf, window.context.clock.now())
    dialog.close()
    return target.read_bytes()


def test_a_new_branch_from_an_empty_database_to_its_first_agreement(qtbot, store, tmp_path, monkeypatch):
    clock = FixedClock.on(dt.date(2026, 3, 16))
    qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_main_window(store, clock=clock, qsettings=qsettings, language="en")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert read(store, programme.is_empty)

    # 1. welcome, wizard, two coordinators, "I am" the second
    set_up_by_keyboard(qtbot, window)
    assert not read(store, lambda s: programme.programme(s).is_demo)
    gnt = read(store, lambda s: branches.find_by_code(s, "GNT").id)
    assert "El Amrani" in window.coordinator_combo.currentText()
    me = window.context.coordinator_id

    # 2. the letterhead, and a second branch that sorts first
    settings_letterhead_and_a_second_branch(qtbot, window)
    ant = read(store, lambda s: branches.find_by_code(s, "ANT").id)
    assert ant != gnt and window.context.coordinator_id == me  # the new branch changed nobody's choice

    # 3. two intakes, by keyboard, in the working branch
    mentor_id = intake(qtbot, window, Role.MENTOR, MENTOR, "12/05/1961", gnt, lambda form: None)
    mentee_id = intake(qtbot, window, Role.MENTEE, MENTEE, "23/04/2001", gnt, mentee_extra)
    participants = window.current_screen()
    assert branch_filter(participants).currentData() == gnt and participants.model.rowCount() == 2
    assert read(store, lambda s: [s.get(Participant, i).coordinator_id for i in (mentor_id, mentee_id)]) == [me, me]

    # 4. an information session and a training on the Events screen; the mentor is trained
    events = go(qtbot, window, "events")
    assert branch_filter(events).currentData() == gnt
    session_id = plan(qtbot, events, EventKind.INFO_SESSION, "Infosessie maart",
                      QDateTime(QDate(2026, 3, 17), QTime(18, 0)), 2, gnt)
    invite(qtbot, events, [" ".join(MENTOR), " ".join(MENTEE)])
    branch_filter(events).setCurrentIndex(0)  # "All branches": a new event still belongs to the working one
    training_id = plan(qtbot, events, EventKind.TRAINING, "Mentoropleiding",
                       QDateTime(QDate(2026, 3, 18), QTime(9, 0)), 8, gnt)
    invite(qtbot, events, [" ".join(MENTOR)])
    clock.advance(days=3)  # Thursday 19 March: both took place
    events.refresh()
    assert events.events_model.rowCount() == 0  # the list starts today: both are past
    pick(events.period_filter, "past")
    events.select_event(session_id)
    tick_attended(qtbot, events, " ".join(MENTOR))
    tick_attended(qtbot, events, " ".join(MENTEE))
    events.select_event(training_id)
    tick_attended(qtbot, events, " ".join(MENTOR))
    assert read(store, lambda s: s.get(Participant, mentor_id).status) == S.READY_TO_MATCH

    from duo_desktop.views.participant_dialogs import StatusDialog

    participants = go(qtbot, window, "participants")
    assert participants.select(mentee_id)
    participants.table.setFocus()
    run_dialog(qtbot, StatusDialog,
               lambda: qtbot.keyClick(participants.table, Qt.Key.Key_S,
                                      Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
               lambda d: pick(d.status, S.READY_TO_MATCH))

    # 5. the import: its rows land in the working coordinator's branch
    import_csv(qtbot, window, tmp_path)
    imported = read(store, lambda s: s.execute(select(Participant.first_name, Participant.branch_id).where(
        Participant.id.not_in([mentor_id, mentee_id])).order_by(Participant.first_name)).all())
    assert [tuple(r) for r in imported] == [("Amadou", gnt), ("Zoë", gnt)]

    # 6. the proposal on the board, the first meeting, both say yes
    propose_on_the_board(qtbot, window, clock, mentee_id, gnt)
    duo = read(store, lambda s: s.scalars(select(Duo)).one())
    assert (duo.stage, duo.branch_id, duo.coordinator_id, duo.mentee_id, duo.mentor_id) == (
        DuoStage.AWAITING_AGREEMENT, gnt, me, mentee_id, mentor_id)

    # 7. the agreement, on the new branch's letterhead, under the organisation named in the wizard
    text = pdf_text(print_agreement(qtbot, window, tmp_path, monkeypatch))
    assert text.startswith("Samen Sterk vzw · DUO Gent vzw DUO for a JOB Gent Kortrijksesteenweg 1, 9000 Gent "
                           "Mentoringovereenkomst")
    assert "De coördinator van het duo: Youssef El Amrani, voor DUO Gent." in text  # the one chosen
    assert "Artikel 9. De mentor ontvangt geen vergoeding." in text
    assert "consulent van VDAB" in text  # the office chosen in the wizard
    # pypdf gives Arabic letters in their presentation forms: NFKC gives the letters typed
    assert "De mentee: محمد العلي De mentor: Joëlle Dubois-Lefèvre" in unicodedata.normalize("NFKC", text)
    assert "Convention" not in text and "Rue de" not in text
    window.close()
