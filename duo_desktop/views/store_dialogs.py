"""Dialogs about the database file itself (issues 11 and 12): the passphrase
prompt (with a growing delay after 3 wrong tries), choosing a passphrase for
a new database, the restore screen (backups with their date, size and
contents; restore in one step after backing up the current state), and the
File menu entries (Back up now, Restore, Encrypt / Change the passphrase) with
the status bar's "not encrypted" notice.

    ask_passphrase(parent, file, try_key) -> Store | None
    choose_passphrase(parent) -> Key | None        (None: without encryption)
    RestoreDialog(window).exec()
    install_store_menu(window) -> None
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME, config, i18n
from ..i18n import N_, _, format_datetime, format_number, ngettext
from ..store import crypto
from ..store.problems import StoreError
from .context import Changes
from .retranslate import Text, follow_language, say, tr, tr_row
from .save_dialog import ask_folder

MIN_LENGTH = 8
NEW_DATABASE_INTRO = N_(
    "The database will hold personal data. Choose a passphrase to encrypt it: without it, nobody can read "
    "the file, even with the laptop in hand. Keep it safe; it cannot be recovered.")


class PassphraseDialog(QDialog):
    """Asks the passphrase of an encrypted database. ``try_key(key)`` opens
    the store (raises StoreError 'wrong_passphrase'); after 3 failures the
    OK button waits a growing delay (crypto.delay_after)."""

    def __init__(self, parent: QWidget | None, file: str, try_key: Callable[[crypto.Key], object]) -> None:
        super().__init__(parent)
        self.try_key = try_key
        self.failures = 0
        self.result_value = None
        tr(self, N_("Passphrase"), "setWindowTitle")
        self.intro = tr(QLabel(), lambda: _("The database {file} is encrypted. Type its passphrase to open it.")
                        .format(file=file))
        self.intro.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        tr(self.field, N_("Passphrase"), "setAccessibleName")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.field)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.wait = 0
        self.last_error: StoreError | None = None
        self.waited = False
        follow_language(self)

    def translate_ui(self) -> None:
        """The line about the last wrong try, in the new language."""
        self._show_error()

    def _try(self) -> None:
        text = self.field.text()
        if not text:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.result_value = self.try_key(crypto.Key(text))
        except StoreError as exc:
            if exc.code != "wrong_passphrase":
                raise
            self.failures += 1
            self.field.clear()
            self.last_error = exc
            self.waited = False
            self.wait = int(crypto.delay_after(self.failures))
            if self.wait:
                self._tick(first=True)
                self.timer.start()
            else:
                self._show_error()
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.accept()

    def _tick(self, first: bool = False) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if not first:
            self.wait -= 1
        if self.wait <= 0:
            self.timer.stop()
            self.waited = True
        ok.setEnabled(self.wait <= 0)
        self._show_error()

    def _show_error(self) -> None:
        """The last refusal, then the wait still to do or (after a wait) "Try again."."""
        if self.last_error is None:
            return
        lines = [self.last_error.message()]
        if self.wait > 0:
            lines.append(_("Wrong passphrase {count} times: wait {seconds} s before the next try.").format(
                count=self.failures, seconds=self.wait))
        elif self.waited:
            lines.append(_("Try again."))
        self.error.setText("\n".join(lines))


def ask_passphrase(parent: QWidget | None, file: str, try_key: Callable[[crypto.Key], object]):  # noqa: ANN201
    """What ``try_key`` returned for the right passphrase, or None when cancelled."""
    dialog = PassphraseDialog(parent, file, try_key)
    return dialog.result_value if dialog.exec() == QDialog.DialogCode.Accepted else None


class NewPassphraseDialog(QDialog):
    """Choose a passphrase (typed twice); "Without encryption" when allowed."""

    def __init__(self, parent: QWidget | None, intro: Text, allow_plain: bool, ask_current: bool = False) -> None:
        """``intro``: a msgid (``N_``) or a function returning the translated text."""
        super().__init__(parent)
        tr(self, N_("Protect the data with a passphrase"), "setWindowTitle")
        self.key: crypto.Key | None = None
        self.current_key: crypto.Key | None = None
        label = tr(QLabel(), intro)
        label.setWordWrap(True)
        self.current = QLineEdit() if ask_current else None
        self.first, self.second = QLineEdit(), QLineEdit()
        form = QFormLayout()
        if self.current is not None:
            self.current.setEchoMode(QLineEdit.EchoMode.Password)
            tr_row(form, N_("Current passphrase:"), self.current)
        for field in (self.first, self.second):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        tr_row(form, N_("New passphrase:"), self.first)
        tr_row(form, N_("Type it again:"), self.second)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        self.plain_button = None
        if allow_plain:
            self.plain_button = tr(self.buttons.addButton("", QDialogButtonBox.ButtonRole.DestructiveRole),
                                   N_("Without encryption"))
            self.plain_button.clicked.connect(self._plain)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.chose_plain = False
        follow_language(self)

    def _plain(self) -> None:
        self.chose_plain = True
        self.accept()

    def _check(self) -> None:
        first = self.first.text()
        if len(first) < MIN_LENGTH:
            say(self.error, lambda: _("The passphrase needs at least {count} characters.").format(count=MIN_LENGTH))
            return
        if first != self.second.text():
            say(self.error, N_("The two passphrases differ."))
            return
        if self.current is not None:
            if not self.current.text():
                say(self.error, N_("Type the current passphrase."))
                return
            self.current_key = crypto.Key(self.current.text())
        self.key = crypto.Key(first)
        self.accept()


def choose_passphrase(parent: QWidget | None) -> crypto.Key | None:
    """For a new database: a key, or None when the user chose no encryption (or cancelled)."""
    dialog = NewPassphraseDialog(parent, NEW_DATABASE_INTRO, allow_plain=True)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chose_plain:
        return None
    return dialog.key


def _size(size: int) -> str:
    return _("{megabytes} MB").format(megabytes=format_number(round(size / 1e6, 1)))


class RestoreDialog(QDialog):
    """The backups of the open database, newest first, and Restore."""

    def __init__(self, window) -> None:  # noqa: ANN001  (MainWindow)
        from ..store.backup import list_backups
        from ..store.maintenance import describe

        super().__init__(window)
        self.window_ = window
        tr(self, N_("Restore from backup"), "setWindowTitle")
        self.resize(760, 420)
        store = window.context.store
        self.backups = list_backups(config.backup_dir(), store.path) if store.path else []
        self._held = [describe(backup.path, store.key) for backup in self.backups]  # read once, shown in any language
        intro = tr(QLabel(), N_("Backups are made automatically (at the first start of a day, at close after "
                                "changes, before an upgrade and before a restore) and thinned: all of the last 24 "
                                "hours, then one a day, one a week and one a month. Restoring replaces the current "
                                "data with the backup; the current data is backed up first."))
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.backups), 4)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = tr(QLabel(), N_("No backup yet.")) if not self.backups else None
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = tr(QPushButton(), N_("&Restore…"))
        self.restore_button.setEnabled(bool(self.backups))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(self.restore_selected)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        if self.empty is not None:
            layout.addWidget(self.empty)
        layout.addWidget(buttons)
        follow_language(self)
        self.translate_ui()  # fills the table; again after each language switch
        self.table.resizeColumnsToContents()
        if self.backups:
            self.table.selectRow(0)

    def translate_ui(self) -> None:
        """The table's headers and cells in the interface language (the selection is kept)."""
        self.table.setHorizontalHeaderLabels([_("Made on"), _("Size"), _("Holds"), _("Reason")])
        for row, (backup, held) in enumerate(zip(self.backups, self._held, strict=True)):
            holds = (_("{participants} participants, {duos} duos").format(
                participants=format_number(held["participants"]), duos=format_number(held["duos"]))
                if held else _("contents unreadable"))
            for column, value in enumerate((format_datetime(backup.made), _size(backup.size), holds,
                                            _reason(backup.label))):
                item = self.table.item(row, column)
                if item is None:
                    self.table.setItem(row, column, QTableWidgetItem(value))
                else:
                    item.setText(value)

    def restore_selected(self, confirm: bool = True) -> bool:
        from ..services.privacy.reapply import restore_keeping_erasures

        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        backup = self.backups[rows[0].row()]
        if confirm and QMessageBox.question(self, _("Restore from backup"), _(
                "Replace the current data with the backup of {date}? Everything entered since then is replaced; "
                "the current data is backed up first.").format(date=format_datetime(backup.made))) \
                != QMessageBox.StandardButton.Yes:
            return False
        window = self.window_
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            _saved, reapplied = restore_keeping_erasures(window.context.store, backup.path, config.backup_dir(),
                                                         window.context.clock.now())
        except StoreError as exc:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, APP_NAME, exc.message())
            return False
        QApplication.restoreOverrideCursor()
        window.context.hub.announce(Changes.ALL)
        window.current_screen().refresh()
        message = _("The backup of {date} was restored.").format(date=format_datetime(backup.made))
        if reapplied:
            message += " " + ngettext("{count} person erased since that backup was erased again.",
                                      "{count} people erased since that backup were erased again.",
                                      reapplied).format(count=reapplied)
        window.statusBar().showMessage(message, 8000)
        self.accept()
        return True


