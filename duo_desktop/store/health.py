"""The full check of a database file, weekly in the background and before a
backup is trusted (issue 11: "full integrity_check and foreign_key_check in
the background once a week and before a backup is trusted"). No Qt.

    full_check(path, raw_key) -> list[str]     [] when sound; else what SQLite reported
    check_due(last, today, days=7) -> bool
    LAST_CHECK_KEY                              the QSettings key remembering the date

``PRAGMA quick_check`` at start (store/session.py) reads every page but
skips the indexes' consistency and the foreign keys; ``integrity_check`` and
``foreign_key_check`` do both (about 3x longer: seconds at 100,000
participants), so they run off the UI thread. They read through a read-only
connection: nothing is ever written while checking. What they report names
tables, indexes and page numbers, never a row's content.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from . import crypto
from .problems import classify

#: Days between two full checks (SQLite's own advice: "periodically")
INTERVAL_DAYS = 7
#: QSettings key of the last full check's date (ISO), per database file name hash: no path, no personal data
LAST_CHECK_KEY = "maintenance/full_check"


def full_check(path: Path, raw_key: str | None = None) -> list[str]:
    """integrity_check then foreign_key_check on ``path`` (read-only).
    Returns [] when both pass, else up to 10 lines of what they found. A
    file that cannot be read at all gives one line naming the problem's code."""
    try:
        wal = Path(f"{path}-wal")
        mode = "mode=ro" if wal.exists() and wal.stat().st_size else "immutable=1"
        connection = crypto.connect(f"file:{path}?{mode}", raw_key, uri=True)
        try:
            integrity = [row[0] for row in connection.execute("PRAGMA integrity_check(10)")]
            keys = connection.execute("PRAGMA foreign_key_check").fetchmany(10)
        finally:
            connection.close()
    except Exception as exc:  # noqa: BLE001  (sqlite3 or sqlcipher3 errors)
        problem = classify(exc, path, raw_key is not None)
        if problem is None:
            raise
        return [problem.code]
    problems = [] if integrity == ["ok"] else integrity
    problems += [f"foreign key: {table} row {rowid} refers to a missing {parent}" for table, rowid, parent, _fk in keys]
    return problems


def check_due(last: dt.date | None, today: dt.date, days: int = INTERVAL_DAYS) -> bool:
    """True when no full check ran in the last ``days`` days (or the date is in the future: a changed clock)."""
    return last is None or last > today or (today - last).days >= days


def settings_key(path: Path) -> str:
    """The QSettings key for ``path``: a hash of the file's resolved path
    (several databases, one settings file; the path itself is not kept)."""
    import hashlib

    digest = hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()[:12]
    return f"{LAST_CHECK_KEY}/{digest}"
