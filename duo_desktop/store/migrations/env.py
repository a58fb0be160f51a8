"""Alembic environment: uses the engine handed over by store.migrate."""

from alembic import context

from duo_desktop.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection) -> None:  # noqa: ANN001
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # inside the caller's transaction (atomic creation)
        _run(connection)
        return
    with config.attributes["engine"].connect() as connection:
        if connection.dialect.name != "sqlite":
            with connection.begin():
                _run(connection)
            return
        # Batch mode rebuilds a table on SQLite (copy, DROP, rename). With foreign keys
        # on, that DROP deleted every row pointing at the table (ON DELETE CASCADE) or
        # was refused. Off for the migration (the pragma is ignored inside a
        # transaction: set it on the driver's connection, before BEGIN), checked whole
        # before the commit, and on again for whoever takes this connection next.
        raw = connection.connection.dbapi_connection
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                _run(connection)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                if broken is not None:
                    raise RuntimeError(f"the migration left a row of {broken[0]} pointing at nothing")
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


run_migrations_online()
