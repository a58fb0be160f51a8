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
        ("name_birth", ("dubois joelle", dt.date(2001, 4, 2))), ("email", "joelle@example.org"),  # any order
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


def test_a_reapplication_with_swapped_or_misspelt_names_is_recognised_with_reasons(store, clock, tmp_path):
    """Issue 13: a new email and phone, the names swapped or with a typo,
    the same birth date."""
    from duo_desktop import i18n
    from duo_desktop.services import importer
    from duo_desktop.services.participants import ParticipantIndex

    i18n.set_language("en")
    with store.transaction() as s:
        b = f.branch(s)
        amal = f.participant(s, b, first="Amal", last="Haddad", birth=dt.date(2001, 4, 23),
                             email="amal@example.org", phone="+32 470 12 34 56")
        other = f.participant(s, b, first="Amal", last="Hamdi", birth=dt.date(2001, 4, 23))
    with store.session() as s:
        swapped = find_candidates(s, "Haddad", "Amal", dt.date(2001, 4, 23), "new@example.org", "0485 00 00 00")
        typo = find_candidates(s, "Amal", "Hadad", dt.date(2001, 4, 23), "new@example.org")
        other_day = find_candidates(s, "Amal", "Hadad", dt.date(2001, 4, 24))
    assert [(c.participant_id, c.reasons) for c in swapped] == [(amal.id, ("name_birth",))]
    assert [(c.participant_id, c.reasons) for c in typo] == [(amal.id, ("similar_name_birth",))]
    assert other_day == [] and other.id not in {c.participant_id for c in typo}

    path = tmp_path / "again.csv"
    path.write_text("Prénom;Nom;Rôle;Date de naissance;Email\n"
                    "Haddad;Amal;mentee;23/04/2001;new@example.org\n"
                    "Amal;Hadad;mentee;23/04/2001;new2@example.org\n", encoding="utf-8")
    with store.session() as s:
        swapped_row, typo_row = importer.preview(s, clock, path).rows
    assert swapped_row.status == "existing" and swapped_row.existing_id == amal.id
    assert typo_row.status == "ok" and [p.message for p in typo_row.warnings] == [
        f"Row 2 (line 3): maybe the same person as file no. {amal.id} (similar name and same birth date): check, "
        "and merge them if so."]
    with store.transaction() as s:
        f.participant(s, b, first="Amal", last="Hadad", birth=dt.date(2001, 4, 23))
    with store.session() as s:
        index = ParticipantIndex.build(s)
    assert index.is_duplicate(amal.id) and not index.is_duplicate(other.id)
