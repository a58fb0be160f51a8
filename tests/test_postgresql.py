"""The branch server: the same migrations create and upgrade a PostgreSQL
database, creation is one transaction, and after the demo (rows written with
their ids) the next ordinary insert gets a new id. Runs against the real
server the session fixture starts (tests/pg.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from duo_desktop.models import Base, Duo, Participant, Role
from duo_desktop.services import demo
from duo_desktop.services.matching import proposals
from duo_desktop.store import make_engine, open_store
from duo_desktop.store.migrate import HEAD_REVISION, alembic_config, current_revision, ensure_schema
from duo_desktop.store.sequences import advance_sequences

from . import factories as f

TODAY = dt.date(2026, 3, 16)


@pytest.fixture
def empty_url(pg_server):
    url = pg_server.create_database(empty=True)
    yield url
    pg_server.drop_database(url)


def test_a_new_server_database_is_created_at_head(empty_url):
    engine = make_engine(empty_url)
    try:
        assert ensure_schema(engine) == "created"
        assert current_revision(engine) == HEAD_REVISION
        assert ensure_schema(engine) == "current"
        assert {"participant", "duo", "event", "audit_entry"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_a_new_server_database_has_the_partial_indexes(empty_url):
    """A mentee's ended duos do not count against the one open duo: the
    unique index holds open duos only, on the server too (the models give
    it its PostgreSQL clause when the engine is made: models/base.partial_index)."""
    engine = make_engine(empty_url)
    try:
        ensure_schema(engine)
        with engine.connect() as connection:
            definitions = dict(connection.exec_driver_sql(
                "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN "
                "('uq_duo_open_mentee', 'ix_participant_listed_name')").all())
        assert "WHERE" in definitions["uq_duo_open_mentee"] and "proposed" in definitions["uq_duo_open_mentee"]
        assert "erased_on IS NULL" in definitions["ix_participant_listed_name"]
    finally:
        engine.dispose()


def test_creation_on_the_server_is_one_transaction(empty_url, monkeypatch):
    """A failure after the tables (at the stamp) leaves no table behind."""
    engine = make_engine(empty_url)

    def broken_stamp(*_args, **_kwargs):
        raise RuntimeError("the connection dropped")

    monkeypatch.setattr(command, "stamp", broken_stamp)
    try:
        with pytest.raises(RuntimeError):
            ensure_schema(engine)
        assert inspect(engine).get_table_names() == []
        monkeypatch.undo()
        assert ensure_schema(engine) == "created"  # the next start creates it whole
        assert current_revision(engine) == HEAD_REVISION
    finally:
        engine.dispose()


def test_upgrading_from_the_first_revision_gives_the_schema_of_a_fresh_database(empty_url):
    engine = make_engine(empty_url)
    try:
        config_ = alembic_config(engine)
        command.upgrade(config_, "0001")
        command.upgrade(config_, "head")
        from duo_desktop.store import search_index

        def modelled(name, type_, _parent_names) -> bool:  # noqa: ANN001  (the trigram index is made outside the models)
            return name != search_index.PG_INDEX

        with engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(
                connection, opts={"compare_type": True, "include_name": modelled}), Base.metadata)
            indexed = connection.exec_driver_sql("SELECT 1 FROM pg_indexes WHERE indexname = %(n)s",
                                                 {"n": search_index.PG_INDEX}).first()
        assert diff == [] and indexed is not None
    finally:
        engine.dispose()


def test_after_the_demo_the_next_rows_get_new_ids(pg_url):
    store = open_store(pg_url)
    try:
        demo.generate(store.engine, participants=300, seed=3, today=TODAY)
        with store.session() as s:
            last_duo = s.scalar(select(func.max(Duo.id)))
            branch = s.scalars(select(Participant.branch_id).where(Participant.role == Role.MENTEE)).first()
        with store.transaction() as s:  # what failed before: a duplicate key on duo's primary key
            b = s.get(type(s.get(Participant, 1).branch), branch)
            mentee = f.participant(s, b, Role.MENTEE)
            mentor = f.participant(s, b, Role.MENTOR)
            duo_id = proposals.propose_pair(s, mentee.id, mentor.id, dt.datetime(2026, 3, 16, 10))
        assert duo_id > last_duo
        with store.engine.connect() as connection:  # every table: the next id is past the largest
            for table in Base.metadata.sorted_tables:
                if "id" not in table.c:
                    continue
                sequence = connection.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"),
                                              {"t": table.name}).scalar()
                largest = connection.execute(text(f'SELECT COALESCE(MAX(id), 0) FROM "{table.name}"')).scalar()
                assert connection.execute(text("SELECT nextval(:s)"), {"s": sequence}).scalar() > largest, table.name
    finally:
        store.dispose()


def test_advancing_sequences_does_nothing_on_sqlite(store):
    with store.engine.begin() as connection:
        assert advance_sequences(connection) == 0
