"""The cards on the board and the score matrix behind them: which mentees
and mentors are shown (filters), in which order, which mentor cards light up
for the mentee being chosen or dragged, and the one-card updates after a
change (a mentee's row, a mentor's column), without reloading the pool."""

from __future__ import annotations

import bisect
import datetime as dt

import numpy as np

from ...services.matching.pool import Profile
from ...services.matching.scoring import Explanation, ScoreMatrix, score_matrix
from ...services.matching.updates import Edit
from ...text import fold
from .card_views import MenteeListView, MentorListView
from .cards_model import MenteeCardsModel, MentorCardsModel


class BoardCards:
    """Keeps the two card models in step with a :class:`ScoreMatrix`.

    ``mentee_rows[k]`` is the matrix row of the k-th mentee card and
    ``mentor_cols[k]`` the matrix column of the k-th mentor card."""

    def __init__(self, mentee_model: MenteeCardsModel, mentor_model: MentorCardsModel, mentee_view: MenteeListView,
                 mentor_view: MentorListView) -> None:
        self.mentee_model, self.mentor_model = mentee_model, mentor_model
        self.mentee_view, self.mentor_view = mentee_view, mentor_view
        self.matrix: ScoreMatrix | None = None
        self.weights: dict[str, float] | None = None
        self.mentee_rows: list[int] = []
        self.mentor_cols: list[int] = []
        self.sector: str | None = None
        self.language: str | None = None
        #: the search box's words, folded (duo_desktop/text.fold): a card is kept when its name has them all
        self.words: list[str] = []
        self.today = dt.date.today()

    # --- whole board ------------------------------------------------------------
    def show(self, matrix: ScoreMatrix | None, today: dt.date) -> None:
        self.matrix = matrix
        self.today = today
        self.apply_filters()

    def keep(self, p: Profile) -> bool:
        return (self.sector is None or self.sector in p.sectors) and (
            self.language is None or self.language in p.languages) and (
            not self.words or all(word in fold(p.full_name) for word in self.words))

    def apply_filters(self) -> None:
        mentee_id, mentor_id = self.mentee_view.current_id(), self.mentor_view.current_id()
        if self.matrix is None:
            self.mentee_rows, self.mentor_cols = [], []
            self.mentee_model.set_profiles([], self.today)
            self.mentor_model.set_profiles([], self.today)
        else:
            self.mentee_rows = [i for i, p in enumerate(self.matrix.mentees) if self.keep(p)]
            self.mentor_cols = [j for j, p in enumerate(self.matrix.mentors) if self.keep(p)]
            self.mentee_model.set_profiles([self.matrix.mentees[i] for i in self.mentee_rows], self.today)
            self.mentor_model.pool = self.matrix.pool
            self.mentor_model.weights = self.weights
            self.mentor_model.set_profiles([self.matrix.mentors[j] for j in self.mentor_cols], self.today)
        if mentee_id is not None:
            self.mentee_view.select_id(mentee_id)
        if mentor_id is not None:
            self.mentor_view.select_id(mentor_id)

    def rescore(self, weights: dict[str, float], rescored: ScoreMatrix | None = None) -> None:
        """New weights: every score again, from the profiles in memory
        (``rescored``: already computed in the background)."""
        self.weights = dict(weights)
        if self.matrix is not None:
            self.matrix = rescored if rescored is not None else score_matrix(self.matrix.pool, self.weights)
            self.mentor_model.pool = self.matrix.pool
        self.mentor_model.weights = self.weights

    # --- one mentee -------------------------------------------------------------
    def has_mentee(self, mentee_id: int | None) -> bool:
        return self.matrix is not None and mentee_id is not None and mentee_id in self.matrix._rows()

    def has_mentor(self, mentor_id: int | None) -> bool:
        return self.matrix is not None and mentor_id is not None and mentor_id in self.matrix._cols()

    def highlight_for(self, mentee_id: int | None) -> None:
        """Every mentor card shows its compatibility with this mentee; the
        best ones stand out. One slice of the score matrix, one repaint."""
        if not self.has_mentee(mentee_id):
            self.mentor_model.set_mentee(None, None, None)
            return
        row = self.matrix.row_of(mentee_id)
        cols = np.asarray(self.mentor_cols, dtype=np.intp)
        self.mentor_model.set_mentee(self.matrix.mentees[row], self.matrix.scores[row, cols],
                                     self.matrix.feasible[row, cols])

    def order_mentors_for(self, mentee_id: int | None) -> None:
        """When a mentee is chosen, the mentors are listed best first
        (possible pairs before impossible ones), so the best cards are in
        sight when the drag starts; without a mentee, the usual order."""
        if self.matrix is None or not self.mentor_cols:
            return
        cols = np.asarray(self.mentor_cols, dtype=np.intp)
        if not self.has_mentee(mentee_id):
            order = np.sort(cols)  # the pool's order: free places first, then by name
        else:
            row = self.matrix.row_of(mentee_id)
            order = cols[np.lexsort((cols, -self.matrix.scores[row, cols], ~self.matrix.feasible[row, cols]))]
        if np.array_equal(order, cols):
            return
        current = self.mentor_view.current_id()
        self.mentor_cols = order.tolist()
        self.mentor_model.set_profiles([self.matrix.mentors[j] for j in self.mentor_cols], self.today)
        if current is not None:
            self.mentor_view.select_id(current)
        self.mentor_view.scrollToTop()

    def explain(self, mentee_id: int | None, mentor_id: int | None) -> Explanation | None:
        if not self.has_mentee(mentee_id) or not self.has_mentor(mentor_id):
            return None
        return self.matrix.explain(mentee_id, mentor_id)

    def name_of(self, pid: int) -> str:
        if self.matrix is not None:
            if pid in self.matrix._rows():
                return self.matrix.mentees[self.matrix.row_of(pid)].full_name
            if pid in self.matrix._cols():
                return self.matrix.mentors[self.matrix.col_of(pid)].full_name
        return str(pid)

    def names(self) -> dict[int, str]:
        if self.matrix is None:
            return {}
        return {p.id: p.full_name for p in self.matrix.mentees + self.matrix.mentors}

    # --- one card at a time ---------------------------------------------------------
    def apply(self, matrix: ScoreMatrix, edits: list[Edit]) -> None:
        """Take the edited matrix and move the cards it touched: insert,
        remove or repaint one mentee card and one mentor card."""
        self.matrix = matrix
        self.mentor_model.pool = matrix.pool
        for edit in edits:
            if edit.side == "mentee":
                self.mentee_rows = self._edit(edit, self.mentee_rows, self.mentee_model)
            else:
                self.mentor_cols = self._edit(edit, self.mentor_cols, self.mentor_model)

    def _edit(self, edit: Edit, shown: list[int], model: MenteeCardsModel | MentorCardsModel) -> list[int]:
        i = edit.index
        if edit.kind == "removed":
            if i in shown:
                model.remove_card(shown.index(i))
            return [k - (k > i) for k in shown if k != i]
        if edit.kind == "inserted":
            shown = [k + (k >= i) for k in shown]
            if edit.profile is not None and self.keep(edit.profile):
                # among cards in the pool's order, at its place; in a mentee's best-first order, last
                at = bisect.bisect_left(shown, i) if shown == sorted(shown) else len(shown)
                shown.insert(at, i)
                model.insert_card(at, edit.profile)
            return shown
        if i in shown and edit.profile is not None:
            model.replace_card(shown.index(i), edit.profile)
        return shown
