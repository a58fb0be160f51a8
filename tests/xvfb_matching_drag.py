"""A real mouse drag in a real window (run under Xvfb by
test_matching_xvfb.py with DUO_TEST_QPA=xcb; not collected by the normal,
offscreen run).

The press and the first moves start QDrag in its own event loop; the rest of
the gesture is scheduled with timers so it runs inside that loop, through the
X server's drag and drop protocol, as a user's hand would."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from duo_desktop.models import Duo, DuoStage
from duo_desktop.views.matching import MatchingScreen

from . import matching_data

pytestmark = pytest.mark.skipif(os.environ.get("QT_QPA_PLATFORM") != "xcb", reason="needs a real X server (xcb)")


def test_a_real_mouse_drag_proposes_a_duo(app_context, store, qtbot):
    assert QApplication.platformName() == "xcb"
    ids = matching_data.build(store)
    screen = MatchingScreen(app_context)
    qtbot.addWidget(screen)
    screen.resize(1400, 800)
    screen.refresh()
    qtbot.waitUntil(lambda: not screen.busy, timeout=20_000)  # the pool loads in the background
    screen.show()
    qtbot.waitExposed(screen)

    source_view, target_view = screen.mentee_view, screen.mentor_view
    source = source_view.visualRect(screen.mentee_model.index(screen.mentee_model.row_of(ids["amina"]))).center()
    target = target_view.visualRect(screen.mentor_model.index(screen.mentor_model.row_of(ids["joelle"]))).center()
    src_vp, dst_vp = source_view.viewport(), target_view.viewport()
    seen = {}

    def step_moves() -> None:
        # inside QDrag's loop: glide over the mentor list and onto Joëlle's card
        seen["highlighted"] = screen.mentor_model.mentee is not None
        for k in range(1, 6):
            QTest.mouseMove(dst_vp, target + QPoint(0, 40 - 8 * k), 20)
        QTimer.singleShot(400, release)

    def release() -> None:
        QTest.mouseMove(dst_vp, target, 10)
        QTest.mouseRelease(dst_vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, target, 50)

    QTest.mousePress(src_vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, source)
    QTimer.singleShot(300, step_moves)
    watchdog = QTimer(singleShot=True, interval=8000)
    watchdog.timeout.connect(lambda: QTest.mouseRelease(dst_vp, Qt.MouseButton.LeftButton))
    watchdog.start()
    # moving past the drag distance starts the drag (QDrag.exec returns after the drop)
    for step in range(1, 4):
        QTest.mouseMove(src_vp, source + QPoint(12 * step, 0), 20)
    qtbot.waitUntil(lambda: screen.undo_stack.count() == 1, timeout=10000)
    watchdog.stop()

    assert seen.get("highlighted"), "the mentor cards were not scored while the mentee was dragged"
    with store.session() as s:
        duos = [(d.mentee_id, d.mentor_id, d.stage) for d in s.scalars(select(Duo))]
    assert duos == [(ids["amina"], ids["joelle"], DuoStage.PROPOSED)]
