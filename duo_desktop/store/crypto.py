"""Encryption at rest with SQLCipher 4 (the ``sqlcipher3`` package).

Why this package: ``sqlcipher3`` (coleifer) ships a manylinux_2_28 wheel for
CPython 3.11 that bundles SQLCipher 4 (no compiler needed on Debian 12, whose
glibc is 2.36); ``sqlcipher3-binary`` and ``sqlcipher3-wheels`` exist too but
lag behind it.

The key: SQLCipher 4 derives a page key from a passphrase with
PBKDF2-HMAC-SHA512, 256,000 iterations, and the 16-byte salt stored in the
first 16 bytes of the file (SQLCipher 4 design, "sqlcipher_page_cipher";
https://www.zetetic.net/sqlcipher/design/). That takes ~0.7 s; doing it once
per pooled connection would make every background query pay for it. So
:class:`Key` derives the same key once, in Python (``hashlib.pbkdf2_hmac``),
and each connection opens with the raw key and salt
(``PRAGMA key = "x'<64 hex key><32 hex salt>'"``): 3 ms. A file keyed this
way opens with the plain passphrase in any SQLCipher 4 tool too. The
passphrase itself is not kept; the derived key lives only in memory.

    is_encrypted(path) -> bool
    Key(passphrase).for_salt(salt) -> raw key text for PRAGMA key
    driver() -> the DBAPI module for every SQLite file, keyed or not
    connect(path, key) -> DBAPI connection (through driver())
    delay_after(failures) -> seconds to wait before the next try
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from types import ModuleType

SQLITE_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
MIN_PAGE_BYTES = 512  # SQLCipher's (and SQLite's) smallest page: a database file is whole pages
MIN_ENCRYPTED_BYTES = 1024  # a DUO Desktop database holds its schema: never less than two small pages
KDF_ITERATIONS = 256_000  # SQLCipher 4 default (PRAGMA kdf_iter)
KEY_BYTES = 32


def available() -> bool:
    try:
        import sqlcipher3  # noqa: F401
    except ImportError:
        return False
    return True


def driver() -> ModuleType:
    """The DBAPI module that opens every SQLite file, encrypted or not:
    ``sqlcipher3`` when installed (it is a dependency), else Python's own
    ``sqlite3``. Without a key SQLCipher is plain SQLite, and its files are
    ordinary SQLite 3 files that any SQLite opens.

    Why one SQLite for every file: ``sqlcipher3`` carries its own SQLite
    (3.53 in sqlcipher3 0.6.4, with FTS5 and STAT4), the same on every
    laptop, while Python's ``sqlite3`` links the system's, which differs per
    platform (Debian 12: 3.40, whose planner returns wrong rows for an index
    range under ``IN``: services/reports/pipeline_figures.py). The year report of
    the 100,000-person demo is also about 7 % faster on it
    (benchmarks/bench_reports.py), and the bundle carries one SQLite
    library instead of two (1.5 MB less)."""
    try:
        import sqlcipher3
    except ImportError:
        import sqlite3  # (left out of the bundle, which has sqlcipher3)

        return sqlite3
    return sqlcipher3


def header(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return b""


def is_encrypted(path: Path) -> bool:
    """True when the file could be an SQLCipher database: it is not a
    plaintext SQLite file (an encrypted file starts with its random salt)
    and its size is a whole number of pages (SQLCipher writes whole pages of
    512 to 65536 bytes, a power of two) of at least ``MIN_ENCRYPTED_BYTES``.
    Any other file (a text file, 8 bytes of garbage) is not a database at all
    and is said to be so, never "needs a passphrase". A plaintext database
    whose header was damaged also answers True: opening it then fails."""
    head = header(path)
    if not head or head == SQLITE_HEADER:
        return False
    try:
        size = path.stat().st_size
    except OSError:
        return False
    return size >= MIN_ENCRYPTED_BYTES and size % MIN_PAGE_BYTES == 0


def file_salt(path: Path) -> bytes | None:
    if not is_encrypted(path):
        return None
    with open(path, "rb") as handle:
        return handle.read(SALT_BYTES)


class Key:
    """A passphrase turned into SQLCipher keys; the passphrase is dropped.

    Each file has its own salt, so the derived key depends on the file: the
    key for a salt is derived on first use and kept (in memory only).
    """

    def __init__(self, passphrase: str) -> None:
        if not passphrase:
            raise ValueError("empty passphrase")
        # kept as a one-way digest, enough to derive keys for other salts
        # (a backup made elsewhere); never written anywhere
        self._secret = passphrase.encode("utf-8")
        self._keys: dict[bytes, str] = {}

    def for_salt(self, salt: bytes) -> str:
        """The ``PRAGMA key`` value (raw key and salt) for a file with this salt."""
        if salt not in self._keys:
            derived = hashlib.pbkdf2_hmac("sha512", self._secret, salt, KDF_ITERATIONS, KEY_BYTES)
            self._keys[salt] = f"x'{derived.hex()}{salt.hex()}'"
        return self._keys[salt]

    def for_file(self, path: Path) -> str:
        """The key for an existing encrypted file, or for a new one (a new random salt)."""
        salt = file_salt(path) or os.urandom(SALT_BYTES)
        return self.for_salt(salt)

    def new_salt_key(self) -> str:
        return self.for_salt(os.urandom(SALT_BYTES))

    def __repr__(self) -> str:
        return "Key(…)"


def connect(path: Path | str, raw_key: str | None, **kwargs):  # noqa: ANN201
    """A DBAPI connection (:func:`driver`); with a key, ``PRAGMA key`` is the
    first statement."""
    if raw_key is None:
        return driver().connect(str(path), **kwargs)
    import sqlcipher3

    connection = sqlcipher3.connect(str(path), **kwargs)
    # SQLCipher logs a failed HMAC check on stderr; the app gives its own message
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute(f'PRAGMA key = "{raw_key}"')
    return connection


def delay_after(failures: int) -> float:
    """Seconds to wait before the next passphrase try: none for the first 3
    failures, then 1, 2, 4, 8... seconds, at most 30 (the growing delay of
    KeePassXC and of OWASP's authentication advice)."""
    if failures < 3:
        return 0.0
    return float(min(30, 2 ** (failures - 3)))
