"""A small form dialog that saves through a callback: the callback returns the
:class:`~duo_desktop.views.ops.Operation` that saves (or raises RuleError for a
check made before any transaction); when the service refuses, the reason is
shown in the dialog and nothing typed is lost."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ..i18n import N_, _
from ..services.errors import NotFound, RuleError
from .date_field import DateField, check_fields
from .fit import scrolling
from .ops import Operation, failure_text
from .retranslate import Text, follow_language, say, tr, tr_row
from .typed_guard import AsksBeforeDiscarding


def date_edit(day: dt.date, maximum: dt.date | None = None) -> DateField:
    """The app's date field (views/date_field.py) showing ``day``, refusing days after ``maximum``."""
    return DateField(day, maximum=maximum)


def date_of(edit: DateField) -> dt.date:
    """The typed date; RuleError naming the field when it cannot be used."""
    return edit.value()


def error_label() -> QLabel:
    """The hidden line where a dialog says why nothing was saved."""
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b00020;")
    label.hide()
    return label


def refusal(template: str | None, exc: Exception) -> Text:
    """Why something was not saved, on an error line that follows the
    language: ``template`` (a msgid with ``{reason}``; None: the reason alone)
    around a rule's reason, what no longer exists, or (anything else) that
    nothing was saved."""
    reason = failure_text(exc)
    return reason if template is None else (lambda: _(template).format(reason=reason()))


def run_save(op: Operation | None, error: QLabel, template: str | None) -> bool:
    """Run the operation a dialog's save callback returned, with its failure
    shown on the dialog's error line (``template``: a msgid with a ``{reason}``,
    or None for the reason alone).
    True when saved (or when there was nothing to run)."""
    return op is None or op.failure(lambda exc: say(error, refusal(template, exc))).run()


def save_cancel_buttons(dialog: QDialog) -> QDialogButtonBox:
    """Save (calls ``dialog.try_accept``) and Cancel, in the interface language."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    tr(buttons.button(QDialogButtonBox.StandardButton.Save), N_("Save"))
    tr(buttons.button(QDialogButtonBox.StandardButton.Cancel), N_("Cancel"))
    buttons.accepted.connect(dialog.try_accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class FormDialog(AsksBeforeDiscarding, QDialog):
    """Subclasses fill ``self.form`` (``add_row``) and implement ``value()``; ``save(value)``
    returns the Operation that saves it (or raises RuleError before any). The
    title and the row labels are texts for ``retranslate.tr`` (a msgid marked
    with ``N_``): they follow the interface language while the dialog is open."""

    def __init__(self, title: Text, save: Callable[[object], Operation | None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        tr(self, title, "setWindowTitle")
        self._save = save
        body = QWidget()
        self.form = QFormLayout(body)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.error = error_label()
        self.buttons = save_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(scrolling(body), 1)  # the form scrolls on a small screen, the buttons stay (issue 17)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        follow_language(self)

    def add_row(self, text: Text, field: QWidget) -> QLabel:
        """A row of the form whose label follows the interface language."""
        return tr_row(self.form, text, field)

    def value(self) -> object:  # the input dataclass
        raise NotImplementedError

    def try_accept(self) -> None:
        template = N_("Not saved: {reason}")
        if not check_fields(*(f for f in self.findChildren(DateField) if f.isEnabled())):
            say(self.error, N_("Not saved: a date needs correcting (see under the field)."))
            return
        try:
            op = self._save(self.value())
        except (RuleError, NotFound) as exc:
            say(self.error, refusal(template, exc))
            return
        if run_save(op, self.error, template):
            self.accept()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.try_accept()
            return
        super().keyPressEvent(event)
