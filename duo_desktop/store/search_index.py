"""The database's trigram index of ``participant.search_text`` (issue 15).

The participants list looks for every word typed anywhere in the folded
name, email, municipality and phone key. ``LIKE '%word%'`` reads the whole
table (43-49 ms a query at 100,000 participants); a trigram index answers
from the index (0.2-2 ms), without the list holding 100 MB of texts in
memory.

- SQLite (and SQLCipher) >= 3.34: an FTS5 table with the trigram tokenizer,
  ``participant_search``, external content (it stores the index only, no
  copy of the text), kept in step with the column by triggers, whatever
  writes the participant. An erased person's trigrams are purged with
  ``purge`` (an FTS5 delete only adds a tombstone until segments merge).
- PostgreSQL: ``pg_trgm`` with a GIN index on the column; ``LIKE`` uses it.
- Anything else (SQLite without trigram, PostgreSQL without the extension):
  no index; the search falls back to ``LIKE`` on the column, which gives the
  same results, slower. ``install`` logs it and says so through its result.

Trigrams need 3 characters: a shorter word is looked for with ``LIKE`` among
the rows the longer words found (or among all, when every word is short).
"""

from __future__ import annotations

import logging

from sqlalchemy import Integer, column, text
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.engine import Connection

log = logging.getLogger(__name__)

TABLE = "participant_search"
PG_INDEX = "ix_participant_search_text_trgm"
#: The first SQLite with FTS5's trigram tokenizer
TRIGRAM_SQLITE = (3, 34, 0)

#: Words under 3 characters (and every word without FTS5) are LIKE '%w%' on the column: this
#: covering partial index of the listed people makes that a scan of 6 MB rather than of the whole
#: table's rows (280 -> ms at 100,000; the two tested columns in it, as in migration 0008)
SHORT_WORDS_INDEX = "ix_participant_search_text"
_SQLITE_SHORT_WORDS = (f"CREATE INDEX IF NOT EXISTS {SHORT_WORDS_INDEX} ON participant "
                       "(search_text, status, merged_into_id, erased_on) "
                       "WHERE merged_into_id IS NULL AND erased_on IS NULL")

_SQLITE_DDL = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(search_text, content='participant', content_rowid='id', "
    "tokenize='trigram')",
    # external content: the index is told the old text to remove and the new one to add
    f"CREATE TRIGGER participant_search_ai AFTER INSERT ON participant BEGIN "
    f"INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
    f"CREATE TRIGGER participant_search_ad AFTER DELETE ON participant BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    f"CREATE TRIGGER participant_search_au AFTER UPDATE OF search_text ON participant "
    f"WHEN old.search_text IS NOT new.search_text BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    f"INSERT INTO {TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END",
)


def sqlite_has_trigram(connection: Connection) -> bool:
    """True when this SQLite (or SQLCipher) build has FTS5's trigram tokenizer."""
    version = connection.exec_driver_sql("SELECT sqlite_version()").scalar() or "0"
    if tuple(int(part) for part in version.split(".")[:3]) < TRIGRAM_SQLITE:
        return False
    try:
        connection.exec_driver_sql("CREATE VIRTUAL TABLE temp.duo_trigram_probe USING fts5(x, tokenize='trigram')")
    except Exception:  # noqa: BLE001  (built without FTS5)
        return False
    connection.exec_driver_sql("DROP TABLE temp.duo_trigram_probe")
    return True


def install(connection: Connection) -> bool:
    """Create the index for the rows already there (a migration, a new
    database). True when an index was made; False when the search will fall
    back to LIKE (logged, no personal data)."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        connection.exec_driver_sql(_SQLITE_SHORT_WORDS)
        if not sqlite_has_trigram(connection):
            log.warning("SQLite %s has no FTS5 trigram tokenizer: the participant search reads the whole table",
                        connection.exec_driver_sql("SELECT sqlite_version()").scalar())
            return False
        for statement in _SQLITE_DDL:
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")
        return True
    if dialect == "postgresql":
        # the extension and the index in one savepoint: pg_trgm installed in a schema off the
        # search path, or another coordinator creating it at the same moment, fails the index;
        # the upgrade then goes on without it (the search reads the table) instead of stopping
        savepoint = connection.begin_nested()
        try:
            connection.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            connection.execute(text(f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON participant "
                                    "USING gin (search_text gin_trgm_ops)"))
        except Exception as exc:  # noqa: BLE001  (not installed on the server, no right to create it, …)
            savepoint.rollback()
            log.warning("PostgreSQL trigram index unavailable (%s): the participant search reads the whole "
                        "table", type(exc).__name__)
            return False
        savepoint.commit()
        return True
    return False


def uninstall(connection: Connection) -> None:
    """What ``install`` made, removed (the migration's downgrade)."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(f"DROP INDEX IF EXISTS {SHORT_WORDS_INDEX}")
        for trigger in ("ai", "ad", "au"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS participant_search_{trigger}")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")
    elif connection.dialect.name == "postgresql":
        connection.execute(text(f"DROP INDEX IF EXISTS {PG_INDEX}"))


def has_fts(connection: Connection) -> bool:
    """True when this SQLite database has the FTS5 index (cheap: one read of the schema)."""
    if connection.dialect.name != "sqlite":
        return False
    return connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (TABLE,)).first() is not None


def purge(connection: Connection) -> None:
    """Leave nothing of deleted or changed texts in the index's own tables:
    an FTS5 delete only records a tombstone, the old trigrams with the
    person's row id stay in the older segments until those are merged. This
    merges them all into one (about a second at 100,000; after an erasure).
    PostgreSQL's GIN index drops dead entries at VACUUM, like the table."""
    if has_fts(connection):
        connection.exec_driver_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")


def text_condition(connection: Connection, id_column: ColumnElement, text_column: ColumnElement,
                   needles: list[str]) -> list[ColumnElement]:
    """SQL conditions true for the rows whose folded text contains every
    needle (folded, non-empty). Words of 3 characters or more go through the
    FTS5 index on SQLite when there is one; shorter ones, and all of them
    elsewhere, are ``LIKE '%needle%'`` (which PostgreSQL answers from its
    trigram index, and SQLite among the rows the index found)."""
    conditions: list[ColumnElement] = []
    short = needles
    if has_fts(connection):
        long = [needle for needle in needles if len(needle) >= 3]
        short = [needle for needle in needles if len(needle) < 3]
        if long:
            # each word a quoted phrase: a substring for the trigram tokenizer, whatever it contains
            query = " AND ".join('"' + needle.replace('"', '""') + '"' for needle in long)
            conditions.append(id_column.in_(text(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :words")
                                            .bindparams(words=query).columns(column("rowid", Integer))))
    conditions += [text_column.contains(needle, autoescape=True) for needle in short]
    return conditions
