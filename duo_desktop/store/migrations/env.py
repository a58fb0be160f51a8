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
    with config.attributes["engine"].begin() as connection:
        _run(connection)


run_migrations_online()
