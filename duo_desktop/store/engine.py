"""Engine factory: SQLite with WAL, foreign keys and full sync; any other URL
(PostgreSQL for a shared branch database) as given."""

from __future__ import annotations

from sqlalchemy import Engine, create_engine, event


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(url: str, **kwargs) -> Engine:
    # hide_parameters: SQL errors and logs never carry the values (names, emails...)
    kwargs.setdefault("hide_parameters", True)
    engine = create_engine(url, **kwargs)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine
