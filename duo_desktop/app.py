"""QApplication bootstrap: settings, translators, fonts, the store and the
main window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

# The data layer (SQLAlchemy and the models, 300 modules) is imported before Qt on purpose:
# PySide6 reads the source of every module imported after it, looking for its __feature__
# switch (shibokensupport/feature.py, PYSIDE-2029), and linecache keeps what it read. Imported
# first, they start 90 ms sooner and keep 7.5 MB less source text in memory.
from . import models, store  # noqa: F401, I001

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from . import APP_NAME, ORG_NAME, config, i18n
from .i18n import _
from .services.clock import Clock, SystemClock
from .store import Store, open_store
from .store.problems import StoreError
from .views.context import AppContext, Changes
from .views.fonts import install_fonts
from .views.main_window import MainWindow

log = logging.getLogger(__name__)


class QtTranslations:
    """Qt's own strings (dialog buttons...) follow the interface language."""

    def __init__(self, app: QApplication) -> None:
        self.app = app
        self.translator: QTranslator | None = None

    def apply(self, lang: str) -> None:
        if self.translator is not None:
            self.app.removeTranslator(self.translator)
            self.translator = None
        translator = QTranslator(self.app)
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load(f"qtbase_{lang}", path):
            self.app.installTranslator(translator)
            self.translator = translator
        QLocale.setDefault(QLocale(i18n.FORMAT_LOCALES[lang]))

    def apply_none(self) -> None:
        if self.translator is not None:
            self.app.removeTranslator(self.translator)
            self.translator = None


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    from .views.collector import MainThreadCollector

    if getattr(app, "_collector", None) is None:  # one per application, however often this is called
        app._collector = MainThreadCollector(app)  # Qt objects are freed on the UI thread only
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    from .views.about_dialog import app_icon

    app.setWindowIcon(app_icon())  # every window's title bar and the task bar
    app.setDesktopFileName("duo-desktop")  # resources/duo-desktop.desktop (Wayland finds the icon by it)
    install_fonts(app)
    from .views import fit, keyboard

    fit.install(app)  # every window fits the screen (issue 17)
    keyboard.install(app)  # Tab leaves, Ctrl+Enter confirms, Ctrl+Shift+L chooses the language
    return app


def settings() -> QSettings:
    return QSettings(ORG_NAME, APP_NAME)


def build_main_window(store: Store, clock: Clock | None = None, qsettings: QSettings | None = None,
                      language: str | None = None) -> MainWindow:
    app = QApplication.instance()
    qt_translations = QtTranslations(app)
    lang = language or (qsettings.value("ui/language", i18n.DEFAULT_LANGUAGE) if qsettings else i18n.DEFAULT_LANGUAGE)
    if lang not in i18n.LANGUAGES:
        lang = i18n.DEFAULT_LANGUAGE
    i18n.set_language(lang)
    qt_translations.apply(lang)
    context = AppContext(store=store, clock=clock or SystemClock())
    window = MainWindow(context, qsettings)
    window._qt_translations = qt_translations  # keep alive with the window

    def change_language(code: str) -> None:
        i18n.set_language(code)
        qt_translations.apply(code)
        if qsettings is not None:
            qsettings.setValue("ui/language", code)

    window.language_requested.connect(change_language)
    from .views.setup.start import ask_demo  # issue 10: the demo opens its own file

    window.demo_requested.connect(lambda: ask_demo(window))
    return window


