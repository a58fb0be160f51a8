"""A coordinator's whole day, through the real main window: two intakes, an
information session and a training, the match on the board, the first
meeting, the agreement, the meetings, the alerts as the weeks pass, the end,
the evaluations and the outcome, then the reports. Every screen must see what
the others changed, without a restart.

DUO_JOURNEY_SHOTS=/some/folder saves screenshots of the way (fr and nl)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt, QTimer
from PySide6.QtGui import QDropEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox
from sqlalchemy import select

from duo_desktop import i18n
from duo_desktop.app import build_main_window
from duo_desktop.models import Duo, DuoStage, EventKind, OutcomeKind, Participant, ParticipantStatus, Role
from duo_desktop.services.clock import FixedClock
from duo_desktop.views.fonts import install_fonts
from duo_desktop.views.matching.mime import mentee_id_of

from . import factories as f

S = ParticipantStatus
SHOTS = Path(os.environ.get("DUO_JOURNEY_SHOTS", "")) if os.environ.get("DUO_JOURNEY_SHOTS") else None


# --- how a user acts ------------------------------------------------------------
def type_text(qtbot, widget, text: str) -> None:
    """Key presses into a widget; letters of other scripts arrive as key
    events carrying their text, as a keyboard layout for that script sends."""
    widget.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def pick(combo, data) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)


def on_modal(qtbot, cls, act, seen: list):
    """Act on the next modal dialog of ``cls`` once ``exec()`` shows it."""

    def handle(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, cls):
            seen.append(dialog)
            act(dialog)
        elif tries < 200:
            QTimer.singleShot(10, lambda: handle(tries + 1))

    QTimer.singleShot(0, handle)


def save_button(dialog):
    buttons = dialog.findChild(QDialogButtonBox)
    for kind in (QDialogButtonBox.StandardButton.Save, QDialogButtonBox.StandardButton.Ok):
        if buttons.button(kind) is not None:
            return buttons.button(kind)
    raise AssertionError("no Save or OK button")


def run_dialog(qtbot, cls, trigger, fill=lambda d: None) -> QDialog:
    """Click ``trigger`` (which opens a modal dialog), fill it, press Save."""
    seen: list = []

    def act(dialog) -> None:
        fill(dialog)
        qtbot.mouseClick(save_button(dialog), Qt.MouseButton.LeftButton)
        if dialog.isVisible():  # refused: say why instead of hanging
            dialog.reject()

    on_modal(qtbot, cls, act, seen)
    trigger()
    assert seen, f"no {cls.__name__} was shown"
    return seen[0]


def click(qtbot, button) -> None:
    assert button.isEnabled(), f"{button.text()!r} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def activate(qtbot, window) -> None:
    """The user clicks back into the main window (offscreen Qt does not move the activation itself)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _report_values(reports) -> dict[str, str]:  # noqa: ANN001
    """Figure key -> the value the Reports screen shows."""
    model = reports.model
    return {model.index(r, 0).data(Qt.ItemDataRole.UserRole): model.index(r, 1).data() for r in range(model.rowCount())}


def go(qtbot, window, key: str):
    """Click the screen's entry in the navigation list."""
    from duo_desktop.views.screens import SCREENS

    activate(qtbot, window)
    row = [entry[0] for entry in SCREENS].index(key)
    rect = window.nav.visualItemRect(window.nav.item(row))
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_screen().key == key
    from duo_desktop.views.ops import wait_for_tasks

    wait_for_tasks()  # screens that load in the background (the matching board) show their data
    return window.current_screen()


def shot(window, name: str) -> None:
    if SHOTS is not None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        QApplication.processEvents()  # the layouts settle after a language switch, as on screen
        window.grab().save(str(SHOTS / f"{name}-{i18n.current_language()}.png"))


