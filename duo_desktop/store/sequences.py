"""PostgreSQL sequences after bulk inserts.

Rows inserted with explicit ids (the demo generator, a copy between
databases) leave each table's sequence where it was, so the next ordinary
insert would take an id already used (a duplicate key on the primary key).
``advance_sequences`` moves the sequence of every table with an integer id
past the largest id. SQLite needs nothing (its rowid follows the table)."""

from __future__ import annotations

from sqlalchemy import Connection, Integer, text

from ..models import Base


def advance_sequences(connection: Connection) -> int:
    """Set each table's id sequence so that the next id is max(id) + 1 (1 for
    an empty table). Returns how many sequences were set (0 on SQLite).
    Runs in the caller's transaction."""
    if connection.dialect.name != "postgresql":
        return 0
    done = 0
    for table in Base.metadata.sorted_tables:
        id_column = table.c.get("id")
        if id_column is None or not id_column.primary_key or not isinstance(id_column.type, Integer):
            continue
        sequence = connection.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table.name}).scalar()
        if sequence is None:
            continue
        # setval(seq, n, false): the next nextval() returns n
        connection.execute(text(f'SELECT setval(:s, COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'),
                           {"s": sequence})
        done += 1
    return done