def _reason(label: str) -> str:
    reasons = {"daily": _("first start of the day"), "close": _("at close"), "manual": _("made by hand"),
               "before-restore": _("before a restore"), "before-encrypt": _("before encryption"),
               "incomplete": _("incomplete database"), "damaged": _("damaged database, kept aside")}
    base = label.rsplit("-", 1)[0] if label[-1:].isdigit() and label.startswith(("daily", "manual")) else label
    if base.startswith("before-") and base not in reasons:
        return _("before an upgrade")
    return reasons.get(base, label)


# --- the File menu and the status bar -----------------------------------------------------
def install_store_menu(window) -> None:  # noqa: ANN001  (MainWindow)
    """Adds Back up now / Restore / Encrypt (or Change the passphrase) to the
    File menu before Settings, and the "not encrypted" notice to the status bar."""
    window.backup_action = QAction(window)
    window.backup_action.triggered.connect(lambda: back_up_to_folder(window))
    window.restore_action = QAction(window)
    window.restore_action.triggered.connect(lambda: RestoreDialog(window).exec())
    window.encryption_action = QAction(window)
    window.encryption_action.triggered.connect(lambda: encryption_action(window))
    before = window.settings_action
    for action in (window.backup_action, window.restore_action, window.encryption_action):
        window.file_menu.insertAction(before, action)
    window.file_menu.insertSeparator(before)
    window.encryption_label = QLabel()
    window.statusBar().addPermanentWidget(window.encryption_label)
    window.read_only_label = QLabel()  # issue 11: a read-only folder still allows reading
    window.statusBar().addPermanentWidget(window.read_only_label)
    follow_language(window, translate_store_menu)
    translate_store_menu(window)


