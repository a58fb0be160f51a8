"""Start-up: from launching the process to the main window shown on the demo
database (participants listed, the app usable), in a subprocess, against a
bare PySide6 QApplication with a QMainWindow shown, launched the same way."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from .harness import BenchContext, Figure

MARK = "WINDOW-SHOWN"

APP = f"""
import sys
from PySide6.QtTest import QTest
from duo_desktop.app import build_main_window, create_application, offer_demo_data
from duo_desktop.store import open_store
app = create_application()
store = open_store(sys.argv[1])
window = build_main_window(store, language="fr")
window.show()
offer_demo_data(window)
QTest.qWaitForWindowExposed(window)
app.processEvents()
# a large list is indexed in the background: usable means the rows are listed
import time
deadline = time.monotonic() + 60
while window.current_screen().model.rowCount() == 0 and time.monotonic() < deadline:
    QTest.qWait(5)
assert window.current_screen().model.rowCount() > 0
print("{MARK}", flush=True)
window.close()
from duo_desktop.views.tasks import wait_for_tasks
wait_for_tasks()
store.dispose()
"""

BARE = f"""
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()
QTest.qWaitForWindowExposed(window)
app.processEvents()
print("{MARK}", flush=True)
window.close()
"""


def _launch(code: str, *args: str) -> float:
    """Seconds from launching the process to its mark (the window shown)."""
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.perf_counter()
    with subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env) as proc:
        for line in proc.stdout:
            if line.strip() == MARK:
                elapsed = time.perf_counter() - start
                break
        else:
            proc.wait()
            raise RuntimeError(f"the subprocess ended without showing its window (exit code {proc.returncode})")
        proc.wait()
    return elapsed


def run(ctx: BenchContext) -> list[Figure]:
    _launch(BARE)  # warm the file cache for both
    _launch(APP, ctx.database_url)
    app, bare = [], []
    for _ in range(ctx.repeat):  # interleaved, so both see the same machine load
        bare.append(_launch(BARE))
        app.append(_launch(APP, ctx.database_url))
    return [Figure(
        name=f"start-up to the main window, {ctx.participants:,} participants",
        samples=app,
        baseline_name="bare PySide6 QMainWindow shown",
        baseline_samples=bare,
        latency=True,
        note="subprocess from launch to the window shown with the participants listed",
    )]
