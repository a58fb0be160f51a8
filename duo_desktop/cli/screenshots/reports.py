"""Screenshots of the Reports screen (issue 14): each tab (figures, charts,
ESF+ indicators, definitions) for the last full year of data, and a
drill-down. Sized like the main window (``--width/--height``, logical pixels
divided by QT_SCALE_FACTOR).

    render_reports(app, window, out, lang, year) -> list[Path]
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from ...views.ops import wait_for_tasks


def render_reports(app: QApplication, window, out: Path, lang: str, year: int) -> list[Path]:  # noqa: ANN001
    screen = window.show_screen("reports")
    app.processEvents()
    wait_for_tasks()
    screen.pickers.kind.setCurrentIndex(2)  # year
    screen.pickers.year.setValue(year)
    app.processEvents()
    wait_for_tasks()
    app.processEvents()
    paths = []
    for i, name in enumerate(("figures", "charts", "esf", "definitions")):
        screen.tabs.setCurrentIndex(i)
        app.processEvents()
        path = out / f"reports-{name}-{lang}.png"
        window.grab().save(str(path))
        paths.append(path)
    screen.tabs.setCurrentIndex(0)
    row = next(r for r in range(screen.model.rowCount()) if screen.model.rows[r][0].key == "duos_started")
    dialog = screen.open_figure(screen.model.index(row, 1))
    app.processEvents()
    wait_for_tasks()
    app.processEvents()
    path = out / f"reports-drilldown-{lang}.png"
    dialog.grab().save(str(path))
    dialog.close()
    paths.append(path)
    return paths
