"""Helpers shared by the sub-commands.

The passphrase of an encrypted database comes from ``--passphrase-file FILE``
or the ``DUO_PASSPHRASE_FILE`` variable (its first line), never from a
command-line argument (visible to every user in the process list). A store
that cannot be opened prints one line in the user's language and exits 2.

An id given on the command line (``--coordinator``, ``--participant``,
``--duo``...) is checked with :func:`require_ids` before anything is done:
an id that names no record raises :class:`BadArgument`, which ``__main__``
prints as one line (naming the option and the value) with the command's
documented exit code.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from .. import config, i18n
from ..i18n import N_, _
from ..store import Store, open_store
from ..store.crypto import Key
from ..store.problems import StoreError

ENV_PASSPHRASE_FILE = "DUO_PASSPHRASE_FILE"
T = TypeVar("T")
log = logging.getLogger(__name__)


def read_passphrase(path: Path) -> str:
    """The first line of ``path`` (its line ending removed). Raises OSError,
    UnicodeDecodeError, or ValueError when it is empty."""
    with open(path, encoding="utf-8") as handle:
        line = handle.readline().rstrip("\r\n")
    if not line:
        raise ValueError("empty passphrase file")
    return line


def passphrase_file(args: argparse.Namespace) -> Path | None:
    given = getattr(args, "passphrase_file", None) or os.environ.get(ENV_PASSPHRASE_FILE)
    return Path(given) if given else None


def key_from_args(args: argparse.Namespace) -> Key | None:
    """The key from --passphrase-file / $DUO_PASSPHRASE_FILE, or None; exits 2 when it cannot be read."""
    path = passphrase_file(args)
    if path is None:
        return None
    return Key(_read_or_exit(path))


def _read_or_exit(path: Path) -> str:
    try:
        return read_passphrase(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        fail(_("Cannot read the passphrase file {file}: {error}").format(file=path, error=exc.__class__.__name__))
        raise  # not reached


def fail(line: str, code: int = 2) -> None:
    print(line, file=sys.stderr)
    raise SystemExit(code)


class BadArgument(Exception):
    """A command-line argument refused before anything was done; ``text`` is
    already translated, ``code`` is the command's exit code for it."""

    def __init__(self, text: str, code: int) -> None:
        super().__init__(text)
        self.text, self.code = text, code


_UNKNOWN_ID = {
    "coordinator": N_("{option} {value}: there is no coordinator with this id."),
    "participant": N_("{option} {value}: there is no participant with this id."),
    "duo": N_("{option} {value}: there is no duo with this id."),
}


def require_ids(session: Any, code: int, **given: tuple[str, int | None]) -> None:
    """Check the ids a command was given before it does anything: ``given``
    maps a kind ("coordinator", "participant", "duo") to ``(option, id)``,
    e.g. ``require_ids(s, 2, coordinator=("--coordinator", args.coordinator))``;
    an id of None (option not given) passes. Raises :class:`BadArgument`
    (exit ``code``) for the first id that names no record."""
    from ..models import Coordinator, Duo, Participant

    models = {"coordinator": Coordinator, "participant": Participant, "duo": Duo}
    for kind, (option, value) in given.items():
        if value is not None and session.get(models[kind], value) is None:
            raise BadArgument(_(_UNKNOWN_ID[kind]).format(option=option, value=value), code)


def store_from_args(args: argparse.Namespace, *, migrate: bool = True, check: bool = True,
                    daily_backup: bool = True, damaged_exit: int = 2) -> Store:
    """Open the store; on a SQLite file the first start of a day makes a backup.
    A store that cannot be opened exits 2 (``damaged_exit`` when the check at
    open finds damage: ``check`` documents 1)."""
    try:
        store = open_url(config.database_url(args.database), key=key_from_args(args), migrate=migrate, check=check)
    except StoreError as exc:
        fail(exc.message(), damaged_exit if exc.code == "damaged" else 2)
    except OSError as exc:  # the data folder itself (read-only home, full disk)
        from ..store.problems import classify

        problem = classify(exc)
        fail(problem.message() if problem else _("The database cannot be opened: {error}").format(
            error=type(exc).__name__))
    if daily_backup and migrate and not store.created:  # a file created just now holds nothing yet
        make_daily_backup(store)
    return store


def open_url(url: str, **options: Any) -> Store:
    """open_store(url) with the server's password, which is never stored (issue 16): a PostgreSQL URL
    without one takes it from the system keyring (store/password.py); when the server still asks for
    one, it is typed on the terminal (getpass), or the command exits 2 saying how to give it."""
    import getpass

    from sqlalchemy.exc import DBAPIError

    from ..store.password import SERVICE, asks_for_password, fill_password, keyring_user, with_password

    options.setdefault("backup_dir", config.backup_dir())
    try:
        return open_store(fill_password(url), **options)
    except DBAPIError as exc:
        if not asks_for_password(exc):
            fail(_("The database {location} cannot be opened: {error}").format(
                location=_shown(url), error=type(exc).__name__))
    if not sys.stdin.isatty():
        fail(_("The server {location} asks for a password. Type it when the command runs in a terminal, or "
               "keep it in the system keyring (service \"{service}\", user \"{user}\").").format(
            location=_shown(url), service=SERVICE, user=keyring_user(url)))
    password = getpass.getpass(_("Password for {user}: ").format(user=keyring_user(url)))
    try:
        return open_store(with_password(url, password), **options)
    except DBAPIError as exc:
        fail(_("The server {location} refused the connection: {error}").format(
            location=_shown(url), error=type(exc).__name__))
        raise  # not reached


def _shown(url: str) -> str:
    from sqlalchemy import make_url

    return make_url(url).render_as_string(hide_password=True)


def make_daily_backup(store: Store) -> None:
    from ..services.clock import SystemClock
    from ..store.maintenance import daily_backup

    try:
        daily_backup(store, config.backup_dir(), SystemClock().now())
    except Exception as exc:  # noqa: BLE001  (a backup that fails never stops the work; it is said)
        log.warning("the daily backup failed: %s", type(exc).__name__)
        print(_("Warning: the daily backup could not be made ({error}).").format(error=type(exc).__name__),
              file=sys.stderr)


def set_language_from_args(args: argparse.Namespace) -> None:
    i18n.set_language(getattr(args, "lang", None) or i18n.DEFAULT_LANGUAGE)


def read_from_args(args: argparse.Namespace, work: Callable[[Any], T]) -> T:
    """What a reading command does first: the language from ``--lang``, the
    store from the arguments, ``work(session)`` in one session, the store
    closed again (also when ``work`` raises); returns what ``work`` returned."""
    set_language_from_args(args)
    store = store_from_args(args)
    try:
        with store.session() as session:
            return work(session)
    finally:
        store.dispose()


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
