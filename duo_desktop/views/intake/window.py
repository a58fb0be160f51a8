"""The intake window: the form, the checks beside it (eligibility warnings
with an "accept anyway" reason, possible duplicates), a draft saved as it is
typed, Ctrl+S to finish, Esc to close (the draft is kept)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ... import i18n
from ...i18n import _, format_date, format_list
from ...services import duplicates as duplicate_service
from ...services import intake as intake_service
from ...services.eligibility import RULES
from ..context import AppContext, Changes
from ..ops import Operation, Query, failure_message
from .fields import ERROR_STYLE, assign_mnemonics
from .form import IntakeForm
from ..retranslate import follow_language

AUTOSAVE_MS = 500
WARNING_STYLE = "color: #8a4b00;"


class IntakeWindow(QWidget):
    intake_finished = Signal(int)  # participant id

    def __init__(self, context: AppContext, branch_id: int | None, data: dict[str, Any],
                 draft_id: int | None = None, participant_id: int | None = None,
                 parent: QWidget | None = None, branches: list[intake_service.BranchChoice] | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("intake_window")
        self.context = context
        self.draft_id = draft_id
        self.participant_id = participant_id
        self._finished = False
        self._dirty = False
        self._baseline: dict[str, Any] | None = None
        self.branches: list[intake_service.BranchChoice] = []
        if branches is not None:
            self.branches = list(branches)
        else:
            Query(self, context, intake_service.branches).success(self.branches.extend).run()
        self.overrides: dict[str, str] = dict(data.get("overrides") or {})
        self.last_review: intake_service.Review | None = None

        self.branch = QComboBox()
        for info in self.branches:
            self.branch.addItem(info.name, info.id)
        if branch_id is not None and self.branch.findData(branch_id) >= 0:
            self.branch.setCurrentIndex(self.branch.findData(branch_id))
        self.branch_label = QLabel()
        self.branch_label.setBuddy(self.branch)
        self.form = IntakeForm()
        self.form.set_data(data)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.scroll = scroll

        self.checks = self._build_checks()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("intake_status")
        self.finish_button = QPushButton()
        self.finish_button.clicked.connect(self.finish)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.close)

        header = QHBoxLayout()
        header.addWidget(self.branch_label)
        header.addWidget(self.branch, 1)
        body = QHBoxLayout()
        body.addWidget(scroll, 3)
        body.addWidget(self.checks, 2)
        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        footer.addWidget(self.close_button)
        footer.addWidget(self.finish_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(body, 1)
        layout.addLayout(footer)

        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.finish)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, activated=self.close)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.save_draft)
        self.form.changed.connect(self._on_change)
        info = self.branch_info()
        self._branch_language = info.default_language if info is not None else None  # see _on_branch_changed
        self.branch.currentIndexChanged.connect(self._on_branch_changed)
        self._unsubscribe = follow_language(self)
        self._set_tab_order()
        self.translate_ui()
        self.resize(1100, 760)
        self._baseline = self.data()
        if draft_id is not None or participant_id is not None:
            self.run_review()
        self.form.inputs["first_name"].setFocus()

    # --- checks panel ---------------------------------------------------------
    def _build_checks(self) -> QWidget:
        panel = QWidget()
        column = QVBoxLayout(panel)
        column.setContentsMargins(0, 0, 0, 0)
        self.eligibility_box = QGroupBox()
        box_layout = QVBoxLayout(self.eligibility_box)
        self.eligibility_ok = QLabel()
        self.eligibility_ok.setWordWrap(True)
        box_layout.addWidget(self.eligibility_ok)
        self.rule_rows: dict[str, tuple[QWidget, QLabel, QLabel, QLineEdit]] = {}
        for rule in RULES:
            row = QWidget()
            row_layout = QVBoxLayout(row)
            row_layout.setContentsMargins(0, 4, 0, 4)
            message = QLabel()
            message.setWordWrap(True)
            message.setStyleSheet(WARNING_STYLE)
            caption = QLabel()
            reason = QLineEdit()
            reason.setObjectName(f"override_{rule}")
            reason.setText(self.overrides.get(rule, ""))
            reason.textChanged.connect(lambda text, r=rule: self._on_override(r, text))
            caption.setBuddy(reason)
            row_layout.addWidget(message)
            row_layout.addWidget(caption)
            row_layout.addWidget(reason)
            row.hide()
            box_layout.addWidget(row)
            self.rule_rows[rule] = (row, message, caption, reason)
        self.duplicates_box = QGroupBox()
        dup_layout = QVBoxLayout(self.duplicates_box)
        self.duplicates_label = QLabel()
        self.duplicates_label.setWordWrap(True)
        self.duplicates_label.setObjectName("duplicates_label")
        self.duplicates_label.setStyleSheet(WARNING_STYLE)
        dup_layout.addWidget(self.duplicates_label)
        self.duplicates_box.hide()
        column.addWidget(self.eligibility_box)
        column.addWidget(self.duplicates_box)
        column.addStretch(1)
        return panel

    def _set_tab_order(self) -> None:
        chain = [self.branch, *self.form.focus_chain, *(row[3] for row in self.rule_rows.values()),
                 self.finish_button, self.close_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # --- language -------------------------------------------------------------
    def translate_ui(self) -> None:
        self.setWindowTitle(_("Intake interview"))
        assign_mnemonics([(self.branch_label, _("&Branch"))])
        branch_text = self.branch_label.text()
        position = branch_text.find("&")
        self.form.translate_ui(taken=branch_text[position + 1] if 0 <= position < len(branch_text) - 1 else "")
        self.eligibility_box.setTitle(_("Eligibility"))
        self.duplicates_box.setTitle(_("Possible duplicate"))
        for rule, (_row, _message, caption, reason) in self.rule_rows.items():
            caption.setText(_("Accept anyway, because:"))
            reason.setPlaceholderText(_("Reason, recorded with the file"))
        # Ctrl+S and Esc are the keys of these two: no mnemonic to clash with the fields'
        self.finish_button.setText(_("&Save the intake (Ctrl+S)").replace("&", ""))
        self.close_button.setText(_("Close (Esc), keep the draft"))
        if self.last_review is not None:
            self.run_review()
        else:
            self.eligibility_ok.setText(_("The rules of the branch are checked as you type."))

    # --- data -----------------------------------------------------------------
    def branch_info(self) -> intake_service.BranchChoice | None:
        branch_id = self.branch.currentData()
        return next((b for b in self.branches if b.id == branch_id), None)

    def data(self) -> dict[str, Any]:
        data = self.form.data()
        data["overrides"] = {rule: text for rule, text in self.overrides.items() if text.strip()}
        return data

    def _on_change(self) -> None:
        self._dirty = True
        self._timer.start()

    def _on_override(self, rule: str, text: str) -> None:
        self.overrides[rule] = text
        self._on_change()

    def _on_branch_changed(self) -> None:
        info = self.branch_info()
        if info is not None and not self.form.office.currentData():
            self.form.office.setCurrentIndex(max(self.form.office.findData(info.employment_office), 0))
        # the document language follows the branch unless someone chose another one
        language = self.form.preferred_language
        if info is not None and language.currentData() == self._branch_language:
            language.setCurrentIndex(max(language.findData(info.default_language), 0))
        self._branch_language = info.default_language if info is not None else None
        self._on_change()

    def save_draft(self) -> None:
        """Save what was typed, as typed (called 0.5 s after the last change
        and on close), then check it."""
        self._timer.stop()
        if self._finished:
            return
        data = self.data()
        if self.draft_id is None and data == self._baseline:
            return  # nothing typed yet: no empty draft
        clock, draft_id, branch_id, participant_id = (self.context.clock, self.draft_id, self.branch.currentData(),
                                                      self.participant_id)
        Operation(self, self.context, lambda s: intake_service.save_draft(
            s, clock, data, draft_id, branch_id=branch_id, participant_id=participant_id)) \
            .success(self._draft_saved).failure(self._not_saved).run()

    def _draft_saved(self, draft_id: int) -> None:
        self.draft_id = draft_id
        self._dirty = False
        self.status.setStyleSheet("")
        self.status.setText(_("Draft saved at {time}.").format(
            time=i18n.current().format_time(self.context.clock.now())))
        self.run_review()

    def _not_saved(self, exc: Exception) -> None:
        self._say(_("Nothing was saved: {reason}").format(reason=failure_message(exc)), error=True)

    def run_review(self) -> intake_service.Review | None:
        info = self.branch_info()
        if info is None:
            return None
        data, today, participant_id = self.data(), self.context.clock.today(), self.participant_id
        found: list[intake_service.Review] = []
        Query(self, self.context, lambda s: intake_service.review(s, data, info.rules, today,
                                                                  participant_id=participant_id)) \
            .success(found.append).run()
        if not found:
            return None
        self.last_review = found[0]
        self._show_review(found[0])
        return found[0]

    def _show_review(self, result: intake_service.Review) -> None:
        messages: dict[str, str] = {}
        for error in result.errors:
            messages[error.field] = "\n".join(filter(None, [messages.get(error.field, ""), error.message]))
        self.form.show_errors(messages)
        broken = {w.rule: w for w in result.warnings}
        for rule, (row, message, _caption, _reason) in self.rule_rows.items():
            warning = broken.get(rule)
            row.setVisible(warning is not None)
            if warning is not None:
                message.setText("⚠ " + warning.message)
        self.eligibility_ok.setText(_("Every rule of the branch is met.") if not broken else _(
            "A broken rule does not stop the intake: give a reason to accept the person anyway."))
        if result.duplicates:
            lines = []
            for dup in result.duplicates:
                reasons = format_list(_(duplicate_service.REASONS[r]) for r in dup.reasons)
                born = format_date(dup.birth_date) if dup.birth_date else "—"
                lines.append(_("{name} (born {born}, file no. {id}): {reasons}.").format(
                    name=dup.name, born=born, id=dup.participant_id, reasons=reasons))
            self.duplicates_label.setText(_("This person may already be registered:") + "\n" + "\n".join(lines))
        self.duplicates_box.setVisible(bool(result.duplicates))

    # --- finishing and closing ------------------------------------------------------
    def finish(self) -> None:
        self.save_draft()
        result = self.run_review()
        if result is None:
            self._say(_("Nothing was saved: choose a branch first."), error=True)
            return
        if result.errors:
            self._say(_("Nothing was saved: correct the fields marked in red."), error=True)
            first = next((self.form.inputs[e.field] for e in result.errors if e.field in self.form.inputs), None)
            if first is not None:
                self.scroll.ensureWidgetVisible(first)
                first.setFocus()
            return
        if result.unresolved:
            self._say(_("Nothing was saved: a broken eligibility rule needs a reason to accept the person anyway."),
                      error=True)
            self.rule_rows[result.unresolved[0].rule][3].setFocus()
            return
        clock, data, branch_id = self.context.clock, self.data(), self.branch.currentData()
        coordinator_id, draft_id, participant_id = self.context.coordinator_id, self.draft_id, self.participant_id
        Operation(self, self.context, lambda s: intake_service.finish_intake(
            s, clock, data, branch_id, coordinator_id=coordinator_id, draft_id=draft_id,
            participant_id=participant_id), changes=Changes.PARTICIPANTS | Changes.DRAFTS) \
            .success(self._finished_intake).failure(self._not_saved).run()

    def _finished_intake(self, participant_id: int) -> None:
        self._finished = True
        self.participant_id = participant_id
        self.draft_id = None
        self._say(_("The intake is saved."), error=False)
        self.intake_finished.emit(participant_id)
        self.close()

    def _say(self, text: str, error: bool) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._finished and (self._dirty or self._timer.isActive()):
            self.save_draft()
        self._unsubscribe()  # a closed intake window is not shown again
        self.context.hub.announce(Changes.DRAFTS)
        super().closeEvent(event)
