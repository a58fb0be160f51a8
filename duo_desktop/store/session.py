"""The store: one engine and a session factory. Sessions are short: one per
user action (a button push), never a long-lived global one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from .audit_trail import install as install_audit
from .engine import make_engine
from .log_guard import install as install_log_guard
from .migrate import ensure_schema


@dataclass
class Store:
    engine: Engine
    session_factory: sessionmaker[Session]

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read session; nothing is committed."""
        with self.session_factory() as session:
            yield session

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: saved whole on success, rolled back on error."""
        with self.session_factory() as session, session.begin():
            yield session

    def dispose(self) -> None:
        self.engine.dispose()


def open_store(url: str, *, migrate: bool = True, backup_dir=None) -> Store:  # noqa: ANN001
    engine = make_engine(url)
    if migrate:
        ensure_schema(engine, backup_dir=backup_dir)
    install_log_guard()
    factory = sessionmaker(engine, expire_on_commit=False)
    install_audit(factory)
    return Store(engine, factory)
