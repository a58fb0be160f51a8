"""The app's date and date-time fields, typed key by key as in the case file
tests/data/qa-date-keystrokes.txt (issue 17): what is typed is what is saved,
a wrong date is said and never rolled, Tab leaves the field in one press."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from duo_desktop.models import EventKind
from duo_desktop.services.events import BranchChoice, EventInput
from duo_desktop.views.date_field import DateField, DateTimeField
from duo_desktop.views.event_dialog import EventDialog
from duo_desktop.views.matching.dialogs import DecisionDialog, FirstMeetingDialog

DEFAULT = dt.datetime(2026, 12, 7, 5, 51)  # the default the case file's dialog showed


def _event_dialog(qtbot, saved: list) -> EventDialog:
    dialog = EventDialog([BranchChoice(1, "Bruxelles")], EventInput(1, EventKind.INFO_SESSION, DEFAULT),
                         saved.append)
    return _show(qtbot, dialog)


def _show(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _tab(qtbot) -> None:
    focused = QApplication.focusWidget()
    assert focused is not None
    qtbot.keyClick(focused, Qt.Key.Key_Tab)


def test_new_event_start_typed_26_11_2026_18_00_is_saved_as_typed(qtbot):
    saved: list[EventInput] = []
    dialog = _event_dialog(qtbot, saved)
    dialog.title_edit.setFocus()
    qtbot.keyClicks(dialog.title_edit, "Seance d'information")
    _tab(qtbot)
    assert QApplication.focusWidget() is dialog.starts.line
    qtbot.keyClicks(dialog.starts.line, "26/11/2026 18:00")  # Tab selected the whole text: typing replaces it
    _tab(qtbot)
    w = QApplication.focusWidget()
    assert w is dialog.ends.line, (w is dialog.starts.line, w.parent(), w.text())  # one Tab leaves the field
    assert dialog.starts.line.text() == "26/11/2026 18:00"
    assert dialog.ends.line.text() == "26/11/2026 20:00"  # the two hours of the default kept
    qtbot.keyClick(dialog.ends.line, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)
    dialog.save()
    assert saved and saved[-1].starts_at == dt.datetime(2026, 11, 26, 18, 0)
    assert saved[-1].ends_at == dt.datetime(2026, 11, 26, 20, 0)


def test_tab_walks_fields_not_sections(qtbot):
    """Titre, Tab, Tab, Tab, then the place and 20: nothing lands in the dates."""
    saved: list[EventInput] = []
    dialog = _event_dialog(qtbot, saved)
    dialog.title_edit.setFocus()
    qtbot.keyClicks(dialog.title_edit, "Seance")
    for _i in range(3):
        _tab(qtbot)
    assert QApplication.focusWidget() is dialog.place
    qtbot.keyClicks(dialog.place, "Rue Royale 55, 1000 Bruxelles")
    _tab(qtbot)
    qtbot.keyClicks(QApplication.focusWidget(), "20")
    dialog.save()
    assert saved[-1].starts_at == DEFAULT and saved[-1].ends_at == DEFAULT + dt.timedelta(hours=2)
    assert saved[-1].place == "Rue Royale 55, 1000 Bruxelles"
    assert saved[-1].capacity == 20


def test_first_meeting_typed_27_11_2026_14_00(qtbot):
    dialog = _show(qtbot, FirstMeetingDialog("Amina et Jean", DEFAULT, "Antenne", None))
    dialog.when.line.setFocus(Qt.FocusReason.TabFocusReason)
    dialog.when.line.selectAll()
    qtbot.keyClicks(dialog.when.line, "27/11/2026 14:00")
    _tab(qtbot)
    assert QApplication.focusWidget() is dialog.where
    assert dialog.value() == (dt.datetime(2026, 11, 27, 14, 0), "Antenne")


@pytest.mark.parametrize(("typed", "shown"), [
    ("31/11/2026 18:00", "n’existe pas"),     # no 31 November: said, not rolled to 1 December
    ("26/11/2026", "heures:minutes"),          # the time is missing: not guessed
    ("26/11/2026 25:00", "n’existe pas"),
    ("26/11/26 18:00", "heures:minutes"),      # a two-digit year is not guessed either
])
def test_a_wrong_date_time_is_said_and_kept_as_typed(qtbot, typed, shown):
    saved: list[EventInput] = []
    dialog = _event_dialog(qtbot, saved)
    dialog.starts.line.setFocus(Qt.FocusReason.TabFocusReason)
    dialog.starts.line.selectAll()
    qtbot.keyClicks(dialog.starts.line, typed)
    _tab(qtbot)
    assert dialog.starts.line.text() == typed
    assert not dialog.starts.error.isHidden() and shown in dialog.starts.error.text()
    dialog.save()
    assert saved == [] and dialog.isVisible()
    assert QApplication.focusWidget() is dialog.starts.line


def test_date_field_reads_the_intake_ways_and_tidies_them(qtbot):
    field = DateField(dt.date(2026, 3, 16), maximum=dt.date(2026, 3, 16))
    qtbot.addWidget(field)
    for typed, expected in (("1/2/2026", dt.date(2026, 2, 1)), ("02.03.2026", dt.date(2026, 3, 2)),
                            ("2026-03-04", dt.date(2026, 3, 4))):
        field.line.setText(typed)
        assert field.check() and field.value() == expected
        assert field.line.text() == expected.strftime("%d/%m/%Y")
    field.line.setText("17/03/2026")  # after the maximum (today)
    assert not field.check() and "postérieure au" in field.error.text()
    assert field.current() == dt.date(2026, 3, 4)  # the last good value is kept, the text too
    assert field.line.text() == "17/03/2026"


def test_decision_dialog_refuses_a_wrong_date_and_names_it(qtbot):
    dialog = DecisionDialog("mentor", "Jean", dt.date(2026, 3, 16))
    qtbot.addWidget(dialog)
    dialog.on.line.setText("30/02/2026")
    dialog._try_accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "n’existe pas" in dialog.on.error.text()


def test_calendar_pick_changes_the_day_and_keeps_the_time(qtbot):
    field = DateTimeField(dt.datetime(2026, 11, 26, 18, 0))
    qtbot.addWidget(field)
    field.open_calendar()
    field.calendar.activated.emit(QDate(2026, 11, 30))
    assert field.line.text() == "30/11/2026 18:00" and field.value() == dt.datetime(2026, 11, 30, 18, 0)


def test_the_calendar_button_takes_no_tab_stop(qtbot):
    field = DateField(dt.date(2026, 3, 16))
    qtbot.addWidget(field)
    assert field.button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert field.focusPolicy() == Qt.FocusPolicy.NoFocus  # the text box is the only stop


def test_the_hint_follows_the_language(qtbot):
    from duo_desktop import i18n

    field = DateField(None, required=False)
    qtbot.addWidget(field)
    assert field.line.placeholderText() == "jj/mm/aaaa"
    i18n.set_language("nl")
    assert field.line.placeholderText() == "dd/mm/jjjj"
    assert field.value() is None


def test_save_button_of_event_dialog_is_save(qtbot):
    dialog = _event_dialog(qtbot, [])
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is not None


def test_closing_a_dialog_with_typed_text_asks_first(qtbot, monkeypatch):
    from duo_desktop.views import typed_guard

    monkeypatch.setattr(typed_guard.AsksBeforeDiscarding, "discard_silently", False)
    answers: list[bool] = [False, True]
    asked: list[bool] = []
    monkeypatch.setattr(typed_guard, "ask_discard", lambda _parent: asked.append(True) or answers.pop(0))
    dialog = _event_dialog(qtbot, [])
    dialog.reject()  # nothing typed: closes without asking
    assert asked == [] and not dialog.isVisible()
    dialog = _event_dialog(qtbot, [])
    qtbot.keyClicks(dialog.place, "Rue Royale 55")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked == [True] and dialog.isVisible() and dialog.place.text() == "Rue Royale 55"  # kept
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()  # discarded on the second answer


def test_ctrl_enter_confirms_from_a_multi_line_box(qtbot):
    saved: list[EventInput] = []
    dialog = _event_dialog(qtbot, saved)
    dialog.notes.setFocus()
    qtbot.keyClicks(dialog.notes, "Salle 2")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert saved and saved[-1].notes == "Salle 2" and not dialog.isVisible()


def test_decision_reason_box_is_left_with_tab(qtbot):
    dialog = _show(qtbot, DecisionDialog("mentor", "Jean", dt.date(2026, 3, 16)))
    dialog.refuse_radio.setChecked(True)
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, "Pas de terrain commun")
    _tab(qtbot)
    assert QApplication.focusWidget() is not dialog.reason and "\t" not in dialog.reason.toPlainText()
