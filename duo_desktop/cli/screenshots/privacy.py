"""Screenshots of the privacy screens (issue 12): the main window locked
after inactivity (over the Participants screen and an open dialog), and the
audit trail screen with and without a filter.

    render_privacy(app, window, out, lang) -> list[Path]
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from ...views.ops import wait_for_tasks


def render_privacy(app: QApplication, window, out: Path, lang: str) -> list[Path]:  # noqa: ANN001
    from ...views.lock import install_lock

    paths = []
    window.show_screen("participants")
    app.processEvents()
    wait_for_tasks()
    audit = window.open_audit()
    audit.resize(1100, 700)
    app.processEvents()
    path = out / f"audit-{lang}.png"
    audit.grab().save(str(path))
    paths.append(path)
    audit.action.setCurrentIndex(max(0, audit.action.findData("intake")))
    audit.refresh()
    app.processEvents()
    path = out / f"audit-filtered-{lang}.png"
    audit.grab().save(str(path))
    paths.append(path)
    lock = getattr(window, "inactivity_lock", None) or install_lock(window)
    lock.lock()
    app.processEvents()
    for name, widget in (("locked", window), ("locked-dialog", audit)):
        path = out / f"{name}-{lang}.png"
        widget.grab().save(str(path))
        paths.append(path)
    if not lock.encrypted:
        lock.unlock()
    audit.close()
    return paths
