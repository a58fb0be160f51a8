"""The attendance list of the selected event, as the Events screen changes it:
tick one person's attendance (and correct a wrong tick, putting back the
status it gave or keeping it, as the coordinator chooses), mark everyone
else absent, take an invitation back.

Each change is one operation (views/ops.py) announced with the screen as
initiator: ``Changes.EVENTS``, plus ``Changes.PARTICIPANTS`` when a status
moved (services/attendance.py says which). The screen then reads the
selected event's row and list again (``host.attendance_changed()``).

The controller asks the screen (``host``) for: ``context``,
``selected_event_id()``, ``say``/``not_saved`` and the current line of the
attendance table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from ..i18n import _, format_date, ngettext
from ..models import AttendanceStatus
from ..services import attendance as service
from ..services.labels import label
from .context import Changes
from .events_ops import read
from .ops import Operation

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from .events_screen import EventsScreen

A = AttendanceStatus


class AttendanceController(QObject):
    def __init__(self, host: EventsScreen) -> None:
        super().__init__(host)
        self.host = host

    def ask_undo_status(self, info: service.AdvancedStatus) -> bool | None:
        """True: put the status back too; False: keep it; None: cancel."""
        question = _("This attendance moved {name} to “{status}” on {date}. "
                     "Put the status back to “{previous}” as well?").format(
            name=info.name, status=label(info.status), date=format_date(info.on), previous=label(info.previous))
        box = QMessageBox(QMessageBox.Icon.Question, _("Correct the attendance"), question, parent=self.host)
        undo = box.addButton(_("&Put the status back"), QMessageBox.ButtonRole.YesRole)
        keep = box.addButton(_("&Keep the status"), QMessageBox.ButtonRole.NoRole)
        box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        return True if clicked is undo else False if clicked is keep else None

    def change(self, participant_id: int, status: AttendanceStatus) -> bool:
        """Record ``status`` for one person of the selected event; True when
        saved. Taking back an "attended" that moved a status on asks first
        whether to put that status back."""
        host = self.host
        event_id = host.selected_event_id()
        if event_id is None:
            return False

        def before(s: Session) -> tuple[service.AttendanceLine | None, service.AdvancedStatus | None]:
            line = next((x for x in service.attendance_list(s, event_id) if x.participant_id == participant_id), None)
            taken_back = line is not None and line.status is A.ATTENDED and status is not A.ATTENDED
            return line, service.advanced_status(s, event_id, participant_id) if taken_back else None

        found = read(host, host.context, before, failure=host.not_saved)
        if found is None:
            return False
        line, info = found
        undo = False
        if info is not None and info.revertible and not info.justified_elsewhere:
            answer = self.ask_undo_status(info)
            if answer is None:
                host.say(_("Nothing changed."))
                return False
            undo = answer
        now = host.context.clock.now()
        operation = Operation(host, host.context, lambda s: service.set_attendance(
            s, event_id, participant_id, status, now, undo_status=undo), changes=Changes.EVENTS)

        def saved(result: service.AttendanceResult) -> None:
            if result.moves or result.undone:  # announced after this returns (views/ops.py)
                operation.changes |= Changes.PARTICIPANTS
            name = line.full_name if line is not None else ""
            parts = [_("Saved: {name}, {status}.").format(name=name, status=label(status).lower())]
            for move in result.moves + result.undone:
                parts.append(_("Status: {status} (since {date}).").format(status=label(move.to_status),
                                                                          date=format_date(move.on)))
            parts.extend(map(str, result.notes))
            host.say(" ".join(parts))
            host.attendance_changed()

        return operation.success(saved).failure(host.not_saved).run()

    def mark_others_absent(self) -> None:
        """After the event: everyone still invited or registered is absent."""
        host = self.host
        event_id = host.selected_event_id()
        if event_id is None:
            return
        now = host.context.clock.now()

        def marked(n: int) -> None:
            host.say(ngettext("Saved: {count} person marked absent.", "Saved: {count} people marked absent.",
                              n).format(count=n))
            host.attendance_changed()

        Operation(host, host.context, lambda s: service.mark_others_absent(s, event_id, now),
                  changes=Changes.EVENTS).success(marked).failure(host.not_saved).run()

    def remove_current(self) -> None:
        pid = self.host.attendance_table.current_participant()
        if pid is not None:
            self.remove(pid)

    def remove(self, participant_id: int) -> None:
        """Take one person's invitation back (refused once attendance was recorded)."""
        host = self.host
        event_id = host.selected_event_id()
        if event_id is None:
            return
        now = host.context.clock.now()

        def removed(_n: int) -> None:
            host.say(_("Saved: the invitation is taken back."))
            host.attendance_changed()

        Operation(host, host.context, lambda s: service.remove_from_list(s, event_id, [participant_id], now),
                  changes=Changes.EVENTS).success(removed).failure(host.not_saved).run()
