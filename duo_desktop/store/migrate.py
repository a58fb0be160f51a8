"""Schema creation and upgrades with Alembic. A new database is created at
head (create_all, then stamp); an older one is backed up, then upgraded."""

from __future__ import annotations

import logging
from pathlib import Path

from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from ..models import Base
from .backup import backup_sqlite

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
# The newest revision in migrations/versions. Checked against Alembic by a
# test; knowing it here lets a start on a current database skip importing
# Alembic altogether (half a second of start-up).
HEAD_REVISION = "0002"
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
    tables = set(inspect(engine).get_table_names())
    if not tables - {"alembic_version"}:
        Base.metadata.create_all(engine)
        command.stamp(config, "head")
        log.info("created a new database at head")
        return "created"
    if backup_dir is not None:
        path = backup_sqlite(engine, backup_dir, label=f"before-{current or 'base'}")
        log.info("backed up the database before upgrading (%s)", path.name if path else "not a file")
    command.upgrade(config, "head")
    log.info("upgraded the database from %s", current)
    return "upgraded"
