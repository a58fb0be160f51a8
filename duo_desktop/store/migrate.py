"""Schema creation and upgrades with Alembic. A new database is created at
head (create_all, then stamp); an older one is backed up, then upgraded.

Creation is atomic: a SQLite file is built complete and stamped under a
temporary name beside the target, made durable, then renamed into place
(``os.replace``), so a crash leaves either no database or a whole one, never
tables without a schema version. On a server (PostgreSQL, whose DDL is
transactional) the tables and the stamp are written in one transaction.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from ..models import Base
from . import search_index
from .backup import backup_sqlite, fsync, sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
# The newest revision in migrations/versions. Checked against Alembic by a
# test; knowing it here lets a start on a current database skip importing
# Alembic altogether (half a second of start-up).
HEAD_REVISION = "0011"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def head_revision(engine: Engine) -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def ensure_schema(engine: Engine, backup_dir: Path | None = None) -> str:
    """Bring the database to the head revision. Returns what was done:
    'created', 'upgraded' or 'current'."""
    current = current_revision(engine)
    if current == HEAD_REVISION:
        return "current"
    from alembic import command

    config = alembic_config(engine)
    if current is not None and not _known(config, current):
        # a newer app made it: refused with a message, no backup (a new full
        # copy at each failed start used to fill the disk; issue 11)
        from .problems import NEWER, StoreError

        raise StoreError(NEWER, "newer_schema", file=str(sqlite_path(engine) or engine.url.database or ""),
                         revision=current)
    tables = set(inspect(engine).get_table_names())
    if current is None and _never_finished(engine, tables):
        # an empty file (the connection above wrote only its header) is not worth a backup
        create_at_head(engine, backup_dir if tables - {"alembic_version"} else None)
        log.info("created a new database at head")
        return "created"
    if backup_dir is not None:
        path = backup_sqlite(engine, backup_dir, label=f"before-{current or 'base'}")
        log.info("backed up the database before upgrading (%s)", path.name if path else "not a file")
    command.upgrade(config, "head")
    log.info("upgraded the database from %s", current)
    return "upgraded"


def _known(config: Config, revision: str) -> bool:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    try:
        return ScriptDirectory.from_config(config).get_revision(revision) is not None
    except CommandError:
        return False


def _never_finished(engine: Engine, tables: set[str]) -> bool:
    """No schema version and no row in any table: a new file, or one whose
    creation was interrupted by an older version of the app (tables, no stamp)."""
    tables = tables - {"alembic_version"}
    if not tables:
        return True
    with engine.connect() as connection:
        return not any(connection.execute(text(f'SELECT 1 FROM "{t}" LIMIT 1')).first() for t in tables)


def create_at_head(engine: Engine, backup_dir: Path | None = None) -> None:
    """Create every table and stamp the head revision, all or nothing."""
    path = sqlite_path(engine)
    if path is None:  # a server: one transaction (DDL is transactional on PostgreSQL)
        from alembic import command

        with engine.begin() as connection:
            Base.metadata.create_all(connection)
            search_index.install(connection)
            config = alembic_config(engine)
            config.attributes["connection"] = connection
            command.stamp(config, "head")
        return
    _create_sqlite_file(engine, path, backup_dir)


def _create_sqlite_file(engine: Engine, path: Path, backup_dir: Path | None) -> None:
    from alembic import command

    from .engine import make_engine, raw_key_of

    if path.exists() and path.stat().st_size and backup_dir is not None:
        # tables without a stamp or rows: kept aside rather than destroyed
        backup_sqlite(engine, backup_dir, label="incomplete")
    engine.dispose()  # no pooled connection may keep the old (empty) file open
    remove_interrupted_creations(path)
    temp = path.with_name(f"{path.name}.creating-{os.getpid()}")
    _remove_sqlite_files(temp)
    # owner-only from the first byte: the file will hold personal data
    os.close(os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    building = make_engine(f"sqlite:///{temp}", raw_key=raw_key_of(engine))  # encrypted from the first page
    try:
        with building.begin() as connection:
            Base.metadata.create_all(connection)
            search_index.install(connection)
        command.stamp(alembic_config(building), "head")
    finally:
        building.dispose()  # the last connection checkpoints and removes the WAL
    fsync(temp)
    _remove_sqlite_files(path)
    os.replace(temp, path)
    fsync(path.parent)


def _remove_sqlite_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{path}{suffix}")


def remove_interrupted_creations(path: Path) -> None:
    """Remove the temporary files of creations killed midway (their process
    is gone); a creation still running in another process is left alone."""
    for leftover in path.parent.glob(f"{path.name}.creating-*"):
        pid = leftover.name[len(f"{path.name}.creating-"):].split("-", 1)[0]  # also its -wal, -shm
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
            continue
        with contextlib.suppress(OSError):
            leftover.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists but not ours, or the platform cannot tell
        return True
    return True
