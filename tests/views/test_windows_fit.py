"""Screens that fit (issue 17): on a small screen (1366 x 768 at 150 %: about
911 x 472 logical pixels available) every window and dialog opens inside the
available geometry, and its buttons stay inside the window (the content
scrolls instead)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from duo_desktop.views import fit
from duo_desktop.views.window_catalogue import window_catalogue

SMALL = (911, 472)  # 1366 x 768 at 150 %, less a 40-pixel taskbar


@pytest.fixture
def demo_context(app_context):
    from duo_desktop.services import demo

    demo.generate(app_context.store.engine, participants=40, seed=3, today=app_context.clock.today())
    return app_context


def clipped_buttons(window: QWidget) -> list[str]:
    """Visible buttons of ``window`` (not inside a scrolled area) that lie outside it."""
    inside = window.rect()
    out = []
    for button in window.findChildren(QAbstractButton):
        if not button.isVisibleTo(window) or button.window() is not window:
            continue
        if any(p.objectName() in ("fitScroller", "qt_scrollarea_viewport") for p in _parents(button, window)):
            continue  # scrolled into view when focused
        where = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
        if not inside.contains(where):
            out.append(button.text() or button.objectName() or type(button).__name__)
    return out


def _parents(widget: QWidget, stop: QWidget):
    parent = widget.parentWidget()
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.parentWidget()


def test_main_window_opens_within_the_screen_with_its_status_bar_on_every_screen(demo_context, qtbot):
    from duo_desktop.views.main_window import MainWindow
    from duo_desktop.views.ops import wait_for_tasks

    with fit.pretend_screen(*SMALL) as area:
        window = MainWindow(demo_context)
        qtbot.addWidget(window)
        window.show()
        for row, screen in enumerate(window.screens):
            window.show_screen(row)
            wait_for_tasks()
            QApplication.processEvents()
            assert area.contains(window.frameGeometry()), (screen.key, window.frameGeometry())
            bar = window.statusBar()
            assert bar.isVisible() and window.rect().contains(QRect(bar.mapTo(window, bar.rect().topLeft()),
                                                                    bar.size())), screen.key
        duos = window.show_screen("duos")
        duos.open_duo(duos.model.index(0, 0).data(duos_id_role()))
        QApplication.processEvents()
        assert area.contains(window.frameGeometry()), ("a duo's page", window.frameGeometry())


def duos_id_role() -> int:
    from duo_desktop.views.duos_model import ID_ROLE

    return ID_ROLE


def test_every_window_and_dialog_fits_a_small_screen(demo_context, qtbot):
    built, problems = [], []
    with fit.pretend_screen(*SMALL) as area:
        for key, build in window_catalogue(demo_context):
            window = build()
            if window is None:
                continue
            qtbot.addWidget(window)
            window.show()
            QApplication.processEvents()
            built.append(key)
            if not area.contains(window.frameGeometry()):
                problems.append(f"{key}: {window.frameGeometry()} min {window.minimumSizeHint()}")
            clipped = clipped_buttons(window)
            if clipped:
                problems.append(f"{key}: buttons outside the window {clipped}")
            window.close()
    assert not problems, "\n".join(problems)
    assert {"dialog-agreement", "dialog-attendance-sheet", "window-intake", "dialog-event",
            "dialog-settings", "dialog-import"} <= set(built)
