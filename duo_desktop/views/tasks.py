"""Long work off the UI thread, with a progress dialog and cancel.

    run_task(parent, label, work, on_done)

``work(progress)`` runs in a worker thread; it calls ``progress(done, total)``,
which returns False once the user has pressed Cancel (the work should then
stop and raise ``services.errors.Cancelled``, after rolling back). ``on_done(result)`` and
``on_error(exc)`` run on the main thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..errors_report import log_exception
from ..i18n import _
from ..services.errors import Cancelled as TaskCancelled  # services raise it; views catch it

__all__ = ["TaskCancelled", "run_task"]


class _Signals(QObject):
    progress = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[Callable[[int, int], bool]], Any]) -> None:
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
        except TaskCancelled:
            self.signals.done.emit(TaskCancelled())
        except Exception as exc:  # noqa: BLE001  (reported on the main thread)
            log_exception(exc)
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


_running: set[_Runnable] = set()


def wait_for_tasks(timeout_ms: int = 60_000) -> bool:
    """Wait for background work to finish and deliver its results (used
    before quitting and by the screenshot command)."""
    from PySide6.QtCore import QCoreApplication

    done = QThreadPool.globalInstance().waitForDone(timeout_ms)
    QCoreApplication.processEvents()
    return done


def run_task(
    parent: QWidget,
    label: str,
    work: Callable[[Callable[[int, int], bool]], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None] | None = None,
    pool: QThreadPool | None = None,
) -> _Runnable:
    dialog = QProgressDialog(label, _("Cancel"), 0, 0, parent)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    runnable = _Runnable(work)
    runnable.setAutoDelete(False)
    _running.add(runnable)  # keep it (and its signals) alive until it reports

    def progress(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def finished(result: Any) -> None:
        _running.discard(runnable)
        dialog.close()
        if isinstance(result, TaskCancelled):
            return
        on_done(result)

    def failed(exc: Exception) -> None:
        _running.discard(runnable)
        dialog.close()
        if on_error is not None:
            on_error(exc)
        else:
            QMessageBox.critical(parent, _("Error"), _("The operation failed; nothing was saved.\n{error}").format(
                error=type(exc).__name__))

    dialog.canceled.connect(runnable.cancelled.set)
    runnable.signals.progress.connect(progress)
    runnable.signals.done.connect(finished)
    runnable.signals.failed.connect(failed)
    (pool or QThreadPool.globalInstance()).start(runnable)
    return runnable
