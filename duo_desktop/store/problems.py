"""What can go wrong when the store is opened, each with its own message in
the user's language and a stable code (issue 11: "read-only folder, full
disk, locked by another program, newer schema, not a database: each has its
own message ... no traceback").

    StoreError(message, code, **params)   message: an N_() msgid; .message() renders it
    classify(exc, path=None, encrypted=False) -> StoreError
    CODES: the codes used (CLI exit code 2 for all of them)
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

from ..i18n import N_
from ..services.errors import ExplainedError

DAMAGED = N_("The database {file} is damaged (its integrity check failed). Nothing was written to it. "
             "Restore the latest good backup (File > Restore from backup…, or "
             "\"python -m duo_desktop backups restore\").")
NOT_A_DATABASE = N_("The file {file} is not a database this application can read: it is damaged or it is not "
                    "a DUO Desktop database. Nothing was written to it. Restore a backup, or choose another file.")
NEEDS_PASSPHRASE = N_("The database {file} is encrypted: its passphrase is needed to open it "
                      "(in scripts: --passphrase-file FILE or DUO_PASSPHRASE_FILE).")
WRONG_PASSPHRASE = N_("This passphrase does not open the database {file}. Check the keyboard layout and "
                      "Caps Lock, then try again.")
READ_ONLY = N_("The database {file} or its folder cannot be written to (read-only). Ask for write access to "
               "the folder, or copy the file to a folder of yours.")
OPENED_READ_ONLY = N_("The database {file} is open for reading only: its folder or the file cannot be written to. "
                      "Nothing was saved. To make changes, ask for write access to the folder, or copy the file "
                      "to a folder of yours and open the copy.")
DISK_FULL = N_("The disk holding {file} is full. Nothing was saved. Free some space, then try again.")
LOCKED = N_("The database {file} is in use by another program. Close the other program, then try again.")
NEWER = N_("The database {file} was made by a newer version of DUO Desktop (schema {revision}). Install the "
           "newer version to open it; nothing was changed and no extra backup was made.")
CANNOT_OPEN = N_("The database {file} cannot be opened: the folder does not exist or may not be read. "
                 "Check the path and the folder's permissions.")
NO_SQLCIPHER = N_("The database {file} is encrypted, but this installation has no SQLCipher support "
                  "(the sqlcipher3 package). Install it to open the file.")


class StoreError(ExplainedError, RuntimeError):
    """The store cannot be opened or written; ``code`` is one of CODES."""

    def __init__(self, message: str, code: str, /, **params: Any) -> None:
        super().__init__(message, **params)
        self.code = code


CODES = ("damaged", "not_a_database", "needs_passphrase", "wrong_passphrase", "read_only", "disk_full",
         "locked", "newer_schema", "cannot_open", "no_sqlcipher", "other_key")


def classify(exc: BaseException, path: Path | None = None, encrypted: bool = False) -> StoreError | None:
    """The StoreError an OperationalError/DatabaseError/OSError stands for,
    or None when it is not a problem of the environment or of the file."""
    if isinstance(exc, StoreError):
        return exc
    file = str(path) if path is not None else ""
    text = str(getattr(exc, "orig", None) or exc).lower()
    if isinstance(exc, OSError) and not hasattr(exc, "orig"):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return StoreError(DISK_FULL, "disk_full", file=file)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return StoreError(READ_ONLY, "read_only", file=file)
        return None
    if "file is not a database" in text or "file is encrypted" in text:
        if encrypted:
            return StoreError(WRONG_PASSPHRASE, "wrong_passphrase", file=file)
        return StoreError(NOT_A_DATABASE, "not_a_database", file=file)
    if "malformed" in text or "corrupt" in text:
        return StoreError(DAMAGED, "damaged", file=file)
    if "readonly" in text or "read-only" in text:
        return StoreError(READ_ONLY, "read_only", file=file)
    if "disk is full" in text or "disk i/o error" in text and _disk_full(path):
        return StoreError(DISK_FULL, "disk_full", file=file)
    if "locked" in text or "busy" in text:
        return StoreError(LOCKED, "locked", file=file)
    if "unable to open database file" in text:
        if path is not None and path.parent.is_dir() and not _writable(path.parent):
            return StoreError(READ_ONLY, "read_only", file=file)
        return StoreError(CANNOT_OPEN, "cannot_open", file=file)
    return None


def _writable(folder: Path) -> bool:
    import os

    return os.access(folder, os.W_OK)


def _disk_full(path: Path | None) -> bool:
    import shutil

    if path is None:
        return False
    try:
        return shutil.disk_usage(path.parent).free < 1024 * 1024
    except OSError:
        return False
