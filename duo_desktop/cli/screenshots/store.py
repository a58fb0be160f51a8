"""Screenshots of the screens about the database file (issues 11 and 15):
the restore screen with a few backups, the damaged-database message at start
(with the latest good backup offered), the weekly check's damage message, and
the About dialog. The backups are made in a temporary data folder (never the
user's), of the database shown; nothing is restored.

    render_store(app, window, out, lang) -> list[Path]
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget


def render_store(app: QApplication, window, out: Path, lang: str) -> list[Path]:  # noqa: ANN001  (MainWindow)
    from ... import config
    from ...app import restore_offer
    from ...store import health
    from ...store.backup import list_backups
    from ...store.maintenance import backup_now
    from ...store.problems import DAMAGED, StoreError
    from ...views.about_dialog import AboutDialog
    from ...views.health_check import _checked
    from ...views.ops import wait_for_tasks
    from ...views.store_dialogs import RestoreDialog

    paths: list[Path] = []

    def shot(widget: QWidget, name: str) -> None:
        app.processEvents()
        wait_for_tasks()
        app.processEvents()
        path = out / f"{name}-{lang}.png"
        widget.grab().save(str(path))
        paths.append(path)

    store = window.context.store
    if store.path is None:
        return paths
    saved_env = os.environ.get(config.ENV_DATA_DIR)
    data = Path(tempfile.mkdtemp(prefix="duo-shots-"))
    os.environ[config.ENV_DATA_DIR] = str(data)
    try:
        now = dt.datetime.combine(window.context.clock.today(), dt.time(17, 30))
        for days, label in ((0, "close"), (1, "daily"), (3, "manual"), (9, "daily")):
            backup_now(store, config.backup_dir(), now - dt.timedelta(days=days, hours=days * 2), label)
        dialog = RestoreDialog(window)
        dialog.resize(820, 400)
        dialog.show()
        shot(dialog, "store-restore")
        dialog.close()

        good = list_backups(config.backup_dir(), store.path)[0]
        box, _button = restore_offer(StoreError(DAMAGED, "damaged", file=str(store.path)), good)
        box.show()
        shot(box, "store-damaged-at-start")
        box.close()

        _checked(window, None, health.settings_key(store.path), now.date(), ["damage"], good)
        window.health_message.show()
        shot(window.health_message, "store-damaged-weekly-check")
        window.health_message.close()

        about = AboutDialog(window)
        about.show()
        shot(about, "about")
        about.close()
    finally:
        if saved_env is None:
            os.environ.pop(config.ENV_DATA_DIR, None)
        else:
            os.environ[config.ENV_DATA_DIR] = saved_env
        shutil.rmtree(data, ignore_errors=True)
    return paths
