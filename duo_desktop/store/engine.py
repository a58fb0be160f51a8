"""Engine factory: SQLite with WAL, foreign keys, full sync and secure delete;
SQLCipher when a key is given; any other URL (PostgreSQL for a shared branch
database) as given.

    make_engine(url, raw_key=None) -> Engine
    raw_key_of(engine) -> str | None   the SQLCipher key the engine opens with

On SQLite the driver's own implicit transactions are turned off and
SQLAlchemy emits ``BEGIN`` itself (the recipe of SQLAlchemy's pysqlite
documentation), so that savepoints work and a write transaction can take the
write lock at its start: a connection with the execution option
``write_lock=True`` begins with ``BEGIN IMMEDIATE`` (store.transaction() asks
for it). Two coordinators' writes then wait for each other (busy_timeout)
instead of the second one failing when it reads before it writes, and a rule
checked inside the transaction (a mentor's capacity) sees the other's work.
PostgreSQL takes row locks instead (``SELECT ... FOR UPDATE``).
"""

from __future__ import annotations

import weakref

from sqlalchemy import Engine, create_engine, event

WRITE_LOCK = "write_lock"  # execution option: take the write lock at BEGIN (SQLite)
BUSY_TIMEOUT_MS = 15000  # how long a writer waits for another one (SQLite)
# Page cache of a plaintext file's connection, negative: KiB. SQLite's default of 2 MiB (what Python's sqlite3
# gave them); SQLCipher's build has 8 MiB, which cost the pool 15 MiB of resident memory for no measured gain
# in the reports (issue 15's memory aim). An encrypted file keeps the 8 MiB: there a page read from the cache
# saves a decryption (the encrypted year report of the 100,000-person demo: 0.93 s against 1.16 s with 2 MiB).
PLAIN_CACHE_KIB = -2000
_RAW_KEYS: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (below), not the driver
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # issue 12: deleted content is overwritten with zeros (not left in free
    # pages), temporary tables and indices stay in memory, never in /tmp
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def _sqlite_read_only_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    """A read-only file (issue 11: "a read-only folder still allows reading"):
    nothing that would write, not even the journal mode."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def _plain_page_cache(dbapi_connection, _record) -> None:  # noqa: ANN001
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA cache_size={PLAIN_CACHE_KIB}")
    cursor.close()


def read_only_uri(path) -> str:  # noqa: ANN001
    """SQLite's URI opening ``path`` for reading only: ``mode=ro`` when a WAL
    holds committed pages to read, else ``immutable=1`` (no -wal or -shm file
    is created, which a read-only folder would refuse)."""
    from pathlib import Path

    wal = Path(f"{path}-wal")
    mode = "mode=ro" if wal.exists() and wal.stat().st_size else "immutable=1"
    return f"file:{Path(path).resolve()}?{mode}"


def _sqlite_begin(connection) -> None:  # noqa: ANN001
    immediate = connection.get_execution_options().get(WRITE_LOCK)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, raw_key: str | None = None, read_only: bool = False, **kwargs) -> Engine:
    """``raw_key`` (from :class:`.crypto.Key`) opens a SQLite file with
    SQLCipher; ``PRAGMA key`` is then each connection's first statement.
    ``read_only``: a SQLite file opened through :func:`read_only_uri`; any
    write fails with "attempt to write a readonly database"."""
    # hide_parameters: SQL errors and logs never carry the values (names, emails...)
    kwargs.setdefault("hide_parameters", True)
    if url.startswith("sqlite"):
        from .crypto import driver

        kwargs.setdefault("module", driver())  # one SQLite for every file (crypto.driver says why)
    if read_only:
        from .crypto import connect

        path = create_engine(url).url.database
        kwargs["creator"] = lambda: connect(read_only_uri(path), raw_key, uri=True, check_same_thread=False)
        if raw_key is not None:
            import sqlcipher3

            kwargs["module"] = sqlcipher3
    elif raw_key is not None:
        import sqlcipher3

        from .crypto import connect

        engine_url = create_engine(url).url  # parse only (no connection is made)
        path = engine_url.database
        kwargs["module"] = sqlcipher3  # errors are wrapped as SQLAlchemy's, like sqlite3's
        kwargs["creator"] = lambda: connect(path, raw_key, check_same_thread=False)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "postgresql":
        from ..models.base import use_postgresql

        use_postgresql()  # the partial indexes' PostgreSQL clause (models/base.partial_index)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_read_only_pragmas if read_only else _sqlite_pragmas)
        if raw_key is None:
            event.listen(engine, "connect", _plain_page_cache)
        event.listen(engine, "begin", _sqlite_begin)
    if raw_key is not None:
        _RAW_KEYS[engine] = raw_key
    return engine


def raw_key_of(engine: Engine) -> str | None:
    return _RAW_KEYS.get(engine)
