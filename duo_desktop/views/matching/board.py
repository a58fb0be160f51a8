"""The matching board (step 4): waiting mentees and mentors as cards; drag a
mentee onto a mentor (or choose both with the keyboard) to propose a duo.
Every proposal can be undone and redone; the proposals panel takes it to the
first meeting and the decisions (step 5)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _, format_number, ngettext
from ...services.errors import NotFound, RuleError
from ...services.matching import proposals
from ...services.matching.assignment import Draft, propose_for_all
from ...services.matching.explain import describe
from ...services.matching.scoring import ScoreMatrix, score_matrix
from ...services.reference import LANGUAGES, SECTORS, language_label, sector_label
from ..context import AppContext, Changes
from ..screen import Screen
from .card_views import MenteeListView, MentorListView
from .cards_model import MenteeCardsModel, MentorCardsModel
from .commands import ProposeCommand, WithdrawCommand
from .drafts_panel import DraftsPanel
from .explanation_panel import ExplanationPanel
from .proposals_panel import ProposalsPanel
from .weights_panel import WeightsPanel


class MatchingScreen(Screen):
    key = "matching"

    def __init__(self, context: AppContext, parent=None) -> None:  # noqa: ANN001
        super().__init__(context, parent)
        self.matrix: ScoreMatrix | None = None
        self.weights: dict[str, float] | None = None
        self._mentee_rows: list[int] = []  # matrix rows of the mentee cards shown
        self._mentor_cols: list[int] = []  # matrix columns of the mentor cards shown
        self._dragging: int | None = None
        self.undo_stack = QUndoStack(self)

        # filters and actions
        self.branch_label, self.sector_label, self.language_label = QLabel(), QLabel(), QLabel()
        self.branch_combo, self.sector_combo, self.language_combo = QComboBox(), QComboBox(), QComboBox()
        for lbl, combo in ((self.branch_label, self.branch_combo), (self.sector_label, self.sector_combo),
                           (self.language_label, self.language_combo)):
            lbl.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        self.branch_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.sector_combo.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.language_combo.currentIndexChanged.connect(lambda _i: self._apply_filters())
        self.propose_all_button = QPushButton()
        self.propose_all_button.clicked.connect(self.propose_all)
        self.undo_action = QAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = QAction(self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action, slot, signal in ((self.undo_action, self.undo_stack.undo, self.undo_stack.canUndoChanged),
                                     (self.redo_action, self.undo_stack.redo, self.undo_stack.canRedoChanged)):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setEnabled(False)
            action.triggered.connect(slot)
            signal.connect(action.setEnabled)
            self.addAction(action)
        self.undo_stack.indexChanged.connect(self._update_undo_texts)
        self.undo_button, self.redo_button = QToolButton(), QToolButton()
        self.undo_button.setDefaultAction(self.undo_action)
        self.redo_button.setDefaultAction(self.redo_action)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setObjectName("matchingBanner")

        # cards
        self.mentee_model = MenteeCardsModel(self)
        self.mentor_model = MentorCardsModel(self)
        self.mentee_view = MenteeListView()
        self.mentee_view.setModel(self.mentee_model)
        self.mentor_view = MentorListView()
        self.mentor_view.setModel(self.mentor_model)
        self.mentee_title, self.mentor_title = QLabel(), QLabel()
        self.mentee_title.setBuddy(self.mentee_view)
        self.mentor_title.setBuddy(self.mentor_view)
        self.mentee_view.selectionModel().currentChanged.connect(self._on_mentee_changed)
        self.mentor_view.selectionModel().currentChanged.connect(self._explain_current)
        self.mentee_view.drag_started.connect(self._on_drag_started)
        self.mentee_view.drag_finished.connect(self._on_drag_finished)
        self.mentor_view.dropped.connect(self.propose)
        self.mentor_view.hovered.connect(self._on_hover)
        self.mentor_view.activated_mentor.connect(self._propose_to)

        # side panels
        self.explanation = ExplanationPanel()
        self.explanation.propose_button.clicked.connect(self.propose_current)
        self.proposals_panel = ProposalsPanel(context)
        self.proposals_panel.report.connect(self.show_message)
        self.proposals_panel.changed.connect(self._after_change)
        self.proposals_panel.statuses_changed.connect(lambda: self._announce(Changes.PARTICIPANTS))
        self.proposals_panel.withdraw_requested.connect(self.withdraw)
        self.drafts_panel = DraftsPanel()
        self.drafts_panel.accept_requested.connect(self.accept_drafts)
        self.weights_panel = WeightsPanel()
        self.weights_panel.changed.connect(self.set_weights)
        self.weights_panel.save_requested.connect(self.save_weights)
        self.tabs = QTabWidget()
        for w in (self.explanation, self.proposals_panel, self.drafts_panel, self.weights_panel):
            self.tabs.addTab(w, "")
        QShortcut(QKeySequence("Ctrl+Return"), self, self.propose_current,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        # layout
        top = QHBoxLayout()
        for lbl, combo in ((self.branch_label, self.branch_combo), (self.sector_label, self.sector_combo),
                           (self.language_label, self.language_combo)):
            top.addWidget(lbl)
            top.addWidget(combo, 1)
        second = QHBoxLayout()
        second.addWidget(self.banner, 1)
        for w in (self.undo_button, self.redo_button, self.propose_all_button):
            second.addWidget(w)

        def column(title: QLabel, view: QWidget) -> QWidget:
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.addWidget(title)
            lay.addWidget(view, 1)
            return box

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(column(self.mentee_title, self.mentee_view))
        self.splitter.addWidget(column(self.mentor_title, self.mentor_view))
        side = QScrollArea()  # keeps the screen's minimum size small on a narrow window
        side.setWidgetResizable(True)
        side.setFrameShape(QFrame.Shape.NoFrame)
        side.setWidget(self.tabs)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 4)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(second)
        layout.addWidget(self.splitter, 1)
        context.hub.changed.connect(self._on_hub)
        self.translate_ui()

    # --- texts --------------------------------------------------------------
    def title(self) -> str:
        return _("Matching")

    def translate_ui(self) -> None:
        self.branch_label.setText(_("&Branch"))
        self.sector_label.setText(_("&Sector"))
        self.language_label.setText(_("&Language"))
        self.propose_all_button.setText(_("Propose for &all"))
        self.propose_all_button.setToolTip(_("The best set of proposals for every waiting mentee at once"))
        self._fill_filter(self.sector_combo, _("All sectors"), sorted(SECTORS, key=sector_label), sector_label)
        self._fill_filter(self.language_combo, _("All languages"), sorted(LANGUAGES, key=language_label),
                          language_label)
        for i, text in enumerate((_("Why this score"), _("Proposals"), _("Propose for all"), _("Weights"))):
            self.tabs.setTabText(i, text)
        for panel in (self.explanation, self.proposals_panel, self.drafts_panel, self.weights_panel):
            panel.translate_ui()
        self.mentee_model.retranslate()
        self.mentor_model.retranslate()
        self._update_titles()
        self._update_undo_texts()
        # what the last action said is not said again in the new language: the hint, in it, replaces it
        self.show_message(self._hint(), True)

    def _hint(self) -> str:
        return _("Drag a mentee onto a mentor to propose a duo, or select a mentee, choose a mentor and press Enter.")

    def _fill_filter(self, combo: QComboBox, all_text: str, codes: list[str], labeller) -> None:  # noqa: ANN001
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(all_text, None)
        for code in codes:
            combo.addItem(labeller(code), code)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
        combo.blockSignals(False)

    def _update_titles(self) -> None:
        n, m = self.mentee_model.rowCount(), self.mentor_model.rowCount()
        self.mentee_title.setText(ngettext("&Waiting mentees ({count})", "&Waiting mentees ({count})", n).format(
            count=format_number(n)))
        self.mentor_title.setText(ngettext("M&entors ready to match ({count})", "M&entors ready to match ({count})",
                                           m).format(count=format_number(m)))

    def _update_undo_texts(self, *_args) -> None:  # noqa: ANN002
        undo, redo = self.undo_stack.undoText(), self.undo_stack.redoText()
        self.undo_action.setText(_("Undo"))
        self.redo_action.setText(_("Redo"))
        self.undo_action.setToolTip(_("Undo: {what} (Ctrl+Z)").format(what=undo) if undo else _("Undo (Ctrl+Z)"))
        self.redo_action.setToolTip(_("Redo: {what} (Ctrl+Shift+Z)").format(what=redo) if redo
                                    else _("Redo (Ctrl+Shift+Z)"))

    def show_message(self, text: str, ok: bool = True, hover: bool = False) -> None:
        self._hover_message = hover  # a hint about the card under a drag, cleared when the drag ends
        self.banner.setText(text)
        self.banner.setProperty("ok", ok)
        self.banner.setStyleSheet("QLabel#matchingBanner { padding: 4px; border-radius: 4px; background: %s; }"
                                  % ("#e7f3ea" if ok else "#fbe9e9"))

    # --- data ---------------------------------------------------------------
    def branch_id(self) -> int | None:
        return self.branch_combo.currentData()

    def refresh(self) -> None:
        with self.context.store.session() as s:
            choices = proposals.branches(s)
        current = self.branch_combo.currentData()
        self.branch_combo.blockSignals(True)
        self.branch_combo.clear()
        for b in choices:
            self.branch_combo.addItem(b.name, b.id)
        index = self.branch_combo.findData(current) if current is not None else 0
        self.branch_combo.setCurrentIndex(max(0, index))
        self.branch_combo.blockSignals(False)
        branch_id = self.branch_id()
        if branch_id != getattr(self, "_loaded_branch", None):
            self.weights = None
            self.drafts_panel.clear()
        self._loaded_branch = branch_id
        self._reload()

    def _reload(self) -> None:
        branch_id = self.branch_id()
        if branch_id is None:
            self.matrix = None
        else:
            with self.context.store.session() as s:
                self.matrix = proposals.board(s, branch_id, self.context.clock.today(), self.weights)
            if self.weights is None:
                self.weights_panel.set_weights(self.matrix.pool.branch.weights)
        self.proposals_panel.load(branch_id)
        self._apply_filters()

    def _apply_filters(self) -> None:
        mentee_id = self.mentee_view.current_id()
        mentor_id = self.mentor_view.current_id()
        sector, language = self.sector_combo.currentData(), self.language_combo.currentData()

        def keep(p) -> bool:  # noqa: ANN001
            return (sector is None or sector in p.sectors) and (language is None or language in p.languages)

        today = self.context.clock.today()
        if self.matrix is None:
            self._mentee_rows, self._mentor_cols = [], []
            self.mentee_model.set_profiles([], today)
            self.mentor_model.set_profiles([], today)
        else:
            self._mentee_rows = [i for i, p in enumerate(self.matrix.mentees) if keep(p)]
            self._mentor_cols = [j for j, p in enumerate(self.matrix.mentors) if keep(p)]
            self.mentee_model.set_profiles([self.matrix.mentees[i] for i in self._mentee_rows], today)
            self.mentor_model.pool = self.matrix.pool
            self.mentor_model.weights = self.weights
            self.mentor_model.set_profiles([self.matrix.mentors[j] for j in self._mentor_cols], today)
        if mentee_id is not None:
            self.mentee_view.select_id(mentee_id)
        if mentor_id is not None:
            self.mentor_view.select_id(mentor_id)
        self._update_titles()
        self._on_mentee_changed()

    # --- highlighting -------------------------------------------------------
    def highlight_for(self, mentee_id: int | None) -> None:
        """Every mentor card shows its compatibility with this mentee; the
        best ones stand out. One slice of the score matrix, one repaint."""
        if self.matrix is None or mentee_id is None or mentee_id not in self.matrix._rows():
            self.mentor_model.set_mentee(None, None, None)
            return
        row = self.matrix.row_of(mentee_id)
        cols = np.asarray(self._mentor_cols, dtype=np.intp)
        self.mentor_model.set_mentee(self.matrix.mentees[row], self.matrix.scores[row, cols],
                                     self.matrix.feasible[row, cols])

    def order_mentors_for(self, mentee_id: int | None) -> None:
        """When a mentee is chosen, the mentors are listed best first
        (possible pairs before impossible ones), so the best cards are in
        sight when the drag starts; without a mentee, the usual order."""
        if self.matrix is None or not self._mentor_cols:
            return
        cols = np.asarray(self._mentor_cols, dtype=np.intp)
        if mentee_id is None or mentee_id not in self.matrix._rows():
            order = np.sort(cols)  # the pool's order: free places first, then by name
        else:
            row = self.matrix.row_of(mentee_id)
            order = cols[np.lexsort((cols, -self.matrix.scores[row, cols], ~self.matrix.feasible[row, cols]))]
        if np.array_equal(order, cols):
            return
        current = self.mentor_view.current_id()
        self._mentor_cols = order.tolist()
        self.mentor_model.set_profiles([self.matrix.mentors[j] for j in self._mentor_cols], self.context.clock.today())
        if current is not None:
            self.mentor_view.select_id(current)
        self.mentor_view.scrollToTop()

    def _on_mentee_changed(self, *_args) -> None:  # noqa: ANN002
        if self._dragging is None:
            mentee_id = self.mentee_view.current_id()
            self.order_mentors_for(mentee_id)
            self.highlight_for(mentee_id)
        self._explain_current()

    def _on_drag_started(self, mentee_id: int) -> None:
        self._dragging = mentee_id
        self.highlight_for(mentee_id)

    def _on_drag_finished(self) -> None:
        self._dragging = None
        self.highlight_for(self.mentee_view.current_id())
        if getattr(self, "_hover_message", False):  # dropped nowhere: back to the hint
            self.show_message(self._hint(), True)

    def _on_hover(self, mentee_id: int, mentor_id: int) -> None:
        if mentor_id < 0 or self.matrix is None:
            return
        e = self.matrix.explain(mentee_id, mentor_id) if mentor_id in self.matrix._cols() else None
        if e is None:
            return
        self._show_explanation(e)
        if e.blockers:
            self.show_message(_("Cannot propose this duo: {reason}.").format(reason=describe(e.blockers[0])), False,
                              hover=True)
        else:
            self.show_message(_("Drop to propose this duo (score {score} / 100).").format(
                score=format_number(round(e.score))), True, hover=True)

    def _explain_current(self, *_args) -> None:  # noqa: ANN002
        mentee_id, mentor_id = self.mentee_view.current_id(), self.mentor_view.current_id()
        if self.matrix is None or mentee_id is None or mentor_id is None \
                or mentee_id not in self.matrix._rows() or mentor_id not in self.matrix._cols():
            self.explanation.show_pair(None)
            return
        self._show_explanation(self.matrix.explain(mentee_id, mentor_id))

    def _show_explanation(self, e) -> None:  # noqa: ANN001
        mentee = self.matrix.mentees[self.matrix.row_of(e.mentee_id)]
        mentor = self.matrix.mentors[self.matrix.col_of(e.mentor_id)]
        self.explanation.show_pair(e, mentee.full_name, mentor.full_name)

    # --- weights --------------------------------------------------------------
    def set_weights(self, weights: dict[str, float]) -> None:
        """Rescore at once with new weights (no database round trip)."""
        self.weights = dict(weights)
        if self.matrix is not None:
            self.matrix = score_matrix(self.matrix.pool, self.weights)
            self.mentor_model.weights = self.weights
            self.highlight_for(self._dragging or self.mentee_view.current_id())
            self._explain_current()

    def save_weights(self, weights: dict[str, float]) -> None:
        branch_id = self.branch_id()
        if branch_id is None:
            return
        try:
            with self.context.store.transaction() as s:
                proposals.save_weights(s, branch_id, weights)
        except (RuleError, NotFound) as exc:
            self.show_message(_("The weights were not saved: {reason}").format(reason=str(exc)), False)
            return
        self.show_message(_("Weights saved for the branch."), True)

    # --- proposing ------------------------------------------------------------
    def _names(self, mentee_id: int, mentor_id: int) -> tuple[str, str]:
        mentee = next((p for p in self.mentee_model.profiles() if p.id == mentee_id), None)
        mentor = next((p for p in self.mentor_model.profiles() if p.id == mentor_id), None)
        return (mentee.full_name if mentee else str(mentee_id)), (mentor.full_name if mentor else str(mentor_id))

    def propose(self, mentee_id: int, mentor_id: int) -> bool:
        """Propose the duo as one undoable step; a refusal shows the reason
        and leaves the undo stack unchanged."""
        mentee, mentor = self._names(mentee_id, mentor_id)
        command = ProposeCommand(self.context, mentee_id, mentor_id,
                                 _("propose {mentee} with {mentor}").format(mentee=mentee, mentor=mentor),
                                 self._report)
        try:
            command.execute()
        except (RuleError, NotFound) as exc:
            self.show_message(_("Not proposed, nothing was saved. {reason}").format(reason=str(exc)), False)
            return False
        self.undo_stack.push(command)
        self.show_message(_("Duo proposed: {mentee} with {mentor} (saved). Ctrl+Z to undo.").format(
            mentee=mentee, mentor=mentor), True)
        self._after_change()
        return True

    def propose_current(self) -> bool:
        mentor_id = self.mentor_view.current_id()
        return mentor_id is not None and self._propose_to(mentor_id)

    def _propose_to(self, mentor_id: int) -> bool:
        mentee_id = self.mentee_view.current_id()
        if mentee_id is None:
            self.show_message(_("Select a mentee first."), False)
            self.mentee_view.setFocus()
            return False
        return self.propose(mentee_id, mentor_id)

    def withdraw(self, duo_id: int, what: str) -> bool:
        command = WithdrawCommand(self.context, duo_id, _("withdraw {what}").format(what=what), self._report)
        try:
            command.execute()
        except (RuleError, NotFound) as exc:
            self.show_message(_("Nothing was changed: {reason}").format(reason=str(exc)), False)
            return False
        self.undo_stack.push(command)
        self.show_message(_("Proposal withdrawn: {what} (saved). Ctrl+Z to undo.").format(what=what), True)
        self._after_change()
        return True

    def propose_all(self) -> None:
        if self.matrix is None:
            return
        assignment = propose_for_all(self.matrix)
        names = {p.id: p.full_name for p in self.matrix.mentees + self.matrix.mentors}
        self.drafts_panel.show_assignment(assignment, names)
        self.tabs.setCurrentWidget(self.drafts_panel)
        self.show_message(ngettext("{count} draft proposal: accept or reject it.",
                                   "{count} draft proposals: accept or reject them one by one.",
                                   len(assignment.drafts)).format(count=len(assignment.drafts)), True)

    def accept_drafts(self, drafts: list[Draft]) -> int:
        """Accept drafts as proposals (one undo step for the batch)."""
        if not drafts:
            return 0
        names = self.drafts_panel.names
        done: list[tuple[Draft, ProposeCommand]] = []
        errors: list[str] = []
        for d in drafts:
            command = ProposeCommand(self.context, d.mentee_id, d.mentor_id, _("propose {mentee} with {mentor}").format(
                mentee=names.get(d.mentee_id, ""), mentor=names.get(d.mentor_id, "")), self._report)
            try:
                command.execute()
            except (RuleError, NotFound) as exc:
                errors.append(str(exc))
                continue
            done.append((d, command))
        if done:
            self.undo_stack.beginMacro(ngettext("accept {count} draft", "accept {count} drafts", len(done)).format(
                count=len(done)))
            for _d, command in done:
                self.undo_stack.push(command)
            self.undo_stack.endMacro()
        self.drafts_panel.remove(drafts)
        if errors:
            self.show_message(_("{count} proposals saved; not saved: {reasons}").format(
                count=len(done), reasons=" ".join(errors)), False)
        else:
            self.show_message(ngettext("{count} proposal saved. Ctrl+Z to undo.",
                                       "{count} proposals saved. Ctrl+Z to undo.", len(done)).format(count=len(done)),
                              True)
        self._after_change()
        return len(done)

    def _report(self, text: str, ok: bool) -> None:
        """Called by undo and redo."""
        self.show_message(text, ok)
        self._after_change()

    def _after_change(self) -> None:
        self._reload()
        self._announce(Changes.DUOS)

    def _announce(self, kind: Changes) -> None:
        """Tell the other screens; the board already shows its own change."""
        self.context.hub.announce(kind, self)

    def _on_hub(self, changes: Changes, initiator: object) -> None:
        if initiator is not self and changes & (Changes.PARTICIPANTS | Changes.DUOS | Changes.SETTINGS):
            self.refresh()
