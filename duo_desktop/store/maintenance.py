"""What a coordinator does to the store file as a whole: back up now, the
daily backup, restore, encrypt a plaintext database, change the passphrase.
No Qt; the GUI and the command line call the same functions.

    backup_now(store, folder, now, label="manual", limits) -> Path | None
    daily_backup(store, folder, now, limits) -> Path | None  (first start of a day)
    verify_backup(path, key) -> None                          raises StoreError
    describe(path, key) -> dict(participants=, duos=)         counts, or {} when unreadable
    restore(store, backup, folder, now) -> Path | None        the backup of the state replaced
    encrypt_in_place(store, key, folder, now) -> Store        a new Store; the old one is disposed
    change_passphrase(store, new_key) -> Store                 idem
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from pathlib import Path

from ..i18n import N_
from . import crypto
from .backup import BackupLimits, backup_name, copy_into, fsync, list_backups, make_backup, owner_only_dir, prune
from .engine import make_engine, raw_key_of
from .health import full_check
from .migrate import ensure_schema
from .problems import DAMAGED, NOT_A_DATABASE, StoreError, classify
from .session import Store, open_store, quick_check

OTHER_KEY = N_("This backup was made with another passphrase or without encryption; it cannot be restored into {file}.")


def _path(store: Store) -> Path:
    path = store.path
    if path is None:
        raise ValueError("backups are made of a SQLite file only")
    return path


def backup_now(store: Store, folder: Path, now: dt.datetime, label: str = "manual",
               limits: BackupLimits = BackupLimits()) -> Path | None:
    """A backup now, then thinning of the older ones. A server store: None."""
    made = make_backup(store.engine, folder, label, now)
    if made is not None and store.path is not None:
        prune(folder, store.path, now, limits)
    return made


def daily_backup(store: Store, folder: Path, now: dt.datetime, limits: BackupLimits = BackupLimits()) -> Path | None:
    """The first start (or first write) of a day makes a backup; later ones do nothing."""
    if store.path is None or not store.path.exists():
        return None
    if any(b.made.date() == now.date() for b in list_backups(folder, store.path)):
        return None
    return backup_now(store, folder, now, "daily", limits)


def backup_if_changed(store: Store, folder: Path, now: dt.datetime,
                      limits: BackupLimits = BackupLimits()) -> Path | None:
    """At close: a backup when the file changed since the newest backup (by
    the modification times of the file and its WAL), else nothing."""
    path = store.path
    if path is None or not path.exists():
        return None
    changed = max(Path(f"{path}{s}").stat().st_mtime for s in ("", "-wal") if Path(f"{path}{s}").exists())
    backups = list_backups(folder, path)
    if backups and max(b.path.stat().st_mtime for b in backups) >= changed:
        return None
    return backup_now(store, folder, now, "close", limits)


def _backup_key(path: Path, key: crypto.Key | None) -> str | None:
    if not crypto.is_encrypted(path):
        return None
    if key is None:
        from .problems import NEEDS_PASSPHRASE

        raise StoreError(NEEDS_PASSPHRASE, "needs_passphrase", file=str(path))
    return key.for_file(path)


def verify_backup(path: Path, key: crypto.Key | None) -> None:
    """Refuses (StoreError 'damaged', 'not_a_database', 'wrong_passphrase'...)
    a backup that does not open with ``key`` or fails the full check
    (integrity_check and foreign_key_check: a backup is trusted only then)."""
    raw_key = _backup_key(path, key)
    quick_check(path, raw_key)
    if full_check(path, raw_key):
        raise StoreError(DAMAGED, "damaged", file=str(path))


def describe(path: Path, key: crypto.Key | None) -> dict[str, int]:
    """What a backup holds: participants and duos (counts only), {} when it cannot be read."""
    try:
        connection = crypto.connect(f"file:{path}?mode=ro", _backup_key(path, key), uri=True)
    except Exception:  # noqa: BLE001
        return {}
    try:
        return {table + "s": connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("participant", "duo")}
    except Exception:  # noqa: BLE001
        return {}
    finally:
        connection.close()


def restore(store: Store, backup: Path, folder: Path, now: dt.datetime) -> Path | None:
    """Replace the store's file with ``backup`` in one step (atomic rename),
    after backing up the current state (a damaged current file is copied
    aside byte for byte). The store stays usable: its engine reconnects to
    the restored file, which is checked and upgraded to the current schema.
    Returns the backup of the replaced state. Raises StoreError when the
    backup is damaged or made with another key (nothing is changed then)."""
    target = _path(store)
    verify_backup(backup, store.key)
    source_key = _backup_key(backup, store.key)
    target_key = raw_key_of(store.engine)
    if source_key != target_key and not (source_key is None and target_key is not None):
        raise StoreError(OTHER_KEY, "other_key", file=str(target))
    saved = None
    if target.exists():
        try:
            quick_check(target, target_key)
            saved = make_backup(store.engine, folder, "before-restore", now)
        except StoreError:  # damaged: kept aside as it is, for an expert
            owner_only_dir(folder)
            saved = folder / f"{backup_name(target, folder)}-{now.strftime('%Y%m%d-%H%M%S')}-damaged.sqlite3"
            shutil.copyfile(target, saved)
            os.chmod(saved, 0o600)
    store.engine.dispose()
    temp = target.with_name(f"{target.name}.restoring-{os.getpid()}")
    source = crypto.connect(backup, source_key)
    try:
        if source_key == target_key:
            copy_into(source, temp, target_key)
            with contextlib.closing(crypto.connect(temp, target_key)) as restored:
                restored.execute("PRAGMA journal_mode=WAL")
        else:  # a plaintext backup (made before encryption) restored into an encrypted store
            source.close()
            _export_encrypted(backup, temp, target_key)
    finally:
        with contextlib.suppress(Exception):
            source.close()
    _replace(temp, target)
    reopen(store)
    return saved


def reopen(store: Store) -> None:
    """After the file changed under it: check it, then bring it to the current schema."""
    store.engine.dispose()
    path = _path(store)
    quick_check(path, raw_key_of(store.engine))
    ensure_schema(store.engine)


def _replace(temp: Path, target: Path) -> None:
    fsync(temp)
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{target}{suffix}")
    os.replace(temp, target)
    fsync(target.parent)


def _export_encrypted(source: Path, temp: Path, raw_key: str, journal: str = "WAL") -> None:
    """Write an encrypted copy of plaintext ``source`` to ``temp`` (sqlcipher_export)."""
    import sqlcipher3

    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    connection = sqlcipher3.connect(str(source))
    try:
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        connection.execute(f"ATTACH DATABASE ? AS encrypted KEY \"{raw_key}\"", (str(temp),))
        connection.execute("SELECT sqlcipher_export('encrypted')")
        connection.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        connection.execute(f"PRAGMA encrypted.journal_mode = {journal}")
        connection.execute("DETACH DATABASE encrypted")
    except BaseException:
        connection.close()
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    connection.close()


def encrypt_in_place(store: Store, key: crypto.Key, folder: Path, now: dt.datetime) -> Store:
    """Encrypt a plaintext SQLite store with ``key``, after a backup; its
    plaintext backups are encrypted with the same key too (they hold the
    same personal data). Returns the new Store (the old one is disposed)."""
    path = _path(store)
    if store.encrypted:
        return store
    make_backup(store.engine, folder, "before-encrypt", now)
    store.dispose()
    raw_key = key.new_salt_key()
    temp = path.with_name(f"{path.name}.encrypting-{os.getpid()}")
    with make_engine(f"sqlite:///{path}").connect() as connection:  # checkpoint: the WAL into the file
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    _export_encrypted(path, temp, raw_key)
    _replace(temp, path)
    for backup in list_backups(folder, path):
        if not backup.encrypted:
            part = backup.path.with_name(f".{backup.path.name}.partial-{os.getpid()}")
            _export_encrypted(backup.path, part, raw_key, journal="DELETE")
            _replace(part, backup.path)
    return open_store(f"sqlite:///{path}", key=key, backup_dir=folder)


def change_passphrase(store: Store, new_key: crypto.Key, folder: Path | None = None) -> Store:
    """Re-key an encrypted store (PRAGMA rekey) and its backups in ``folder``
    with ``new_key``. Returns the new Store (the old one is disposed)."""
    path = _path(store)
    old_key = store.key
    if not store.encrypted or old_key is None:
        raise ValueError("the store is not encrypted")
    store.dispose()
    files = [path] + ([b.path for b in list_backups(folder, path) if b.encrypted] if folder else [])
    for file in files:
        salt = crypto.file_salt(file)
        try:
            connection = crypto.connect(file, old_key.for_salt(salt))
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except Exception:  # noqa: BLE001  (a backup made with an older passphrase: left as it is)
            if file == path:
                raise
            continue
        try:
            connection.execute(f'PRAGMA rekey = "{new_key.for_salt(salt)}"')
        finally:
            connection.close()
    return open_store(f"sqlite:///{path}", key=new_key, backup_dir=folder)


def problem_of(exc: BaseException, store: Store) -> StoreError | None:
    """The StoreError for an exception raised while writing to ``store``."""
    return classify(exc, store.path, store.encrypted)


__all__ = ["DAMAGED", "NOT_A_DATABASE", "backup_now", "change_passphrase", "daily_backup", "describe",
           "encrypt_in_place", "problem_of", "restore", "reopen", "verify_backup"]
