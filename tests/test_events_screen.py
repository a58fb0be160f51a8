"""The Events screen driven with the keyboard: plan an event, invite, tick
attendance, correct it, delete; retranslated on a language switch."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt

from duo_desktop import i18n
from duo_desktop.models import AttendanceStatus as A
from duo_desktop.models import EventKind, Role
from duo_desktop.models import ParticipantStatus as S
from duo_desktop.services import attendance as att
from duo_desktop.services import events as ev
from duo_desktop.views.events_screen import EventsScreen

from . import factories as f

NAMES = [("محمد", "العلي"), ("ሰላም", "ተስፋይ"), ("Фатима", "Иванова"), ("Joëlle", "Dubois")]


def _populate(store, clock):
    with store.transaction() as s:
        b = f.branch(s)
        people = [f.participant(s, b, first=first, last=last, status=S.APPLICANT).id for first, last in NAMES]
        f.participant(s, b, role=Role.MENTOR, status=S.INTAKE_DONE, first="Jean", last="Lefèvre")
        start = dt.datetime.combine(clock.today(), dt.time(8, 0))  # this morning
        held = ev.create_event(s, ev.EventInput(b.id, EventKind.INFO_SESSION, start, start + dt.timedelta(hours=1),
                                                title="Séance de mars", capacity=10), clock.now())
        return b.id, held, people


def _screen(qtbot, app_context):
    screen = EventsScreen(app_context)
    qtbot.addWidget(screen)
    screen.resize(1200, 700)
    screen.show()
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    screen.refresh()
    screen.events_table.setFocus()
    return screen


def _status_of(store, event_id):
    with store.session() as s:
        return {line.full_name: line.status for line in att.attendance_list(s, event_id)}


def test_create_an_event_with_bad_input_then_good(qtbot, app_context):
    branch_id, _held, _people = _populate(app_context.store, app_context.clock)
    screen = _screen(qtbot, app_context)
    assert screen.events_model.rowCount() == 1
    qtbot.keyClick(screen.events_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.editing.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.title_edit, "Formation initiale")
    dialog.kind.setCurrentIndex(dialog.kind.findData(EventKind.TRAINING))
    start = dt.datetime(2026, 4, 6, 9, 0)
    dialog.starts.set_value(start)
    dialog.ends.set_value(start - dt.timedelta(hours=1))  # ends before it starts
    dialog.capacity.setValue(12)
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()  # refused: the dialog stays open, nothing typed is lost
    assert dialog.errors["ends_at"].isVisible()
    assert "postérieure au début" in dialog.errors["ends_at"].text()
    assert not dialog.errors["capacity"].isVisible()
    assert dialog.title_edit.text() == "Formation initiale"
    dialog.ends.set_value(start + dt.timedelta(hours=4))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert not dialog.general_error.isVisible(), dialog.general_error.text()
    assert {k: e.text() for k, e in dialog.errors.items() if e.isVisible()} == {}
    assert not dialog.isVisible()
    assert screen.events_model.rowCount() == 2
    assert "Enregistré" in screen.message.text()
    with app_context.store.session() as s:
        rows = ev.list_events(s, app_context.clock.now(), kind=EventKind.TRAINING)
    assert [(r.title, r.starts_at, r.capacity) for r in rows] == [
        ("Formation initiale", dt.datetime(2026, 4, 6, 9), 12)]
    assert screen.selected_event_id() == rows[0].id


def test_capacity_below_the_registered_is_refused_at_the_field(qtbot, app_context):
    _branch, held, people = _populate(app_context.store, app_context.clock)
    with app_context.store.transaction() as s:
        ev.invite(s, held, people[:3], app_context.clock.now(), status=A.REGISTERED)
    screen = _screen(qtbot, app_context)
    screen.select_event(held)
    dialog = screen.editing.edit_event()
    dialog.capacity.setValue(2)
    dialog.save()
    assert dialog.isVisible() and dialog.errors["capacity"].isVisible()
    assert "3" in dialog.errors["capacity"].text()
    dialog.reject()


def test_invite_then_tick_attendance_with_the_keyboard(qtbot, app_context, monkeypatch):
    _branch, held, _people = _populate(app_context.store, app_context.clock)
    screen = _screen(qtbot, app_context)
    screen.select_event(held)
    screen.events_table.setFocus()
    qtbot.keyClick(screen.events_table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    dialog = screen.editing.dialog
    assert dialog.model.rowCount() == 4  # the applicants; the mentor after intake waits for a training
    qtbot.keyClicks(dialog.search, "joelle")
    assert [dialog.model.row_at(r).full_name for r in range(dialog.model.rowCount())] == ["Joëlle Dubois"]
    dialog.search.clear()
    dialog.table.setFocus()
    for _ in range(3):  # tick three people with Space, moving down with the arrow key
        qtbot.keyClick(dialog.table, Qt.Key.Key_Space)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
    assert len(dialog.model.ticked) == 3
    assert "3" in dialog.buttons.button(dialog.buttons.StandardButton.Ok).text()
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert not dialog.isVisible()
    assert screen.attendance_model.rowCount() == 3

    table = screen.attendance_table
    table.setFocus()
    table.setCurrentIndex(screen.attendance_model.index(0, 0))
    first = screen.attendance_model.row_at(0).full_name
    second = screen.attendance_model.row_at(1).full_name
    qtbot.keyClick(table, Qt.Key.Key_Space)  # attended; the cursor stays on the row (the hint says so)
    assert table.currentIndex().row() == 0
    assert "Séance d’information suivie" in screen.message.text()  # the status change is said
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_5)  # excused
    statuses = _status_of(app_context.store, held)
    assert statuses[first] is A.ATTENDED and statuses[second] is A.EXCUSED
    assert screen.attendance_model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert "Présents\u202f: 1" in screen.counts_label.text()

    # a slip: the first person did not come. The coordinator chooses to put the status back.
    asked = []
    monkeypatch.setattr(screen.attendance, "ask_undo_status", lambda info: asked.append(info) or True)
    table.setCurrentIndex(screen.attendance_model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Space)
    assert len(asked) == 1 and asked[0].status is S.INFO_SESSION_ATTENDED
    assert _status_of(app_context.store, held)[first] is A.ABSENT
    with app_context.store.session() as s:
        line = next(x for x in att.attendance_list(s, held) if x.full_name == first)
    assert line.participant_status is S.APPLICANT

    qtbot.mouseClick(screen.absent_action.associatedObjects()[-1], Qt.MouseButton.LeftButton)
    assert set(_status_of(app_context.store, held).values()) == {A.ABSENT, A.EXCUSED}


def test_space_down_space_marks_two_consecutive_rows_as_the_hint_says(qtbot, app_context):
    _branch, held, people = _populate(app_context.store, app_context.clock)
    with app_context.store.transaction() as s:
        ev.invite(s, held, people[:3], app_context.clock.now())
    screen = _screen(qtbot, app_context)
    screen.select_event(held)
    table, model = screen.attendance_table, screen.attendance_model
    assert model.rowCount() == 3
    names = [model.row_at(r).full_name for r in range(3)]
    table.setFocus()
    table.setCurrentIndex(model.index(0, 0))
    for key in (Qt.Key.Key_Space, Qt.Key.Key_Down, Qt.Key.Key_Space):
        qtbot.keyClick(table, key)
    statuses = _status_of(app_context.store, held)
    assert [statuses[n] for n in names] == [A.ATTENDED, A.ATTENDED, A.INVITED]
    assert table.currentIndex().row() == 1
    assert "le curseur y reste" in screen.detail.keys_hint.text()


def test_delete_asks_and_is_refused_once_attendance_is_recorded(qtbot, app_context, monkeypatch):
    branch_id, held, people = _populate(app_context.store, app_context.clock)
    with app_context.store.transaction() as s:
        start = dt.datetime(2026, 5, 4, 18)
        planned = ev.create_event(s, ev.EventInput(branch_id, EventKind.INFO_SESSION, start), app_context.clock.now())
        ev.invite(s, planned, people[:2], app_context.clock.now())
        ev.invite(s, held, people[:1], app_context.clock.now())
        att.set_attendance(s, held, people[0], A.ATTENDED, app_context.clock.now())
    screen = _screen(qtbot, app_context)
    questions = []
    monkeypatch.setattr(screen.editing, "confirm", lambda title, text: questions.append(text) or True)
    screen.select_event(held)
    screen.editing.delete_event()
    assert questions == [] and "ne peut pas être supprimé" in screen.message.text()
    screen.select_event(planned)
    screen.editing.delete_event()
    assert "2 personnes" in questions[0]  # the consequence is said before deleting
    assert screen.events_model.row_of(planned) == -1


def test_attendance_sheet_is_requested_with_ctrl_p(qtbot, app_context):
    _branch, held, _people = _populate(app_context.store, app_context.clock)
    screen = _screen(qtbot, app_context)
    screen.select_event(held)
    screen.events_table.setFocus()
    with qtbot.waitSignal(screen.attendance_sheet_requested, timeout=1000) as signal:
        qtbot.keyClick(screen.events_table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert signal.args == [held]


def test_switching_language_retranslates_the_screen(qtbot, app_context):
    _branch, held, _people = _populate(app_context.store, app_context.clock)
    screen = _screen(qtbot, app_context)
    screen.select_event(held)
    header = screen.events_model.headerData(2, Qt.Orientation.Horizontal)
    assert header == "Type"
    assert screen.events_model.index(0, 2).data() == "Séance d’information"
    i18n.set_language("nl")
    assert screen.events_model.index(0, 2).data() == "Infosessie"
    assert screen.tabs.tabText(1) == "Intervisies per mentor"
    assert screen.sheet_action.text() == "Aanwezigheids&lijst…"
    i18n.set_language("en")
    assert screen.tabs.tabText(1) == "Intervisions per mentor"
    assert "Attended: 0" in screen.counts_label.text()


def test_intervision_counts_are_shown_per_mentor(qtbot, app_context, qtmodeltester):
    with app_context.store.transaction() as s:
        b = f.branch(s)
        mentor = f.participant(s, b, role=Role.MENTOR, status=S.IN_DUO, first="Фатима", last="Иванова")
        for day in (dt.date(2026, 2, 2), dt.date(2026, 3, 2)):
            start = dt.datetime.combine(day, dt.time(14))
            eid = ev.create_event(s, ev.EventInput(b.id, EventKind.INTERVISION, start), app_context.clock.now())
            ev.invite(s, eid, [mentor.id], app_context.clock.now())
            att.set_attendance(s, eid, mentor.id, A.ATTENDED, app_context.clock.now())
    screen = _screen(qtbot, app_context)
    screen.tabs.setCurrentIndex(1)  # read when the tab is shown
    model = screen.intervision_model
    assert [model.index(0, c).data() for c in range(3)] == ["Фатима Иванова", "En duo", "2"]
    qtmodeltester.check(model)


def test_item_models_pass_the_model_tester(qtbot, app_context, qtmodeltester):
    _branch, held, people = _populate(app_context.store, app_context.clock)
    with app_context.store.transaction() as s:
        ev.invite(s, held, people, app_context.clock.now())
    screen = _screen(qtbot, app_context)
    screen.select_event(held)
    screen.tabs.setCurrentIndex(1)
    dialog = screen.editing.invite()
    dialog.everyone.setChecked(True)
    for model in (screen.events_model, screen.attendance_model, screen.intervision_model, dialog.model):
        qtmodeltester.check(model)
    dialog.reject()


def test_ticking_with_the_mouse_records_attendance_too(qtbot, app_context):
    _branch, held, people = _populate(app_context.store, app_context.clock)
    with app_context.store.transaction() as s:
        ev.invite(s, held, people[:2], app_context.clock.now(), status=A.REGISTERED)
    screen = _screen(qtbot, app_context)
    screen.select_event(held)
    table = screen.attendance_table
    name = screen.attendance_model.row_at(1).full_name
    rect = table.visualRect(screen.attendance_model.index(1, 0))
    box = rect.topLeft() + QPoint(12, rect.height() // 2)  # the tick box at the start of the name cell
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=box)
    assert _status_of(app_context.store, held)[name] is A.ATTENDED
    assert screen.attendance_model.index(1, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def _announcements(app_context):
    heard = []
    app_context.hub.changed.connect(lambda changes, initiator: heard.append((changes, initiator)))
    return heard


def test_changes_are_announced_with_the_screen_as_initiator_and_what_they_changed(qtbot, app_context):
    from duo_desktop.views.context import Changes

    _branch, held, people = _populate(app_context.store, app_context.clock)
    with app_context.store.transaction() as s:
        ev.invite(s, held, people[:2], app_context.clock.now())
    screen = _screen(qtbot, app_context)
    heard = _announcements(app_context)
    reloads = []
    screen.refresh = lambda: reloads.append(True)  # its own echo must not reload the whole screen
    screen.select_event(held)
    first, second = (screen.attendance_model.row_at(r).participant_id for r in range(2))
    assert screen.attendance.change(first, A.REGISTERED)  # the list changes, no status moves
    assert heard == [(Changes.EVENTS, screen)]
    assert screen.attendance.change(second, A.ATTENDED)  # an applicant attends: their status moves too
    assert heard[-1] == (Changes.EVENTS | Changes.PARTICIPANTS, screen)
    assert screen.attendance_model.row_at(1).participant_status is S.INFO_SESSION_ATTENDED
    dialog = screen.editing.new_event()
    dialog.title_edit.setText("Intervision d’avril")
    dialog.save()
    assert heard[-1] == (Changes.EVENTS, screen) and len(heard) == 3
    assert screen.events_model.rowCount() == 2 and reloads == []


def test_a_refused_change_says_why_in_the_interface_language_and_announces_nothing(qtbot, app_context):
    branch_id, _held, people = _populate(app_context.store, app_context.clock)
    with app_context.store.transaction() as s:
        start = dt.datetime(2026, 5, 4, 18)
        planned = ev.create_event(s, ev.EventInput(branch_id, EventKind.INFO_SESSION, start), app_context.clock.now())
        ev.invite(s, planned, people[:1], app_context.clock.now())
    screen = _screen(qtbot, app_context)
    heard = _announcements(app_context)
    screen.select_event(planned)
    i18n.set_language("nl")
    assert not screen.attendance.change(people[0], A.ATTENDED)  # the event has not taken place yet
    assert "Niet opgeslagen" in screen.message.text() and "nog niet plaatsgevonden" in screen.message.text()
    assert heard == [] and _status_of(app_context.store, planned) == {"محمد العلي": A.INVITED}


def test_saving_an_event_deleted_meanwhile_keeps_the_dialog_open_and_says_so(qtbot, app_context):
    _branch, held, _people = _populate(app_context.store, app_context.clock)
    screen = _screen(qtbot, app_context)
    heard = _announcements(app_context)
    screen.select_event(held)
    dialog = screen.editing.edit_event()
    with app_context.store.transaction() as s:  # another coordinator deletes it
        ev.delete_event(s, held, app_context.clock.now())
    dialog.title_edit.setText("Séance d’avril")
    dialog.save()
    assert dialog.isVisible() and dialog.general_error.isVisible()
    assert "Cet événement n’existe plus." in dialog.general_error.text()
    assert dialog.title_edit.text() == "Séance d’avril" and heard == []
    dialog.reject()
    i18n.set_language("en")  # the screen reads the selected event again: said on its line, no message box
    assert screen.message.text() == "This event no longer exists."
    assert screen.attendance_model.rowCount() == 0


def test_the_list_starts_today_the_calendar_marks_event_days_and_a_click_lists_one_day(qtbot, app_context, clock):
    b, held, _people = _populate(app_context.store, clock)
    today = clock.today()
    with app_context.store.transaction() as s:
        start = dt.datetime.combine(today - dt.timedelta(days=20), dt.time(18, 0))
        old = ev.create_event(s, ev.EventInput(b, EventKind.TRAINING, start, start + dt.timedelta(hours=2),
                                               title="Formation passée"), clock.now())
        start = dt.datetime.combine(today + dt.timedelta(days=3), dt.time(9, 0))
        soon = ev.create_event(s, ev.EventInput(b, EventKind.TRAINING, start, start + dt.timedelta(hours=2),
                                                title="Formation"), clock.now())
    screen = _screen(qtbot, app_context)
    shown = lambda: [screen.events_model.row_at(r).id for r in range(screen.events_model.rowCount())]  # noqa: E731
    # from today on by default: this morning's session (over) and the coming training, not the old one
    assert screen.period_filter.currentText() == "À partir d’aujourd’hui"
    assert shown() == [held, soon]
    screen.period_filter.setCurrentIndex(screen.period_filter.findData(ev.Period.ALL))  # the past too
    assert shown() == [soon, held, old]
    assert screen.calendar.is_marked(today - dt.timedelta(days=20)) and screen.calendar.is_marked(today)
    assert not screen.calendar.is_marked(today + dt.timedelta(days=1))
    screen.calendar.choose(today + dt.timedelta(days=3))
    assert shown() == [soon] and "1 événement" in screen.calendar.day_label.text()
    screen.calendar.choose(today + dt.timedelta(days=1))
    assert shown() == []
    screen.calendar.all_days.click()
    assert shown() == [soon, held, old]
