"""Backups of a SQLite store, made with SQLite's online backup API (safe with
WAL and while the app holds the file open)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from sqlalchemy import Engine


def sqlite_path(engine: Engine) -> Path | None:
    if engine.dialect.name != "sqlite":
        return None
    database = engine.url.database
    if not database or database == ":memory:":
        return None
    return Path(database)


def backup_sqlite(engine: Engine, target_dir: Path, label: str, now: dt.datetime | None = None) -> Path | None:
    """Copy the database file to target_dir; returns the backup path, or None
    when the store is not a SQLite file."""
    source = sqlite_path(engine)
    if source is None or not source.exists():
        return None
    target_dir.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = target_dir / f"{source.stem}-{stamp}-{label}.sqlite3"
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    return target
