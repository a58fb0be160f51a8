"""Python's cyclic garbage collector runs on whichever thread happens to
allocate; a Qt object caught in a reference cycle and freed on a worker
thread (an operation running in the background) crashes the process. As
Anki does (aqt/__init__.py and its main window's garbage-collection timer),
automatic collection is turned off and the UI thread collects on a timer
and after background work is delivered."""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 2_000


class MainThreadCollector(QObject):
    """Turn automatic collection off and collect on the UI thread instead."""

    def __init__(self, parent: QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(interval_ms)

    @staticmethod
    def collect() -> None:
        gc.collect()