def open_first_duo(qtbot, duos) -> None:
    """Click the first duo of the list, then Enter opens its page."""
    rect = duos.table.visualRect(duos.model.index(0, 0))
    qtbot.mouseClick(duos.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(duos.table, Qt.Key.Key_Return)
    assert duos.stack.currentWidget().widget() is duos.page


def status_shown(participants, participant_id: int) -> str:
    """The status column of a participant's row in the list."""
    return participants.model.index(participants.model.row_of(participant_id), 4).data()


# --- the steps --------------------------------------------------------------------
def intake(qtbot, window, role: Role, first: str, last: str, born: str, extra) -> int:  # noqa: ANN001
    from duo_desktop.views.intake.window import IntakeWindow

    before = set(w for w in window.findChildren(IntakeWindow))
    participants = window.current_screen()
    assert participants.key == "participants"
    activate(qtbot, window)
    participants.table.setFocus()
    qtbot.keyClick(participants.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    opened = [w for w in window.findChildren(IntakeWindow) if w not in before and w.isVisible()]
    assert len(opened) == 1, "Ctrl+N on the participants screen opens the intake window"
    intake_window = opened[0]
    qtbot.waitExposed(intake_window)
    intake_window.activateWindow()
    qtbot.waitUntil(intake_window.isActiveWindow)
    form = intake_window.form
    pick(form.role, role.value)
    type_text(qtbot, form.inputs["first_name"], first)
    type_text(qtbot, form.inputs["last_name"], last)
    type_text(qtbot, form.inputs["birth_date"], born)
    type_text(qtbot, form.inputs["phone"], "0470 12 34 56" if role is Role.MENTEE else "0485 65 43 21")
    type_text(qtbot, form.inputs["postal_code"], "1000")
    type_text(qtbot, form.inputs["municipality"], "Bruxelles")
    for code, level in (("fr", "fluent"), ("nl", "intermediate")):
        pick(form.languages.language, code)
        pick(form.languages.level, level)
        click(qtbot, form.languages.add_button)
    for row in range(form.sectors.count()):
        if form.sectors.item(row).data(Qt.ItemDataRole.UserRole) == "logistics":
            form.sectors.item(row).setCheckState(Qt.CheckState.Checked)
    form.availability.item(0, 0).setCheckState(Qt.CheckState.Checked)  # Monday morning
    form.availability.item(1, 2).setCheckState(Qt.CheckState.Checked)  # Wednesday afternoon
    extra(qtbot, form)
    form.consent.setChecked(True)
    qtbot.keyClick(form.inputs["first_name"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not intake_window.isVisible(), intake_window.status.text()
    with window.context.store.session() as s:
        return s.scalars(select(Participant.id).where(Participant.first_name == first)).one()


def mentee_extra(qtbot, form) -> None:  # noqa: ANN001
    type_text(qtbot, form.inputs["professional_project"], "Cariste")
    for combo in (form.non_eu, form.permit_work, form.registered):
        pick(combo, "yes")
    pick(form.office, "actiris")


def plan_event(qtbot, events, kind: EventKind, title: str, start: dt.datetime, hours: int) -> int:
    events.events_table.setFocus()
    qtbot.keyClick(events.events_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = events.dialog
    assert dialog is not None and dialog.isVisible()
    pick(dialog.kind, kind)
    type_text(qtbot, dialog.title_edit, title)
    dialog.starts.set_value(start)
    dialog.ends.set_value(start + dt.timedelta(hours=hours))
    click(qtbot, dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert not dialog.isVisible(), dialog.general_error.text()
    return events.selected_event_id()


def tick_attended(qtbot, events, name: str) -> None:
    model, table = events.attendance_model, events.attendance_table
    row = next(r for r in range(model.rowCount()) if model.row_at(r).full_name == name)
    table.setFocus()
    table.setCurrentIndex(model.index(row, 0))
    qtbot.keyClick(table, Qt.Key.Key_Space)


@pytest.fixture
def journey(qtbot, store, qapp, monkeypatch):
    install_fonts(qapp)
    with store.transaction() as s:
        branch = f.branch(s)
        f.coordinator(s, branch)
    clock = FixedClock.on(dt.date(2026, 3, 16))  # Monday 16 March 2026, 9:00
    window = build_main_window(store, clock=clock, language="fr")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    yield window, clock
    window.close()


def test_a_coordinators_day_through_every_screen(qtbot, journey):
    window, clock = journey
    store = window.context.store

    # the coordinator glances at the reports first thing in the morning: nothing yet
    reports = go(qtbot, window, "reports")
    qtbot.waitUntil(lambda: reports.report is not None, timeout=10_000)
    assert _report_values(reports)["duos_started"] == "0"
    assert "16 mars 2026" in reports.heading.text()
    go(qtbot, window, "participants")

    # 1. two intakes; the participants list and its counts follow at once
    participants = window.current_screen()
    assert participants.key == "participants" and participants.model.rowCount() == 0
    mentor_id = intake(qtbot, window, Role.MENTOR, "Joëlle", "Dubois", "12/05/1961", lambda qtbot, form: None)
    assert participants.model.rowCount() == 1
    assert participants.strip.count_text(S.INTAKE_DONE).endswith("(1)")
    mentee_id = intake(qtbot, window, Role.MENTEE, "محمد", "العلي", "23/04/2001", mentee_extra)
    assert participants.model.rowCount() == 2
    assert participants.strip.count_text(S.INTAKE_DONE).endswith("(2)")
    assert participants.strip.count_text(None) == "Tous (2)"

    # 2. an information session and a training; attendance ticked two days later
    events = go(qtbot, window, "events")
    session_id = plan_event(qtbot, events, EventKind.INFO_SESSION, "Séance d'information de mars",
                            dt.datetime(2026, 3, 17, 18, 0), 2)
    assert events.events_model.rowCount() == 1
    events.events_table.setFocus()
    qtbot.keyClick(events.events_table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    invite = events.dialog
    invite.everyone.setChecked(True)  # both had their intake already
    assert invite.model.rowCount() == 2
    for row in range(2):
        invite.model.setData(invite.model.index(row, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    click(qtbot, invite.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert events.attendance_model.rowCount() == 2
    training_id = plan_event(qtbot, events, EventKind.TRAINING, "Formation initiale des mentors",
                             dt.datetime(2026, 3, 18, 9, 0), 8)
    assert events.events_model.rowCount() == 2 and training_id != session_id
    events.events_table.setFocus()
    qtbot.keyClick(events.events_table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    invite = events.dialog
    assert [invite.model.row_at(r).full_name for r in range(invite.model.rowCount())] == ["Joëlle Dubois"]
    invite.model.setData(invite.model.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    click(qtbot, invite.buttons.button(QDialogButtonBox.StandardButton.Ok))

    clock.advance(days=3)  # Thursday 19 March: both events took place
    events.refresh()  # F5, as the coordinator coming back to the screen would see it
    # the list starts today (issue 17): the past events are one choice away
    from duo_desktop.services.events import Period

    events.period_filter.setCurrentIndex(events.period_filter.findData(Period.ALL))
    events.select_event(session_id)
    tick_attended(qtbot, events, "Joëlle Dubois")
    tick_attended(qtbot, events, "محمد العلي")
    assert "Présents\u202f: 2" in events.counts_label.text()
    events.select_event(training_id)
    tick_attended(qtbot, events, "Joëlle Dubois")
    assert "Prêt" in events.message.text(), events.message.text()

    participants = go(qtbot, window, "participants")
    assert participants.strip.count_text(S.READY_TO_MATCH).endswith("(1)")
    assert participants.strip.count_text(S.INTAKE_DONE).endswith("(1)")
    assert status_shown(participants, mentor_id) == "Prêt·e pour un duo"
    # the mentee is ready too: the coordinator moves the status on
    assert participants.select(mentee_id)
    from duo_desktop.views.participant_dialogs import StatusDialog

    activate(qtbot, window)
    participants.table.setFocus()
    run_dialog(qtbot, StatusDialog,
               lambda: qtbot.keyClick(participants.table, Qt.Key.Key_S,
                                      Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
               lambda d: pick(d.status, S.READY_TO_MATCH))
    assert participants.strip.count_text(S.READY_TO_MATCH).endswith("(2)")

    # 3. the matching board: drop the mentee on the mentor, undo, redo
    board = go(qtbot, window, "matching")
    assert board.mentee_model.rowCount() == 1 and board.mentor_model.rowCount() == 1
    target = board.mentor_view.visualRect(board.mentor_model.index(0, 0)).center()
    mime = board.mentee_model.mimeData([board.mentee_model.index(0)])  # what a drag from the card carries
    assert mentee_id_of(mime) == mentee_id
    drop = QDropEvent(QPointF(target), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    board.mentor_view.dropEvent(drop)  # the drop handler
    assert drop.isAccepted(), board.banner.text()

    def stages():
        with store.session() as s:
            return [d.stage for d in s.scalars(select(Duo))]

    assert stages() == [DuoStage.PROPOSED]
    click(qtbot, board.undo_button)
    assert stages() == []
    click(qtbot, board.redo_button)
    assert stages() == [DuoStage.PROPOSED]
    assert board.mentee_model.rowCount() == 0  # no longer in the pool

    from duo_desktop.views.matching.dialogs import DecisionDialog, FirstMeetingDialog

    panel = board.proposals_panel
    board.tabs.setCurrentWidget(panel)
    assert panel.tree.topLevelItemCount() == 1
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))

    def meeting(d) -> None:
        d.when.set_value(dt.datetime(2026, 3, 23, 14, 0))
        d.where.setText("Antenne de Bruxelles")

    run_dialog(qtbot, FirstMeetingDialog, lambda: click(qtbot, panel.meeting_button), meeting)
    assert stages() == [DuoStage.FIRST_MEETING_PLANNED]
    clock.advance(days=4, hours=7)  # Monday 23 March, 16:00: the first meeting took place
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    run_dialog(qtbot, DecisionDialog, lambda: click(qtbot, panel.mentor_button))
    run_dialog(qtbot, DecisionDialog, lambda: click(qtbot, panel.mentee_button))
    assert stages() == [DuoStage.AWAITING_AGREEMENT]
    assert "signature" in board.banner.text()

    participants = go(qtbot, window, "participants")
    assert participants.strip.count_text(S.IN_DUO).endswith("(2)")
    assert participants.strip.count_text(S.READY_TO_MATCH).endswith("(0)")
    assert status_shown(participants, mentee_id) == "En duo"
    shot(window, "0-participants")

    # 4. the duos screen shows the duo awaiting its agreement, without a restart
    duos = go(qtbot, window, "duos")
    assert duos.stage.currentText() == "En cours"  # the default: the agreement to sign and the active duos
    assert duos.model.rowCount() == 1
    assert duos.model.index(0, 2).data() == "En attente de la convention"
    shot(window, "1-duos-list")
    assert duos.model.index(0, 0).data() == "محمد العلي" and duos.model.index(0, 1).data() == "Joëlle Dubois"
    rect = duos.table.visualRect(duos.model.index(0, 0))
    # a double click (QTest sends only its second press: the first click is sent before it)
    qtbot.mouseClick(duos.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(duos.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    page = duos.page
    assert duos.stack.currentWidget().widget() is page and page.isVisible()
    assert page.fields["stage"][1].text() == "En attente de la convention"
    assert page.fields["agreement"][1].text() == "pas encore signée"

    from duo_desktop.views.duo_dialogs import (AgreementDialog, CheckInDialog, EndDuoDialog, EvaluationDialog,
                                               OutcomeDialog)
    from duo_desktop.views.meeting_week_dialog import MeetingWeekDialog

    run_dialog(qtbot, AgreementDialog, lambda: click(qtbot, page.buttons["sign"]))
    assert page.fields["stage"][1].text() == "Actif"
    assert page.fields["agreement"][1].text().startswith("signée le 23 mars 2026 (français), fin prévue le 23 septembre 2026")
    assert not page.buttons["sign"].isEnabled() and page.buttons["meeting"].isEnabled()
    run_dialog(qtbot, MeetingWeekDialog, lambda: click(qtbot, page.buttons["meeting"]))
    assert "1 rencontre" in page.status.text()
    assert not page.alerts.isVisible()

    # back to the list: the active duo is listed with its meeting, nothing is due yet
    click(qtbot, page.back)
    assert duos.model.rowCount() == 1 and duos.model.index(0, 5).data() == "1"
    assert duos.today.topLevelItem(0).text(0) == "Rien à faire aujourd’hui."

    # a fortnight and a day later: no meeting logged, no check-in
    clock.advance(days=16)  # Wednesday 8 April
    activate(qtbot, window)
    qtbot.keyClick(duos.table, Qt.Key.Key_F5)
    assert duos.model.index(0, 3).data() != ""
    due = duos.today.topLevelItem(0)
    assert due.text(0).endswith("(2)"), due.text(0)
    open_first_duo(qtbot, duos)
    assert duos.stack.currentWidget().widget() is page
    alerts = page.alerts.text()
    assert alerts == "⚠ Aucune rencontre notée depuis 16 jours\n⚠ Pas de point de suivi depuis 16 jours"
    shot(window, "1-duo-alerts")

    # 6. halfway, the language switches: the texts follow at once
    window.language_actions["nl"].trigger()
    assert window.nav.item(2).text() == "Duo’s"
    assert page.buttons["sign"].text() == "Overeenkomst ondertekenen…"
    assert "Geen ontmoeting genoteerd sinds 16 dagen" in page.alerts.text() or "16 dagen" in page.alerts.text()
    assert page.fields["stage"][1].text() == "Actief"
    # the other screens say nothing more in French (their last messages go; the board gives its hint)
    assert events.message.text() == "" and participants.message.text() == ""
    assert board.banner.text().startswith("Sleep een mentee")
    shot(window, "1-duo-alerts")
    window.language_actions["en"].trigger()
    assert window.nav.item(2).text() == "Duos"
    assert page.buttons["sign"].text() == "Sign agreement…"
    assert "No meeting logged for 16 days" in page.alerts.text()
    window.language_actions["fr"].trigger()
    assert page.buttons["sign"].text() == "Signer la convention…"

    # a check-in by phone and the week's meetings: the alerts go
    run_dialog(qtbot, CheckInDialog, lambda: click(qtbot, page.buttons["check_in"]))
    assert "Pas de point de suivi" not in page.alerts.text()
    assert "Aucune rencontre" in page.alerts.text()
    click(qtbot, page.back)
    run_dialog(qtbot, MeetingWeekDialog, lambda: click(qtbot, duos.week_button),
               lambda d: d.rows[0].held.setChecked(True))
    assert duos.model.index(0, 5).data() == "2"
    assert duos.model.index(0, 3).data() == ""
    assert duos.today.topLevelItem(0).text(0) == "Rien à faire aujourd’hui."

    # the six months: the duo ends, both evaluate it, the mentee found a job
    clock.advance(days=168)  # Wednesday 23 September
    activate(qtbot, window)
    qtbot.keyClick(duos.table, Qt.Key.Key_F5)
    open_first_duo(qtbot, duos)
    assert "Les six mois" in page.alerts.text(), page.alerts.text()
    run_dialog(qtbot, EndDuoDialog, lambda: click(qtbot, page.buttons["end"]))
    assert page.fields["stage"][1].text() == "Terminé"
    assert page.alerts.text() == "⚠ Évaluation de fin à faire\u202f: Mentor, Mentoré·e"
    run_dialog(qtbot, EvaluationDialog, lambda: click(qtbot, page.buttons["eval_mentee"]))
    run_dialog(qtbot, EvaluationDialog, lambda: click(qtbot, page.buttons["eval_mentor"]),
               lambda d: d.wants_new_duo_yes.setChecked(True))
    assert not page.alerts.isVisible(), page.alerts.text()

    def job(d) -> None:
        pick(d.kind, OutcomeKind.JOB)
        pick(d.sector, "logistics")

    run_dialog(qtbot, OutcomeDialog, lambda: click(qtbot, page.buttons["outcome"]), job)
    assert page.status.text() == "Résultat enregistré."
    shot(window, "2-duo-ended")

    participants = go(qtbot, window, "participants")
    assert participants.strip.count_text(S.ALUMNI).endswith("(1)")
    assert participants.strip.count_text(S.READY_TO_MATCH).endswith("(1)")  # the mentor, for a new duo
    assert participants.strip.count_text(S.IN_DUO).endswith("(0)")
    assert status_shown(participants, mentee_id) == "Parcours terminé"
    board = go(qtbot, window, "matching")  # the mentor is back in the pool for a new duo
    assert [board.mentor_model.profile(r).id for r in range(board.mentor_model.rowCount())] == [mentor_id]
    assert board.mentee_model.rowCount() == 0

    # 5. the reports count the duo
    assert go(qtbot, window, "reports") is reports
    reports.pickers.kind.setCurrentIndex(2)  # the whole year 2026
    qtbot.waitUntil(lambda: reports.report is not None and reports.report.period.end.isoformat() == "2026-12-31",
                    timeout=10_000)
    assert "23 septembre 2026" in reports.heading.text()
    values = _report_values(reports)
    assert values["duos_started"] == "1" and values["duos_ended"] == "1", values
    assert values["duos_active"] == "1"  # it ran during the year
    assert values["positive_at_end"] == "100\u00a0%", values
    shot(window, "3-reports")
    if SHOTS is not None:
        window.language_actions["nl"].trigger()
        qtbot.waitUntil(lambda: not reports._stale, timeout=10_000)
        shot(window, "3-reports")
        go(qtbot, window, "duos")
        shot(window, "2-duo-ended")
        click(qtbot, duos.page.back)
        shot(window, "1-duos-list")
        go(qtbot, window, "participants")
        shot(window, "0-participants")
        window.language_actions["fr"].trigger()
