"""The participant's Privacy menu: export, restrict, anonymise (confirmed),
and the retention list; each one Operation, audited."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from duo_desktop.models import AuditEntry, Participant, ParticipantStatus
from duo_desktop.views.participants_screen import ParticipantsScreen

from . import factories as f


def _screen(qtbot, app_context):
    screen = ParticipantsScreen(app_context)
    qtbot.addWidget(screen)
    screen.refresh()
    qtbot.waitUntil(lambda: not screen._debounce.isActive())
    return screen


def test_privacy_menu_exports_restricts_and_anonymises_after_confirmation(qtbot, app_context, monkeypatch,
                                                                           tmp_path):
    with app_context.store.transaction() as s:
        b = f.branch(s)
        pid = f.participant(s, b, first="Олександра", last="Мельник", email="olex@example.org").id
    screen = _screen(qtbot, app_context)
    assert screen.select(pid)
    menu = [a.text() for a in screen.detail.privacy_menu.actions() if a.text()]
    assert menu[:3] == ["Exporter ses données (JSON, CSV et PDF)…", "Limiter le traitement…",
                        "Anonymiser (effacer ses données)…"]

    assert screen.privacy.export(str(tmp_path / "export"))
    assert (tmp_path / "export" / f"person-{pid}.json").exists()

    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    assert not screen.privacy.toggle_restriction()  # "No": nothing changed
    assert screen.privacy.toggle_restriction()
    assert screen.detail.profile.restricted_since == app_context.clock.today()
    history = screen.privacy.history_dialog()
    qtbot.addWidget(history)
    shown = [history.table.item(r, 2).text() for r in range(history.table.rowCount())]
    assert shown[:2] == ["restrict", "export"] and "create" in shown  # newest first
    records = {history.table.item(r, 3).text() for r in range(history.table.rowCount())}
    assert f"participant #{pid}" in records and any(r.startswith("participant_language #") for r in records)
    assert screen.privacy.anonymise()
    assert "anonymisées" in screen.message.text()
    with app_context.store.session() as s:
        p = s.get(Participant, pid)
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "participant",
                                                            AuditEntry.entity_id == pid)).all()
    assert (p.first_name, p.email) == ("", "")
    assert actions[-3:] == ["export", "restrict", "erase"]
    assert screen.model.rowCount() == 0  # an anonymised person leaves the list


def test_retention_dialog_lists_and_anonymises_who_is_past_it(qtbot, app_context, monkeypatch):
    with app_context.store.transaction() as s:
        b = f.branch(s, settings={"retention_years": 1})
        old = f.participant(s, b, first="ሃና", last="ወልደ", status=ParticipantStatus.WITHDRAWN,
                            applied_on=dt.date(2022, 5, 1), status_since=dt.date(2022, 6, 1)).id
    screen = _screen(qtbot, app_context)
    dialog = screen.privacy.retention_dialog()
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and "ሃና ወልደ" in dialog.list.item(0).text()
    monkeypatch.setattr(dialog, "exec", lambda: True)
    assert screen.privacy.retention(dialog) == 1
    with app_context.store.session() as s:
        assert s.get(Participant, old).erased_on == app_context.clock.today()
