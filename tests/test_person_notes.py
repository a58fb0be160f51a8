"""Dated notes on a person (issue 17, "dated notes on a person")."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from duo_desktop.models import AuditEntry, Coordinator, PersonNote
from duo_desktop.services import person_notes, privacy
from duo_desktop.services.errors import RuleError
from duo_desktop.services.participant_profile import load_profile

from . import factories as f

NOW = dt.datetime(2026, 3, 16, 10, 0)


@pytest.fixture
def people(store):
    with store.transaction() as s:
        b = f.branch(s)
        anna = Coordinator(branch_id=b.id, first_name="Anna", last_name="Peeters")
        ben = Coordinator(branch_id=b.id, first_name="Ben", last_name="Maes")
        s.add_all([anna, ben])
        s.flush()
        p = f.participant(s, b, first="Şükrü", last="Öztürk")
        return p.id, anna.id, ben.id


def test_notes_are_listed_newest_first_and_only_their_writer_corrects_them(store, people):
    pid, anna, ben = people
    with store.transaction() as s:
        first = person_notes.add_note(s, pid, dt.date(2026, 3, 2), "  Called: starts a course in April. ", NOW, anna)
        person_notes.add_note(s, pid, dt.date(2026, 3, 10), "Moved to Anderlecht.", NOW, ben)
    with store.transaction() as s:
        person_notes.edit_note(s, first, "Called: starts a course in May.", NOW, anna)
    with pytest.raises(RuleError) as err, store.transaction() as s:
        person_notes.edit_note(s, first, "Something else", NOW, ben)
    assert err.value.code == "not_your_note"
    with store.session() as s:
        notes = load_profile(s, pid).dated_notes
        assert [(n.noted_on, n.text) for n in notes] == [
            (dt.date(2026, 3, 10), "Moved to Anderlecht."), (dt.date(2026, 3, 2), "Called: starts a course in May.")]
        assert s.get(PersonNote, first).edited_at == NOW
        # the audit names the record, never the words
        entries = s.scalars(select(AuditEntry).where(AuditEntry.entity == "person_note")).all()
        assert entries and all("Anderlecht" not in str(e.details) for e in entries)


@pytest.mark.parametrize(("day", "text", "code"), [
    (dt.date(2026, 3, 16), "   ", "note_empty"),
    (dt.date(2026, 3, 17), "Tomorrow's call", "note_in_future"),
    (dt.date(2026, 3, 16), "x" * (person_notes.MAX_LENGTH + 1), "note_too_long"),
])
def test_a_bad_note_is_refused_with_its_reason_and_nothing_is_saved(store, people, day, text, code):
    pid, anna, _ben = people
    with pytest.raises(RuleError) as err, store.transaction() as s:
        person_notes.add_note(s, pid, day, text, NOW, anna)
    assert err.value.code == code
    with store.session() as s:
        assert s.scalars(select(PersonNote)).all() == []


def test_notes_are_in_the_access_export_and_blanked_by_erasure(store, people):
    pid, anna, _ben = people
    with store.transaction() as s:
        person_notes.add_note(s, pid, dt.date(2026, 3, 2), "Prefers mornings.", NOW, anna)
    with store.session() as s:
        assert [n["text"] for n in privacy.person_data(s, pid)["dated_notes"]] == ["Prefers mornings."]
    with store.transaction() as s:
        privacy.anonymise(s, pid, NOW.date(), NOW, anna)
    with store.session() as s:
        assert [(n.noted_on, n.text) for n in s.scalars(select(PersonNote))] == [(dt.date(2026, 3, 2), "")]