def translate_store_menu(window) -> None:  # noqa: ANN001
    store = window.context.store
    file_store = store.path is not None
    window.backup_action.setText(_("&Back up now…"))
    window.restore_action.setText(_("Restore from &backup…"))
    window.encryption_action.setText(_("Change the &passphrase…") if store.encrypted else
                                     _("&Encrypt the database…"))
    for action in (window.backup_action, window.restore_action, window.encryption_action):
        action.setVisible(file_store)
    read_only = getattr(store, "read_only", False)
    window.encryption_action.setEnabled((store.encrypted or crypto.available()) and not read_only)
    window.restore_action.setEnabled(not read_only)
    window.read_only_label.setText(_("Read-only: changes cannot be saved") if read_only else "")
    window.read_only_label.setToolTip(_(
        "The database file or its folder cannot be written to, so it was opened for reading only. To make "
        "changes, ask for write access to the folder, or copy the file to a folder of yours and open the copy.")
        if read_only else "")
    window.encryption_label.setText("" if store.encrypted or not file_store else _("Not encrypted"))
    window.encryption_label.setToolTip("" if store.encrypted or not file_store else _(
        "The database file is not encrypted: anyone who can read the file can read the personal data. "
        "File > Encrypt the database… protects it with a passphrase."))


def back_up_to_folder(window) -> Path | None:  # noqa: ANN001
    from ..store.maintenance import backup_now

    folder = ask_folder(window, _("Back up to a folder (a USB stick)"))
    if folder is None:
        return None
    try:
        made = backup_now(window.context.store, Path(folder), window.context.clock.now())
    except (OSError, StoreError, Exception) as exc:  # noqa: BLE001
        from ..store.problems import classify

        problem = classify(exc, Path(folder))
        QMessageBox.warning(window, APP_NAME, problem.message() if problem else _(
            "The backup could not be written: {error}").format(error=type(exc).__name__))
        return None
    window.statusBar().showMessage(_("Backup written: {file}").format(file=made), 8000)
    return made


def encryption_action(window) -> None:  # noqa: ANN001
    from ..store.engine import raw_key_of
    from ..store.maintenance import change_passphrase, encrypt_in_place

    store = window.context.store
    if store.encrypted:
        dialog = NewPassphraseDialog(window, N_("Choose the new passphrase. The backups follow it."),
                                     allow_plain=False, ask_current=True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        salt = crypto.file_salt(store.path)
        if dialog.current_key.for_salt(salt) != raw_key_of(store.engine):
            QMessageBox.warning(window, APP_NAME, _("The current passphrase is not right; nothing was changed."))
            return
        work, done = (lambda: change_passphrase(store, dialog.key, config.backup_dir()),
                      _("The passphrase was changed (the database and its backups)."))
    else:
        dialog = NewPassphraseDialog(window, N_(
            "Encrypt the database with a passphrase? It is backed up first; its backups are encrypted too. "
            "The passphrase is asked at every start and cannot be recovered."), allow_plain=False)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        work, done = (lambda: encrypt_in_place(store, dialog.key, config.backup_dir(), window.context.clock.now()),
                      _("The database and its backups are now encrypted."))
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        window.context.store = work()
    finally:
        QApplication.restoreOverrideCursor()
    translate_store_menu(window)
    window.context.hub.announce(Changes.ALL)
    window.statusBar().showMessage(done, 8000)
