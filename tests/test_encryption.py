"""Encryption at rest (issue 12), the store side: SQLCipher 4 through
SQLAlchemy, a key held only in memory, wrong passphrase refused, re-key,
plaintext encrypted in place, backups encrypted with the same key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from duo_desktop.models import Participant
from duo_desktop.store import open_store
from duo_desktop.store.crypto import Key, delay_after, driver, is_encrypted
from duo_desktop.store.maintenance import backup_now, change_passphrase, describe, encrypt_in_place, restore
from duo_desktop.store.problems import StoreError
from tests import factories
from tests.sqlite_files import connect

pytest.importorskip("sqlcipher3")
NOW = dt.datetime(2026, 3, 16, 9, 0)
CANARY = "Zorglubette"


def _fill(store, people: int = 3, code: str = "BXL") -> None:
    with store.transaction() as s:
        b = factories.branch(s, code=code)
        for _ in range(people):
            factories.participant(s, b, last=CANARY)


def _count(store) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(Participant))


def _plain_sqlite_refuses(path: Path) -> None:
    connection = connect(path)
    try:
        with pytest.raises(driver().DatabaseError, match="file is not a database"):
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        connection.close()


def _bytes_hold_canary(path: Path) -> bool:
    return any(CANARY.encode() in Path(f"{path}{s}").read_bytes()
               for s in ("", "-wal") if Path(f"{path}{s}").exists())


def test_a_new_database_with_a_passphrase_is_unreadable_without_it(tmp_path):
    path = tmp_path / "duo.sqlite3"
    store = open_store(f"sqlite:///{path}", key=Key("correct horse"))
    assert store.encrypted
    _fill(store)
    assert not _bytes_hold_canary(path)  # neither the file nor its WAL hold the name in clear
    store.dispose()
    assert is_encrypted(path)
    _plain_sqlite_refuses(path)
    assert path.stat().st_mode & 0o077 == 0
    with pytest.raises(StoreError) as missing:
        open_store(f"sqlite:///{path}")
    assert missing.value.code == "needs_passphrase"
    again = open_store(f"sqlite:///{path}", key=Key("correct horse"))
    assert _count(again) == 3
    again.dispose()


def test_the_plain_passphrase_opens_the_file_in_any_sqlcipher_4_tool(tmp_path):
    import sqlcipher3

    path = tmp_path / "duo.sqlite3"
    store = open_store(f"sqlite:///{path}", key=Key("é tremà"))
    _fill(store, 2)
    store.dispose()
    connection = sqlcipher3.connect(str(path))
    connection.execute("PRAGMA key = 'é tremà'")  # SQLCipher's own key derivation
    assert connection.execute("SELECT count(*) FROM participant").fetchone()[0] == 2
    connection.close()


def test_an_encrypted_file_keeps_sqlcipher_s_larger_page_cache(tmp_path):
    """Each page read from the cache saves a decryption: the plaintext
    files' smaller cache (store/engine.PLAIN_CACHE_KIB) is not applied."""
    from sqlalchemy import text

    from duo_desktop.store.engine import PLAIN_CACHE_KIB

    store = open_store(f"sqlite:///{tmp_path / 'secret.sqlite3'}", key=Key("correct horse"))
    try:
        with store.engine.connect() as connection:
            kib = connection.execute(text("PRAGMA cache_size")).scalar()
    finally:
        store.dispose()
    assert kib < PLAIN_CACHE_KIB  # negative: KiB; SQLCipher's build has 8 MiB


def test_a_wrong_passphrase_is_refused_and_nothing_is_written(tmp_path):
    path = tmp_path / "duo.sqlite3"
    open_store(f"sqlite:///{path}", key=Key("right")).dispose()
    before = path.read_bytes()
    with pytest.raises(StoreError) as wrong:
        open_store(f"sqlite:///{path}", key=Key("wrong"))
    assert wrong.value.code == "wrong_passphrase"
    assert "phrase" in wrong.value.message()
    assert path.read_bytes() == before


def test_the_delay_grows_after_three_failed_tries():
    assert [delay_after(n) for n in range(7)] == [0, 0, 0, 1, 2, 4, 8]
    assert delay_after(40) == 30


def test_change_passphrase_rekeys_the_database_and_its_backups(tmp_path):
    path = tmp_path / "duo.sqlite3"
    folder = tmp_path / "backups"
    store = open_store(f"sqlite:///{path}", key=Key("old one"))
    _fill(store)
    backup = backup_now(store, folder, NOW)
    store = change_passphrase(store, Key("new one"), folder)
    assert _count(store) == 3
    store.dispose()
    with pytest.raises(StoreError):
        open_store(f"sqlite:///{path}", key=Key("old one"))
    assert describe(backup, Key("new one")) == {"participants": 3, "duos": 0}
    assert describe(backup, Key("old one")) == {}


def test_backups_are_encrypted_with_the_same_key_and_restore(tmp_path):
    path = tmp_path / "duo.sqlite3"
    folder = tmp_path / "backups"
    key = Key("secret")
    store = open_store(f"sqlite:///{path}", key=key)
    _fill(store)
    backup = backup_now(store, folder, NOW)
    assert is_encrypted(backup) and not _bytes_hold_canary(backup)
    _plain_sqlite_refuses(backup)
    _fill(store, 4, code="ANT")
    restore(store, backup, folder, NOW + dt.timedelta(hours=1))
    assert _count(store) == 3
    store.dispose()


def test_a_plaintext_database_is_encrypted_in_place_after_a_backup(tmp_path):
    path = tmp_path / "duo.sqlite3"
    folder = tmp_path / "backups"
    store = open_store(f"sqlite:///{path}", backup_dir=folder)
    _fill(store)
    backup_now(store, folder, NOW - dt.timedelta(days=1))
    assert _bytes_hold_canary(path)
    store = encrypt_in_place(store, Key("now secret"), folder, NOW)
    assert store.encrypted and _count(store) == 3
    _fill(store, 1, code="GNT")
    store.dispose()
    _plain_sqlite_refuses(path)
    assert not _bytes_hold_canary(path)
    backups = sorted(folder.glob("*.sqlite3"))
    assert len(backups) == 2  # the earlier one and the one made before encrypting
    for backup in backups:  # both encrypted too: no plaintext copy of the names is left behind
        assert is_encrypted(backup) and not _bytes_hold_canary(backup)
        assert describe(backup, Key("now secret"))["participants"] == 3
    reopened = open_store(f"sqlite:///{path}", key=Key("now secret"))
    assert _count(reopened) == 4
    reopened.dispose()


def test_secure_delete_is_on_in_an_encrypted_store(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'duo.sqlite3'}", key=Key("k"))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA cipher_version").scalar().startswith("4.")
    store.dispose()
