"""Proposing on the board: a drop (or Enter), a withdrawal, accepting drafts,
each one undoable step; and "propose for all" (the optimal assignment) in
the background, with progress and Cancel, its result ignored when the board
shows another pool by the time it arrives."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget
from shiboken6 import isValid

from ...i18n import _, ngettext
from ...services.matching.assignment import Assignment, Draft, propose_for_all
from ..ops import Query, failure_message
from .commands import BatchProposeCommand, ProposeCommand, WithdrawCommand

if TYPE_CHECKING:
    from .board import MatchingScreen


class BoardActions:
    """The board's changes; implements what the undo commands need
    (:class:`~.commands.BoardLink`)."""

    def __init__(self, screen: MatchingScreen) -> None:
        self.screen = screen
        self.context = screen.context
        self.undo_stack = QUndoStack(screen)
        self.propose_all_query: Query | None = None  # while "propose for all" runs

    # --- BoardLink ------------------------------------------------------------------
    def widget(self) -> QWidget:
        return self.screen

    def report(self, text: str, ok: bool) -> None:
        self.screen.show_message(text, ok)

    def people_changed(self, mentee_ids: list[int], mentor_ids: list[int]) -> None:
        self.screen.people_changed(mentee_ids, mentor_ids)

    # --- one pair ---------------------------------------------------------------------
    def propose(self, mentee_id: int, mentor_id: int) -> bool:
        """Propose the duo as one undoable step; a refusal shows the reason
        and leaves the undo stack unchanged."""
        cards = self.screen.cards
        mentee, mentor = cards.name_of(mentee_id), cards.name_of(mentor_id)
        command = ProposeCommand(self, mentee_id, mentor_id,
                                 _("propose {mentee} with {mentor}").format(mentee=mentee, mentor=mentor))
        error = command.execute()
        if error is not None:
            self.report(_("Not proposed, nothing was saved. {reason}").format(reason=failure_message(error)), False)
            return False
        self.undo_stack.push(command)
        self.report(_("Duo proposed: {mentee} with {mentor} (saved). Ctrl+Z to undo.").format(
            mentee=mentee, mentor=mentor), True)
        return True

    def withdraw(self, duo_id: int, what: str) -> bool:
        command = WithdrawCommand(self, duo_id, _("withdraw {what}").format(what=what))
        error = command.execute()
        if error is not None:
            self.report(_("Nothing was changed: {reason}").format(reason=failure_message(error)), False)
            return False
        self.undo_stack.push(command)
        self.report(_("Proposal withdrawn: {what} (saved). Ctrl+Z to undo.").format(what=what), True)
        return True

    # --- propose for all ----------------------------------------------------------------
    def propose_all(self) -> None:
        """The optimal assignment of the pool on screen, off the UI thread;
        the drafts arrive in the drafts panel."""
        matrix, loaded = self.screen.cards.matrix, self.screen.loaded_generation
        if matrix is None or self.propose_all_query is not None:
            return
        query = Query(self.screen, self.context, lambda _s, progress: propose_for_all(matrix, progress))
        query.with_progress(_("Looking for the best set of proposals…"))
        query.success(lambda result: self._proposed_all(result, loaded))
        query.failure(self._propose_all_failed).cancelled(self._propose_all_cancelled)
        self.propose_all_query = query
        self.screen.set_busy(_("Looking for the best set of proposals…"))
        query.run_in_background()

    def _done(self) -> bool:
        """False when the board was closed meanwhile (nothing to show)."""
        self.propose_all_query = None
        if not isValid(self.screen):
            return False
        self.screen.set_busy(None)
        return True

    def _proposed_all(self, assignment: Assignment, loaded: int) -> None:
        if not self._done():
            return
        if loaded != self.screen.loaded_generation:  # the board shows another pool now: a stale result
            self.report(_("The pool changed while the proposals were computed; press “Propose for all” again."),
                        False)
            return
        names = self.screen.cards.names()
        panel = self.screen.drafts_panel
        panel.show_assignment(assignment, names)
        self.screen.tabs.setCurrentWidget(panel)
        self.report(ngettext("{count} draft proposal: accept or reject it.",
                             "{count} draft proposals: accept or reject them one by one.",
                             len(assignment.drafts)).format(count=len(assignment.drafts)), True)

    def _propose_all_failed(self, exc: Exception) -> None:
        if self._done():
            self.report(_("No proposals: {reason}").format(reason=failure_message(exc)), False)

    def _propose_all_cancelled(self) -> None:
        if self._done():
            self.report(_("“Propose for all” was cancelled; nothing was changed."), True)

    def accept_drafts(self, drafts: list[Draft]) -> int:
        """Accept drafts as proposals: one transaction, one undo step; a
        draft the rules now refuse is skipped with its reason."""
        if not drafts:
            return 0
        command = BatchProposeCommand(self, [(d.mentee_id, d.mentor_id) for d in drafts], ngettext(
            "accept {count} draft", "accept {count} drafts", len(drafts)).format(count=len(drafts)))
        error = command.execute()
        if error is not None:
            self.report(_("Not proposed, nothing was saved. {reason}").format(reason=failure_message(error)), False)
            return 0
        done = len(command.duo_ids)
        if done:
            command.setText(ngettext("accept {count} draft", "accept {count} drafts", done).format(count=done))
            self.undo_stack.push(command)
        self.screen.drafts_panel.remove(drafts)
        if command.refused:
            reasons = " ".join(failure_message(e) for e in command.refused.values())
            self.report(_("{count} proposals saved; not saved: {reasons}").format(count=done, reasons=reasons), False)
        else:
            self.report(ngettext("{count} proposal saved. Ctrl+Z to undo.",
                                 "{count} proposals saved. Ctrl+Z to undo.", done).format(count=done), True)
        return done
