"""Every window and dialog follows a language switch while it is open
(issue 17: Ctrl+Shift+L works with a modal dialog open, and the dialog must
change language with the rest): after the switch it shows the texts a
dialog opened in the new language shows, and what was typed or chosen stays."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (QAbstractButton, QApplication, QComboBox, QGroupBox, QLabel, QLineEdit,
                               QPlainTextEdit, QWidget)

from duo_desktop import i18n
from duo_desktop.views.window_catalogue import open_window, window_catalogue

TYPED = "Tekst getypt 42"


@pytest.fixture
def demo_context(app_context):
    from duo_desktop.services import demo

    demo.generate(app_context.store.engine, participants=40, seed=3, today=app_context.clock.today())
    return app_context


def _keys() -> list[str]:
    """The catalogue's keys, read without a database (nothing is built nor read)."""
    import datetime as dt
    from types import SimpleNamespace
    from unittest import mock

    from duo_desktop.views import window_catalogue as catalogue

    context = mock.MagicMock()
    context.clock.today.return_value = dt.date(2026, 3, 16)
    nothing = SimpleNamespace(value=lambda default=None: default)
    with mock.patch.object(catalogue, "Query", lambda *_a, **_k: nothing):
        return [key for key, _build in catalogue.window_catalogue(context)]


def texts(window: QWidget) -> list[str]:
    """What the window says (title, labels, buttons, placeholders, list choices), not what was typed."""
    said = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        if isinstance(widget, (QLabel, QAbstractButton)):
            said.append(widget.text())
        elif isinstance(widget, QGroupBox):
            said.append(widget.title())
        elif isinstance(widget, (QLineEdit, QPlainTextEdit)):
            said.append(widget.placeholderText())
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            said += [widget.itemText(i) for i in range(widget.count())]
    return [text for text in said if text]  # empty labels come and go with the preview's pages


def _open(build, qtbot) -> QWidget | None:  # noqa: ANN001
    window = open_window(build)
    if window is not None:
        qtbot.addWidget(window)
    return window


def _type_and_choose(window: QWidget) -> tuple[QWidget | None, QComboBox | None]:
    """Type in the first free text box and pick the second entry of the first list."""
    box = next((w for w in window.findChildren(QWidget) if isinstance(w, (QLineEdit, QPlainTextEdit))
                and w.isEnabled() and not w.isReadOnly() and w.isVisibleTo(window)
                and not isinstance(w.parent(), QComboBox)), None)
    if isinstance(box, QLineEdit):
        box.setText(TYPED)
    elif box is not None:
        box.setPlainText(TYPED)
    combo = next((w for w in window.findChildren(QComboBox)
                  if w.isEnabled() and w.count() > 1 and not w.isEditable() and w.isVisibleTo(window)), None)
    if combo is not None:
        combo.setCurrentIndex(1)
    return box, combo


@pytest.mark.parametrize("key", _keys())
def test_an_open_dialog_follows_a_language_switch(demo_context, qtbot, key):
    i18n.set_language("fr")
    build = dict(window_catalogue(demo_context))[key]
    window = _open(build, qtbot)
    if window is None:
        pytest.skip(f"{key}: nothing in the demo database to show")
    box, combo = _type_and_choose(window)
    in_french = texts(window)

    i18n.set_language("nl")
    QApplication.processEvents()
    switched = texts(window)
    fresh = _open(build, qtbot)
    if combo is not None:  # the same choice made in the dialog opened in Dutch
        _type_and_choose(fresh)

    assert switched != in_french, f"{key}: nothing changed language"
    assert window.windowTitle() == fresh.windowTitle()
    missed = [(old, now, want) for old, now, want in zip(in_french, switched, texts(fresh), strict=True)
              if now != want]
    assert not missed, f"{key}: (French, after the switch, opened in Dutch): {missed}"
    if box is not None:
        assert (box.text() if isinstance(box, QLineEdit) else box.toPlainText()) == TYPED
    if combo is not None:
        assert combo.currentIndex() == 1
