"""The intake interview on screen.

    open_intake(parent, context, participant_id=None, draft_id=None) -> IntakeWindow
    choose_draft(parent, context) -> the window opened, or None

Wire the participants screen's ``intake_requested(participant_id or None)``
to ``open_intake`` (None: ``choose_draft``, which offers the drafts in
progress and a new intake).
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from ...services import intake as intake_service
from ..context import AppContext
from .drafts import DraftsDialog
from .window import IntakeWindow

__all__ = ["DraftsDialog", "IntakeWindow", "choose_draft", "open_intake"]


def open_intake(parent: QWidget | None, context: AppContext, participant_id: int | None = None,
                draft_id: int | None = None) -> IntakeWindow:
    """Open the intake window: resume a draft, complete an existing
    participant's intake (resuming their draft when there is one), or start
    a new one. The window is shown and returned."""
    store, clock = context.store, context.clock
    branches = intake_service.branches(store)
    if draft_id is None and participant_id is not None:
        existing = intake_service.draft_for_participant(store, participant_id)
        draft_id = existing.id if existing else None
    if draft_id is not None:
        draft = intake_service.load_draft(store, draft_id)
        branch_id, data, participant_id = draft.branch_id, draft.data, draft.participant_id
    elif participant_id is not None:
        branch_id, data = intake_service.form_from_participant(store, participant_id)
    else:
        branch_id = branches[0].id if branches else None
        data = intake_service.empty_form(today=clock.today())
        if branches:
            data["employment_office"] = branches[0].employment_office
    window = IntakeWindow(context, branch_id, data, draft_id=draft_id, participant_id=participant_id,
                          parent=parent)
    window.show()
    window.raise_()
    window.activateWindow()
    return window


def choose_draft(parent: QWidget | None, context: AppContext) -> IntakeWindow | None:
    """Offer the drafts in progress (or a new intake) when there are any;
    open the chosen one."""
    if not intake_service.list_drafts(context.store):
        return open_intake(parent, context)
    dialog = DraftsDialog(context, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return open_intake(parent, context, draft_id=dialog.chosen_draft_id)
    finally:
        dialog.deleteLater()
