"""The weekly full check (integrity_check + foreign_key_check) runs in the
background, is remembered for a week, and says damage in plain words with the
latest good backup offered (issue 11); a backup is trusted only after it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QSettings

from duo_desktop import config, i18n
from duo_desktop.store import health
from duo_desktop.store.maintenance import backup_now, verify_backup
from duo_desktop.store.problems import StoreError
from duo_desktop.views.health_check import start_check
from duo_desktop.views.main_window import MainWindow
from duo_desktop.views.ops import wait_for_tasks
from tests import factories
from .sqlite_files import connect


def _dangling_language(path) -> None:
    """A language row of a participant that does not exist: what a damaged
    file (or a write with the foreign keys off) leaves; quick_check misses it."""
    connection = connect(path)
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute("INSERT INTO participant_language (participant_id, language, level) VALUES (9999, 'fr', 'fluent')")
    connection.commit()
    connection.close()


def test_a_sound_file_passes_and_a_dangling_row_is_found(store):
    with store.transaction() as s:
        factories.participant(s, factories.branch(s))
    assert health.full_check(store.path) == []
    _dangling_language(store.path)
    problems = health.full_check(store.path)
    assert problems == ["foreign key: participant_language row 2 refers to a missing participant"]


def test_a_check_is_due_once_a_week():
    monday = dt.date(2026, 3, 16)
    assert health.check_due(None, monday)
    assert not health.check_due(monday - dt.timedelta(days=6), monday)
    assert health.check_due(monday - dt.timedelta(days=7), monday)
    assert health.check_due(monday + dt.timedelta(days=1), monday)  # a clock put back


def test_a_backup_failing_the_full_check_is_not_trusted(store, tmp_path, clock):
    made = backup_now(store, tmp_path / "b", clock.now())
    verify_backup(made, None)
    _dangling_language(made)
    with pytest.raises(StoreError) as caught:
        verify_backup(made, None)
    assert caught.value.code == "damaged"


@pytest.fixture
def window(qtbot, app_context):
    w = MainWindow(app_context)
    qtbot.addWidget(w)
    return w


def test_the_weekly_check_runs_in_the_background_and_is_remembered(window, tmp_path, clock):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert start_check(window, settings)
    wait_for_tasks()
    assert window.last_health_check == []
    key = health.settings_key(window.context.store.path)
    assert settings.value(key) == clock.today().isoformat()
    settings.sync()
    assert str(tmp_path) not in (tmp_path / "settings.ini").read_text()  # no path kept
    assert not start_check(window, settings)  # not due again this week
    clock.advance(days=7)
    assert start_check(window, settings)
    wait_for_tasks()


def test_damage_is_said_in_plain_words_with_the_latest_good_backup_offered(window, tmp_path, clock):
    i18n.set_language("en")
    store = window.context.store
    with store.transaction() as s:
        factories.participant(s, factories.branch(s))
    good = backup_now(store, config.backup_dir(), clock.now() - dt.timedelta(days=1))
    _dangling_language(store.path)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert start_check(window, settings)
    wait_for_tasks()
    box = window.health_message
    assert "found damage" in box.text() and "restore the latest good backup" in box.text()
    assert "made on 15 March 2026" in box.informativeText()
    assert not settings.contains(health.settings_key(store.path))  # checked again at the next start
    restore = next(b for b in box.buttons() if "Restore" in b.text())
    restore.click()
    dialog = window.restore_dialog
    selected = dialog.table.selectionModel().selectedRows()[0].row()
    assert dialog.backups[selected].path == good
