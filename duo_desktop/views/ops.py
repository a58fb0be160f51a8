"""The one way a screen runs a user action (Anki's ``CollectionOp`` and
``QueryOp``, aqt/operations/__init__.py).

A change::

    Operation(self, self.context, lambda s: lifecycle.sign(s, duo_id, day),
              changes=Changes.DUOS).success(self._signed).run()

opens one transaction, runs the service call in it, commits (or rolls back
on any error: nothing is half-saved), then on the UI thread calls
``success(result)`` and announces ``changes`` on the hub with the screen as
initiator, so every other screen decides by flag whether to read again and the
initiator skips its own echo. A refusal (:class:`RuleError`) goes to
``failure`` (by default a message box with the reason in the interface
language); anything else is logged without personal data and reported as
"nothing was saved".

A read::

    Query(self, self.context, lambda s: overview.rows(s, flt)).success(self._show).run()

uses a read-only session and announces nothing.

Work that may take long runs off the UI thread: ``run_in_background()``
(silent) or ``.with_progress(label)`` first (a progress dialog with Cancel;
the work then receives ``progress(done, total) -> bool`` as its second
argument and raises :class:`Cancelled` when it returns False). The session is
opened and closed on the worker thread; results and errors are delivered on
the UI thread. Nothing running in the background touches widgets or the
global translator: errors carry codes and untranslated messages.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget
from sqlalchemy.orm import Session

from ..errors_report import log_exception
from ..i18n import _
from ..services.audit import bind
from ..services.errors import Cancelled, ExplainedError, RuleError
from .context import AppContext, Changes

__all__ = ["Cancelled", "Changes", "Operation", "Query", "failure_message", "run_task", "wait_for_tasks"]

T = TypeVar("T")
Progress = Callable[[int, int], bool]


def failure_message(exc: BaseException) -> str:
    """What the user reads when an action fails, in the interface language.
    Only a rule's reason is shown; other errors show their type only (their
    text may hold personal data or SQL)."""
    return failure_text(exc)()


def failure_text(exc: BaseException) -> Callable[[], str]:
    """:func:`failure_message` as a text that follows the interface language
    (for ``retranslate.say``). It keeps the reason's Message or the error's
    type name only, never the exception: its traceback holds the frames, and
    with them the window."""
    if isinstance(exc, ExplainedError):  # a rule, or the store (read-only, disk full): their own words
        return exc.text.render
    name = type(exc).__name__
    return lambda: _("The operation failed; nothing was saved.\n{error}").format(error=name)


def _default_failure(parent: QWidget | None) -> Callable[[Exception], None]:
    def show(exc: Exception) -> None:
        if isinstance(exc, ExplainedError):
            QMessageBox.warning(parent, _("Not saved"), failure_message(exc))
        else:
            QMessageBox.critical(parent, _("Error"), failure_message(exc))
    return show


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = _Signals()
        self.cancelled = threading.Event()

    def report(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self.cancelled.is_set()

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.report)
        except Cancelled as exc:
            self.signals.done.emit(exc)
        except Exception as exc:  # noqa: BLE001  (delivered to the UI thread)
            if not isinstance(exc, RuleError):
                log_exception(exc)
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_running: set[_Runnable] = set()


def wait_for_tasks(timeout_ms: int = 60_000) -> bool:
    """Wait for background work to finish and deliver its results (used
    before quitting, by the screenshot command and by tests)."""
    done = QThreadPool.globalInstance().waitForDone(timeout_ms)
    QCoreApplication.processEvents()
    return done


def _start(parent: QWidget | None, work: Callable[[Progress], Any], label: str | None,
           on_done: Callable[[Any], None], on_error: Callable[[Exception], None],
           on_cancel: Callable[[], None] | None = None) -> _Runnable:
    runnable = _Runnable(work)
    runnable.setAutoDelete(False)
    _running.add(runnable)  # keep it (and its signals) alive until it reports
    dialog: QProgressDialog | None = None
    if label is not None:
        dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(runnable.cancelled.set)

        def progress(done: int, total: int) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(min(done, total) if total else 0)

        runnable.signals.progress.connect(progress)

    def release() -> None:
        """Break the cycle runnable -> signals -> (connected closures) -> runnable, so that the
        runnable and its signals are freed here, on the UI thread, by reference counting. Left to
        the garbage collector, they were freed wherever it ran, on a worker thread too, and a Qt
        object deleted there crashed the process (segfault in the full test suite)."""
        _running.discard(runnable)
        signals = runnable.signals
        for signal in (signals.done, signals.failed) + ((signals.progress,) if dialog is not None else ()):
            signal.disconnect()
        signals.deleteLater()  # the QObject is deleted by its own (UI) thread's event loop

    def gone() -> bool:
        """The screen that asked was closed meanwhile: nobody is left to show
        the result to (showing it would touch a deleted widget)."""
        return parent is not None and not shiboken6.isValid(parent)

    def finished(result: Any) -> None:
        release()
        if gone():
            return
        if dialog is not None:
            dialog.close()
        if isinstance(result, Cancelled):
            if on_cancel is not None:
                on_cancel()
            return
        on_done(result)

    def failed(exc: Exception) -> None:
        release()
        if gone():
            return
        if dialog is not None:
            dialog.close()
        on_error(exc)

    runnable.signals.done.connect(finished)
    runnable.signals.failed.connect(failed)
    QThreadPool.globalInstance().start(runnable)
    return runnable


class Operation(Generic[T]):
    """A change: one transaction around ``work(session) -> T``."""

    _write = True

    def __init__(self, parent: QWidget | None, context: AppContext, work: Callable[..., T], *,
                 changes: Changes = Changes.NONE, initiator: object | None = None) -> None:
        self.parent = parent
        self.context = context
        self.work = work
        self.changes = changes
        self.initiator = initiator if initiator is not None else parent
        self._success: Callable[[T], None] | None = None
        self._failure: Callable[[Exception], None] = _default_failure(parent)
        self._cancelled: Callable[[], None] | None = None
        self._label: str | None = None
        self._runnable: _Runnable | None = None

    # --- configuration (chainable) ------------------------------------------------
    def success(self, fn: Callable[[T], None]) -> Operation[T]:
        self._success = fn
        return self

    def failure(self, fn: Callable[[Exception], None]) -> Operation[T]:
        self._failure = fn
        return self

    def cancelled(self, fn: Callable[[], None]) -> Operation[T]:
        self._cancelled = fn
        return self

    def with_progress(self, label: str) -> Operation[T]:
        """Show a progress dialog with Cancel; ``work(session, progress)``."""
        self._label = label
        return self

    # --- running --------------------------------------------------------------------
    def _in_session(self, progress: Progress | None) -> T:
        opener = self.context.store.transaction if self._write else self.context.store.session
        with opener() as session:
            bind(session, self.context.coordinator_id, self.context.clock.now())
            return self.work(session, progress) if self._label is not None else self.work(session)

    def run(self) -> bool:
        """Run now, on the UI thread (quick actions). True when it succeeded;
        the result is then in ``self.result``, a failure in ``self.error``."""
        self.result: T | None = None
        self.error: Exception | None = None
        try:
            result = self._in_session(lambda _d, _t: True)
        except Cancelled:
            if self._cancelled is not None:
                self._cancelled()
            return False
        except Exception as exc:  # noqa: BLE001  (reported to the user)
            if not isinstance(exc, RuleError):
                log_exception(exc)
            self.error = exc
            self._failure(exc)
            return False
        self.result = result
        self._deliver(result)
        return True

    def value(self, default: T | None = None) -> T | None:
        """Run now and return the result, or ``default`` when it failed (the
        failure having gone to ``failure``): ``Query(...).value()`` for a quick read."""
        return self.result if self.run() else default

    def run_in_background(self) -> None:
        """Run on a worker thread; deliver the result on the UI thread."""
        self._runnable = _start(self.parent, self._in_session, self._label, self._deliver, self._failure,
                                self._cancelled)

    def cancel(self) -> None:
        """Ask background work to stop (it stops at its next progress report)."""
        if self._runnable is not None:
            self._runnable.cancelled.set()

    def _deliver(self, result: T) -> None:
        if self._success is not None:
            self._success(result)
        self.context.hub.announce(self.changes, self.initiator)


class Query(Operation[T]):
    """A read: a session that commits nothing, and no announcement."""

    _write = False

    def __init__(self, parent: QWidget | None, context: AppContext, work: Callable[..., T]) -> None:
        super().__init__(parent, context, work)


def run_task(parent: QWidget | None, label: str, work: Callable[[Progress], Any],
             on_done: Callable[[Any], None], on_error: Callable[[Exception], None] | None = None) -> _Runnable:
    """Long work that opens its own sessions (a batch of documents, a file
    import checked row by row), off the UI thread with progress and Cancel.
    Prefer :class:`Operation` when the work is one unit of work."""
    return _start(parent, work, label, on_done, on_error or _default_failure(parent))
