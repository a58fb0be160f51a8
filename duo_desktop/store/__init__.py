"""Engine, sessions, migrations and backups of the local store."""

from .engine import make_engine
from .migrate import ensure_schema
from .session import Store, open_store

__all__ = ["Store", "ensure_schema", "make_engine", "open_store"]
