"""The main window: navigation between the screens, menus with shortcuts, a
status bar; its geometry is remembered (QSettings: preferences only)."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QFont, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from .. import APP_NAME, __version__, i18n
from ..i18n import LANGUAGE_NAMES, LANGUAGES, N_, _, pgettext
from .context import AppContext, Changes
from .ops import Query
from .screen import Screen
from .screens import SCREENS, build_screen
from .retranslate import follow_language


#: The screen list: its font size (points), the space beside each name and the room left for the
#: selection's frame (logical pixels)
NAV_POINT_SIZE = 11
NAV_PADDING = 10
NAV_SPARE = 12


class MainWindow(QMainWindow):
    language_requested = Signal(str)
    demo_requested = Signal()

    def __init__(self, context: AppContext, settings: QSettings | None = None) -> None:
        super().__init__()
        self.context = context
        self.settings = settings
        self._screens: list[Screen | None] = [None] * len(SCREENS)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        # Roomy entries: the navigation is clicked all day long
        self.nav.setStyleSheet(f"QListWidget#navigation {{ font-size: {NAV_POINT_SIZE}pt; }}"
                               f"QListWidget#navigation::item {{ padding: 7px {NAV_PADDING}px; }}")
        self.stack = QStackedWidget()
        for _entry in SCREENS:
            self.nav.addItem(QListWidgetItem())
            self.stack.addWidget(QWidget())  # stands in until the screen is first shown
        self.nav.currentRowChanged.connect(self._show_row)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.coordinator_label = QLabel()
        self.coordinator_combo = QComboBox()
        self.coordinator_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.coordinator_label.setBuddy(self.coordinator_combo)
        self.statusBar().addPermanentWidget(self.coordinator_label)
        self.statusBar().addPermanentWidget(self.coordinator_combo)
        self.store_label = QLabel()
        self.statusBar().addPermanentWidget(self.store_label)
        self._load_coordinators()
        self.coordinator_combo.currentIndexChanged.connect(self._coordinator_chosen)
        context.hub.changed.connect(
            lambda changes, _by: self._load_coordinators() if changes & Changes.SETTINGS else None)
        self._build_menus()
        self._unsubscribe = follow_language(self)
        self.translate_ui()
        self._restore_geometry()
        self.nav.setCurrentRow(0)

    # --- who is using the application -------------------------------------------
    def _load_coordinators(self) -> None:
        """The coordinators to choose from; the choice is a preference (an id,
        no personal data) remembered between sessions."""
        from ..services.settings.coordinators import active_coordinators

        choices: list = []
        Query(self, self.context, active_coordinators).success(choices.extend).run()
        wanted = self.context.coordinator_id
        if wanted is None and self.settings is not None and self.settings.value("user/coordinator_id"):
            wanted = int(self.settings.value("user/coordinator_id"))
        combo = self.coordinator_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("—", None)
        for choice in choices:
            combo.addItem(f"{choice.name} ({choice.branch})", choice.id)
        row = combo.findData(wanted)
        combo.setCurrentIndex(max(row, 0))
        combo.blockSignals(False)
        self.context.coordinator_id = combo.currentData()
        from .setup.working import apply_region

        apply_region(self)

    def _coordinator_chosen(self, _row: int) -> None:
        self.context.coordinator_id = self.coordinator_combo.currentData()
        if self.settings is not None:
            self.settings.setValue("user/coordinator_id", self.context.coordinator_id or "")
        from .setup.working import apply_region, apply_to_shown  # issue 10: screens follow the working branch

        apply_region(self)  # issue 17: and the words of its country (nl_NL, fr_FR)
        apply_to_shown(self)

    # --- what screens ask of each other ----------------------------------------
    def screen_at(self, row: int) -> Screen:
        """The screen of a navigation row, built on first use."""
        screen = self._screens[row]
        if screen is None:
            screen = self._screens[row] = build_screen(row, self.context)
            placeholder = self.stack.widget(row)
            self.stack.insertWidget(row, screen)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self._connect_screen_signals(screen)
        return screen

    @property
    def screens(self) -> list[Screen]:
        """Every screen (building those not shown yet)."""
        return [self.screen_at(row) for row in range(len(SCREENS))]

    def _connect_screen_signals(self, screen: Screen) -> None:
        """What a screen asks of the others goes through the window."""
        if hasattr(screen, "intake_requested"):
            screen.intake_requested.connect(self.open_intake)
        if hasattr(screen, "attendance_sheet_requested"):
            screen.attendance_sheet_requested.connect(self.show_attendance_sheet)
        if hasattr(screen, "agreement_requested"):
            screen.agreement_requested.connect(self.show_agreement)

    def show_attendance_sheet(self, event_id: int) -> None:
        from ..services.documents.attendance_sheet import render_attendance_sheet
        from .documents.document_dialog import DocumentDialog

        dialog = DocumentDialog(self, self.context, N_("Attendance sheet"),
                                lambda s, lang: render_attendance_sheet(s, event_id, lang),
                                _("attendance-sheet-{number}.pdf").format(number=event_id),
                                audit_as=("attendance_sheet", event_id))
        dialog.open()

    def open_intake(self, participant_id: int | None = None) -> None:
        from .intake import open_intake

        window = open_intake(self, self.context, participant_id=participant_id)
        if window is not None:
            window.intake_finished.connect(self.intake_saved)

    def intake_saved(self, participant_id: int) -> None:
        """The person of an intake just saved, selected in the participants
        list, and the status bar says so."""
        screen = self.show_screen("participants")
        if screen.show_participant(participant_id) and screen.detail.profile is not None:
            text = _("Intake saved: {name} is selected in the list of participants.").format(
                name=screen.detail.profile.full_name)
        else:
            text = _("The intake is saved.")
        self.statusBar().showMessage(text, 10000)

    def continue_intake(self) -> None:
        from .intake import choose_draft

        window = choose_draft(self, self.context)
        if window is not None:
            window.intake_finished.connect(self.intake_saved)

    def import_applications(self) -> None:
        from .import_dialog import open_import_dialog

        open_import_dialog(self, self.context)

    def show_agreement(self, duo_id: int) -> None:
        from .documents.agreement_dialog import open_agreement_dialog

        open_agreement_dialog(self, self.context, duo_id)

    def open_settings(self):  # noqa: ANN201  (issue 10)
        from .settings import open_settings

        self.settings_dialog = open_settings(self, self.context)
        return self.settings_dialog

    def open_audit(self):  # noqa: ANN201  (issue 12)
        from .audit_screen import open_audit_screen

        return open_audit_screen(self, self.context)

    def show_agreement_batch(self) -> None:
        from .documents.batch_dialog import open_agreement_batch

        open_agreement_batch(self, self.context)

    # --- menus --------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.intake_action = QAction(self)
        self.intake_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.intake_action.triggered.connect(lambda: self.open_intake(None))
        self.drafts_action = QAction(self)
        self.drafts_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.drafts_action.triggered.connect(self.continue_intake)
        self.import_action = QAction(self)
        self.import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_action.triggered.connect(self.import_applications)
        for action in (self.intake_action, self.drafts_action, self.import_action):
            self.file_menu.addAction(action)
        self.file_menu.addSeparator()
        self.batch_action = QAction(self)
        self.batch_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.batch_action.triggered.connect(self.show_agreement_batch)
        self.file_menu.addAction(self.batch_action)
        self.file_menu.addSeparator()
        # --- issue 10: settings (views/settings) ---
        self.settings_action = QAction(self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.file_menu.addAction(self.settings_action)
        # --- end issue 10 ---
        self.audit_action = QAction(self)  # issue 12: the audit trail, read-only
        self.audit_action.triggered.connect(self.open_audit)
        self.file_menu.addAction(self.audit_action)
        self.demo_action = QAction(self)
        self.demo_action.triggered.connect(self.demo_requested.emit)
        self.file_menu.addAction(self.demo_action)
        self.file_menu.addSeparator()
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)

        self.go_menu = bar.addMenu("")
        self.go_actions: list[QAction] = []
        for row in range(len(SCREENS)):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _checked=False, r=row: self.show_screen(r))
            self.go_menu.addAction(action)
            self.go_actions.append(action)
        self.go_menu.addSeparator()
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(self._focus_search)
        self.go_menu.addAction(self.find_action)
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(lambda: self.current_screen().refresh())
        self.go_menu.addAction(self.refresh_action)

        self.language_menu = bar.addMenu("")
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang in LANGUAGES:
            action = QAction(LANGUAGE_NAMES[lang], self, checkable=True)
            action.setData(lang)
            action.triggered.connect(lambda _checked=False, code=lang: self.language_requested.emit(code))
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[lang] = action
        self.language_menu.addSeparator()
        # issue 17: Ctrl+Shift+L chooses the language from any window, a modal dialog included
        # (views/keyboard.py catches the keys where this window's shortcut is blocked)
        from . import keyboard

        self.choose_language_action = QAction(self)
        self.choose_language_action.setShortcut(keyboard.LANGUAGE_KEYS)
        self.choose_language_action.triggered.connect(lambda: keyboard.choose_language(self))
        self.language_menu.addAction(self.choose_language_action)
        keyboard.on_language_chosen(self.language_requested.emit)

        self.help_menu = bar.addMenu("")
        self.guide_action = QAction(self)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)  # F1
        self.guide_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.guide_action.triggered.connect(self.open_guide)
        self.help_menu.addAction(self.guide_action)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self._about)
        self.help_menu.addAction(self.about_action)

    def _fit_navigation(self) -> None:
        """The screen list as wide as its longest name in the interface language
        and no wider: the screens get the rest (at 150 % a fixed 190 pixels
        took room the participant filters needed)."""
        font = QFont(self.nav.font())
        font.setPointSizeF(NAV_POINT_SIZE)
        metrics = QFontMetrics(font)
        widest = max(metrics.horizontalAdvance(self.nav.item(row).text()) for row in range(self.nav.count()))
        self.nav.setFixedWidth(widest + 2 * NAV_PADDING + 2 * self.nav.frameWidth() + NAV_SPARE)

    def translate_ui(self) -> None:
        self.setWindowTitle(APP_NAME)
        self.file_menu.setTitle(pgettext("menu bar", "&File"))
        self.intake_action.setText(_("&New intake…"))
        self.drafts_action.setText(_("&Continue an intake…"))
        self.import_action.setText(_("&Import applications…"))
        self.batch_action.setText(_("&Agreements due this week…"))
        self.settings_action.setText(_("S&ettings…"))  # issue 10
        self.audit_action.setText(_("A&udit trail…"))
        self.demo_action.setText(_("Load &demo data…"))
        self.quit_action.setText(_("&Quit"))
        self.go_menu.setTitle(pgettext("menu bar", "&Go"))
        for row, (action, (_key, title, _where)) in enumerate(zip(self.go_actions, SCREENS, strict=True)):
            action.setText(_(title))
            self.nav.item(row).setText(_(title))
        self._fit_navigation()
        self.find_action.setText(_("&Search"))
        self.refresh_action.setText(_("&Refresh"))
        self.language_menu.setTitle(pgettext("menu bar", "&Language"))
        self.help_menu.setTitle(pgettext("menu bar", "&Help"))
        self.guide_action.setText(_("&Guide"))
        self.about_action.setText(_("&About DUO Desktop"))
        self.choose_language_action.setText(_("&Choose the language…"))
        self.language_actions[i18n.current_language()].setChecked(True)
        self.store_label.setText(_("Database: {location}").format(location=self._store_location()))
        self.coordinator_label.setText(pgettext("status bar", "Wor&king as:"))
        self.coordinator_combo.setToolTip(_("New participants and duos are followed by this coordinator."))

    def _store_location(self) -> str:
        url = self.context.store.engine.url
        if url.get_backend_name() == "sqlite":
            return url.database or ":memory:"
        return url.render_as_string(hide_password=True)

    # --- navigation ---------------------------------------------------------
    def current_screen(self) -> Screen:
        return self.screen_at(max(self.stack.currentIndex(), 0))

    def show_screen(self, row_or_key: int | str) -> Screen:
        row = row_or_key
        if isinstance(row_or_key, str):
            row = next(i for i, entry in enumerate(SCREENS) if entry[0] == row_or_key)
        self.nav.setCurrentRow(row)
        return self.screen_at(row)

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        screen = self.screen_at(row)
        self.stack.setCurrentIndex(row)
        screen.refresh()
        # --- issue 10: the screen opens on the working coordinator's branch ---
        from .setup.working import default_branch

        default_branch(self, screen)
        # --- end issue 10 ---

    def _focus_search(self) -> None:
        focus = getattr(self.current_screen(), "focus_search", None)
        if focus:
            focus()

    def open_guide(self) -> None:
        from .help_dialog import open_help

        open_help(self)

    def _about(self) -> None:
        from .about_dialog import AboutDialog

        self.about_dialog = AboutDialog(self)
        self.about_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.about_dialog.open()

    # --- geometry -----------------------------------------------------------
    def _restore_geometry(self) -> None:
        if self.settings is not None and self.settings.contains("window/geometry"):
            self.restoreGeometry(self.settings.value("window/geometry"))
        else:
            self.resize(1280, 800)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.settings is not None:
            self.settings.setValue("window/geometry", self.saveGeometry())
        self._unsubscribe()
        from . import keyboard

        keyboard.on_language_chosen(None)
        super().closeEvent(event)
