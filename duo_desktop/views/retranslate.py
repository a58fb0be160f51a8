"""Texts that follow the interface language, one mechanism for every window
(issue 17: Ctrl+Shift+L switches the language with a modal dialog open, and
the open dialogs must follow; Frescobaldi's translateUI pattern).

A window or widget calls ``follow_language(self)`` once: after each switch
its texts given with ``tr``/``tr_items``/``tr_row`` are set again in the new
language, then its own ``translate_ui()`` (when it has one) runs for the
texts that depend on its state. Only texts change: what was typed, ticked
or chosen stays.

    tr(widget, text, setter="setText") -> widget      text: a msgid or a function
    tr_items(combo, label_of) -> combo                each item's text is label_of(item data)
    tr_row(form, text, field) -> QLabel               a QFormLayout row with a translated label
    say(label, text, hide=True) -> None               an error or message line (None clears it)
    follow_language(widget, translate=None) -> None

A text is either a msgid marked with ``N_`` (translated with ``_`` each
time) or a function of no argument returning the translated text (for
placeholders: ``lambda: _("Record {id}").format(id=record_id)``). Such a
function must not refer to the window itself (a reference cycle through Qt
objects); take the values it needs into local variables.

The listener holds only a weak reference: a strong one kept a widget's
wrapper alive past its window, and the garbage collector then deleted Qt
objects off the UI thread (a crash in the full test suite, see date_field).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from .. import i18n
from ..i18n import _

Text = str | Callable[[], str]
_TEXTS = "_duo_texts"  # on a widget: {setter name: Text}
_ITEMS = "_duo_item_label"  # on a combo box: item data -> text


def _render(text: Text) -> str:
    return _(text) if isinstance(text, str) else text()


def tr(widget: QWidget, text: Text, setter: str = "setText") -> QWidget:
    """Set ``widget``'s text (``setter``: setText, setWindowTitle, setPlaceholderText,
    setToolTip, setTitle...) now and again after each language switch of the
    window that follows the language."""
    texts = widget.__dict__.setdefault(_TEXTS, {})
    texts[setter] = text
    getattr(widget, setter)(_render(text))
    return widget


def tr_items(combo: QComboBox, label_of: Callable[[object], str]) -> QComboBox:
    """Each item's text is ``label_of(item data)``, now and after each switch;
    the current choice is kept."""
    combo.__dict__[_ITEMS] = label_of
    _relabel(combo)
    return combo


def tr_row(form: QFormLayout, text: Text, field: QWidget) -> QLabel:
    """Add a row to ``form`` whose label follows the language (the label is the field's buddy)."""
    label = QLabel()
    tr(label, text)
    label.setBuddy(field)
    form.addRow(label, field)
    return label


def say(label: QLabel, text: Text | None, hide: bool = True) -> None:
    """Show ``text`` on an error or message line and show the line; it is
    said again in the new language after a switch (an error left in the old
    language read as a second, different error). ``None`` or ``""`` clears
    the line (and hides it, unless ``hide`` is false: a status line that
    keeps its place), and it stays empty after a switch."""
    texts = label.__dict__.setdefault(_TEXTS, {})
    if not text:
        texts.pop("setText", None)
        label.clear()
        label.setHidden(hide)
        return
    tr(label, text)
    label.show()


def _relabel(combo: QComboBox) -> None:
    label_of = combo.__dict__.get(_ITEMS)
    for i in range(combo.count()):
        combo.setItemText(i, label_of(combo.itemData(i)))


def apply_texts(root: QWidget) -> None:
    """Set again every text given with ``tr``/``tr_items`` to ``root`` and its children."""
    for widget in (root, *root.findChildren(QWidget)):
        state = widget.__dict__ if hasattr(widget, "__dict__") else {}
        for setter, text in state.get(_TEXTS, {}).items():
            getattr(widget, setter)(_render(text))
        if _ITEMS in state:
            _relabel(widget)


def follow_language(widget: QWidget, translate: Callable[[QWidget], None] | None = None) -> Callable[[], None]:
    """After each language switch, while ``widget`` lives: its ``tr`` texts are
    set again, then ``translate(widget)`` runs (by default its ``translate_ui()``,
    when it has one). Does nothing now: set the first texts in ``__init__``.
    Returns the function that stops following (for a window closed for good)."""
    ref = weakref.ref(widget)

    def retranslate(alive: QWidget) -> None:
        apply_texts(alive)
        if translate is not None:
            translate(alive)
        elif callable(getattr(alive, "translate_ui", None)):
            alive.translate_ui()

    def listener(_lang: str) -> None:
        alive = ref()
        if alive is None or not shiboken6.isValid(alive):
            unlisten()
            return
        window = alive.window()
        if window.isHidden() and window.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide):
            _WhenShown.install(alive, retranslate)  # a closed window: when shown again, not at every switch
        else:
            retranslate(alive)

    unlisten = i18n.on_language_changed(listener)
    return unlisten


class _WhenShown(QObject):
    """Retranslates a window the next time it is shown (once), so that a
    switch costs nothing for the windows out of sight."""

    def __init__(self, widget: QWidget, retranslate: Callable[[QWidget], None]) -> None:
        super().__init__(widget)
        self.retranslate = retranslate
        widget.installEventFilter(self)

    @classmethod
    def install(cls, widget: QWidget, retranslate: Callable[[QWidget], None]) -> None:
        if widget.findChild(cls, options=Qt.FindChildOption.FindDirectChildrenOnly) is None:
            cls(widget, retranslate)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            self.setParent(None)
            self.deleteLater()
            self.retranslate(watched)
        return False
