"""Engine factory: SQLite with WAL, foreign keys, full sync and secure delete;
SQLCipher when a key is given; any other URL (PostgreSQL for a shared branch
database) as given.

    make_engine(url, raw_key=None) -> Engine
    raw_key_of(engine) -> str | None   the SQLCipher key the engine opens with
"""

from __future__ import annotations

import weakref

from sqlalchemy import Engine, create_engine, event

_RAW_KEYS: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    # issue 12: deleted content is overwritten with zeros (not left in free
    # pages), temporary tables and indices stay in memory, never in /tmp
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def make_engine(url: str, raw_key: str | None = None, **kwargs) -> Engine:
    """``raw_key`` (from :class:`.crypto.Key`) opens a SQLite file with
    SQLCipher; ``PRAGMA key`` is then each connection's first statement."""
    # hide_parameters: SQL errors and logs never carry the values (names, emails...)
    kwargs.setdefault("hide_parameters", True)
    if raw_key is not None:
        import sqlcipher3

        from .crypto import connect

        engine_url = create_engine(url).url  # parse only (no connection is made)
        path = engine_url.database
        kwargs["module"] = sqlcipher3  # errors are wrapped as SQLAlchemy's, like sqlite3's
        kwargs["creator"] = lambda: connect(path, raw_key, check_same_thread=False)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    if raw_key is not None:
        _RAW_KEYS[engine] = raw_key
    return engine


def raw_key_of(engine: Engine) -> str | None:
    return _RAW_KEYS.get(engine)
