"""Copy a whole database into an empty one (issue 16: moving a laptop's
database to the branch server).

    copy_database(source: Engine, target: Engine, progress=None) -> CopyReport

Every table of ``Base.metadata`` is copied in foreign-key order
(``metadata.sorted_tables``), rows in primary-key order, with their ids, so
the history (status changes, duo stages, meetings...) and the audit trail
arrive unchanged. The source is read in one read transaction (a consistent
snapshot); the target is written in ONE transaction: a copy that fails
leaves the target as it was. The target's sequences are then advanced
(:func:`.sequences.advance_sequences`), and the rows of every table are
counted on both sides after the commit.

The target must be at the schema's head (``open_store`` creates it) and
empty: a target that holds any row is refused (:class:`RuleError`, code
``target_not_empty``) before anything is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, Table, func, select

from ..i18n import N_
from ..models import Base
from ..services.errors import RuleError
from .engine import WRITE_LOCK
from .sequences import advance_sequences

BATCH = 1000  # rows per INSERT ... executemany: bounded memory on a 2,000-participant demo (~100,000 rows)

Progress = Callable[[int, int, str], None]
"""``progress(done_rows, total_rows, table_name)``, called after each batch."""

NOT_EMPTY = N_("The target database is not empty (participants: {participants}; rows in all tables: {rows}); "
               "nothing was copied. Copy into a new, empty database.")


@dataclass(frozen=True)
class TableCount:
    table: str
    source: int
    target: int


@dataclass(frozen=True)
class CopyReport:
    """The row counts of every table, in copy order, and how many sequences were advanced."""

    counts: tuple[TableCount, ...]
    sequences: int

    @property
    def identical(self) -> bool:
        return all(c.source == c.target for c in self.counts)

    @property
    def rows(self) -> int:
        return sum(c.source for c in self.counts)


def tables() -> list[Table]:
    """The tables in the order they are copied (parents before children)."""
    return list(Base.metadata.sorted_tables)


def count_rows(connection: Connection) -> dict[str, int]:
    """Rows per table name, for every table of the schema."""
    return {t.name: connection.execute(select(func.count()).select_from(t)).scalar_one() for t in tables()}


def copy_database(source: Engine, target: Engine, progress: Progress | None = None) -> CopyReport:
    """Copy every row of ``source`` into the empty ``target`` (both at the
    schema's head). Raises RuleError ``target_not_empty`` when the target
    holds any row (nothing written); any database error rolls the target
    back entirely and is raised as is."""
    with _read_snapshot(source) as src:
        source_counts = count_rows(src)
        total = sum(source_counts.values())
        with target.connect().execution_options(**{WRITE_LOCK: True}) as dst, dst.begin():
            existing = count_rows(dst)
            if any(existing.values()):
                raise RuleError(NOT_EMPTY, "target_not_empty", participants=existing.get("participant", 0),
                                rows=sum(existing.values()))
            done = 0
            for table in tables():
                done = _copy_table(src, dst, table, done, total, progress)
            sequences = advance_sequences(dst)
    with target.connect() as dst:
        target_counts = count_rows(dst)
    return CopyReport(tuple(TableCount(name, source_counts[name], target_counts[name]) for name in source_counts),
                      sequences)


def _read_snapshot(engine: Engine):  # noqa: ANN202
    """A connection in a read transaction that sees one state of the database
    (PostgreSQL: REPEATABLE READ; SQLite: its BEGIN already does)."""
    connection = engine.connect()
    if engine.dialect.name == "postgresql":
        connection = connection.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
    return _Snapshot(connection)


class _Snapshot:
    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def __enter__(self) -> Connection:
        self.connection.begin()
        return self.connection

    def __exit__(self, *exc: object) -> None:
        self.connection.rollback()  # nothing was written: read only
        self.connection.close()


def _copy_table(src: Connection, dst: Connection, table: Table, done: int, total: int,
                progress: Progress | None) -> int:
    """Insert the rows in batches. A column that refers to its own table
    (participant.merged_into_id: a duplicate may be merged into a newer
    record) is written after all the rows, so the order of ids never breaks
    the foreign key."""
    order = list(table.primary_key.columns) or list(table.columns)
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    later: list[dict] = []
    result = src.execute(select(table).order_by(*order)).mappings()
    while batch := result.fetchmany(BATCH):
        rows = [dict(row) for row in batch]
        for row in rows:
            links = {name: row[name] for name in own if row[name] is not None}
            if links:
                later.append({**{f"_{c.name}": row[c.name] for c in order}, **links})
                row.update(dict.fromkeys(links))
        dst.execute(table.insert(), rows)
        done += len(batch)
        if progress is not None:
            progress(done, total, table.name)
    for links in later:
        key = [c == links[f"_{c.name}"] for c in order]
        dst.execute(table.update().where(*key).values({n: v for n, v in links.items() if not n.startswith("_")}))
    return done
