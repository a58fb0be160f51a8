"""The store: one engine and a session factory. Sessions are short: one per
user action (a button push), never a long-lived global one."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from .audit_trail import install as install_audit
from .engine import WRITE_LOCK, make_engine
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
        """One unit of work: saved whole on success, rolled back on error.
        On SQLite it holds the write lock from its start (BEGIN IMMEDIATE), so
        what it reads is still true when it writes; on PostgreSQL the services
        lock the rows their rules depend on (SELECT ... FOR UPDATE).
        A save over a record another coordinator changed since it was read
        (its ``version`` moved) raises RuleError ``changed_by_someone_else``
        and saves nothing."""
        try:
            with self.session_factory() as session, session.begin():
                session.connection(execution_options={WRITE_LOCK: True})
                yield session
        except StaleDataError as exc:  # a record's version moved: someone else saved it in between
            from ..services.errors import changed_by_someone_else

            raise changed_by_someone_else() from exc

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
