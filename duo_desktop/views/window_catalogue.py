"""Every window and dialog of the application, built with real widgets from
the data at hand (issue 17): the screenshot command renders them, and the
tests check that each fits a small screen and has no clashing mnemonics.

    window_catalogue(context) -> list[(key, build)]
    open_window(build) -> the window shown with its background loading done


``build()`` returns the window, not shown (None when the database holds
nothing it could show, e.g. no duo for the agreement dialog). Nothing is
saved: the save callbacks refuse. Keys are stable (file names of screenshots).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import select

from ..i18n import N_
from ..models import Duo, Event, EventKind, OutcomeMoment, Participant, ParticipantStatus, Respondent, Role
from .context import AppContext
from .ops import Query, wait_for_tasks

Build = Callable[[], QWidget | None]


def _first_ids(context: AppContext) -> dict[str, list[int]]:
    def read(s):  # noqa: ANN001, ANN202
        return {
            "duo": list(s.scalars(select(Duo.id).order_by(Duo.id).limit(1))),
            "event": list(s.scalars(select(Event.id).order_by(Event.id).limit(1))),
            "participant": list(s.scalars(select(Participant.id).order_by(Participant.id).limit(2))),
        }

    return Query(None, context, read).value() or {"duo": [], "event": [], "participant": []}


def _refuse(*_args) -> None:  # noqa: ANN002
    """Save callbacks of the catalogue: nothing is ever saved."""
    return None


def open_window(build: Build) -> QWidget | None:
    """``build()`` shown as a coordinator would see it: what it loads in the
    background has arrived, and closing it never asks about typed text.
    None when ``build`` has nothing to show. The screenshots and the tests
    open every window this one way."""
    window = build()
    if window is None:
        return None
    if hasattr(window, "discard_silently"):
        window.discard_silently = True
    window.show()
    QApplication.processEvents()
    wait_for_tasks()
    QApplication.processEvents()
    return window


def window_catalogue(context: AppContext) -> list[tuple[str, Build]]:
    """(key, build) for every window and dialog that can be built from this database."""
    from ..services import events as events_service
    from ..services.events import Candidate, EventInput
    from . import duo_dialogs as dd
    from .documents.agreement_dialog import AgreementDialog
    from .documents.batch_dialog import AgreementBatchDialog
    from .documents.document_dialog import DocumentDialog
    from .event_dialog import EventDialog
    from .import_dialog import ImportDialog
    from .intake import DraftsDialog
    from .invite_dialog import InviteDialog
    from .matching.dialogs import DecisionDialog, FirstMeetingDialog
    from .meeting_week_dialog import MeetingWeekDialog
    from .participant_dialogs import MergeDialog, StatusDialog
    from .settings import SettingsDialog
    from .setup.start import WhoDialog
    from .setup.welcome import WelcomeDialog
    from .setup.wizard import SetupWizard
    from .audit_screen import AuditScreen
    from .duo_corrections import MeetingDialog
    from .participant_privacy import AuditDialog, RetentionDialog
    from .person_notes_panel import NoteDialog
    from .store_dialogs import NEW_DATABASE_INTRO, NewPassphraseDialog, PassphraseDialog

    today = context.clock.today()
    now = dt.datetime.combine(today, dt.time(14, 0))
    ids = _first_ids(context)
    branches: list = Query(None, context, events_service.list_branches).value() or []

    def agreement() -> QWidget | None:
        from ..services.documents import duo_info

        if not ids["duo"]:
            return None
        info = Query(None, context, lambda s: duo_info(s, ids["duo"][0])).value()
        return AgreementDialog(None, context, info) if info is not None else None

    def attendance_sheet() -> QWidget | None:
        from ..services.documents.attendance_sheet import render_attendance_sheet

        if not ids["event"]:
            return None
        event_id = ids["event"][0]
        return DocumentDialog(None, context, N_("Attendance sheet"),
                              lambda s, lang: render_attendance_sheet(s, event_id, lang), "attendance-sheet.pdf")

    def intake() -> QWidget | None:
        from ..services import intake as intake_service
        from .intake import IntakeWindow

        data = intake_service.empty_form(today=today)
        branch_id = branches[0].id if branches else None
        return IntakeWindow(context, branch_id, data, branches=Query(None, context, intake_service.branches).value())

    def event() -> QWidget | None:
        if not branches:
            return None
        initial = EventInput(branches[0].id, EventKind.INFO_SESSION, now, now + dt.timedelta(hours=2))
        return EventDialog(branches, initial, _refuse)

    def invite() -> QWidget:
        people = [Candidate(i, f"Prénom{i}", f"Nom{i}", role, ParticipantStatus.READY_TO_MATCH, today)
                  for i, role in enumerate([Role.MENTEE, Role.MENTOR] * 6)]
        return InviteDialog("Session d’information", lambda _text, _everyone: people, _refuse)

    def merge() -> QWidget | None:
        from ..services.participant_profile import load_profile

        if len(ids["participant"]) < 2:
            return None
        left, right = (Query(None, context, lambda s, pid=pid: load_profile(s, pid)).value()
                       for pid in ids["participant"][:2])
        return MergeDialog(left, right) if left and right else None

    def status() -> QWidget:
        allowed = {ParticipantStatus.READY_TO_MATCH, ParticipantStatus.WITHDRAWN}
        return StatusDialog("Prénom Nom", ParticipantStatus.READY_TO_MATCH, allowed, today, _refuse)

    def retention() -> QWidget:
        from ..services.privacy import PastRetention

        rows = [PastRetention(i, f"Prénom{i} Nom", Role.MENTEE, "Antenne", today - dt.timedelta(days=900),
                              today - dt.timedelta(days=100)) for i in range(1, 4)]
        return RetentionDialog(rows)

    def audit_history() -> QWidget:
        from ..services.audit import AuditRow

        rows = [AuditRow(i, now, "Prénom Nom", "update", "participant", i, ("email",)) for i in range(1, 4)]
        return AuditDialog(rows, "Prénom Nom")

    def meeting_correction() -> QWidget:
        from ..services.followup import MeetingEntry

        return MeetingDialog(MeetingEntry(1, today), today, _refuse)

    duo_names = [(i, f"Mentor{i} Nom", f"Mentee{i} Nom") for i in range(1, 13)]
    entries: list[tuple[str, Build]] = [
        ("dialog-agreement", agreement),
        ("dialog-attendance-sheet", attendance_sheet),
        ("window-intake", intake),
        ("dialog-event", event),
        ("dialog-invite", invite),
        ("dialog-import", lambda: ImportDialog(context)),
        ("dialog-settings", lambda: SettingsDialog(None, context)),
        ("dialog-agreement-batch", lambda: AgreementBatchDialog(None, context)),
        ("dialog-intake-drafts", lambda: DraftsDialog(context)),
        ("dialog-duo-agreement-signed", lambda: dd.AgreementDialog(today, "fr", _refuse)),
        ("dialog-duo-end", lambda: dd.EndDuoDialog(today, _refuse)),
        ("dialog-duo-check-in", lambda: dd.CheckInDialog(today, _refuse)),
        ("dialog-duo-evaluation", lambda: dd.EvaluationDialog(Respondent.MENTEE, "Prénom Nom", today, _refuse)),
        ("dialog-duo-outcome", lambda: dd.OutcomeDialog(today, next(iter(OutcomeMoment)), _refuse)),
        ("dialog-meetings-week", lambda: MeetingWeekDialog(duo_names, today, _refuse)),
        ("dialog-first-meeting", lambda: FirstMeetingDialog("Prénom Nom – Prénom Nom", now, "Antenne")),
        ("dialog-decision", lambda: DecisionDialog("mentee", "Prénom Nom", today)),
        ("dialog-status", status),
        ("dialog-merge", merge),
        ("dialog-new-passphrase", lambda: NewPassphraseDialog(None, NEW_DATABASE_INTRO, allow_plain=True)),
        ("dialog-passphrase", lambda: PassphraseDialog(None, "duo.sqlite3", _refuse)),
        ("dialog-retention", retention),
        ("dialog-audit-history", audit_history),
        ("dialog-audit-trail", lambda: AuditScreen(None, context)),
        ("dialog-note", lambda: NoteDialog(today, _refuse)),
        ("dialog-meeting-correction", meeting_correction),
        ("dialog-who", lambda: WhoDialog(None, [(1, "Prénom Nom"), (2, "Prénom Nom")])),
        ("dialog-welcome", lambda: WelcomeDialog()),
        ("window-setup-wizard", lambda: SetupWizard(None, context)),
    ]
    return entries
