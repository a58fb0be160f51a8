"""A duo's page: both people, the stage and its dates, today's alerts, the
timeline of everything that happened, the notes, and the actions the stage
allows (log meetings, check-in, sign the agreement, end the duo, evaluation,
outcome, print the agreement). Each action is one transaction; the page says
whether it was saved."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QToolBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..i18n import N_, _, format_date
from ..models import OutcomeMoment, Respondent
from ..services import duo_lifecycle as life
from ..services import followup as fu
from ..services.duo_details import DuoDetails, details
from ..services.duo_lifecycle import DuoAction
from ..services.errors import NotFound, RuleError
from ..services.labels import label
from ..services.reference import language_label
from ..services.timeline import EntryKind, timeline
from .bidi import isolate, ltr
from .context import AppContext, Changes
from .duo_corrections import DuoCorrections
from .duo_dialogs import AgreementDialog, CheckInDialog, EndDuoDialog, EvaluationDialog, OutcomeDialog
from .form_dialog import refusal
from .meeting_week_dialog import MeetingWeekDialog, saved_message
from .ops import Operation, Query
from .retranslate import follow_language, say


ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
DELETABLE = (EntryKind.MEETING, EntryKind.CHECK_IN, EntryKind.EVALUATION, EntryKind.OUTCOME)
NOTES_AUTOSAVE_MS = 1500  # the notes save themselves this long after the last keystroke
#: which lifecycle action each button stands for (the lifecycle says which a duo allows)
BUTTON_ACTIONS = {"meeting": DuoAction.LOG_MEETINGS, "check_in": DuoAction.CHECK_IN, "sign": DuoAction.SIGN,
                  "print": DuoAction.PRINT_AGREEMENT, "end": DuoAction.END, "eval_mentee": DuoAction.EVALUATE,
                  "eval_mentor": DuoAction.EVALUATE, "outcome": DuoAction.RECORD_OUTCOME}


class DuoPage(QWidget):
    agreement_requested = Signal(int)  # duo id: "Print agreement…"
    back_requested = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.duo_id: int | None = None
        self.data: DuoDetails | None = None
        self.back = QPushButton()
        self.back.setShortcut(QKeySequence("Alt+Left"))
        self.back.clicked.connect(self.back_requested.emit)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.status = QLabel()  # what was saved, or why not
        self.status.setWordWrap(True)

        self.people = QGroupBox()
        grid = QGridLayout(self.people)
        self.fields: dict[str, tuple[QLabel, QLabel]] = {}
        for i, key in enumerate(("mentee", "mentor", "coordinator", "stage", "agreement", "end")):
            name, value = QLabel(), QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            # names in Arabic stay on the left like the others
            value.setAlignment(Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignLeft
                               | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(name, i // 2, (i % 2) * 2)
            grid.addWidget(value, i // 2, (i % 2) * 2 + 1)
            self.fields[key] = (name, value)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)

        self.alerts = QLabel()
        self.alerts.setWordWrap(True)
        self.alerts.setStyleSheet("QLabel { background: #fde7e9; color: #5f0010; padding: 6px; border-radius: 4px; }")

        self.buttons: dict[str, QPushButton] = {}
        self._button_actions: dict[str, QAction] = {}
        actions = QToolBar()  # folds into a » menu when the window is narrow
        actions.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for key, shortcut, slot in (
            ("meeting", "Ctrl+M", self.log_meeting), ("check_in", "Ctrl+K", self.check_in),
            ("sign", "", self.sign_agreement), ("print", "Ctrl+P", self._print),
            ("end", "", self.end_duo), ("eval_mentee", "", lambda: self.evaluate(Respondent.MENTEE)),
            ("eval_mentor", "", lambda: self.evaluate(Respondent.MENTOR)), ("outcome", "", self.outcome),
        ):
            button = QPushButton()
            button.clicked.connect(slot)
            if shortcut:
                QShortcut(QKeySequence(shortcut), self, activated=button.click)
            self.buttons[key] = button
            self._button_actions[key] = actions.addWidget(button)

        self.timeline = QTreeWidget()
        self.timeline.setRootIsDecorated(False)
        self.timeline.setColumnCount(3)
        self.timeline.setAlternatingRowColors(True)
        self.timeline.setWordWrap(True)
        self.timeline.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.timeline.header().setStretchLastSection(True)
        self.timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.timeline.customContextMenuRequested.connect(self._timeline_menu)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.timeline, activated=self.delete_selected)

        self.corrections = DuoCorrections(self)  # edit, delete, correct or undo (visible buttons)

        notes_box = QGroupBox()
        self.notes_box = notes_box
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.save_notes = QPushButton()
        self.save_notes.clicked.connect(self._save_notes)
        # Nothing typed is lost (issue 17): the notes save themselves a moment after the typing stops
        # (like the intake), at once when the page is left or another duo shown, and a reload (after
        # any other action, a language switch, another laptop's change) never replaces unsaved text.
        self._notes_saved: tuple[int | None, str] = (None, "")  # (duo id, text) as last read or saved
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_AUTOSAVE_MS)
        self._notes_timer.timeout.connect(self._save_notes)
        self.notes.textChanged.connect(self._notes_typed)
        nl = QVBoxLayout(notes_box)
        nl.addWidget(self.notes, 1)
        nl.addWidget(self.save_notes, 0, Qt.AlignmentFlag.AlignRight)

        split = QSplitter()
        split.addWidget(self.timeline)
        split.addWidget(notes_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)

        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.heading, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.people)
        layout.addWidget(self.alerts)
        layout.addWidget(actions)
        layout.addWidget(self.corrections.bar)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        follow_language(self)
        self.translate_ui()

    # --- contents ---------------------------------------------------------------
    def notes_unsaved(self) -> bool:
        """True when the notes box holds text that is not saved yet."""
        return self.duo_id is not None and self._notes_saved != (self.duo_id, self.notes.toPlainText())

    def _notes_typed(self) -> None:
        if self.notes_unsaved():
            self._notes_timer.start()

    def flush_notes(self) -> None:
        """Save typed notes now (before showing another duo, leaving the page or closing)."""
        self._notes_timer.stop()
        if self.notes_unsaved():
            self._save_notes()

    def hideEvent(self, event) -> None:  # noqa: ANN001, N802
        self.flush_notes()  # leaving the page or closing the window saves what was typed
        super().hideEvent(event)

    def show_duo(self, duo_id: int) -> None:
        if duo_id != self.duo_id:
            self.flush_notes()
        self.duo_id = duo_id
        self._say(None)
        self.reload()

    def reload(self) -> None:
        if self.duo_id is None:
            return
        duo_id, today = self.duo_id, self.context.clock.today()

        def read(session):  # noqa: ANN001, ANN202
            try:
                return details(session, duo_id, today), timeline(session, duo_id)
            except NotFound:
                return None, []

        Query(self, self.context, read).success(lambda found: self._show(*found)).run()

    def _show(self, d: DuoDetails | None, entries) -> None:  # noqa: ANN001
        self.data = d
        if d is None:
            return
        self.heading.setText(_("Duo {mentee} – {mentor}").format(mentee=isolate(d.mentee.name),
                                                                 mentor=isolate(d.mentor.name)))
        contact = lambda p: ltr(" · ".join(x for x in (isolate(p.name), p.phone, p.email) if x))  # noqa: E731
        self.fields["mentee"][1].setText(contact(d.mentee))
        self.fields["mentor"][1].setText(contact(d.mentor))
        self.fields["coordinator"][1].setText(" · ".join(x for x in (d.coordinator, d.branch) if x))
        self.fields["stage"][1].setText(label(d.stage))
        self.fields["agreement"][1].setText(
            _("signed on {date} ({language}), planned end {end}").format(
                date=format_date(d.agreement_signed_on), language=language_label(d.agreement_language, in_text=True),
                end=format_date(d.planned_end_on)) if d.agreement_signed_on else _("not signed yet"))
        self.fields["end"][1].setText(
            _("{date}: {reason}").format(date=format_date(d.ended_on), reason=label(d.end_reason))
            if d.ended_on else "—")
        self.alerts.setText("\n".join("⚠ " + a.message() for a in d.alerts))
        self.alerts.setVisible(bool(d.alerts))
        # Only the actions the duo allows now are shown (the lifecycle says
        # which): they fit the window, and their shortcuts work only when they apply
        allowed = d.allowed
        for key, action in BUTTON_ACTIONS.items():
            yes = action in allowed
            self.buttons[key].setEnabled(yes)
            self._button_actions[key].setVisible(yes)
        self.timeline.clear()
        for e in entries:
            item = QTreeWidgetItem([format_date(e.day, "short"), e.title, e.detail])
            item.setToolTip(2, e.detail)
            if e.kind in DELETABLE and e.record_id is not None:
                item.setData(0, ENTRY_ROLE, (e.kind.value, e.record_id))
            self.timeline.addTopLevelItem(item)
        self.corrections.update()
        if not self.notes_unsaved() or self._notes_saved[0] != d.id:
            if self.notes.toPlainText() != d.notes:  # unchanged text keeps the cursor where the typing is
                self.notes.blockSignals(True)
                self.notes.setPlainText(d.notes)
                self.notes.blockSignals(False)
            self._notes_saved = (d.id, d.notes)

    def translate_ui(self) -> None:
        self.back.setText(_("← Duos"))
        self.back.setToolTip(_("Back to the list (Alt+Left)"))
        self.people.setTitle(_("The duo"))
        for key, text in (("mentee", _("Mentee")), ("mentor", _("Mentor")), ("coordinator", _("Coordinator")),
                          ("stage", _("Stage")), ("agreement", _("Agreement")), ("end", _("End"))):
            # the colon is the language's own (French puts a no-break space before it)
            self.fields[key][0].setText(_("{label}:").format(label=text))
        for key, text in (("meeting", _("Log meetings…")), ("check_in", _("Check-in…")),
                          ("sign", _("Sign agreement…")), ("print", _("Print agreement…")),
                          ("end", _("End the duo…")), ("eval_mentee", _("Mentee evaluation…")),
                          ("eval_mentor", _("Mentor evaluation…")), ("outcome", _("Outcome…"))):
            self.buttons[key].setText(text)
        self.timeline.setHeaderLabels([_("Date"), _("What"), _("Details")])
        self.corrections.translate_ui()
        self.notes_box.setTitle(_("Notes"))
        self.save_notes.setText(_("Save notes"))
        self.reload()

    # --- actions ----------------------------------------------------------------
    def _saving(self, work: Callable, done: Callable[[], str], people_changed: bool = False) -> Operation:  # noqa: ANN001
        """The operation that saves one action (not run yet: the dialog runs
        it and shows a refusal). ``done`` says what was saved, in the current
        language (again after a switch)."""
        # statuses move when a duo ends or a mentor is evaluated (alumni, back in the pool)
        changes = Changes.DUOS | Changes.PARTICIPANTS if people_changed else Changes.DUOS
        return Operation(self, self.context, work, changes=changes).success(lambda _r: self._saved(done))

    def _saved(self, done: Callable[[], str]) -> None:
        self._say(done)
        self.reload()

    def _say(self, text: Callable[[], str] | None) -> None:
        say(self.status, text)  # what the last action saved, said again after a language switch

    def _now(self):  # noqa: ANN202
        return self.context.clock.now()

    def log_meeting(self) -> None:
        d = self.data
        if d is None:
            return
        today = self.context.clock.today()

        def save(entries, rows) -> Operation:  # noqa: ANN001
            return self._saving(lambda s: fu.record_week(s, entries, today, self._now(), d.coordinator_id, rows),
                                lambda n=len(entries): saved_message(n))

        day = min(today, d.ended_on) if d.ended_on else today  # a late entry for an ended duo
        dialog = MeetingWeekDialog([(d.id, d.mentor.name, d.mentee.name)], day, save, self)
        dialog.rows[0].held.setChecked(True)
        dialog.exec()

    def check_in(self) -> None:
        d, today = self.data, self.context.clock.today()
        if d is None:
            return

        def save(v) -> Operation:  # noqa: ANN001
            return self._saving(lambda s: fu.record_check_in(s, d.id, v.held_on, today, self._now(), v.with_whom,
                                                             v.channel, v.rating, v.concerns, v.follow_up_needed,
                                                             d.coordinator_id),
                                lambda: _("Check-in saved."))

        CheckInDialog(today, save, self).exec()

    def sign_agreement(self) -> None:
        d, today = self.data, self.context.clock.today()
        if d is None:
            return

        def save(v) -> Operation:  # noqa: ANN001
            return self._saving(lambda s: life.sign_agreement(s, life.get_duo(s, d.id), v.signed_on, v.language,
                                                              self._now(), d.duo_months, d.coordinator_id),
                                lambda: _("Agreement signed."))

        AgreementDialog(today, d.mentee.preferred_language, save, self).exec()

    def end_duo(self) -> None:
        d, today = self.data, self.context.clock.today()
        if d is None:
            return

        def save(v) -> Operation:  # noqa: ANN001
            if v.ended_on > today:
                raise RuleError(N_("A duo cannot end in the future."), "date")
            return self._saving(lambda s: life.end_duo(s, life.get_duo(s, d.id), v.ended_on, v.reason, self._now(),
                                                       v.note, d.coordinator_id),
                                lambda: _("The duo has ended."), people_changed=True)

        EndDuoDialog(today, save, self).exec()

    def evaluate(self, respondent: Respondent) -> None:
        d, today = self.data, self.context.clock.today()
        if d is None:
            return

        def save(v) -> Operation:  # noqa: ANN001
            return self._saving(lambda s: fu.record_evaluation(s, d.id, v, today, self._now(), d.coordinator_id),
                                lambda: _("Evaluation saved."), people_changed=v.respondent is Respondent.MENTOR)

        def ask(existing) -> None:  # noqa: ANN001
            person = d.mentor.name if respondent is Respondent.MENTOR else d.mentee.name
            self.evaluation_dialog = EvaluationDialog(respondent, person, today, save, self, existing)
            self.evaluation_dialog.exec()

        Query(self, self.context, lambda s: fu.get_evaluation(s, d.id, respondent)).success(ask).run()

    def outcome(self) -> None:
        d, today = self.data, self.context.clock.today()
        if d is None:
            return
        moment = OutcomeMoment.AT_END
        if d.ended_on is not None:
            months = (today.year - d.ended_on.year) * 12 + today.month - d.ended_on.month
            moment = OutcomeMoment.AFTER_12_MONTHS if months >= 12 else \
                OutcomeMoment.AFTER_3_MONTHS if months >= 3 else OutcomeMoment.AT_END

        def save(v) -> Operation:  # noqa: ANN001
            return self._saving(lambda s: fu.record_outcome(s, d.id, v, today, self._now(), d.coordinator_id),
                                lambda: _("Outcome saved."))

        OutcomeDialog(today, moment, save, self).exec()

    def _timeline_menu(self, pos) -> None:  # noqa: ANN001
        item = self.timeline.itemAt(pos)
        if item is None or item.data(0, ENTRY_ROLE) is None:
            return
        self.timeline.setCurrentItem(item)
        menu = QMenu(self)
        menu.addAction(_("Delete…"), self.delete_selected)
        menu.exec(self.timeline.viewport().mapToGlobal(pos))

    def delete_selected(self) -> None:
        """Delete the meeting, check-in, evaluation or outcome selected, after confirmation (views/duo_corrections.py)."""
        self.corrections.delete_selected()

    def _print(self) -> None:
        if self.duo_id is not None:
            self.agreement_requested.emit(self.duo_id)

    def _save_notes(self) -> None:
        if self.duo_id is None:
            return
        self._notes_timer.stop()
        duo_id, text = self.duo_id, self.notes.toPlainText()
        seen = self.data.version if self.data is not None else None  # someone else's save in between: refused

        def saved(_result) -> None:  # noqa: ANN001
            self._notes_saved = (duo_id, text)  # before the reload, which then keeps any text typed since
            self._saved(lambda: _("Notes saved."))

        Operation(self, self.context, lambda s: fu.save_notes(s, duo_id, text, self._now(), version=seen),
                  changes=Changes.DUOS).success(saved).failure(self._refused).run()

    def _refused(self, exc: Exception) -> None:
        """Why an action on the page itself was not saved, said on the page
        (in the current language, again after a switch)."""
        self._say(refusal(N_("Not saved: {reason}"), exc))
