"""Undoable board actions (Orange canvas style): redo and undo call the
matching service, one transaction each. The first run happens before the
command is pushed, so a refused action never reaches the undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from ...i18n import _
from ...services.errors import NotFound, RuleError
from ...services.matching import proposals
from ..context import AppContext

Report = Callable[[str, bool], None]  # (message, ok)


class ProposeCommand(QUndoCommand):
    def __init__(self, context: AppContext, mentee_id: int, mentor_id: int, text: str, report: Report,
                 parent: QUndoCommand | None = None) -> None:
        super().__init__(text, parent)
        self.context = context
        self.mentee_id = mentee_id
        self.mentor_id = mentor_id
        self.duo_id: int | None = None
        self.report = report
        self._done_once = False

    def execute(self) -> None:
        """Propose now; raises RuleError (nothing saved) when refused."""
        with self.context.store.transaction() as s:
            self.duo_id = proposals.propose_pair(s, self.mentee_id, self.mentor_id, self.context.clock.now(),
                                                  self.context.coordinator_id)
        self._done_once = True

    def redo(self) -> None:
        if self._done_once:  # done by execute() just before the push
            self._done_once = False
            return
        try:
            self.execute()
            self._done_once = False
            self.report(_("Proposal restored: {what} (saved).").format(what=self.text()), True)
        except (RuleError, NotFound) as exc:
            self.setObsolete(True)
            self.report(_("The proposal could not be restored, nothing was changed: {reason}").format(
                reason=str(exc)), False)

    def undo(self) -> None:
        try:
            with self.context.store.transaction() as s:
                proposals.withdraw_proposal(s, self.duo_id)
            self.report(_("Proposal undone: {what} (saved).").format(what=self.text()), True)
        except (RuleError, NotFound) as exc:
            self.setObsolete(True)
            self.report(_("The proposal could not be undone, nothing was changed: {reason}").format(
                reason=str(exc)), False)


class WithdrawCommand(QUndoCommand):
    """Take a proposal back (before its first meeting); undo proposes the
    same pair again."""

    def __init__(self, context: AppContext, duo_id: int, text: str, report: Report) -> None:
        super().__init__(text)
        self.context = context
        self.duo_id = duo_id
        self.pair: tuple[int, int] | None = None
        self.report = report
        self._done_once = False

    def execute(self) -> None:
        with self.context.store.transaction() as s:
            self.pair = proposals.withdraw_proposal(s, self.duo_id)
        self._done_once = True

    def redo(self) -> None:
        if self._done_once:
            self._done_once = False
            return
        try:
            self.execute()
            self._done_once = False
            self.report(_("Proposal withdrawn: {what} (saved).").format(what=self.text()), True)
        except (RuleError, NotFound) as exc:
            self.setObsolete(True)
            self.report(_("Nothing was changed: {reason}").format(reason=str(exc)), False)

    def undo(self) -> None:
        assert self.pair is not None
        try:
            with self.context.store.transaction() as s:
                self.duo_id = proposals.propose_pair(s, self.pair[0], self.pair[1], self.context.clock.now(),
                                                      self.context.coordinator_id)
            self.report(_("Proposal restored: {what} (saved).").format(what=self.text()), True)
        except (RuleError, NotFound) as exc:
            self.setObsolete(True)
            self.report(_("Nothing was changed: {reason}").format(reason=str(exc)), False)
