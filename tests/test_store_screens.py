"""The database file in the app and on the command line (issues 11, 12): the
passphrase prompt with its growing delay, the restore screen, the File menu
entries and the "not encrypted" notice; one line and exit 2 on the command
line for a damaged or locked-away database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialogButtonBox
from sqlalchemy import func, select

from duo_desktop import config
from duo_desktop.__main__ import main
from duo_desktop.app import build_main_window
from duo_desktop.models import Participant
from duo_desktop.store import open_store
from duo_desktop.store.crypto import Key
from duo_desktop.store.maintenance import backup_now
from duo_desktop.store.problems import StoreError
from duo_desktop.views.store_dialogs import PassphraseDialog, RestoreDialog, install_store_menu
from tests import factories

NOW = dt.datetime(2026, 3, 16, 9, 0)


def _count(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(Participant))


def _window(qtbot, store, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_main_window(store, qsettings=settings, language="fr")
    install_store_menu(window)
    qtbot.addWidget(window)
    return window


def test_a_wrong_passphrase_is_refused_and_the_wait_grows_after_three_tries(qtbot, tmp_path):
    pytest.importorskip("sqlcipher3")
    path = tmp_path / "duo.sqlite3"
    open_store(f"sqlite:///{path}", key=Key("the right one")).dispose()
    dialog = PassphraseDialog(None, str(path), lambda k: open_store(f"sqlite:///{path}", key=k))
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    for attempt in range(3):
        dialog.field.setText(f"wrong {attempt}")
        ok.click()
        assert dialog.result_value is None
    assert "phrase secrète" in dialog.error.text()  # French: the message says what happened
    assert not ok.isEnabled()  # the third failure makes the next try wait
    assert "1 s" in dialog.error.text()
    qtbot.waitUntil(ok.isEnabled, timeout=3000)
    dialog.field.setText("the right one")
    ok.click()
    assert dialog.result_value is not None and dialog.result_value.encrypted
    dialog.result_value.dispose()


def test_the_restore_screen_lists_backups_and_restores_one(qtbot, store, tmp_path, monkeypatch):
    monkeypatch.setattr(config, "backup_dir", lambda: tmp_path / "backups")
    with store.transaction() as s:
        b = factories.branch(s)
        for _ in range(4):
            factories.participant(s, b)
    backup_now(store, tmp_path / "backups", NOW)
    with store.transaction() as s:
        factories.participant(s, factories.branch(s, code="ANT", city="Antwerpen"))
    window = _window(qtbot, store, tmp_path)
    assert window.restore_action.text() == "Restaurer une &sauvegarde…"
    dialog = RestoreDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == "4 participants, 0 duos"
    assert dialog.table.item(0, 3).text() == "faite à la main"
    window.language_actions["nl"].trigger()  # the open list follows the language, its selection kept
    assert dialog.windowTitle() == "Back-up terugzetten"
    assert (dialog.table.item(0, 2).text(), dialog.table.horizontalHeaderItem(3).text()) == (
        "4 deelnemers, 0 duo’s", "Reden")
    assert dialog.restore_selected(confirm=False)
    assert _count(store) == 4
    assert len(list((tmp_path / "backups").glob("*before-restore*"))) == 1


def test_the_status_bar_says_when_the_database_is_not_encrypted(qtbot, store, tmp_path):
    window = _window(qtbot, store, tmp_path)
    assert window.encryption_label.text() == "Non chiffrée"
    window.language_actions["nl"].trigger()
    assert window.encryption_label.text() == "Niet versleuteld"
    assert window.encryption_action.text() == "Database &versleutelen…"


def test_an_encrypted_database_shows_no_notice(qtbot, tmp_path):
    pytest.importorskip("sqlcipher3")
    store = open_store(f"sqlite:///{tmp_path / 'duo.sqlite3'}", key=Key("a passphrase"))
    window = _window(qtbot, store, tmp_path)
    assert window.encryption_label.text() == ""
    assert window.encryption_action.text() == "Changer la &phrase secrète…"
    store.dispose()


def _flip_middle(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = (len(data) // 4096 // 2) * 4096
    for i in range(middle, middle + 64):
        data[i] ^= 0xA5
    path.write_bytes(bytes(data))


def test_the_command_line_prints_one_line_and_exits_2_on_a_damaged_database(tmp_path, capsys):
    path = tmp_path / "duo.sqlite3"
    store = open_store(f"sqlite:///{path}")
    with store.transaction() as s:
        b = factories.branch(s)
        for _ in range(200):
            factories.participant(s, b)
    store.dispose()
    _flip_middle(path)
    before = path.read_bytes()
    with pytest.raises(SystemExit) as exited:
        main(["--database", str(path), "branches"])
    assert exited.value.code == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "endommagée" in err[0] and "Traceback" not in err[0]
    assert path.read_bytes() == before


def test_the_command_line_needs_the_passphrase_file_and_reads_it(tmp_path, capsys, monkeypatch):
    pytest.importorskip("sqlcipher3")
    path = tmp_path / "duo.sqlite3"
    open_store(f"sqlite:///{path}", key=Key("from a file")).dispose()
    with pytest.raises(SystemExit) as exited:
        main(["--database", str(path), "--lang", "nl", "encryption", "status"])
    assert exited.value.code == 2
    assert "versleuteld" in capsys.readouterr().err
    secret = tmp_path / "passphrase.txt"
    secret.write_text("from a file\n", encoding="utf-8")
    monkeypatch.setenv("DUO_PASSPHRASE_FILE", str(secret))
    assert main(["--database", str(path), "--lang", "en", "encryption", "status"]) == 0
    assert "is encrypted" in capsys.readouterr().out


def test_backups_list_and_restore_on_the_command_line(tmp_path, capsys):
    path = tmp_path / "duo.sqlite3"
    store = open_store(f"sqlite:///{path}")
    with store.transaction() as s:
        factories.participant(s, factories.branch(s))
    store.dispose()
    assert main(["--database", str(path), "backups", "now"]) == 0
    assert main(["--database", str(path), "backups", "list", "--json"]) == 0
    out = capsys.readouterr().out
    import json

    listed = json.loads(out[out.index("["):])
    assert listed[0]["participants"] == 1 and listed[0]["encrypted"] is False
    store = open_store(f"sqlite:///{path}")
    with store.transaction() as s:
        factories.participant(s, factories.branch(s, code="GNT", city="Gent"))
    store.dispose()
    assert main(["--database", str(path), "backups", "restore", listed[0]["file"]]) == 0
    store = open_store(f"sqlite:///{path}")
    assert _count(store) == 1
    store.dispose()
    assert main(["--database", str(path), "check"]) == 0


def test_open_store_refuses_a_missing_folder_with_its_own_message(tmp_path):
    with pytest.raises(StoreError) as refused:
        open_store(f"sqlite:///{tmp_path / 'nowhere' / 'duo.sqlite3'}")
    assert refused.value.code == "cannot_open"


def test_at_start_a_damaged_database_is_replaced_by_its_latest_good_backup_on_request(qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from duo_desktop.app import open_for_gui

    path = tmp_path / "duo.sqlite3"
    store = open_store(f"sqlite:///{path}")
    with store.transaction() as s:
        b = factories.branch(s)
        for _ in range(200):
            factories.participant(s, b)
    backup_now(store, config.backup_dir(), NOW)
    store.dispose()
    _flip_middle(path)
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text() + box.informativeText()) or 0)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole))
    reopened = open_for_gui(f"sqlite:///{path}")
    assert reopened is not None and _count(reopened) == 200
    assert "endommagée" in shown[0] and "16 mars 2026" in shown[0]
    assert list(config.backup_dir().glob("*damaged*"))  # the damaged file was kept aside
    reopened.dispose()


def test_the_thinning_limits_are_a_preference(tmp_path):
    from duo_desktop.app import backup_limits
    from duo_desktop.store.backup import BackupLimits

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    assert backup_limits(settings) == BackupLimits(12, 10, 9)
    settings.setValue("backups/daily", 30)
    settings.setValue("backups/monthly", "nonsense")
    assert backup_limits(settings) == BackupLimits(30, 10, 9)
