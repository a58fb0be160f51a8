"""The weekly full check of the open database, off the UI thread (issue 11).

    schedule_weekly_check(window, qsettings, delay_ms=5000)
    start_check(window, qsettings, force=False) -> bool    True when a check was started

A few seconds after start (the first screen is not slowed), when the last
full check is 7 days old or more (store/health.py), ``integrity_check`` and
``foreign_key_check`` run in the background through views/ops.py. A sound
file: the date is remembered in QSettings (under a hash of the file's path;
no personal data). Damage: a message in plain words saying what happened
and what to do, offering the latest backup that passes the same full check.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QMessageBox

from .. import APP_NAME, config
from ..i18n import N_, _, format_datetime
from ..store import health
from ..store.engine import raw_key_of
from .ops import Query

DAMAGE_FOUND = N_("The weekly check of the database {file} found damage: some data may be wrong or missing. "
                  "Stop entering data, and restore the latest good backup.")


def schedule_weekly_check(window, qsettings: QSettings | None, delay_ms: int = 5000) -> None:  # noqa: ANN001
    QTimer.singleShot(delay_ms, window, lambda: start_check(window, qsettings))


def _last_check(qsettings: QSettings | None, key: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(qsettings.value(key))) if qsettings and qsettings.contains(key) else None
    except ValueError:
        return None


def start_check(window, qsettings: QSettings | None, force: bool = False) -> bool:  # noqa: ANN001  (MainWindow)
    store, today = window.context.store, window.context.clock.today()
    path = store.path
    if path is None:  # a server database checks itself
        return False
    key = health.settings_key(path)
    if not force and not health.check_due(_last_check(qsettings, key), today):
        return False
    raw_key, backup_key = raw_key_of(store.engine), store.key

    def check(_session) -> tuple[list[str], object]:  # noqa: ANN001  (worker thread: no widget)
        problems = health.full_check(path, raw_key)
        return problems, (_latest_good_backup(path, backup_key) if problems else None)

    Query(window, window.context, check).success(lambda found: _checked(window, qsettings, key, today, *found)) \
        .run_in_background()
    return True


def _latest_good_backup(path, key):  # noqa: ANN001, ANN202
    from ..store.backup import list_backups
    from ..store.maintenance import verify_backup
    from ..store.problems import StoreError

    for backup in list_backups(config.backup_dir(), path):
        try:
            verify_backup(backup.path, key)
        except StoreError:
            continue
        return backup
    return None


def _checked(window, qsettings: QSettings | None, key: str, today: dt.date, problems: list[str],  # noqa: ANN001
             good) -> None:  # noqa: ANN001
    window.last_health_check = problems
    if not problems:
        if qsettings is not None:
            qsettings.setValue(key, today.isoformat())
        return
    window.health_message = box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME,
                                              _(DAMAGE_FOUND).format(file=window.context.store.path),
                                              parent=window)
    if good is None:
        box.setInformativeText(_("No good backup was found. Keep a copy of the file as it is and ask for help "
                                 "before entering more data."))
        box.addButton(QMessageBox.StandardButton.Close)
    else:
        box.setInformativeText(_("The latest good backup was made on {date}. Open the restore screen with it "
                                 "selected? The current data is backed up first.").format(
            date=format_datetime(good.made)))
        restore = box.addButton(_("Restore the backup…"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        restore.clicked.connect(lambda: _open_restore(window, good))
    box.open()


def _open_restore(window, good) -> None:  # noqa: ANN001
    from .store_dialogs import RestoreDialog

    dialog = RestoreDialog(window)
    for row, backup in enumerate(dialog.backups):
        if backup.path == good.path:
            dialog.table.selectRow(row)
    dialog.open()
    window.restore_dialog = dialog
