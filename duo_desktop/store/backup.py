"""Backups of a SQLite store, made with SQLite's online backup API (safe with
WAL and while the app holds the file open; never a file copy of a live
database), encrypted with the store's own key when it has one.

A backup is written under a hidden temporary name in the backup folder,
flushed to disk, then renamed into place: a crash or a kill during a backup
leaves the earlier backups untouched and no half-written backup (the
leftover is removed at the next backup). Folder 0700, files 0600.

Thinning (:func:`thin`) keeps every backup of the last 24 hours, then the
newest backup of each of the last 12 days, 10 weeks and 9 months on which
one was made: the rule and default limits of Anki's automatic backups
(rslib/src/collection/backup.rs, ``BackupLimits`` daily 12, weekly 10,
monthly 9), so backups never grow without bound (at most ~31 files besides
the last day's).

A backup is named after its database (:func:`backup_name`), then the time
and why it was made: ``duo-20261130-091500-daily.sqlite3``.

    make_backup(engine, folder, label, now) -> Path | None
    list_backups(folder, database) -> list[BackupInfo]   newest first
    thin(backups, now, limits) -> list[BackupInfo]   the ones to delete
    prune(folder, database, now, limits) -> list[Path]   deleted files
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from . import crypto
from .engine import raw_key_of

NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<label>[a-z0-9-]+)\.sqlite3$")
PARTIAL = ".partial-"


@dataclass(frozen=True)
class BackupLimits:
    """How many backups thinning keeps past the last 24 hours (Anki's defaults)."""

    daily: int = 12
    weekly: int = 10
    monthly: int = 9


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: dt.datetime
    label: str
    size: int
    encrypted: bool


def sqlite_path(engine: Engine) -> Path | None:
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(database)


def backup_name(database: Path, folder: Path) -> str:
    """What the backups of the SQLite file ``database`` kept in ``folder``
    are named after (and its erasure log, store/erasure_log.py).

    A file of the app's own data folder (the one that holds ``folder``: the
    default and the demo database, unique by name there) by its stem, as
    since the first version; any other file by its stem and the first 8 hex
    digits of the SHA-256 of its full path. Two ``duo.sqlite3`` in different
    folders (a copy on a USB stick, a second branch) then share nothing: not
    the first backup of the day, not the thinning, not the list a restore
    offers (QA, 30 November 2026: the other file's backups were offered)."""
    database, folder = Path(database).resolve(), Path(folder).resolve()
    if database.parent == folder.parent:
        return database.stem
    digest = hashlib.sha256(os.path.normcase(str(database)).encode("utf-8")).hexdigest()[:8]
    return f"{database.stem}-{digest}"


def owner_only_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it 0700 (no-op where the platform has no modes).
    For the app's own folders only: never for a folder the user chose."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):
        os.chmod(path, 0o700)
    return path


def make_backup(engine: Engine, target_dir: Path, label: str, now: dt.datetime | None = None) -> Path | None:
    """Back up the engine's SQLite file into ``target_dir``; returns the new
    file, or None when the store is not a SQLite file. Raises OSError or a
    DBAPI error when the backup cannot be written (nothing is left behind)."""
    source = sqlite_path(engine)
    if source is None or not source.exists():
        return None
    # a folder made here is owner-only; an existing one (a USB stick or a shared folder given to
    # ``backups now --out``) keeps its permissions: the backup file itself is 0600 (copy_into). Only
    # the app's own backups folder is forced to 0700 (config.backup_dir).
    target_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    remove_partials(target_dir)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    name = backup_name(source, target_dir)
    target = target_dir / f"{name}-{stamp}-{label}.sqlite3"
    n = 1
    while target.exists():
        n += 1
        target = target_dir / f"{name}-{stamp}-{label}-{n}.sqlite3"
    raw = engine.raw_connection()
    try:
        copy_into(raw.driver_connection, target, raw_key_of(engine))
    finally:
        raw.close()
    return target


def copy_into(source_connection, target: Path, raw_key: str | None) -> None:  # noqa: ANN001
    """Copy an open DBAPI connection's database into ``target`` atomically
    (temporary file, backup API, fsync, rename), keyed with ``raw_key``."""
    temp = target.with_name(f".{target.name}{PARTIAL}{os.getpid()}")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    try:
        destination = crypto.connect(temp, raw_key)
        try:
            source_connection.backup(destination)
            destination.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            destination.close()
        fsync(temp)
        os.replace(temp, target)
        fsync(target.parent)
    except BaseException:
        for suffix in ("", "-journal", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                os.remove(f"{temp}{suffix}")
        raise


backup_sqlite = make_backup  # the name migrate.py has used


def remove_partials(folder: Path) -> None:
    """Remove what backups killed midway left (their process is gone)."""
    from .migrate import _alive

    for leftover in folder.glob(f".*{PARTIAL}*"):
        pid = leftover.name.rsplit(PARTIAL, 1)[1].split("-", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            leftover.unlink()


def list_backups(folder: Path, database: Path) -> list[BackupInfo]:
    """The finished backups in ``folder`` of the SQLite file ``database``, newest first."""
    found = []
    if not folder.is_dir():
        return found
    stem = backup_name(database, folder)
    for path in folder.glob(f"{stem}-*.sqlite3"):
        match = NAME.match(path.name)
        if not match or match["stem"] != stem:
            continue
        try:
            made = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
            size = path.stat().st_size
        except (ValueError, OSError):
            continue
        found.append(BackupInfo(path, made, match["label"], size, crypto.is_encrypted(path)))
    found.sort(key=lambda b: (b.made, b.path.name), reverse=True)
    return found


def thin(backups: list[BackupInfo], now: dt.datetime, limits: BackupLimits = BackupLimits()) -> list[BackupInfo]:
    """The backups thinning deletes (see the module docstring). ``backups``
    in any order; ``now`` from the injected clock."""
    daily, weekly, monthly = limits.daily, limits.weekly, limits.monthly
    last_day = last_week = last_month = None
    obsolete = []
    for backup in sorted(backups, key=lambda b: b.made, reverse=True):
        day = backup.made.date()
        week = day.isocalendar()[:2]
        month = (day.year, day.month)
        if backup.made > now - dt.timedelta(days=1):
            keep = True
        elif day != last_day and daily > 0:
            daily -= 1
            keep = True
        elif week != last_week and weekly > 0:
            weekly -= 1
            keep = True
        elif month != last_month and monthly > 0:
            monthly -= 1
            keep = True
        else:
            keep = False
        if keep:  # a kept backup stands for its day, week and month (as in Anki)
            last_day, last_week, last_month = day, week, month
        else:
            obsolete.append(backup)
    return obsolete


def prune(folder: Path, database: Path, now: dt.datetime, limits: BackupLimits = BackupLimits()) -> list[Path]:
    deleted = []
    for backup in thin(list_backups(folder, database), now, limits):
        with contextlib.suppress(OSError):
            backup.path.unlink()
            deleted.append(backup.path)
    return deleted


def fsync(path: Path) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) if path.is_dir() else os.O_RDONLY
    try:
        fd = os.open(path, flags)
    except OSError:  # some platforms cannot open a folder (Windows): the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
