"""The participant search answered by the database's trigram index (issue 15):
kept in step with every write, filled by the upgrade, emptied of an erased
person, the same results with or without the index, short words too."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, text

from duo_desktop.models import Participant
from duo_desktop.services import participants as svc
from duo_desktop.services.participants import ParticipantFilter, ParticipantIndex
from duo_desktop.services.privacy import erasure
from duo_desktop.store import open_store, search_index
from duo_desktop.store.migrate import ensure_schema

from . import factories as f

TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def people(store):
    with store.transaction() as s:
        b = f.branch(s)
        return {
            "amina": f.participant(s, b, first="Amina", last="Haddad", municipality="Ixelles").id,
            "shah": f.participant(s, b, first="Reza", last="Shah", municipality="Liège").id,
            "zora": f.participant(s, b, first="Zora", last="Qazwini", municipality="Anderlecht",
                                  email="zora.q@example.org", phone="0470 11 22 33").id,
            "ilkay": f.participant(s, b, first="İlkay", last="Yıldız", municipality="Gent").id,
        }


def find(store, text_typed: str) -> set[int]:
    with store.session() as s:
        return set(svc.search_ids(s, ParticipantFilter(text=text_typed)))


def fts_rowids(store, word: str) -> set[int]:
    with store.session() as s:
        return set(s.execute(text(f"SELECT rowid FROM {search_index.TABLE} WHERE {search_index.TABLE} MATCH :w"),
                             {"w": f'"{word}"'}).scalars())


def test_a_new_database_has_the_index_and_finds_every_script_and_field(store, people):
    with store.session() as s:
        assert search_index.has_fts(s.connection())
    assert find(store, "qazwini") == {people["zora"]}
    assert find(store, "liege") == find(store, "LIÈGE") == {people["shah"]}  # accents and case folded
    assert find(store, "yildiz ilkay") == {people["ilkay"]}  # Turkish dotted and dotless i
    assert find(store, "example.org") == {people["zora"]}  # email
    assert find(store, "0470 11 22") == {people["zora"]}  # phone, as typed with spaces and a leading 0


def test_words_shorter_than_a_trigram_match_anywhere_as_before(store, people):
    # "ha" is in Haddad and in Shah: anywhere in the text, not only at the start of a word
    assert find(store, "ha") == {people["amina"], people["shah"]}
    assert find(store, "z") == {people["zora"], people["ilkay"], people["shah"]}  # Reza
    assert find(store, "ha ixelles") == {people["amina"]}  # a short word among the index's results
    assert find(store, "q") == {people["zora"]}


def test_the_same_people_are_found_without_the_index(store, people, monkeypatch):
    typed = ["ha", "haddad", "liege", "0470", "zora example", "yildiz", "nobody", "a", "e"]
    with_index = [find(store, t) for t in typed]
    monkeypatch.setattr(search_index, "has_fts", lambda _connection: False)  # what SQLite < 3.34 does
    assert [find(store, t) for t in typed] == with_index


def test_edits_and_deletions_keep_the_index_in_step(store, people):
    with store.transaction() as s:
        s.get(Participant, people["amina"]).municipality = "Molenbeek"
    assert find(store, "ixelles") == set() and find(store, "molenbeek") == {people["amina"]}
    assert fts_rowids(store, "ixelles") == set()
    with store.transaction() as s:
        s.execute(delete(Participant).where(Participant.id == people["shah"]))
    assert fts_rowids(store, "shah") == set() and find(store, "shah") == set()


def test_an_erased_person_leaves_nothing_in_the_index_tables(store, people):
    def shadow_bytes() -> bytes:
        with store.session() as s:
            return b"".join(bytes(block) for block in s.execute(
                text(f"SELECT block FROM {search_index.TABLE}_data")).scalars() if block)

    # the trigrams of "qazwini" are in the index's own table before the erasure
    assert b"azw" in shadow_bytes() or b"zw" in shadow_bytes()
    with store.transaction() as s:
        erasure.anonymise(s, people["zora"], TODAY, reason="request")
    assert find(store, "qazwini") == set()
    data = shadow_bytes()
    assert b"zw" not in data and b"qaz" not in data and b"example.org" not in data


def test_the_upgrade_fills_the_index_of_an_existing_database(store, people):
    with store.engine.begin() as connection:  # what a database of revision 0009 has
        search_index.uninstall(connection)
        connection.exec_driver_sql("ALTER TABLE participant DROP COLUMN search_text")
        for index in ("ix_participant_role_merged", "ix_attendance_event_status"):  # added by 0011
            connection.exec_driver_sql(f"DROP INDEX {index}")
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = '0009'")
    store.engine.dispose()
    assert ensure_schema(store.engine) == "upgraded"
    assert fts_rowids(store, "haddad") == {people["amina"]}
    assert find(store, "liege") == {people["shah"]} and find(store, "0470 11") == {people["zora"]}


def test_the_index_works_in_an_encrypted_database(tmp_path):
    pytest.importorskip("sqlcipher3")
    from duo_desktop.store.crypto import Key

    store = open_store(f"sqlite:///{tmp_path / 'secret.sqlite3'}", key=Key("correct horse"))
    try:
        with store.transaction() as s:
            pid = f.participant(s, f.branch(s), first="Amina", last="Haddad").id
        with store.session() as s:
            assert search_index.has_fts(s.connection())
        assert find(store, "hadd") == find(store, "ha") == {pid}
    finally:
        store.dispose()


def test_an_index_keeps_its_order_after_a_change_without_sorting_again(store, people):
    with store.session() as s:
        index = ParticipantIndex.build(s)
    before = index.search(ParticipantFilter(), "municipality").ids
    with store.transaction() as s:
        s.get(Participant, people["amina"]).municipality = "Zaventem"
    with store.session() as s:
        index.refresh_ids(s, [people["amina"]])
        fresh = ParticipantIndex.build(s).search(ParticipantFilter(), "municipality").ids
    assert index.search(ParticipantFilter(), "municipality").ids == fresh != before
    assert fresh[-1] == people["amina"]


def test_postgresql_finds_the_same_with_pg_trgm_and_without(pg_url, tmp_path, monkeypatch):
    pg = open_store(pg_url, backup_dir=tmp_path / "backups")
    try:
        with pg.transaction() as s:
            b = f.branch(s)
            ids = {name: f.participant(s, b, first=first, last=name, municipality=place).id
                   for first, name, place in (("Amina", "Haddad", "Ixelles"), ("Reza", "Shah", "Liège"))}
        with pg.session() as s:
            indexed = s.execute(text("SELECT 1 FROM pg_indexes WHERE indexname = :n"),
                                {"n": search_index.PG_INDEX}).first() is not None
        assert indexed, "pg_trgm is installed with the server: the GIN index must be made"
        typed = {"haddad": {ids["Haddad"]}, "ha": {ids["Haddad"], ids["Shah"]}, "liege": {ids["Shah"]},
                 "amina ixelles": {ids["Haddad"]}, "nobody": set()}
        assert {t: find(pg, t) for t in typed} == typed
        with pg.engine.begin() as connection:  # a server without the extension: LIKE, same people
            search_index.uninstall(connection)
        assert {t: find(pg, t) for t in typed} == typed
    finally:
        pg.dispose()


def test_encrypting_a_database_in_place_keeps_one_index_entry_per_person(tmp_path):
    pytest.importorskip("sqlcipher3")
    from duo_desktop.store.crypto import Key
    from duo_desktop.store.maintenance import encrypt_in_place

    store = open_store(f"sqlite:///{tmp_path / 'duo.sqlite3'}", backup_dir=tmp_path / "backups")
    with store.transaction() as s:
        b = f.branch(s)
        ids = [f.participant(s, b, first="Amina", last=f"Haddad{n}").id for n in range(3)]
    store = encrypt_in_place(store, Key("now secret"), tmp_path / "backups", dt.datetime(2026, 3, 16, 9, 0))
    try:
        assert find(store, "amina haddad") == set(ids) and find(store, "haddad1") == {ids[1]}
        with store.session() as s:  # the copy's triggers did not index the rows a second time
            assert s.execute(text(f"SELECT count(*) FROM {search_index.TABLE}_docsize")).scalar() == 3
            s.execute(text(f"INSERT INTO {search_index.TABLE}({search_index.TABLE}, rank) "
                           "VALUES ('integrity-check', 1)"))
    finally:
        store.dispose()


def test_a_sqlite_without_trigram_makes_a_database_that_searches_with_like(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "sqlite_has_trigram", lambda _connection: False)  # SQLite < 3.34
    store = open_store(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        with store.transaction() as s:
            b = f.branch(s)
            amina = f.participant(s, b, first="Amina", last="Haddad", municipality="Liège").id
        with store.session() as s:
            assert not search_index.has_fts(s.connection())
        assert find(store, "liege") == find(store, "ha") == {amina} and find(store, "nobody") == set()
        with store.transaction() as s:
            erasure.anonymise(s, amina, TODAY, reason="request")  # the purge has no index to purge
        assert find(store, "haddad") == set()
    finally:
        store.dispose()
