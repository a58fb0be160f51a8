"""A person on hold (restricted, GDPR art. 18) is kept but left out of
matching, letters and exports (issue 12): the agreements due, the
attendance sheet, the lists written from the reports, and the follow-up
questions."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from duo_desktop.i18n import Translator
from duo_desktop.models import EventKind
from duo_desktop.services import events, privacy
from duo_desktop.services.documents import batch, render_attendance_sheet
from duo_desktop.services.reports.export import write_list
from duo_desktop.services.reports.registry import Subject
from tests import factories as f
from tests.documents.helpers import awaiting_duo, pdf_text

NOW = dt.datetime(2026, 3, 16, 9)


def test_no_agreement_letter_for_a_duo_with_a_person_on_hold(store):
    with store.transaction() as s:
        duo = awaiting_duo(s, NOW)
        mentee = duo.mentee_id
    with store.session() as s:
        assert [d.duo_id for d in batch.agreements_due(s, NOW.date())] == [duo.id]
    with store.transaction() as s:
        privacy.restrict(s, mentee, NOW.date(), NOW)
    with store.session() as s:
        assert batch.agreements_due(s, NOW.date()) == []


def test_the_attendance_sheet_and_its_audit_row_leave_out_a_person_on_hold(store):
    from duo_desktop.services.documents import audited
    from duo_desktop.models import AuditEntry
    from sqlalchemy import select

    with store.transaction() as s:
        b = f.branch(s)
        kept = f.participant(s, b, first="Amadou", last="Keïta")
        held = f.participant(s, b, first="Ilse", last="Pauwels")
        event = events.create_event(s, events.EventInput(b.id, EventKind.INFO_SESSION, dt.datetime(2026, 3, 20, 14)),
                                    NOW)
        events.invite(s, event, [kept.id, held.id], NOW)
        privacy.restrict(s, held.id, NOW.date(), NOW)
    with store.transaction() as s:
        text = pdf_text(render_attendance_sheet(s, event, "fr"))
        audited.record(s, "print", "attendance_sheet", event, NOW)
    assert "Keïta" in text and "Pauwels" not in text
    with store.session() as s:
        details = s.scalars(select(AuditEntry.details).where(AuditEntry.action == "print")).one()
    assert details["participant_ids"] == [kept.id]


def test_a_list_written_from_the_reports_leaves_out_a_person_on_hold(store, tmp_path):
    with store.transaction() as s:
        b = f.branch(s)
        kept = f.participant(s, b, first="Amadou", last="Keïta").id
        held = f.participant(s, b, first="Ilse", last="Pauwels").id
        privacy.restrict(s, held, NOW.date(), NOW)
    path = tmp_path / "list.xlsx"
    with store.transaction() as s:
        write_list(s, Subject.PARTICIPANT, [kept, held], path, Translator("fr"), NOW)
    cells = [str(c.value) for row in load_workbook(path).active.iter_rows() for c in row if c.value is not None]
    assert any("Keïta" in c for c in cells) and not any("Pauwels" in c for c in cells)


def test_no_follow_up_question_for_a_mentee_on_hold(store):
    from duo_desktop.services import alerts
    from tests.test_gdpr import _ended_duo

    with store.transaction() as s:
        _b, _mentor, mentee, duo = _ended_duo(s)
        day = dt.date(2026, 2, 10)  # 3 months after the end
        assert alerts.AlertKind.OUTCOME_3_MONTHS_DUE in {a.kind for a in alerts.duo_alerts(s, duo.id, day)}
        privacy.restrict(s, mentee.id, day, NOW)
        assert alerts.AlertKind.OUTCOME_3_MONTHS_DUE not in {a.kind for a in alerts.duo_alerts(s, duo.id, day)}
