"""The pool behind the board: read it and score every pair off the UI
thread (a result for a branch no longer shown, or older than the latest
request, is dropped); after a change read only the people it touched and
edit their row and column; new weights scored at once, or in the background
for a large pool."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shiboken6 import isValid

from ...i18n import _
from ...services.matching import proposals
from ...services.matching.scoring import ScoreMatrix, score_matrix
from ...services.matching.updates import apply_state, people_state
from ..ops import Query, failure_message

if TYPE_CHECKING:
    from .board import MatchingScreen

#: above this many (mentee, mentor) pairs new weights are scored off the UI thread (~30 ms of work)
RESCORE_IN_BACKGROUND = 250_000
#: more people than this changed at once (a batch of drafts): read the whole pool again
EDIT_AT_MOST = 40


class BoardPool:
    def __init__(self, screen: MatchingScreen) -> None:
        self.screen = screen
        self.context = screen.context
        self.cards = screen.cards
        self._load_request = 0  # the latest load asked for; older results are stale
        self._rescore_request = 0  # the latest weights asked for
        self.loaded_generation = 0  # counts the loads shown

    # --- the whole pool ----------------------------------------------------------------
    def reload(self) -> None:
        """Read the pool and score every pair off the UI thread; the cards
        change when the result arrives, unless a newer load was asked for."""
        screen = self.screen
        self._load_request += 1
        request, branch_id = self._load_request, screen.branch_id()
        if branch_id is None:
            self._loaded(request, branch_id, (None, []))
            return
        today, weights = self.context.clock.today(), self.cards.weights
        screen.set_busy(screen.loading_text(), "load")
        query = Query(screen, self.context, lambda s: (proposals.board(s, branch_id, today, weights),
                                                        proposals.list_proposals(s, branch_id)))
        query.success(lambda result: self._loaded(request, branch_id, result))
        query.failure(lambda exc: self._load_failed(request, exc))
        query.run_in_background()

    def _loaded(self, request: int, branch_id: int | None, result: tuple) -> None:
        screen = self.screen
        if not isValid(screen):
            return  # the board was closed meanwhile
        if request != self._load_request or branch_id != screen.branch_id():
            return  # stale: the branch changed, or a newer load is on its way
        matrix, rows = result
        screen.set_busy(None, "load")
        self.loaded_generation += 1
        if matrix is not None and self.cards.weights is None:
            screen.weights_panel.set_weights(matrix.pool.branch.weights)
        self.cards.show(matrix, self.context.clock.today())
        screen.proposals_panel.set_rows(branch_id, rows)
        screen.cards_shown()

    def _load_failed(self, request: int, exc: Exception) -> None:
        if not isValid(self.screen) or request != self._load_request:
            return
        self.screen.set_busy(None, "load")
        self.screen.show_message(_("The pool could not be loaded: {reason}").format(reason=failure_message(exc)), False)

    # --- a few people -----------------------------------------------------------------
    def people_changed(self, mentee_ids: list[int], mentor_ids: list[int]) -> None:
        """After a change: read those people again and change only their
        cards (a mentee's row, a mentor's column). Many at once (accepting a
        batch of drafts): load the board again in the background."""
        screen = self.screen
        branch_id, matrix = screen.branch_id(), self.cards.matrix
        if matrix is None or branch_id is None or matrix.pool.branch.id != branch_id:
            return
        if len(mentee_ids) + len(mentor_ids) > EDIT_AT_MOST or screen.is_busy("load"):
            self.reload()
            return
        today = self.context.clock.today()
        states: list = []
        Query(screen, self.context, lambda s: people_state(s, branch_id, today, mentee_ids, mentor_ids)).success(
            states.append).run()
        if not states:
            return
        matrix, edits = apply_state(matrix, states[0], self.cards.weights)
        self.cards.apply(matrix, edits)
        screen.proposals_panel.load(branch_id)
        screen.cards_changed()

    # --- weights ------------------------------------------------------------------------
    def set_weights(self, weights: dict[str, float]) -> None:
        """Rescore with new weights from the profiles in memory: at once for
        a branch's usual pool, in the background for a large one (above
        :data:`RESCORE_IN_BACKGROUND` pairs); the latest weights win."""
        screen = self.screen
        matrix = self.cards.matrix
        if matrix is None or matrix.scores.size <= RESCORE_IN_BACKGROUND:
            self._rescored(weights)
            return
        self._rescore_request += 1
        request, wanted = self._rescore_request, dict(weights)
        screen.set_busy(_("Scoring every pair again…"), "rescore")

        def arrived(rescored: ScoreMatrix) -> None:
            if not isValid(screen) or request != self._rescore_request:
                return  # closed, or newer weights are being scored
            screen.set_busy(None, "rescore")
            if self.cards.matrix is not matrix:  # the pool changed meanwhile: score that one
                self.set_weights(wanted)
            else:
                self._rescored(wanted, rescored)

        def failed(exc: Exception) -> None:
            if isValid(screen) and request == self._rescore_request:
                screen.set_busy(None, "rescore")
                screen.show_message(failure_message(exc), False)

        Query(screen, self.context, lambda _s: score_matrix(matrix.pool, wanted)).success(arrived).failure(
            failed).run_in_background()

    def _rescored(self, weights: dict[str, float], rescored: ScoreMatrix | None = None) -> None:
        self.cards.rescore(weights, rescored)
        self.screen.cards_changed()
