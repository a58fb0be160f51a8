"""Undoable board actions (Orange canvas style): redo and undo call the
matching service, each as one :class:`Operation` (one transaction, the
change announced to the other screens). The first run happens before the
command is pushed, so a refused action never reaches the undo stack."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from ...i18n import _, ngettext
from ...services.matching import proposals
from ..context import AppContext, Changes
from ..ops import Operation, failure_message


class BoardLink(Protocol):
    """What a command needs from the board."""

    context: AppContext

    def widget(self) -> QWidget: ...

    def report(self, text: str, ok: bool) -> None: ...

    def people_changed(self, mentee_ids: list[int], mentor_ids: list[int]) -> None: ...


class _BoardCommand(QUndoCommand):
    def __init__(self, board: BoardLink, text: str, parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.board = board
        self._done_once = False

    def _run(self, work: Callable) -> BaseException | None:  # noqa: ANN001
        """One transaction; the error (nothing saved) or None."""
        errors: list[BaseException] = []
        Operation(self.board.widget(), self.board.context, work, changes=Changes.DUOS).failure(errors.append).run()
        return errors[0] if errors else None

    def _fail(self, template: str, exc: BaseException) -> None:
        self.setObsolete(True)
        self.board.report(template.format(reason=failure_message(exc)), False)


class ProposeCommand(_BoardCommand):
    def __init__(self, board: BoardLink, mentee_id: int, mentor_id: int, text: str,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(board, text, parent)
        self.mentee_id = mentee_id
        self.mentor_id = mentor_id
        self.duo_id: int | None = None

    def _propose(self) -> BaseException | None:
        context = self.board.context
        ids: list[int] = []
        error = self._run(lambda s: ids.append(proposals.propose_pair(
            s, self.mentee_id, self.mentor_id, context.clock.now(), context.coordinator_id)))
        if error is None:
            self.duo_id = ids[0]
            self.board.people_changed([self.mentee_id], [self.mentor_id])
        return error

    def execute(self) -> BaseException | None:
        """Propose now; the refusal (nothing saved) or None."""
        error = self._propose()
        self._done_once = error is None
        return error

    def redo(self) -> None:
        if self._done_once:  # done by execute() just before the push
            self._done_once = False
            return
        error = self._propose()
        if error is not None:
            self._fail(_("The proposal could not be restored, nothing was changed: {reason}"), error)
        else:
            self.board.report(_("Proposal restored: {what} (saved).").format(what=self.text()), True)

    def undo(self) -> None:
        error = self._run(lambda s: proposals.withdraw_proposal(s, self.duo_id))
        if error is not None:
            self._fail(_("The proposal could not be undone, nothing was changed: {reason}"), error)
            return
        self.board.people_changed([self.mentee_id], [self.mentor_id])
        self.board.report(_("Proposal undone: {what} (saved).").format(what=self.text()), True)


class WithdrawCommand(_BoardCommand):
    """Take a proposal back (before its first meeting); undo proposes the
    same pair again."""

    def __init__(self, board: BoardLink, duo_id: int, text: str) -> None:
        super().__init__(board, text)
        self.duo_id = duo_id
        self.pair: tuple[int, int] | None = None

    def _withdraw(self) -> BaseException | None:
        pairs: list[tuple[int, int]] = []
        error = self._run(lambda s: pairs.append(proposals.withdraw_proposal(s, self.duo_id)))
        if error is None:
            self.pair = pairs[0]
            self.board.people_changed([self.pair[0]], [self.pair[1]])
        return error

    def execute(self) -> BaseException | None:
        error = self._withdraw()
        self._done_once = error is None
        return error

    def redo(self) -> None:
        if self._done_once:
            self._done_once = False
            return
        error = self._withdraw()
        if error is not None:
            self._fail(_("Nothing was changed: {reason}"), error)
        else:
            self.board.report(_("Proposal withdrawn: {what} (saved).").format(what=self.text()), True)

    def undo(self) -> None:
        assert self.pair is not None
        context = self.board.context
        ids: list[int] = []
        error = self._run(lambda s: ids.append(proposals.propose_pair(
            s, self.pair[0], self.pair[1], context.clock.now(), context.coordinator_id)))
        if error is not None:
            self._fail(_("Nothing was changed: {reason}"), error)
            return
        self.duo_id = ids[0]
        self.board.people_changed([self.pair[0]], [self.pair[1]])
        self.board.report(_("Proposal restored: {what} (saved).").format(what=self.text()), True)


class BatchProposeCommand(_BoardCommand):
    """Several drafts accepted at once: one transaction, one undo step (undo
    withdraws those that went no further and says which stayed)."""

    def __init__(self, board: BoardLink, pairs: list[tuple[int, int]], text: str) -> None:
        super().__init__(board, text)
        self.pairs = pairs
        self.duo_ids: dict[tuple[int, int], int] = {}
        self.refused: dict[tuple[int, int], Exception] = {}

    def _propose(self) -> BaseException | None:
        context = self.board.context
        result: list = []
        error = self._run(lambda s: result.append(proposals.propose_pairs(
            s, self.pairs, context.clock.now(), context.coordinator_id)))
        if error is None:
            self.duo_ids, self.refused = result[0]
            self._changed(list(self.duo_ids))
        return error

    def _changed(self, pairs: list[tuple[int, int]]) -> None:
        if pairs:
            self.board.people_changed([p[0] for p in pairs], [p[1] for p in pairs])

    def execute(self) -> BaseException | None:
        error = self._propose()
        self._done_once = error is None
        return error

    def redo(self) -> None:
        if self._done_once:
            self._done_once = False
            return
        error = self._propose()
        if error is not None or not self.duo_ids:
            self._fail(_("The proposals could not be restored, nothing was changed: {reason}"),
                       error or next(iter(self.refused.values())))
        else:
            self.board.report(_("Proposals restored: {what} (saved).").format(what=self.text()), not self.refused)

    def undo(self) -> None:
        result: list = []
        error = self._run(lambda s: result.append(proposals.withdraw_proposals(s, list(self.duo_ids.values()))))
        if error is not None:
            self._fail(_("The proposals could not be undone, nothing was changed: {reason}"), error)
            return
        done, kept = result[0]
        self._changed(list(done.values()))
        if kept:
            self.setObsolete(True)
            self.board.report(ngettext("Undone except {count} proposal that went further: {reason}",
                                       "Undone except {count} proposals that went further: {reason}",
                                       len(kept)).format(count=len(kept), reason=failure_message(next(iter(kept.values())))),
                              False)
        else:
            self.board.report(_("Proposals undone: {what} (saved).").format(what=self.text()), True)
