"""Two coordinators editing the same record: the second save is refused
(``changed_by_someone_else``), the first one's change is kept, and nothing of
the second is half-saved; a record's version counts its saves. On SQLite and
PostgreSQL."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from duo_desktop.i18n import Translator
from duo_desktop.models import Duo, EventKind, Participant, Role
from duo_desktop.services import events
from duo_desktop.services import followup as fu
from duo_desktop.services.errors import RuleError
from duo_desktop.store import open_store

from . import factories as f

NOW = dt.datetime(2026, 3, 16, 10)


@pytest.fixture
def store(store_any):
    return store_any


@pytest.fixture
def event_id(store):
    with store.transaction() as s:
        b = f.branch(s)
        return events.create_event(s, events.EventInput(b.id, EventKind.INFO_SESSION, NOW + dt.timedelta(days=7),
                                                        title="Info"), NOW)


def test_the_second_save_of_an_event_edited_by_two_is_refused_and_the_first_is_kept(store, event_id):
    with store.session() as s:
        form_a = events.event_input(s, event_id)  # both open the event
        form_b = events.event_input(s, event_id)
    with store.transaction() as s:
        events.update_event(s, event_id, dataclasses.replace(form_b, place="Rue Haute 12"), NOW)
    with pytest.raises(RuleError) as err, store.transaction() as s:
        events.update_event(s, event_id, dataclasses.replace(form_a, notes="Bring the forms"), NOW)
    assert err.value.code == "changed_by_someone_else" and "nothing was saved" in err.value.message(Translator("en"))
    with store.session() as s:
        saved = events.event_input(s, event_id)
    assert (saved.place, saved.notes, saved.version) == ("Rue Haute 12", "", 2)  # B's change, nothing of A's
    with store.transaction() as s:  # A looks again (their text still on screen) and saves over the new version
        events.update_event(s, event_id, dataclasses.replace(saved, notes="Bring the forms"), NOW)
    with store.session() as s:
        again = events.event_input(s, event_id)
    assert (again.place, again.notes, again.version) == ("Rue Haute 12", "Bring the forms", 3)


def test_duo_notes_saved_over_someone_elses_are_refused(store):
    with store.transaction() as s:
        b = f.branch(s)
        duo = Duo(branch_id=b.id, mentor_id=f.participant(s, b, Role.MENTOR).id,
                  mentee_id=f.participant(s, b, Role.MENTEE).id, proposed_on=NOW.date())
        s.add(duo)
        s.flush()
        duo_id, seen = duo.id, duo.version
    with store.transaction() as s:
        fu.save_notes(s, duo_id, "Called the mentor.", NOW, version=seen)
    with pytest.raises(RuleError) as err, store.transaction() as s:
        fu.save_notes(s, duo_id, "Met the mentee.", NOW, version=seen)
    assert err.value.code == "changed_by_someone_else"
    with store.session() as s:
        assert s.get(Duo, duo_id).notes == "Called the mentor."


def test_on_the_server_a_save_racing_another_inside_its_transaction_is_refused(pg_url):
    """PostgreSQL lets two transactions read the same row; the version in
    the UPDATE's WHERE catches the second writer (SQLite's writers wait for
    each other instead: BEGIN IMMEDIATE)."""
    store = open_store(pg_url)
    try:
        with store.transaction() as s:
            pid = f.participant(s, f.branch(s), Role.MENTEE, phone="0470 11 22 33").id
        with pytest.raises(RuleError) as err, store.transaction() as a:
            person = a.get(Participant, pid)  # A reads...
            with store.transaction() as b:  # ...B corrects the phone and saves...
                b.get(Participant, pid).phone = "0470 99 88 77"
            person.notes = "Prefers calls after 5 pm."  # ...A saves a note over the old version
        assert err.value.code == "changed_by_someone_else"
        with store.session() as s:
            person = s.get(Participant, pid)
            assert (person.phone, person.notes, person.version) == ("0470 99 88 77", "", 2)
    finally:
        store.dispose()


def test_every_record_gets_its_own_uid_at_creation_and_keeps_it(store):
    with store.transaction() as s:
        b = f.branch(s)
        people = [f.participant(s, b, Role.MENTEE) for _ in range(3)]
        ids = [p.id for p in people]
        first = {p.id: p.uid for p in people}
    assert len(set(first.values())) == 3 and all(u.version == 7 for u in first.values())
    with store.transaction() as s:
        s.get(Participant, ids[0]).phone = "0470 00 00 01"
    with store.session() as s:
        person = s.get(Participant, ids[0])
        assert person.uid == first[ids[0]] and person.version == 2  # edited: same identity, next version
