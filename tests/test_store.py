"""The local store: pragmas, migrations, backups, URL resolution."""

from __future__ import annotations

import sqlite3

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from duo_desktop import config
from duo_desktop.models import Base
from duo_desktop.store import make_engine, open_store
from duo_desktop.store.migrate import alembic_config, current_revision, ensure_schema, head_revision
from .sqlite_files import sqlite_file


def test_sqlite_runs_in_wal_with_foreign_keys_and_full_sync(store):
    with store.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL


def test_every_sqlite_file_is_opened_by_sqlcipher_s_own_sqlite(tmp_path):
    """One SQLite for every file, keyed or not (store/crypto.driver), whatever
    the system's is; the file stays an ordinary SQLite 3 file."""
    import sqlcipher3

    path = tmp_path / "duo.sqlite3"
    store = open_store(f"sqlite:///{path}")
    try:
        with store.engine.connect() as connection:
            assert connection.execute(text("SELECT sqlite_version()")).scalar() == sqlcipher3.sqlite_version
            assert connection.execute(text("PRAGMA cache_size")).scalar() == -2000  # SQLite's, not SQLCipher's 8 MiB
    finally:
        store.dispose()
    plain = sqlite3.connect(path)  # Python's own SQLite reads it (the app's connections are closed)
    try:
        assert plain.execute("SELECT count(*) FROM participant").fetchone() == (0,)
    finally:
        plain.close()


def test_the_app_process_loads_one_sqlite_only(tmp_path):
    """Opening, writing, backing up and describing a file never loads
    Python's own SQLite beside SQLCipher's: two SQLite libraries holding one
    file in one process drop each other's locks
    (https://www.sqlite.org/howtocorrupt.html, 2.2.1)."""
    import subprocess
    import sys

    code = """
import datetime as dt, sys
from pathlib import Path
from duo_desktop.services import demo
from duo_desktop.store import open_store
from duo_desktop.store.maintenance import backup_now, describe
folder = Path(sys.argv[1])
store = open_store(f"sqlite:///{folder / 'duo.sqlite3'}", backup_dir=folder / "backups")
demo.generate(store.engine, participants=20, seed=1, today=dt.date(2026, 3, 16))
backup = backup_now(store, folder / "backups", dt.datetime(2026, 3, 16, 9))
describe(folder / "duo.sqlite3", None)
store.dispose()
print(sorted(name for name in ("sqlite3", "_sqlite3", "sqlcipher3") if name in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("\n")[-2] == "['sqlcipher3']"


def test_a_new_database_is_created_at_head(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert ensure_schema(engine) == "created"
    assert current_revision(engine) == head_revision(engine)
    assert ensure_schema(engine) == "current"
    assert {"participant", "duo", "meeting", "event", "outcome", "audit_entry"} <= set(inspect(engine).get_table_names())


def test_upgrading_from_the_first_revision_gives_the_schema_of_a_fresh_database(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config_ = alembic_config(engine)
    command.upgrade(config_, "0001")  # the first revision, as an old install had it
    command.upgrade(config_, "head")
    from duo_desktop.store import search_index

    def search_objects(engine_) -> set[tuple[str, str]]:  # the trigram index, made outside the models
        with engine_.connect() as connection:
            return {(kind, name) for kind, name in connection.exec_driver_sql(
                "SELECT type, name FROM sqlite_master WHERE name LIKE 'participant_search%' "
                "OR name = ?", (search_index.SHORT_WORDS_INDEX,))}

    def modelled(name, type_, _parent_names) -> bool:  # noqa: ANN001
        return not (name or "").startswith(search_index.TABLE) and name != search_index.SHORT_WORDS_INDEX

    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": modelled}), Base.metadata)
    assert diff == []
    fresh = make_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert ensure_schema(fresh) == "created"
    assert search_objects(engine) == search_objects(fresh) and len(search_objects(fresh)) >= 5


def test_an_old_database_is_backed_up_before_upgrade(tmp_path):
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    command.upgrade(alembic_config(engine), "0001")  # an old install
    backups = tmp_path / "backups"
    assert ensure_schema(engine, backup_dir=backups) == "upgraded"
    copies = list(backups.glob("*.sqlite3"))
    assert len(copies) == 1
    with sqlite_file(copies[0]) as copy:
        assert copy.execute("select version_num from alembic_version").fetchone()[0] == "0001"
    engine.dispose()


def test_a_database_from_a_newer_version_is_refused_without_a_new_backup_at_each_start(tmp_path):
    from duo_desktop.store.problems import StoreError

    path = tmp_path / "newer.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    ensure_schema(engine)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num='0099_future'"))
    engine.dispose()
    backups = tmp_path / "backups"
    for _start in range(3):
        try:
            open_store(f"sqlite:///{path}", backup_dir=backups)
        except StoreError as exc:
            assert exc.code == "newer_schema"
            assert "0099_future" in exc.message()
        else:
            raise AssertionError("a newer database was opened")
    assert not list(backups.glob("*.sqlite3"))


def test_foreign_keys_are_enforced(store_any):
    import pytest
    from sqlalchemy.exc import IntegrityError

    from duo_desktop.models import Coordinator

    with pytest.raises(IntegrityError):
        with store_any.transaction() as session:
            session.add(Coordinator(branch_id=999, first_name="A", last_name="B"))


def test_database_url_comes_from_option_then_environment_then_default(tmp_path, monkeypatch):
    monkeypatch.setenv("DUO_DATABASE_URL", "postgresql://duo@server/duo")
    assert config.database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    assert config.database_url(None) == "postgresql://duo@server/duo"
    monkeypatch.delenv("DUO_DATABASE_URL")
    assert config.database_url(None).endswith("duo.sqlite3")
    assert str(tmp_path / "data") in config.database_url(None)


def test_open_store_on_a_path(tmp_path):
    s = open_store(config.to_url(str(tmp_path / "plain.db")))
    with s.session() as session:
        assert session.execute(text("select count(*) from participant")).scalar() == 0
    s.dispose()


def test_the_head_revision_known_without_alembic_is_alembics_head(tmp_path):
    from duo_desktop.store.migrate import HEAD_REVISION

    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert HEAD_REVISION == head_revision(engine)


def test_a_start_on_a_current_database_does_not_import_alembic(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "current.sqlite3"
    ensure_schema(make_engine(f"sqlite:///{path}"))
    code = ("import sys\n"
            "from duo_desktop.store import open_store\n"
            f"open_store({f'sqlite:///{path}'!r})\n"
            "print('alembic' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
