"""The inactivity lock (issue 12; KeePassXC's "lock after inactivity").

After the branch's lock time without a key press or a mouse movement
(services/settings/privacy.lock_minutes, 10 minutes by default) every open
window of the application is covered: its own widgets are hidden (not
closed, so what was being typed is kept), a lock panel takes their place and
the window title says only "DUO Desktop – Locked". Windows that open while
locked (a message from a background task) are covered too.

Unlocking:
- an encrypted database asks its passphrase again (checked against the key
  held in memory, Store.passphrase_matches); a wrong one says so, and after
  three wrong tries each try waits longer (crypto.delay_after);
- an unencrypted database has no secret to check, so its lock only hides
  the screen: the panel says so and unlocks with a button (the status bar
  already says "Not encrypted"; File > Encrypt the database… gives the lock
  a passphrase). Checking the operating-system account instead would need a
  different mechanism on each of Linux (PAM), Windows and macOS: left out.

Time is injected: ``clock`` returns seconds (time.monotonic by default) and
:meth:`InactivityLock.check` (called by a 5-second timer) compares it with
the last input, so a test locks by moving its clock and calling ``check``.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (QApplication, QFrame, QLabel, QLineEdit, QPushButton, QToolTip, QVBoxLayout,
                               QWidget)
from shiboken6 import isValid

from .. import APP_NAME
from ..i18n import _
from ..store import crypto
from .ops import Query

POLL_MS = 5_000
_ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                       QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.ShortcutOverride})


class LockPanel(QFrame):
    """What a locked window shows: no personal data, a passphrase field (or,
    for an unencrypted database, only the Unlock button)."""

    def __init__(self, parent: QWidget, lock: InactivityLock) -> None:
        super().__init__(parent)
        self.setObjectName("lockPanel")
        self.setAutoFillBackground(True)
        self.lock = weakref.proxy(lock)  # the lock holds its panels: no reference cycle
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setVisible(lock.encrypted)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #a40000;")
        self.error.hide()
        self.unlock_button = QPushButton()
        self.unlock_button.setDefault(True)
        box = QWidget()
        box.setFixedWidth(480)  # a fixed width lets the wrapped explanation take its full height
        inner = QVBoxLayout(box)
        for widget in (self.title, self.explanation, self.passphrase, self.error, self.unlock_button):
            inner.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(box, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.translate_ui()

    def translate_ui(self) -> None:
        self.title.setText(_("DUO Desktop is locked"))
        if self.lock.encrypted:
            self.explanation.setText(_("The window was locked after a while without use. Type the passphrase of "
                                       "the database to go on; what you were typing is kept."))
            self.passphrase.setPlaceholderText(_("Passphrase"))
        else:
            self.explanation.setText(_("The window was locked after a while without use. The database is not "
                                       "encrypted, so this lock only hides the screen: anyone at this computer "
                                       "can unlock it. File > Encrypt the database… gives it a passphrase."))
        self.unlock_button.setText(_("&Unlock"))
        # a wrapped label placed with an alignment gets its one-line size hint: give it its real height
        self.explanation.setMinimumHeight(self.explanation.heightForWidth(460))

    def try_unlock(self) -> None:
        if not self.unlock_button.isEnabled():
            return
        problem = self.lock.unlock(self.passphrase.text())
        self.passphrase.clear()
        if problem:
            self.error.setText(problem)
            self.error.show()
            self.passphrase.setFocus()

    def wait(self, seconds: float) -> None:
        """No new try for ``seconds`` (after several wrong passphrases)."""
        for widget in (self.passphrase, self.unlock_button):
            widget.setEnabled(False)
        QTimer.singleShot(int(seconds * 1000), self._ready)

    def _ready(self) -> None:
        if isValid(self):
            for widget in (self.passphrase, self.unlock_button):
                widget.setEnabled(True)


class InactivityLock(QObject):
    """Locks every window of the application after the branch's lock time
    without use. ``clock() -> seconds`` is injected for tests."""

    def __init__(self, window, clock: Callable[[], float] = time.monotonic,  # noqa: ANN001  (MainWindow)
                 poll_ms: int = POLL_MS) -> None:
        super().__init__()  # no parent: it removes its application-wide filter when the window goes
        self._window = weakref.ref(window)
        self.clock = clock
        self.last_input = clock()
        self.failures = 0
        self._covered: dict[QWidget, tuple[str, list[QWidget], LockPanel]] = {}
        self._focus: QWidget | None = None
        self._minutes: tuple[object, int] | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(poll_ms)
        app = QApplication.instance()
        app.installEventFilter(self)
        hub = window.context.hub  # outlives the window (a test's context, the demo's switch)
        hub.changed.connect(self._settings_changed)

        def detach(*_args) -> None:  # noqa: ANN002
            if isValid(self):
                app.removeEventFilter(self)
                self.timer.stop()
                hub.changed.disconnect(self._settings_changed)

        window.destroyed.connect(detach)

    @property
    def window(self):  # noqa: ANN201  (MainWindow)
        return self._window()

    # --- when ----------------------------------------------------------------
    @property
    def locked(self) -> bool:
        return bool(self._covered)

    @property
    def encrypted(self) -> bool:
        return self.window.context.store.encrypted

    def minutes(self) -> int:
        """The lock time of the working coordinator's branch (read again when
        the coordinator or the settings change)."""
        from ..services.settings.coordinators import branch_of
        from ..services.settings.privacy import lock_minutes

        who = self.window.context.coordinator_id
        if self._minutes is None or self._minutes[0] != who:
            found: list[int] = []
            Query(self.window, self.window.context,
                  lambda s: lock_minutes(s, branch_of(s, who))) \
                .success(found.append).failure(lambda _exc: None).run()
            self._minutes = (who, found[0] if found else 10)
        return self._minutes[1]

    def _settings_changed(self, changes, _by) -> None:  # noqa: ANN001
        from .context import Changes

        if changes & Changes.SETTINGS:
            self._minutes = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind in _ACTIVITY and not self.locked:
            self.last_input = self.clock()
        elif kind == QEvent.Type.Show and self.locked and isinstance(watched, QWidget) and watched.isWindow():
            QTimer.singleShot(0, self._cover_new_windows)
        elif kind == QEvent.Type.Resize and watched in self._covered:
            self._covered[watched][2].setGeometry(watched.rect())
        return False

    def check(self) -> bool:
        """Lock when the time without use has passed; True when locked."""
        if self.window is None:
            return False
        if not self.locked and self.clock() - self.last_input >= 60 * self.minutes():
            self.lock()
        return self.locked

    # --- locking ---------------------------------------------------------------
    def _windows(self) -> list[QWidget]:
        skip = {Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.Desktop}
        return [w for w in QApplication.topLevelWidgets()
                if w.isVisible() and w.windowType() not in skip and w not in self._covered]

    def lock(self) -> None:
        """Cover every open window now."""
        if self.locked:
            return
        QToolTip.hideText()
        while (popup := QApplication.activePopupWidget()) is not None:
            popup.close()
        focus = QApplication.focusWidget()
        self._focus = focus if not isinstance(focus, QLineEdit) or focus.objectName() != "lockPassphrase" else None
        for window in [self.window, *[w for w in self._windows() if w is not self.window]]:
            self._cover(window)
        self._focus_panel()

    def _cover_new_windows(self) -> None:
        if self.locked:
            for window in self._windows():
                self._cover(window)

    def _cover(self, window: QWidget) -> None:
        hidden = [c for c in window.children() if isinstance(c, QWidget) and not c.isWindow() and not c.isHidden()]
        title = window.windowTitle()
        size = window.size()
        for child in hidden:
            child.hide()
        panel = LockPanel(window, self)
        panel.passphrase.setObjectName("lockPassphrase")
        window.resize(size)
        panel.setGeometry(window.rect())
        panel.show()
        panel.raise_()
        window.setWindowTitle(_("{app} – Locked").format(app=APP_NAME))
        window.installEventFilter(self)
        self._covered[window] = (title, hidden, panel)

    def _focus_panel(self) -> None:
        active = QApplication.activeWindow()
        entry = self._covered.get(active) or self._covered.get(self.window)
        if entry is not None:
            panel = entry[2]
            (panel.passphrase if self.encrypted else panel.unlock_button).setFocus()

    def panels(self) -> list[LockPanel]:
        return [panel for _title, _hidden, panel in self._covered.values()]

    # --- unlocking ---------------------------------------------------------------
    def unlock(self, passphrase: str = "") -> str | None:
        """Uncover every window when the passphrase is right (any text for an
        unencrypted database). Returns None when unlocked, else what to tell
        the user."""
        if not self.locked:
            return None
        if self.encrypted:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                right = self.window.context.store.passphrase_matches(passphrase)
            finally:
                QApplication.restoreOverrideCursor()
            if not right:
                self.failures += 1
                delay = crypto.delay_after(self.failures)
                for panel in self.panels():
                    panel.wait(delay) if delay else None
                if delay:
                    return _("Wrong passphrase {count} times: wait {seconds} s before the next try.").format(
                        count=self.failures, seconds=int(delay))
                return _("This passphrase is not right. The window stays locked.")
        self.failures = 0
        for window, (title, hidden, panel) in list(self._covered.items()):
            if not isValid(window):
                continue
            window.removeEventFilter(self)
            panel.hide()
            panel.deleteLater()
            for child in hidden:
                if isValid(child):
                    child.show()
            window.setWindowTitle(title)
        self._covered.clear()
        self.last_input = self.clock()
        if self._focus is not None and isValid(self._focus):
            self._focus.setFocus()
        self._focus = None
        return None


def install_lock(window, clock: Callable[[], float] = time.monotonic) -> InactivityLock:  # noqa: ANN001
    """Give the main window its inactivity lock (kept as ``window.inactivity_lock``;
    the lock holds the window weakly: no reference cycle)."""
    window.inactivity_lock = InactivityLock(window, clock)
    return window.inactivity_lock
