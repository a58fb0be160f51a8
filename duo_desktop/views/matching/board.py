"""The matching board (step 4): waiting mentees and mentors as cards; drag a
mentee onto a mentor (or choose both with the keyboard) to propose a duo.
Every proposal can be undone and redone; the proposals panel takes it to the
first meeting and the decisions (step 5).

Parts: board_toolbar.py (branch, filters, banner, undo/redo), board_pool.py
(the pool and its scores read in the background, the board busy meanwhile
and still responsive, stale results dropped; after a change only the people
it touched read again), board_cards.py (which cards show, in which order,
lit for which mentee; one-card updates), board_actions.py (drops, undo,
withdrawals, drafts, "propose for all" in the background)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget

from ...i18n import _, format_number, ngettext
from ...services.matching import proposals
from ...services.matching.assignment import Draft
from ...services.matching.explain import describe
from ...services.matching.scoring import Explanation, ScoreMatrix
from ...text import fold
from ..context import AppContext, Changes
from ..ops import Operation, Query, failure_message
from ..screen import Screen
from .board_actions import BoardActions
from .board_cards import BoardCards
from .board_pool import BoardPool
from .board_toolbar import BoardToolbar
from .card_views import MenteeListView, MentorListView
from .cards_model import MenteeCardsModel, MentorCardsModel
from .drafts_panel import DraftsPanel
from .explanation_panel import ExplanationPanel
from .proposals_panel import ProposalsPanel
from .weights_panel import WeightsPanel


class MatchingScreen(Screen):
    key = "matching"

    def __init__(self, context: AppContext, parent=None) -> None:  # noqa: ANN001
        super().__init__(context, parent)
        self._dragging: int | None = None
        self._loaded_branch: int | None = None
        self._busy: dict[str, str] = {}  # what runs in the background, with its message
        self._message: tuple[str, bool] = ("", True)
        self.actions = BoardActions(self)
        self.undo_stack = self.actions.undo_stack

        self.toolbar = BoardToolbar(self.undo_stack, self)
        self.toolbar.branch_changed.connect(self.refresh)
        self.toolbar.filters_changed.connect(self._apply_filters)
        self.toolbar.propose_all_button.clicked.connect(self.propose_all)
        t = self.toolbar  # the parts tests and shortcuts reach from the board
        self.branch_combo, self.sector_combo, self.language_combo = t.branch_combo, t.sector_combo, t.language_combo
        self.propose_all_button, self.banner = t.propose_all_button, t.banner
        self.undo_button, self.redo_button = t.undo_button, t.redo_button

        # cards
        self.mentee_model = MenteeCardsModel(self)
        self.mentor_model = MentorCardsModel(self)
        self.mentee_view = MenteeListView()
        self.mentee_view.setModel(self.mentee_model)
        self.mentor_view = MentorListView()
        self.mentor_view.setModel(self.mentor_model)
        self.cards = BoardCards(self.mentee_model, self.mentor_model, self.mentee_view, self.mentor_view)
        self.pool = BoardPool(self)
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
        self.proposals_panel = ProposalsPanel(context, initiator=self)
        self.proposals_panel.report.connect(self.show_message)
        self.proposals_panel.pair_changed.connect(lambda mentee, mentor: self.people_changed([mentee], [mentor]))
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
        layout.addWidget(self.toolbar)
        layout.addWidget(self.splitter, 1)
        context.hub.changed.connect(self._on_hub)
        self.translate_ui()

    # --- texts --------------------------------------------------------------
    def title(self) -> str:
        return _("Matching")

    def translate_ui(self) -> None:
        self.toolbar.translate_ui()
        for i, text in enumerate((_("Why this score"), _("Proposals"), _("Propose for all"), _("Weights"))):
            self.tabs.setTabText(i, text)
        for panel in (self.explanation, self.proposals_panel, self.drafts_panel, self.weights_panel):
            panel.translate_ui()
        self.mentee_model.retranslate()
        self.mentor_model.retranslate()
        self._update_titles()
        # what the last action said is not said again in the new language: the hint, in it, replaces it
        self.show_message(self._hint(), True)
        if "load" in self._busy:  # the busy message, in the new language
            self.set_busy(self.loading_text(), "load")

    def _hint(self) -> str:
        return _("Drag a mentee onto a mentor to propose a duo, or select a mentee, choose a mentor and press Enter.")

    def _update_titles(self) -> None:
        n, m = self.mentee_model.rowCount(), self.mentor_model.rowCount()
        self.mentee_title.setText(ngettext("&Waiting mentees ({count})", "&Waiting mentees ({count})", n).format(
            count=format_number(n)))
        self.mentor_title.setText(ngettext("M&entors ready to match ({count})", "M&entors ready to match ({count})",
                                           m).format(count=format_number(m)))

    def show_message(self, text: str, ok: bool = True, hover: bool = False) -> None:
        self._hover_message = hover  # a hint about the card under a drag, cleared when the drag ends
        self._message = (text, ok)
        self.toolbar.show_banner(text, ok)

    # --- busy -------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """Loading the pool, scoring or proposing for all runs in the background."""
        return bool(self._busy)

    def is_busy(self, key: str) -> bool:
        return key in self._busy

    def set_busy(self, text: str | None, key: str = "propose_all") -> None:
        """While work runs the board says so and takes no drop (its cards may
        be about to change); the branch can still be changed."""
        if text is None:
            self._busy.pop(key, None)
        else:
            self._busy[key] = text
        for widget in (self.mentee_view, self.mentor_view, self.propose_all_button, self.explanation.propose_button):
            widget.setEnabled(not self._busy)
        if self._busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
            self.toolbar.show_banner(next(reversed(self._busy.values())), True)
        else:
            self.unsetCursor()
            self.toolbar.show_banner(*self._message)

    # --- data ---------------------------------------------------------------
    @property
    def matrix(self) -> ScoreMatrix | None:
        return self.cards.matrix

    @property
    def weights(self) -> dict[str, float] | None:
        return self.cards.weights

    def branch_id(self) -> int | None:
        return self.branch_combo.currentData()

    def refresh(self) -> None:
        """The branches (quick), then the pool and its scores in the background."""
        Query(self, self.context, proposals.branches).success(self.toolbar.set_branches).run()
        branch_id = self.branch_id()
        if branch_id != self._loaded_branch:
            self.cards.weights = None
            self.drafts_panel.clear()
        self._loaded_branch = branch_id
        self.reload()

    def loading_text(self) -> str:
        return _("Loading the waiting mentees and the mentors, and scoring every pair…")

    def reload(self) -> None:
        """The pool and its scores again, in the background (board_pool.py)."""
        self.pool.reload()

    def people_changed(self, mentee_ids: list[int], mentor_ids: list[int]) -> None:
        """Only those people's cards change (board_pool.py)."""
        self.pool.people_changed(mentee_ids, mentor_ids)

    @property
    def loaded_generation(self) -> int:
        return self.pool.loaded_generation

    def cards_shown(self) -> None:
        """After a load or a filter: titles, order, highlight, explanation."""
        self._update_titles()
        self._on_mentee_changed()

    def cards_changed(self) -> None:
        """After one-card updates or new scores: the chosen pair again."""
        self._update_titles()
        self.highlight_for(self._dragging or self.mentee_view.current_id())
        self._explain_current()

    def _apply_filters(self) -> None:
        self.cards.sector, self.cards.language = self.sector_combo.currentData(), self.language_combo.currentData()
        self.cards.words = fold(self.toolbar.search.text()).split()
        self.cards.apply_filters()
        self.cards_shown()

    def focus_search(self) -> None:
        """Ctrl+F: the cursor in the board's name search."""
        self.toolbar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.toolbar.search.selectAll()

    # --- highlighting -------------------------------------------------------
    def highlight_for(self, mentee_id: int | None) -> None:
        self.cards.highlight_for(mentee_id)

    def order_mentors_for(self, mentee_id: int | None) -> None:
        self.cards.order_mentors_for(mentee_id)

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
        e = self.cards.explain(mentee_id, mentor_id) if mentor_id >= 0 else None
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
        e = self.cards.explain(self.mentee_view.current_id(), self.mentor_view.current_id())
        if e is None:
            self.explanation.show_pair(None)
        else:
            self._show_explanation(e)

    def _show_explanation(self, e: Explanation) -> None:
        self.explanation.show_pair(e, self.cards.name_of(e.mentee_id), self.cards.name_of(e.mentor_id))

    # --- weights --------------------------------------------------------------
    def set_weights(self, weights: dict[str, float]) -> None:
        """Rescore with new weights, from the profiles in memory (board_pool.py)."""
        self.pool.set_weights(weights)

    def save_weights(self, weights: dict[str, float]) -> None:
        branch_id = self.branch_id()
        if branch_id is None:
            return
        Operation(self, self.context, lambda s: proposals.save_weights(s, branch_id, weights),
                  changes=Changes.SETTINGS).success(
            lambda _w: self.show_message(_("Weights saved for the branch."), True)).failure(
            lambda exc: self.show_message(_("The weights were not saved: {reason}").format(reason=failure_message(exc)),
                                          False)).run()

    # --- proposing (board_actions.py) ------------------------------------------
    def propose(self, mentee_id: int, mentor_id: int) -> bool:
        return self.actions.propose(mentee_id, mentor_id)

    def propose_current(self) -> bool:
        mentor_id = self.mentor_view.current_id()
        return mentor_id is not None and self._propose_to(mentor_id)

    def _propose_to(self, mentor_id: int) -> bool:
        if self.busy:
            return False
        mentee_id = self.mentee_view.current_id()
        if mentee_id is None:
            self.show_message(_("Select a mentee first."), False)
            self.mentee_view.setFocus()
            return False
        return self.propose(mentee_id, mentor_id)

    def withdraw(self, duo_id: int, what: str) -> bool:
        return self.actions.withdraw(duo_id, what)

    def propose_all(self) -> None:
        self.actions.propose_all()

    def accept_drafts(self, drafts: list[Draft]) -> int:
        return self.actions.accept_drafts(drafts)

    def _on_hub(self, changes: Changes, initiator: object) -> None:
        """Another screen changed people, duos or settings: read again; the
        board's own changes are already on its cards."""
        if initiator is not self and changes & (Changes.PARTICIPANTS | Changes.DUOS | Changes.SETTINGS):
            self.refresh()
