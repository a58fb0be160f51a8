"""The participants screen's dated notes and "Undo merge" (issue 17): each
action is one Operation through services/person_notes.py and
services/merge_undo.py; the detail panel shows the buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from ..i18n import _
from ..services import merge_undo, person_notes
from .context import Changes
from .ops import Operation, failure_message
from .person_notes_panel import NoteDialog, NoteInput

if TYPE_CHECKING:
    from .participants_screen import ParticipantsScreen


class NotesAndUndo:
    """Wires the detail panel's note and undo buttons of ``screen``."""

    def __init__(self, screen: ParticipantsScreen) -> None:
        self.screen = screen
        detail = screen.detail
        detail.notes_panel.add_requested.connect(lambda: self.note_dialog().exec())
        detail.notes_panel.edit_requested.connect(lambda note_id: self.note_dialog(note_id).exec())
        detail.undo_merge_requested.connect(self.undo_merge)
        #: replaced in tests; asks the user to confirm
        self.confirm: Callable[[str], bool] = self._ask

    def note_dialog(self, note_id: int | None = None) -> NoteDialog:
        """The dialog adding a note to the shown participant, or correcting note ``note_id`` (not shown)."""
        screen = self.screen
        profile = screen.detail.profile
        pid = profile.id if profile else None
        note = next((n for n in profile.dated_notes if n.id == note_id), None) if profile else None
        context = screen.context

        def save(value: NoteInput) -> Operation:
            coordinator, now = context.coordinator_id, context.clock.now()
            if note is None:
                work = lambda s: person_notes.add_note(s, pid, value.noted_on, value.text, now, coordinator)  # noqa: E731
            else:
                work = lambda s: person_notes.edit_note(s, note.id, value.text, now, coordinator)  # noqa: E731
            return Operation(screen, context, work, changes=Changes.PARTICIPANTS).success(
                lambda _r: screen._saved([pid], _("Note saved.")))

        return NoteDialog(context.clock.today(), save, note, screen)

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self.screen, _("Undo merge"), text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def undo_merge(self) -> bool:
        """Undo the latest merge into the shown participant, once confirmed; True when done."""
        screen = self.screen
        profile = screen.detail.profile
        if profile is None or not profile.undoable_merges:
            return False
        merged_id, context = profile.undoable_merges[0], screen.context
        text = _("Put record {other} back as it was before it was merged into record {keep} ({name})? "
                 "Both records get back what they had.").format(other=merged_id, keep=profile.id,
                                                                name=profile.full_name)
        if not self.confirm(text):
            return False

        def done(keep_id: int) -> None:
            screen._saved([keep_id, merged_id], _("Merge undone: record {id} is back.").format(id=merged_id))
            screen.select(keep_id)

        def refused(exc: Exception) -> None:
            screen.message.setText(_("The merge was not undone: {reason}").format(reason=failure_message(exc)))

        return Operation(screen, context, lambda s: merge_undo.undo(s, merged_id, context.clock.now(),
                                                                    context.coordinator_id),
                         changes=Changes.PARTICIPANTS).success(done).failure(refused).run()

