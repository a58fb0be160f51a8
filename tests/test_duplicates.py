"""Possible duplicates are found by name and birth date, email or phone."""

from __future__ import annotations

import pytest

import datetime as dt

from duo_desktop.services.duplicates import find_candidates

from . import factories as f


@pytest.fixture
def store(store_any):
    """Every test here runs on SQLite and on PostgreSQL (tests/conftest.py)."""
    return store_any


def test_same_person_typed_differently_is_flagged(store):
    with store.transaction() as s:
        b = f.branch(s)
        p = f.participant(s, b, first="Joëlle", last="Dubois", birth=dt.date(2001, 4, 2),
                          email="joelle@example.org", phone="+32 470 12 34 56")
        other = f.participant(s, b, first="Joëlle", last="Dupont", birth=dt.date(2001, 4, 2))
        found = find_candidates(s, "JOELLE", "dubois", dt.date(2001, 4, 2))
        assert [(c.participant_id, c.reasons) for c in found] == [(p.id, ("name_birth",))]
        found = find_candidates(s, "X", "Y", None, phone="0470/12.34.56")
        assert [(c.participant_id, c.reasons) for c in found] == [(p.id, ("phone",))]
        assert find_candidates(s, "Joëlle", "Dubois", dt.date(2001, 4, 2), exclude_id=p.id) == []
        assert other.id not in [c.participant_id for c in find_candidates(s, "Joëlle", "Dubois", dt.date(2001, 4, 3))]


def test_the_list_the_intake_and_the_import_flag_the_same_people(store, clock, tmp_path):
    """One definition of "the same person": the participant list, the intake's
    search and the import all use duplicates.duplicate_keys."""
    from duo_desktop.services import importer
    from duo_desktop.services.duplicates import typed_keys
    from duo_desktop.services.participants import ParticipantIndex

    assert typed_keys(" Joëlle ", "DUBOIS", dt.date(2001, 4, 2), " Joelle@Example.org ", "0470/12.34.56") == (
        ("name_birth", ("joelle dubois", dt.date(2001, 4, 2))), ("email", "joelle@example.org"),
        ("phone", "470123456"))
    assert typed_keys("A", "B", None, "", "12345") == ()  # no birth date, a phone too short to tell
    with store.transaction() as s:
        b = f.branch(s)
        p = f.participant(s, b, first="Joëlle", last="Dubois", birth=dt.date(2001, 4, 2),
                          email="joelle@example.org", phone="+32 470 12 34 56")
        same_email = f.participant(s, b, first="J.", last="D.", email="JOELLE@example.org")
        f.participant(s, b, first="Other", last="One", email="other@example.org")
        index = ParticipantIndex.build(s)
        assert {pid for pid in (p.id, same_email.id) if index.is_duplicate(pid)} == {p.id, same_email.id}
        assert [c.reasons for c in find_candidates(s, "J.", "D.", None, email="joelle@example.org")] == [
            ("email",), ("email",)]
    path = tmp_path / "again.csv"
    path.write_text("Prénom;Nom;Rôle;Date de naissance;Téléphone\nJOËLLE;dubois;mentee;02/04/2001;0470 99 99 99\n",
                    encoding="utf-8")
    with store.session() as s:
        [row] = importer.preview(s, clock, path).rows
    assert row.status == "existing" and row.existing_id == p.id
