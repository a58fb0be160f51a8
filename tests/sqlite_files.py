"""Opening a database file directly in a test, with the app's own SQLite.

The app opens every SQLite file with SQLCipher's SQLite (store/crypto.driver).
A second SQLite library in the same process must not hold the same file
open at the same time: closing a file in one drops the POSIX locks the
other holds on it, and a reader then sees the file "malformed"
(https://www.sqlite.org/howtocorrupt.html, 2.2.1). So tests read through
the same library, and close what they open."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from duo_desktop.store import crypto


def connect(path, **kwargs):  # noqa: ANN001, ANN201  (a DBAPI connection)
    return crypto.connect(path, None, **kwargs)


@contextmanager
def sqlite_file(path, **kwargs) -> Iterator:  # noqa: ANN001
    """A connection to the file, committed when the block succeeds, closed after it."""
    connection = connect(path, **kwargs)
    try:
        with connection:
            yield connection
    finally:
        connection.close()
