"""What the application does when it opens (issue 10):

* an empty database opens on the welcome screen: the set-up wizard, or the
  demo in its own file (config.demo_database_path()), generated there with
  progress; the window then says "Demo" in its title and status bar;
* a database holding the demo says "Demo" too;
* otherwise, when nobody is remembered as the coordinator working on this
  computer (QSettings, an id only), the user is asked who they are.

    start(window) -> None          after the main window is shown
    open_demo(window) -> None      switch the window to the demo's own file
    show_demo_mode(window) -> None
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from ... import APP_NAME, config
from ...i18n import N_, _
from ...services.settings.coordinators import active_coordinators
from ...services.settings import programme
from ...store import open_store
from ..context import Changes
from ..ops import Query, run_task
from ..retranslate import follow_language, tr
from .welcome import WelcomeDialog
from .wizard import SetupWizard


def start(window) -> None:  # noqa: ANN001  (MainWindow; not imported: views-a moves it)
    state: dict = {}

    def read(session) -> None:  # noqa: ANN001
        state["empty"] = programme.is_empty(session)
        state["demo"] = programme.programme(session).is_demo
        state["coordinators"] = active_coordinators(session)

    Query(window, window.context, read).run()
    if state.get("empty"):
        show_welcome(window)
        return
    if state.get("demo"):
        show_demo_mode(window)
    if window.context.coordinator_id is None and state.get("coordinators"):
        ask_coordinator(window, state["coordinators"])


def show_welcome(window) -> WelcomeDialog:  # noqa: ANN001
    dialog = WelcomeDialog(window)
    dialog.setup_chosen.connect(lambda: open_wizard(window).rejected.connect(lambda: show_welcome(window)))
    dialog.demo_chosen.connect(lambda: open_demo(window))
    window.welcome_dialog = dialog
    dialog.open()
    return dialog


def open_wizard(window) -> SetupWizard:  # noqa: ANN001
    """The set-up wizard; from the welcome screen, Cancel goes back to it."""
    wizard = SetupWizard(window, window.context)
    wizard.finished_setup.connect(lambda cid: choose_coordinator(window, cid))
    window.setup_wizard = wizard
    wizard.open()
    return wizard


def choose_coordinator(window, coordinator_id: int) -> None:  # noqa: ANN001
    """Make ``coordinator_id`` the one working (the status bar's choice, remembered)."""
    window._load_coordinators()
    combo = window.coordinator_combo
    combo.setCurrentIndex(max(0, combo.findData(coordinator_id)))
    window._coordinator_chosen(combo.currentIndex())  # remembered (an id), screens filtered on its branch


def open_demo(window) -> None:  # noqa: ANN001
    """Open the demo's own database file (never the real one) and fill it when empty."""
    path = config.demo_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        demo_store = open_store(config.to_url(str(path)), backup_dir=config.backup_dir())
    except Exception as exc:  # noqa: BLE001
        QMessageBox.critical(window, APP_NAME, _("The database cannot be opened: {error}").format(
            error=type(exc).__name__))
        return
    old = window.context.store
    window.context.store = demo_store
    window.context.coordinator_id = None
    # the demo leaves the user's preferences alone: its coordinators' ids mean
    # other people than the real database's, so none is remembered or restored
    window.settings = None
    old.dispose()
    window._load_coordinators()
    window.translate_ui()  # the status bar names the demo's file
    show_demo_mode(window)
    state: dict = {}
    Query(window, window.context, lambda s: state.update(empty=programme.is_empty(s))).run()

    def ready(_result=None) -> None:  # noqa: ANN001
        window.context.hub.announce(Changes.ALL)
        window.current_screen().refresh()
        window.statusBar().showMessage(_("Demo data loaded."), 5000)

    if not state.get("empty"):
        ready()
        return
    from ...services import demo

    def work(progress):  # noqa: ANN001, ANN202
        return demo.generate(demo_store.engine, participants=2000, seed=1, today=window.context.clock.today(),
                             progress=progress)

    run_task(window, _("Loading demo data…"), work, ready)


def show_demo_mode(window) -> None:  # noqa: ANN001
    """The title and the status bar say "Demo", in the interface language (and follow it)."""
    if getattr(window, "demo_label", None) is not None:
        window.setWindowTitle(_("{app} — Demo").format(app=APP_NAME))
        return
    window.demo_label = QLabel()
    window.demo_label.setObjectName("demoMode")
    window.demo_label.setStyleSheet("QLabel#demoMode { background: #f0c000; color: black; font-weight: bold;"
                                    " padding: 1px 8px; }")
    window.statusBar().insertPermanentWidget(0, window.demo_label)

    follow_language(window, _translate_demo_mode)
    _translate_demo_mode(window)


def _translate_demo_mode(window) -> None:  # noqa: ANN001
    window.demo_label.setText(_("Demo"))
    window.demo_label.setToolTip(_("Synthetic data in its own file: {path}").format(
        path=config.demo_database_path()))
    window.setWindowTitle(_("{app} — Demo").format(app=APP_NAME))


def ask_coordinator(window, choices) -> None:  # noqa: ANN001
    """Ask who is working on this computer; the answer is remembered (an id)."""
    dialog = WhoDialog(window, [(c.id, f"{c.name} ({c.branch})") for c in choices])
    dialog.accepted.connect(lambda: choose_coordinator(window, dialog.combo.currentData()))
    window.who_dialog = dialog
    dialog.open()


class WhoDialog(QDialog):
    def __init__(self, parent: QWidget | None, choices: list[tuple[int, str]]) -> None:
        super().__init__(parent)
        tr(self, N_("Who is working?"), "setWindowTitle")
        self.label = tr(QLabel(), N_("&I am:"))
        self.combo = QComboBox()
        for cid, text in choices:
            self.combo.addItem(text, cid)
        self.label.setBuddy(self.combo)
        self.note = tr(QLabel(), N_("New participants, events and duos are followed by this coordinator. "
                                    "You can change it at any time in the status bar."))
        self.note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        tr(buttons.button(QDialogButtonBox.StandardButton.Ok), N_("OK"))
        tr(buttons.button(QDialogButtonBox.StandardButton.Cancel), N_("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.label, self.combo, self.note, buttons):
            layout.addWidget(widget)
        follow_language(self)


def ask_demo(window) -> None:  # noqa: ANN001
    """The menu's "Load demo data…": the demo opens in its own file, after a question
    whose default answer is No."""
    answer = QMessageBox.question(
        window, _("Demo data"),
        _("Open the demo programme? It lives in its own file; your data stays as it is, and the next start "
          "opens your own database again."),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
    if answer == QMessageBox.StandardButton.Yes:
        open_demo(window)
