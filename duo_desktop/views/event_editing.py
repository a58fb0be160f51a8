"""Editing the events of the Events screen: plan one (New event), change it
(Edit), delete it, invite people to it. Each change is one operation
(views/ops.py) announced as ``Changes.EVENTS`` with the screen as initiator;
the screen then shows the change itself (the list, the selected event) and
says on its message line that it was saved.

The controller asks the screen (``host``) for: ``context``, the selected
event (``selected_event_id``, ``selected_row``), ``branches``,
``default_input()``, ``refresh()``, ``say``/``not_saved`` and
``events_changed(select)`` after a change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QMessageBox

from ..i18n import _, ngettext
from ..models import AttendanceStatus
from ..services import events as service
from .context import Changes
from .event_dialog import EventDialog
from .events_models import event_dates, event_name
from .events_ops import read, run_for_dialog
from .invite_dialog import InviteDialog
from .ops import Operation

if TYPE_CHECKING:
    from .events_screen import EventsScreen


class EventEditing(QObject):
    def __init__(self, host: EventsScreen) -> None:
        super().__init__(host)
        self.host = host
        #: the dialog open now, if any (tests drive it)
        self.dialog: EventDialog | InviteDialog | None = None

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.host, title, text,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def _open(self, dialog: QDialog) -> QDialog:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        dialog.open()
        return dialog

    # --- plan, change ---------------------------------------------------------------
    def new_event(self) -> EventDialog | None:
        host = self.host
        if not host.branches:
            host.refresh()
        if not host.branches:
            host.say(_("Add a branch first: every event belongs to a branch."), saved=False)
            return None

        def submit(data: service.EventInput) -> None:
            now = host.context.clock.now()
            event_id = run_for_dialog(Operation(dialog, host.context, lambda s: service.create_event(s, data, now),
                                                changes=Changes.EVENTS, initiator=host))
            host.say(_("Saved: the event is planned."))
            host.events_changed(select=event_id)

        dialog = EventDialog(host.branches, host.default_input(), submit, parent=host)
        return self._open(dialog)

    def edit_event(self) -> EventDialog | None:
        host = self.host
        event_id = host.selected_event_id()
        if event_id is None:
            return None
        initial = read(host, host.context, lambda s: service.event_input(s, event_id), failure=host.not_saved)
        if initial is None:
            return None

        def submit(data: service.EventInput) -> None:
            now = host.context.clock.now()
            run_for_dialog(Operation(dialog, host.context, lambda s: service.update_event(s, event_id, data, now),
                                     changes=Changes.EVENTS, initiator=host))
            host.say(_("Saved: the event is changed."))
            host.events_changed()

        dialog = EventDialog(host.branches, initial, submit, editing=True, parent=host)
        return self._open(dialog)

    # --- delete -----------------------------------------------------------------------
    def delete_event(self) -> None:
        """Asks first, saying what goes with the event; refused (and said)
        once attendance was recorded: the event is part of people's history."""
        host = self.host
        row = host.selected_row()
        if row is None:
            return
        recorded = row.counts.attended + row.counts.absent + row.counts.excused
        if recorded:
            host.say(_("Not deleted: {reason}").format(reason=ngettext(
                "Attendance was recorded for {count} person: this event is part of their history and "
                "cannot be deleted.",
                "Attendance was recorded for {count} people: this event is part of their history and "
                "cannot be deleted.", recorded).format(count=recorded)), saved=False)
            return
        text = _("Delete “{event}” of {date}?").format(event=event_name(row), date=event_dates(row))
        if row.counts.on_list:
            text += "\n" + ngettext("The invitation of {count} person is deleted with it.",
                                    "The invitations of {count} people are deleted with it.",
                                    row.counts.on_list).format(count=row.counts.on_list)
        if not self.confirm(_("Delete the event"), text):
            return
        now = host.context.clock.now()

        def deleted(_invitations: int) -> None:
            host.say(_("Saved: the event is deleted."))
            host.events_changed()

        Operation(host, host.context, lambda s: service.delete_event(s, row.id, now), changes=Changes.EVENTS) \
            .success(deleted).failure(host.not_saved).run()

    # --- invite -----------------------------------------------------------------------
    def invite(self) -> InviteDialog | None:
        host = self.host
        row = host.selected_row()
        if row is None:
            return None
        event_id = row.id

        def load(text: str, everyone: bool) -> list[service.Candidate]:
            # called by the dialog as it opens, too: the screen is the parent of a failure's message
            found = read(host, host.context, lambda s: service.invitation_candidates(s, event_id, text, everyone))
            return found or []

        def submit(ids: list[int], status: AttendanceStatus) -> None:
            now = host.context.clock.now()
            res = run_for_dialog(Operation(dialog, host.context,
                                           lambda s: service.invite(s, event_id, ids, now, status=status),
                                           changes=Changes.EVENTS, initiator=host))
            text = ngettext("Saved: {count} person invited.", "Saved: {count} people invited.",
                            res.invited).format(count=res.invited)
            host.say(" ".join([text, *map(str, res.warnings)]))
            host.events_changed()

        dialog = InviteDialog(event_name(row), load, submit, parent=host)
        return self._open(dialog)