def offer_demo_data(window: MainWindow, ask: bool = False) -> None:
    """On an empty database (or on request), offer to load a demo programme."""
    from .services.demo_status import REAL_DATA, is_empty  # not the demo package: its generator loads on use
    from .views.ops import Query, run_task

    from .services.settings import programme

    store = window.context.store
    found: list[tuple[bool, bool]] = []
    Query(window, window.context, lambda s: (is_empty(s), programme.holds_real_data(s))) \
        .success(found.append).run()
    empty, real = found[0] if found else (False, True)
    if real:  # demo data never goes into a real programme's database (issue 10)
        if ask:
            QMessageBox.information(window, _("Demo data"), _(REAL_DATA))
        return
    if not empty and not ask:
        return
    text = (_("The database is empty. Load a demo programme with synthetic participants, so you can "
              "look around at once?") if empty else
            _("Add a demo programme with synthetic participants to this database?"))
    answer = QMessageBox.question(window, _("Demo data"), text)
    if answer != QMessageBox.StandardButton.Yes:
        return

    def work(progress):  # noqa: ANN001, ANN202
        from .services import demo

        return demo.generate(store.engine, participants=2000, seed=1, today=window.context.clock.today(),
                             progress=progress)

    def done(_summary) -> None:  # noqa: ANN001
        window.context.hub.announce(Changes.ALL)
        window.current_screen().refresh()
        window.statusBar().showMessage(_("Demo data loaded."), 5000)

    run_task(window, _("Loading demo data…"), work, done)


def install_excepthook() -> None:
    """An unexpected error shows a message in the user's language and logs
    the traceback without the exception's message (it may hold personal data)."""
    from .errors_report import scrubbed

    def hook(exc_type, exc, tb) -> None:  # noqa: ANN001
        log.error("unexpected error\n%s", scrubbed(exc_type, tb))
        if QApplication.instance() is not None:
            QMessageBox.critical(None, APP_NAME, _("An unexpected error occurred ({error}). The action was not "
                                                   "saved; your other data is safe.").format(error=exc_type.__name__))

    sys.excepthook = hook


def open_for_gui(url: str, key=None) -> Store | None:  # noqa: ANN001
    """Open the store, asking what is needed (issues 11, 12): a passphrase
    for a new database (encryption on by default; the user may decline) or
    for an encrypted one; on a damaged file, the offer to restore the latest
    good backup. Every other problem is one message. None: nothing opened."""
    from .store import crypto
    from .store.session import sqlite_file
    from .views.store_dialogs import ask_passphrase, choose_passphrase

    path = sqlite_file(url)
    if path is not None and key is None and crypto.available() and not (path.exists() and path.stat().st_size):
        key = choose_passphrase(None)
    while True:
        try:
            return open_store(url, backup_dir=config.backup_dir(), key=key)
        except StoreError as exc:
            if exc.code in ("needs_passphrase", "wrong_passphrase") and path is not None and key is None:
                return ask_passphrase(None, str(path), lambda k: open_store(url, backup_dir=config.backup_dir(),
                                                                           key=k))
            if exc.code in ("damaged", "not_a_database") and path is not None and offer_restore(url, path, key, exc):
                continue
            QMessageBox.critical(None, APP_NAME, exc.message())
            return None
        except OSError as exc:
            from .store.problems import classify

            problem = classify(exc, path)
            QMessageBox.critical(None, APP_NAME, problem.message() if problem else _(
                "The database cannot be opened: {error}").format(error=type(exc).__name__))
            return None


def offer_restore(url: str, path, key, problem: StoreError) -> bool:  # noqa: ANN001
    """Say what is wrong and offer the latest backup that passes its check; True when restored."""
    from .services.clock import SystemClock
    from .store.backup import list_backups
    from .services.privacy.reapply import restore_keeping_erasures
    from .store.maintenance import verify_backup

    good = None
    for backup in list_backups(config.backup_dir(), path):
        try:
            verify_backup(backup.path, key)
        except StoreError:
            continue
        good = backup
        break
    if good is None:
        QMessageBox.critical(None, APP_NAME, problem.message() + "\n\n" + _("No good backup was found."))
        return False
    box, restore_button = restore_offer(problem, good)
    box.exec()
    if box.clickedButton() is not restore_button:
        return False
    store = open_store(url, migrate=False, check=False, key=key)
    try:
        restore_keeping_erasures(store, good.path, config.backup_dir(), SystemClock().now())
    finally:
        store.dispose()
    return True


