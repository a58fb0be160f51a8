"""QApplication bootstrap: settings, translators, fonts, the store and the
main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from . import APP_NAME, ORG_NAME, config, i18n
from .i18n import _
from .services.clock import Clock, SystemClock
from .store import Store, open_store
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


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    install_fonts(app)
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
    window.demo_requested.connect(lambda: offer_demo_data(window, ask=True))
    return window


def offer_demo_data(window: MainWindow, ask: bool = False) -> None:
    """On an empty database (or on request), offer to load a demo programme."""
    from .services import demo
    from .views.ops import Query, run_task

    from .services.demo.generate import REAL_DATA
    from .services.settings import programme

    store = window.context.store
    found: list[tuple[bool, bool]] = []
    Query(window, window.context, lambda s: (demo.is_empty(s), programme.holds_real_data(s))) \
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


def run_gui(database: str | None = None, language: str | None = None) -> int:
    app = create_application()
    install_excepthook()
    qsettings = settings()
    try:
        store = open_store(config.database_url(database), backup_dir=config.backup_dir())
    except Exception as exc:  # noqa: BLE001
        log.exception("cannot open the database")
        QMessageBox.critical(None, APP_NAME, _("The database cannot be opened: {error}").format(
            error=type(exc).__name__))
        return 1
    window = build_main_window(store, qsettings=qsettings, language=language)
    window.show()
    offer_demo_data(window)
    code = app.exec()
    store.dispose()
    return code
