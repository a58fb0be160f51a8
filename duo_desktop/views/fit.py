"""Windows that fit the screen (issue 17): at 1366 x 768, or at 150 % scaling
(about 911 x 512 logical pixels left once the taskbar is taken), every window
and dialog opens inside the screen's available geometry, its content scrolls
and its buttons and error line stay in sight.

One mechanism for all windows:

- ``FitOnShow`` (installed on the application by ``install``) clamps every
  window to the available geometry the first time it is shown: no dialog needs
  code of its own to fit;
- ``scrolling(body)`` wraps a tall form in a scroll area whose minimum height is
  small, so the window *can* be clamped: the body scrolls, the buttons below it
  do not;
- ``available_geometry(widget)`` is the one source of the screen size, and
  ``pretend_screen(w, h)`` replaces it (tests and screenshots fake a small
  screen with it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

_pretended: QRect | None = None
_FITTED = "_duo_fitted"


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The part of the widget's screen (the primary screen without a widget)
    that windows may use, in logical pixels: the screen less the taskbar."""
    if _pretended is not None:
        return QRect(_pretended)
    # QGuiApplication.screenAt, not widget.screen(): PySide ties the QScreen
    # returned by a widget's method to that widget (its return-value
    # heuristic), and the garbage collector then freed the platform's
    # screen with a closed window: segfault (the coordinator journey test).
    screen = QGuiApplication.screenAt(widget.geometry().center()) if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)


@contextmanager
def pretend_screen(width: int, height: int) -> Iterator[QRect]:
    """Within the block, ``available_geometry`` is ``width`` x ``height`` logical pixels at (0, 0)."""
    global _pretended
    before, _pretended = _pretended, QRect(0, 0, width, height)
    try:
        yield QRect(_pretended)
    finally:
        _pretended = before


def fit_to_screen(widget: QWidget, preferred: QSize | None = None) -> None:
    """Resize the window ``widget`` to ``preferred`` (by default its current
    size or its size hint, whichever is larger) but no larger than the available geometry, and move it inside it.
    A window whose minimum size is larger than the screen stays at its minimum:
    that is a layout to fix (wrap its body in ``scrolling``)."""
    area = available_geometry(widget)
    frame = widget.frameGeometry().size() - widget.geometry().size() if widget.isVisible() else QSize(0, 0)
    room = QSize(max(area.width() - frame.width(), 100), max(area.height() - frame.height(), 100))
    # Qt's own first size (adjustSize) is at most 2/3 of the screen: a form could start clipped
    wanted = (preferred or widget.size().expandedTo(widget.sizeHint())).boundedTo(room)
    widget.resize(wanted.expandedTo(widget.minimumSize()))
    geometry = widget.frameGeometry() if widget.isVisible() else widget.geometry()
    x = min(max(geometry.x(), area.x()), area.x() + area.width() - geometry.width())
    y = min(max(geometry.y(), area.y()), area.y() + area.height() - geometry.height())
    widget.move(max(x, area.x()), max(y, area.y()))


def fits(widget: QWidget) -> bool:
    """True when the window lies within the available geometry."""
    return available_geometry(widget).contains(widget.frameGeometry())


class _BodyScroller(QScrollArea):
    """A scroll area that asks for all its content's height (the window is
    clamped to the screen by ``fit_to_screen``) but can shrink to a few lines."""

    def sizeHint(self) -> QSize:  # noqa: N802
        inner = self.widget()
        hint = inner.sizeHint() if inner is not None else QSize(0, 0)
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(hint.width() + bar + 2 * self.frameWidth(), hint.height() + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        inner = self.widget()
        width = inner.minimumSizeHint().width() if inner is not None else 0
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(min(width, 420) + bar, 120)


def scrolling(body: QWidget) -> QScrollArea:
    """``body`` inside a frameless scroll area that grows with the window: put
    the form in it and keep the error line and the buttons outside. A long
    form stays usable on a small screen or at 150 % (it scrolls instead of
    squeezing its fields); the area itself takes no Tab stop."""
    area = _BodyScroller()
    area.setObjectName("fitScroller")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from field to field, not to the area
    area.setWidget(body)
    return area


class FitOnShow(QObject):
    """Application event filter: every window is fitted the first time it is
    shown (menus, tooltips and other pop-ups are left alone)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow() \
                and not watched.property(_FITTED):
            kind = watched.windowType()
            if kind in (Qt.WindowType.Window, Qt.WindowType.Dialog, Qt.WindowType.Sheet):
                watched.setProperty(_FITTED, True)
                fit_to_screen(watched)
        return False


def install(app: QApplication) -> None:
    """Fit every window of ``app`` to the screen from now on (once per application)."""
    if getattr(app, "_duo_fit_on_show", None) is None:
        app._duo_fit_on_show = FitOnShow(app)
        app.installEventFilter(app._duo_fit_on_show)