def restore_offer(problem: StoreError, good) -> tuple[QMessageBox, object]:  # noqa: ANN001
    """The message of a damaged database at start with the latest good backup
    offered (also rendered by the screenshot command); (box, restore button)."""
    box = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, problem.message())
    box.setInformativeText(_("The latest good backup was made on {date}. Restore it now? The damaged file is "
                             "kept aside in the backups folder.").format(date=i18n.format_datetime(good.made)))
    restore_button = box.addButton(_("Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    return box, restore_button


def backup_limits(qsettings: QSettings | None):  # noqa: ANN201
    """How many backups thinning keeps: QSettings ``backups/daily``,
    ``backups/weekly``, ``backups/monthly`` (numbers, a preference; no
    personal data), Anki's 12/10/9 by default."""
    from .store.backup import BackupLimits

    default = BackupLimits()
    if qsettings is None:
        return default
    values = {}
    for name in ("daily", "weekly", "monthly"):
        try:
            values[name] = max(0, int(qsettings.value(f"backups/{name}", getattr(default, name))))
        except (TypeError, ValueError):
            values[name] = getattr(default, name)
    return BackupLimits(**values)


def purge_merge_undos(store: Store) -> None:
    """At start: the merges past their undo window drop the snapshot that
    allowed the undo (personal data, services/merge_undo.py). A failure is
    logged, never blocks the user."""
    from .services import merge_undo
    from .services.clock import SystemClock

    try:
        with store.transaction() as session:
            merge_undo.purge_expired(session, SystemClock().now())
    except Exception as exc:  # noqa: BLE001
        log.warning("the expired merge undo records were not purged: %s", type(exc).__name__)


def _backup(store: Store, at_close: bool, qsettings: QSettings | None = None) -> None:
    """The first start of a day, and a close after changes, make a backup
    (a failure is logged, never blocks the user)."""
    from .services.clock import SystemClock
    from .store.maintenance import backup_if_changed, daily_backup

    limits = backup_limits(qsettings)
    try:
        if at_close:
            backup_if_changed(store, config.backup_dir(), SystemClock().now(), limits)
        elif not store.created:
            daily_backup(store, config.backup_dir(), SystemClock().now(), limits)
    except Exception as exc:  # noqa: BLE001
        log.warning("the automatic backup failed: %s", type(exc).__name__)


def run_gui(database: str | None = None, language: str | None = None, passphrase_file: str | None = None) -> int:
    app = create_application()
    install_excepthook()
    qsettings = settings()
    lang = language or qsettings.value("ui/language", i18n.DEFAULT_LANGUAGE)
    i18n.set_language(lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE)  # the first questions too
    early = QtTranslations(app)  # Qt's own buttons (OK, Cancel) in the passphrase prompt
    early.apply(i18n.current_language())
    key = None
    passphrase_file = passphrase_file or os.environ.get("DUO_PASSPHRASE_FILE")
    if passphrase_file:
        from .cli.common import read_passphrase
        from .store.crypto import Key

        try:
            key = Key(read_passphrase(Path(passphrase_file)))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            QMessageBox.critical(None, APP_NAME, _("Cannot read the passphrase file {file}: {error}").format(
                file=passphrase_file, error=type(exc).__name__))
            return 2
    store = open_for_gui(config.database_url(database), key)
    early.apply_none()
    if store is None:
        return 2
    _backup(store, at_close=False, qsettings=qsettings)
    purge_merge_undos(store)
    window = build_main_window(store, qsettings=qsettings, language=language)
    from .views.store_dialogs import install_store_menu

    install_store_menu(window)
    from .views.lock import install_lock

    install_lock(window)
    window.show()
    from .views.health_check import schedule_weekly_check

    schedule_weekly_check(window, qsettings)  # issue 11: integrity_check + foreign_key_check, weekly
    from .views.setup.start import start  # issue 10: welcome, wizard, demo, who is working

    start(window)
    code = app.exec()
    current = window.context.store  # the demo's own file, or the store re-opened encrypted
    _backup(current if current.path == store.path else store, at_close=True, qsettings=qsettings)
    if current is not store:
        current.dispose()
    store.dispose()
    return code
