"""The store: one engine and a session factory. Sessions are short: one per
user action (a button push), never a long-lived global one.

Opening (:func:`open_store`) checks before it writes anything (issue 11): an
encrypted file needs its key, a damaged file (``PRAGMA quick_check``, on a
read-only connection) is refused, and every failure of the environment
(read-only folder, full disk, locked, newer schema, not a database) becomes
a :class:`.problems.StoreError` with its own message, never a traceback.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from . import crypto
from .engine import WRITE_LOCK, make_engine, raw_key_of
from .audit_trail import install as install_audit
from .log_guard import install as install_log_guard
from .migrate import ensure_schema
from .problems import DAMAGED, NEEDS_PASSPHRASE, NO_SQLCIPHER, CANNOT_OPEN, StoreError, classify


#: A file larger than this is checked (quick_check) on a thread while the app starts: reading every
#: page of a 360 MB file (100,000 participants) took seconds before the first screen (issue 15).
#: Writes wait for the verdict (Store.transaction), so damage is still found before any write (issue 11).
BACKGROUND_CHECK_BYTES = 64 * 2**20


class _PendingCheck:
    """quick_check running on its own thread (SQLite releases the GIL while it reads)."""

    def __init__(self, path: Path, raw_key: str | None) -> None:
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(path, raw_key), name="quick_check", daemon=True)
        self.thread.start()

    def _run(self, path: Path, raw_key: str | None) -> None:
        try:
            quick_check(path, raw_key)
        except BaseException as exc:  # noqa: BLE001  (given to whoever waits)
            self.error = exc

    def wait(self) -> None:
        """Returns when the check passed; raises its StoreError (damaged...) otherwise."""
        self.thread.join()
        if self.error is not None:
            raise self.error


ANALYSIS_LIMIT = 1000  # rows per index that ANALYZE reads (SQLite suggests 100 to 1000)


@dataclass
class Store:
    engine: Engine
    session_factory: sessionmaker[Session]
    key: crypto.Key | None = field(default=None, repr=False)  # in memory only (issue 12)
    created: bool = False  # this opening created the database
    read_only: bool = False  # opened for reading only (a read-only folder or file): transaction() refuses
    pending_check: _PendingCheck | None = field(default=None, repr=False)  # see BACKGROUND_CHECK_BYTES

    def wait_for_check(self) -> None:
        """Returns once the start-up check passed (at once when it ran before
        opening); raises its StoreError ('damaged'...) when it failed."""
        if self.pending_check is not None:
            self.pending_check.wait()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server or an in-memory database."""
        from .backup import sqlite_path

        return sqlite_path(self.engine)

    @property
    def encrypted(self) -> bool:
        return raw_key_of(self.engine) is not None

    def passphrase_matches(self, passphrase: str) -> bool:
        """True when ``passphrase`` gives this encrypted file's key (the
        inactivity lock asks for it again; ~0.7 s of PBKDF2, see crypto.py).
        False for an empty passphrase or an unencrypted store."""
        import hmac

        raw_key, path = raw_key_of(self.engine), self.path
        if raw_key is None or path is None or not passphrase:
            return False
        salt = crypto.file_salt(path)
        if salt is None:
            return False
        return hmac.compare_digest(crypto.Key(passphrase).for_salt(salt), raw_key)

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
        and saves nothing. A read-only store raises StoreError 'read_only'
        (:data:`.problems.OPENED_READ_ONLY`) before anything is done."""
        if self.read_only:
            from .problems import OPENED_READ_ONLY

            raise StoreError(OPENED_READ_ONLY, "read_only", file=str(self.path))
        self.wait_for_check()  # nothing is written to a file before its check passed
        try:
            with self.session_factory() as session, session.begin():
                session.connection(execution_options={WRITE_LOCK: True})
                yield session
        except StaleDataError as exc:  # a record's version moved: someone else saved it in between
            from ..services.errors import changed_by_someone_else

            raise changed_by_someone_else() from exc

    def dispose(self) -> None:
        """Close every connection, after ``ANALYZE`` on a SQLite file opened
        for writing, so that the query planner has statistics once tables
        have grown (without them a report's query on a 100,000-person file
        was measured running for minutes instead of a second). Bounded by
        ``analysis_limit`` (rows read per index, sqlite.org/lang_analyze.html):
        8 ms on that file. A failure here (locked, full disk) never stops
        the closing."""
        if self.path is not None and not self.read_only:
            with contextlib.suppress(DBAPIError), self.engine.connect() as connection:
                connection.exec_driver_sql(f"PRAGMA analysis_limit={ANALYSIS_LIMIT}")
                connection.exec_driver_sql("ANALYZE")
                connection.commit()
        self.engine.dispose()


def sqlite_file(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def open_store(url: str, *, migrate: bool = True, backup_dir=None, key: crypto.Key | None = None,  # noqa: ANN001
               check: bool = True, read_only: bool | None = None) -> Store:
    """Open (and create or upgrade) the store at ``url``.

    ``key``: opens an encrypted SQLite file; a new file is created encrypted
    with it. An existing plaintext file stays plaintext (see
    :func:`.encryption.encrypt_in_place`). ``check``: run ``PRAGMA
    quick_check`` first. ``read_only``: open an existing SQLite file for
    reading only; None (the default) does so when the file or its folder
    cannot be written to (issue 11: "a read-only folder still allows
    reading"); the store's ``read_only`` says which. Raises :class:`StoreError` (``.code`` in
    ``problems.CODES``) when the file or its folder is not usable.
    """
    path = sqlite_file(url)
    raw_key = None
    encrypted = False
    pending: _PendingCheck | None = None
    if path is not None:
        if not path.parent.is_dir():
            raise StoreError(CANNOT_OPEN, "cannot_open", file=str(path))
        encrypted = crypto.is_encrypted(path)
        new = not path.exists() or path.stat().st_size == 0
        if encrypted and key is None:
            raise StoreError(NEEDS_PASSPHRASE, "needs_passphrase", file=str(path))
        if (encrypted or (new and key is not None)) and not crypto.available():
            raise StoreError(NO_SQLCIPHER, "no_sqlcipher", file=str(path))
        if encrypted:
            raw_key = key.for_file(path)
        elif new and key is not None:
            raw_key = key.new_salt_key()  # issue 12: a new database is encrypted when a passphrase is given
        if check and not new and path.stat().st_size > BACKGROUND_CHECK_BYTES:
            pending = _PendingCheck(path, raw_key)
        elif check and not new:
            quick_check(path, raw_key)
        if read_only is None:
            read_only = not new and not (_writable(path.parent) and _writable(path))
        if read_only and not new:
            if pending is not None:
                pending.wait()
            return _open_read_only(url, path, raw_key, key)
        if not new:
            with contextlib.suppress(OSError):  # owner-only (issue 12); SQLite gives -wal/-shm the same mode
                os.chmod(path, 0o600)
    engine = make_engine(url, raw_key=raw_key)
    done = None
    try:
        if migrate:
            if pending is not None:
                from .migrate import HEAD_REVISION, current_revision

                if current_revision(engine) != HEAD_REVISION:
                    pending.wait()  # an upgrade writes: the check first
            done = ensure_schema(engine, backup_dir=backup_dir)
    except (DBAPIError, OSError) as exc:
        engine.dispose()
        problem = classify(exc, path, encrypted)
        if problem is None:
            raise
        raise problem from None
    except StoreError:
        engine.dispose()
        raise
    install_log_guard()
    factory = sessionmaker(engine, expire_on_commit=False)
    install_audit(factory)
    from .erasure_log import install_checkpoint

    install_checkpoint(factory)
    if path is not None and backup_dir is not None:  # issue 12: erasures survive the restore of a backup
        from .erasure_log import install as install_erasure_log, log_path

        install_erasure_log(factory, log_path(path, Path(backup_dir)))
    return Store(engine, factory, key, created=done == "created", pending_check=pending)


def _writable(path: Path) -> bool:
    """Whether this process may write ``path`` (a folder: create files in it).
    root may write anything: tests of the read-only case as root pass
    ``read_only=True`` to open_store instead."""
    return os.access(path, os.W_OK)


def _open_read_only(url: str, path: Path, raw_key: str | None, key: crypto.Key | None) -> Store:
    """A store that reads ``path`` and refuses every transaction. A file
    whose schema is not the current one cannot be upgraded: StoreError."""
    from .migrate import HEAD_REVISION, current_revision
    from .problems import READ_ONLY

    engine = make_engine(url, raw_key=raw_key, read_only=True)
    try:
        revision = current_revision(engine)
    except DBAPIError as exc:
        engine.dispose()
        raise classify(exc, path, raw_key is not None) or exc from None
    if revision != HEAD_REVISION:
        engine.dispose()
        raise StoreError(READ_ONLY, "read_only", file=str(path))
    install_log_guard()
    return Store(engine, sessionmaker(engine, expire_on_commit=False), key, read_only=True)


def quick_check(path: Path, raw_key: str | None) -> None:
    """``PRAGMA quick_check`` on a read-only connection (nothing can be
    written to a damaged file). Raises StoreError: damaged, wrong_passphrase,
    not_a_database, read_only... Cost: one read of every page (~0.1 s for
    the 2,000-participant demo)."""
    encrypted = raw_key is not None
    try:
        wal = Path(f"{path}-wal")
        # no WAL to replay: read the main file only (immutable: not even a -wal or -shm is created)
        mode = "mode=ro" if wal.exists() and wal.stat().st_size else "immutable=1"
        connection = crypto.connect(f"file:{path}?{mode}", raw_key, uri=True)
        try:
            rows = connection.execute("PRAGMA quick_check").fetchall()
        finally:
            connection.close()
    except Exception as exc:  # noqa: BLE001  (sqlite3 or sqlcipher3 errors)
        problem = classify(exc, path, encrypted)
        if problem is None:
            raise
        raise problem from None
    if [tuple(row) for row in rows] != [("ok",)]:
        raise StoreError(DAMAGED, "damaged", file=str(path))
