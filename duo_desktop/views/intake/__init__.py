"""The intake interview on screen.

    open_intake(parent, context, participant_id=None, draft_id=None) -> IntakeWindow (None when unreadable)
    choose_draft(parent, context) -> the window opened, or None

Wire the participants screen's ``intake_requested(participant_id or None)``
to ``open_intake`` (None: ``choose_draft``, which offers the drafts in
progress and a new intake).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from ...services.settings import coordinators
from ...services import intake as intake_service
from ..context import AppContext
from ..ops import Query
from .drafts import DraftsDialog
from .window import IntakeWindow

__all__ = ["DraftsDialog", "IntakeWindow", "choose_draft", "open_intake"]


def open_intake(parent: QWidget | None, context: AppContext, participant_id: int | None = None,
                draft_id: int | None = None) -> IntakeWindow | None:
    """Open the intake window: resume a draft, complete an existing
    participant's intake (resuming their draft when there is one), or start
    a new one. The window is shown and returned (None, with a message, when
    the draft or the participant cannot be read)."""
    today, coordinator_id = context.clock.today(), context.coordinator_id

    def read(session):  # noqa: ANN001, ANN202
        branches = intake_service.branches(session)
        wanted_draft, person = draft_id, participant_id
        if wanted_draft is None and person is not None:
            existing = intake_service.draft_for_participant(session, person)
            wanted_draft = existing.id if existing else None
        if wanted_draft is not None:
            draft = intake_service.load_draft(session, wanted_draft)
            return branches, draft.branch_id, draft.data, wanted_draft, draft.participant_id
        if person is not None:
            branch_id, data = intake_service.form_from_participant(session, person)
            return branches, branch_id, data, None, person
        # a new participant belongs to the working coordinator's branch (issue 10), else the first one;
        # the form starts with that branch's employment office and document language
        working = coordinators.branch_of(session, coordinator_id)
        chosen = next((b for b in branches if b.id == working), branches[0] if branches else None)
        data = intake_service.empty_form(chosen, today=today)
        return branches, chosen.id if chosen else None, data, None, None

    found: list = []
    if not Query(parent, context, read).success(found.append).run():
        return None
    branches, branch_id, data, draft_id, participant_id = found[0]
    window = IntakeWindow(context, branch_id, data, draft_id=draft_id, participant_id=participant_id,
                          parent=parent, branches=branches)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def choose_draft(parent: QWidget | None, context: AppContext) -> IntakeWindow | None:
    """Offer the drafts in progress (or a new intake) when there are any;
    open the chosen one."""
    drafts: list = []
    Query(parent, context, intake_service.list_drafts).success(drafts.extend).run()
    if not drafts:
        return open_intake(parent, context)
    dialog = DraftsDialog(context, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return open_intake(parent, context, draft_id=dialog.chosen_draft_id)
    finally:
        dialog.deleteLater()
