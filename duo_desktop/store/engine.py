"""Engine factory: SQLite with WAL, foreign keys and full sync; any other URL
(PostgreSQL for a shared branch database) as given.

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

from sqlalchemy import Engine, create_engine, event

WRITE_LOCK = "write_lock"  # execution option: take the write lock at BEGIN (SQLite)
BUSY_TIMEOUT_MS = 15000  # how long a writer waits for another one (SQLite)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (below), not the driver
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin(connection) -> None:  # noqa: ANN001
    immediate = connection.get_execution_options().get(WRITE_LOCK)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str, **kwargs) -> Engine:
    # hide_parameters: SQL errors and logs never carry the values (names, emails...)
    kwargs.setdefault("hide_parameters", True)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine
