"""The duo page's corrections (issue 17): visible buttons to edit or delete
the timeline line selected (a meeting, a check-in, an evaluation, an
outcome) and to correct or undo the signature and the end. Which buttons
show follows services/duo_lifecycle.allowed_actions; each change is one
Operation through services/duo_corrections.py (the same date rules as the
action corrected), asks before deleting or undoing, and lands in the duo's
timeline."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING


from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMessageBox, QPushButton, QSpinBox, QToolBar, QWidget

from ..i18n import N_, _
from ..models import EndReason, MeetingChannel, Respondent
from ..services import duo_corrections as fix
from ..services.duo_lifecycle import DuoAction
from ..services.followup import MAX_MEETING_MINUTES, MeetingEntry
from ..services.timeline import EntryKind
from .duo_dialogs import AgreementDialog, CheckInDialog, EndDuoDialog, enum_combo, picked
from .form_dialog import FormDialog, date_edit, date_of
from .retranslate import tr
from .ops import Operation, Query

if TYPE_CHECKING:
    from .duo_page import DuoPage

#: timeline lines that can be edited / deleted from the buttons
EDITABLE = (EntryKind.MEETING, EntryKind.CHECK_IN, EntryKind.EVALUATION)
DELETABLE = (EntryKind.MEETING, EntryKind.CHECK_IN, EntryKind.EVALUATION, EntryKind.OUTCOME)


@dataclass(frozen=True)
class MeetingEdit:
    held_on: dt.date
    duration_minutes: int
    channel: MeetingChannel
    note: str


class MeetingDialog(FormDialog):
    """One logged meeting, to correct."""

    def __init__(self, entry: MeetingEntry, today: dt.date, save, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(N_("Correct the meeting"), save, parent)
        self.held_on = date_edit(entry.held_on, today)
        self.duration = QSpinBox()
        self.duration.setRange(1, MAX_MEETING_MINUTES)
        self.duration.setSuffix(" min")
        self.duration.setValue(entry.duration_minutes)
        self.channel = enum_combo(MeetingChannel, entry.channel)
        self.note = QLineEdit(entry.note)
        self.add_row(N_("Date"), self.held_on)
        self.add_row(N_("Duration"), self.duration)
        self.add_row(N_("Channel"), self.channel)
        self.add_row(N_("Note"), self.note)

    def value(self) -> MeetingEdit:
        return MeetingEdit(date_of(self.held_on), self.duration.value(), picked(self.channel, MeetingChannel),
                           self.note.text())


class DuoCorrections:
    """Builds the buttons (``bar``) and runs the corrections of ``page``."""

    def __init__(self, page: DuoPage) -> None:
        self.page = page
        self.bar = QToolBar()  # folds into a » menu when the window is narrow, like the page's actions
        self.bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.buttons: dict[str, QPushButton] = {}
        self._actions: dict[str, QAction] = {}
        for key, slot in (("edit", self.edit_selected), ("delete", self.delete_selected),
                          ("correct_sign", self.correct_agreement), ("undo_sign", self.undo_agreement),
                          ("correct_end", self.correct_end), ("undo_end", self.undo_end)):
            button = QPushButton()
            button.clicked.connect(slot)
            self._actions[key] = self.bar.addWidget(button)
            self.buttons[key] = button
        page.timeline.currentItemChanged.connect(lambda *_a: self.update())
        #: replaced in tests; asks the user to confirm (question text) -> bool
        self.confirm: Callable[[str], bool] = self._ask
        self.dialog: FormDialog | None = None  # the correction dialog open now (tests drive it)

    def translate_ui(self) -> None:
        for key, text in (("edit", _("Edit selected…")), ("delete", _("Delete selected…")),
                          ("correct_sign", _("Correct the signature…")), ("undo_sign", _("Undo the signature…")),
                          ("correct_end", _("Correct the end…")), ("undo_end", _("Undo the end…"))):
            self.buttons[key].setText(text)
        self.buttons["edit"].setToolTip(_("Correct the meeting, check-in or evaluation selected in the history"))
        self.buttons["delete"].setToolTip(_("Delete the meeting, check-in, evaluation or outcome selected in the "
                                            "history (Del)"))

    # --- which buttons apply ------------------------------------------------------------
    def selected(self) -> tuple[EntryKind, int, str] | None:
        """(kind, record id, date shown) of the timeline line selected, when it is a record."""
        from .duo_page import ENTRY_ROLE

        item = self.page.timeline.currentItem()
        target = item.data(0, ENTRY_ROLE) if item is not None else None
        return None if target is None else (EntryKind(target[0]), target[1], item.text(0))

    def update(self) -> None:
        d = self.page.data
        allowed = d.allowed if d is not None else frozenset()
        chosen = self.selected()
        shown = {"edit": chosen is not None and chosen[0] in EDITABLE,
                 "delete": chosen is not None and chosen[0] in DELETABLE,
                 "correct_sign": DuoAction.CORRECT_AGREEMENT in allowed,
                 "undo_sign": DuoAction.UNDO_AGREEMENT in allowed,
                 "correct_end": DuoAction.CORRECT_END in allowed, "undo_end": DuoAction.UNDO_END in allowed}
        for key, button in self.buttons.items():  # edit and delete stay in view, greyed until a line is chosen
            self._actions[key].setVisible(shown[key] or key in ("edit", "delete"))
            button.setEnabled(shown[key])

    # --- running one -----------------------------------------------------------------------
    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self.page, _("Confirm"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _op(self, work: Callable, said: Callable[[], str], people: bool = False) -> Operation:  # noqa: ANN001
        return self.page._saving(work, said, people_changed=people)

    def _now(self) -> dt.datetime:
        return self.page.context.clock.now()

    def _who(self) -> int | None:
        return self.page.context.coordinator_id

    def _run_dialog(self, dialog: FormDialog) -> None:
        self.dialog = dialog
        dialog.exec()
        self.dialog = None

    def edit_selected(self) -> None:
        chosen, d = self.selected(), self.page.data
        if chosen is None or d is None or chosen[0] not in EDITABLE:
            return
        kind, record_id, _day = chosen
        today = self.page.context.clock.today()
        if kind is EntryKind.EVALUATION:  # the evaluation dialog opens with what was saved
            found: list = []
            Query(self.page, self.page.context, lambda s: fix.evaluation_side(s, record_id)).success(found.append).run()
            if found:
                self.page.evaluate(Respondent(found[0]))
            return
        if kind is EntryKind.MEETING:
            entries: list = []
            Query(self.page, self.page.context, lambda s: fix.meeting_entry(s, record_id)).success(entries.append).run()
            if not entries:
                return

            def save_meeting(v: MeetingEdit) -> Operation:
                entry = MeetingEntry(d.id, v.held_on, v.duration_minutes, v.channel, entries[0].topics, v.note)
                return self._op(lambda s: fix.edit_meeting(s, record_id, entry, today, self._now(), self._who()),
                                lambda: _("Meeting corrected."))

            self._run_dialog(MeetingDialog(entries[0], today, save_meeting, self.page))
            return
        values: list = []
        Query(self.page, self.page.context, lambda s: fix.check_in_values(s, record_id)).success(values.append).run()
        if not values:
            return

        def save_check_in(v) -> Operation:  # noqa: ANN001
            return self._op(lambda s: fix.edit_check_in(s, record_id, v.held_on, today, self._now(), v.with_whom,
                                                        v.channel, v.rating, v.concerns, v.follow_up_needed,
                                                        self._who()), lambda: _("Check-in corrected."))

        dialog = CheckInDialog(today, save_check_in, self.page)
        held_on, with_whom, channel, rating, concerns, follow = values[0]
        tr(dialog, N_("Correct the check-in"), "setWindowTitle")
        dialog.held_on.set_value(held_on)
        dialog.with_whom.setCurrentIndex(dialog.with_whom.findData(with_whom))
        dialog.channel.setCurrentIndex(dialog.channel.findData(channel))
        dialog.rating.setValue(rating)
        dialog.concerns.setPlainText(concerns)
        dialog.follow_up.setChecked(follow)
        self._run_dialog(dialog)

    def delete_selected(self) -> None:
        """Delete the record selected in the history, after confirmation."""
        chosen = self.selected()
        if chosen is None or chosen[0] not in DELETABLE:
            return
        kind, record_id, day = chosen
        questions = {EntryKind.MEETING: _("Delete the meeting of {date}?"),
                     EntryKind.CHECK_IN: _("Delete the check-in of {date}?"),
                     EntryKind.EVALUATION: _("Delete the evaluation of {date}?"),
                     EntryKind.OUTCOME: _("Delete the outcome recorded on {date}?")}
        if not self.confirm(questions[kind].format(date=day)):
            return
        delete = {EntryKind.MEETING: fix.delete_meeting, EntryKind.CHECK_IN: fix.delete_check_in,
                  EntryKind.EVALUATION: fix.delete_evaluation, EntryKind.OUTCOME: fix.delete_outcome}[kind]
        self._op(lambda s: delete(s, record_id, self._now(), self._who()), lambda: _("Deleted.")) \
            .failure(self.page._refused).run()

    def correct_agreement(self) -> None:
        d, today = self.page.data, self.page.context.clock.today()
        if d is None or d.agreement_signed_on is None:
            return

        def save(v) -> Operation:  # noqa: ANN001
            return self._op(lambda s: fix.correct_agreement(s, d.id, v.signed_on, v.language, today, self._now(),
                                                            self._who()), lambda: _("Signature corrected."))

        dialog = AgreementDialog(today, d.agreement_language, save, self.page)
        tr(dialog, N_("Correct the signature"), "setWindowTitle")
        dialog.signed_on.set_value(d.agreement_signed_on)
        self._run_dialog(dialog)

    def correct_end(self) -> None:
        d, today = self.page.data, self.page.context.clock.today()
        if d is None or d.ended_on is None:
            return

        def save(v) -> Operation:  # noqa: ANN001
            return self._op(lambda s: fix.correct_end(s, d.id, v.ended_on, v.reason, v.note, today, self._now(),
                                                      self._who()), lambda: _("End corrected."), people=True)

        dialog = EndDuoDialog(today, save, self.page)
        tr(dialog, N_("Correct the end"), "setWindowTitle")
        dialog.ended_on.set_value(d.ended_on)
        dialog.reason.setCurrentIndex(dialog.reason.findData(d.end_reason or EndReason.COMPLETED))
        self._run_dialog(dialog)

    def undo_agreement(self) -> bool:
        d = self.page.data
        if d is None or not self.confirm(_("Undo the signature of the agreement? The duo will await its "
                                           "agreement again.")):
            return False
        return self._op(lambda s: fix.undo_agreement(s, d.id, self._now(), self._who()),
                        lambda: _("Signature undone: the duo awaits its agreement.")) \
            .failure(self.page._refused).run()

    def undo_end(self) -> bool:
        d = self.page.data
        if d is None or not self.confirm(_("Undo the end of the duo? It will be active again.")):
            return False
        return self._op(lambda s: fix.undo_end(s, d.id, self._now(), self._who()),
                        lambda: _("End undone: the duo is active again."), people=True) \
            .failure(self.page._refused).run()



