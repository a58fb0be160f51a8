"""The audit trail screen (issue 12): filters by person, record,
coordinator, period and kind of action; read-only; opened from the menu."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QAbstractItemView

from duo_desktop.models import Participant, ParticipantStatus
from duo_desktop.services import audit, pipeline
from duo_desktop.views.audit_screen import AuditScreen
from duo_desktop.views.main_window import MainWindow
from tests import factories as f


def _trail(store):
    """Two coordinators; Ana changes person 1 on 2 March, Ben person 2 on 10 March; a print of both."""
    with store.transaction() as s:
        b = f.branch(s)
        ana, ben = f.coordinator(s, b, "Ana", "Alpha"), f.coordinator(s, b, "Ben", "Bravo")
        one, two = f.participant(s, b, first="Uno"), f.participant(s, b, first="Due")
        ids = (ana.id, ben.id, one.id, two.id)
    for who, person, day in ((ids[0], ids[2], dt.datetime(2026, 3, 2, 10)),
                             (ids[1], ids[3], dt.datetime(2026, 3, 10, 10))):
        with store.transaction() as s:
            audit.bind(s, who, day)
            pipeline.change_status(s, s.get(Participant, person), ParticipantStatus.WITHDRAWN, day.date())
    with store.transaction() as s:
        audit.record_output(s, "print", "attendance_sheet", dt.datetime(2026, 3, 11, 9), ids[1],
                            participant_ids=[ids[2], ids[3]], event_ids=[7])
    return ids


def shown(screen) -> list[tuple[str, ...]]:
    m = screen.model
    return [tuple(m.index(r, c).data() for c in range(m.columnCount())) for r in range(m.rowCount())]


def test_filters_by_person_coordinator_period_and_action(qtbot, qtmodeltester, app_context):
    ana, ben, one, two = _trail(app_context.store)
    screen = AuditScreen(None, app_context)
    qtbot.addWidget(screen)
    qtmodeltester.check(screen.model)
    everything = len(shown(screen))
    assert everything >= 5  # the creations, two status changes, one print

    screen.person.setText(str(one))
    assert screen.refresh()
    rows = shown(screen)
    assert {r[2] for r in rows} == {"créé", "statut modifié", "imprimé"}
    assert all("Bravo" not in r[1] or r[2] == "imprimé" for r in rows)
    assert any(r[3] == "liste de présence (3 fiches)" for r in rows)

    screen.clear_filters()
    screen.coordinator.setCurrentIndex(screen.coordinator.findData(ben))
    screen.refresh()
    assert {r[1] for r in shown(screen)} == {"Ben Bravo"} and len(shown(screen)) == 3  # status, its row, print

    screen.clear_filters()
    screen.since.line.setText("05/03/2026")
    screen.until.line.setText("10/03/2026")
    screen.refresh()
    rows = shown(screen)
    assert rows and all(r[0].startswith("10 mars 2026") for r in rows)
    assert f"participant·e n°\u00a0{two}" in {r[3] for r in rows}

    screen.clear_filters()
    screen.action.setCurrentIndex(screen.action.findData("print"))
    screen.refresh()
    assert [r[2] for r in shown(screen)] == ["imprimé"]

    screen.clear_filters()
    screen.record_kind.setCurrentIndex(screen.record_kind.findData("participant"))
    screen.record_id.setText(str(two))
    screen.refresh()
    assert {r[3] for r in shown(screen)} == {f"participant·e n°\u00a0{two}"}
    assert len(shown(screen)) == 2


def test_a_filter_that_cannot_be_read_is_named_and_the_list_is_kept(qtbot, app_context):
    _trail(app_context.store)
    screen = AuditScreen(None, app_context)
    qtbot.addWidget(screen)
    before = shown(screen)
    screen.person.setText("Uno")
    assert not screen.refresh()
    assert not screen.problem.isHidden() and "Personne" in screen.problem.text()
    assert shown(screen) == before
    screen.person.clear()
    screen.since.line.setText("31/02/2026")
    assert not screen.refresh()
    assert "Période" in screen.problem.text()


def test_the_screen_is_read_only_and_opens_from_the_file_menu(qtbot, app_context):
    _trail(app_context.store)
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    assert window.audit_action in window.file_menu.actions()
    window.audit_action.trigger()
    screen = window.findChild(AuditScreen)
    assert screen is not None and screen.isVisible()
    assert screen.table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not screen.model.flags(screen.model.index(0, 0)) & screen.model.flags(
        screen.model.index(0, 0)).ItemIsEditable
    screen.close()
