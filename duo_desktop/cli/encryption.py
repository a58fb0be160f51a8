"""``encryption status``, ``encryption encrypt --new-passphrase-file F``,
``encryption change --new-passphrase-file F``: encrypt a plaintext SQLite
database in place (after a backup; its backups are encrypted too) or change
the passphrase of an encrypted one (its backups follow). The current
passphrase comes from --passphrase-file / $DUO_PASSPHRASE_FILE; passphrases
are never command-line arguments. Exit 0 done, 2 refused (one line)."""

from __future__ import annotations

import argparse
from pathlib import Path

from .. import config
from ..i18n import _
from .common import _read_or_exit, fail, set_language_from_args, store_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("encryption", help="encrypt the database or change its passphrase")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("status", help="say whether the database is encrypted").set_defaults(func=run_status)
    for name, helptext in (("encrypt", "encrypt a plaintext database in place (after a backup)"),
                           ("change", "change the passphrase of an encrypted database")):
        action = actions.add_parser(name, help=helptext)
        action.add_argument("--new-passphrase-file", type=Path, required=True, metavar="FILE",
                            help="the new passphrase, on the first line of FILE")
        action.set_defaults(func=run_change, action=name)


def run_status(args: argparse.Namespace) -> int:
    set_language_from_args(args)
    store = store_from_args(args, daily_backup=False)
    try:
        print(_("The database is encrypted (SQLCipher 4).") if store.encrypted else
              _("The database is not encrypted."))
    finally:
        store.dispose()
    return 0


def run_change(args: argparse.Namespace) -> int:
    from ..services.clock import SystemClock
    from ..store.crypto import Key, available
    from ..store.maintenance import change_passphrase, encrypt_in_place

    set_language_from_args(args)
    if not available():
        fail(_("This installation has no SQLCipher support (the sqlcipher3 package)."))
    new_key = Key(_read_or_exit(args.new_passphrase_file))
    store = store_from_args(args, daily_backup=False)
    if store.path is None:
        store.dispose()
        fail(_("Only a SQLite database file is encrypted by the application; a server has its own encryption."))
    if args.action == "encrypt":
        if store.encrypted:
            store.dispose()
            fail(_("The database is already encrypted; use \"encryption change\" to change its passphrase."))
        store = encrypt_in_place(store, new_key, config.backup_dir(), SystemClock().now())
        print(_("The database and its backups are now encrypted."))
    else:
        if not store.encrypted:
            store.dispose()
            fail(_("The database is not encrypted; use \"encryption encrypt\" first."))
        store = change_passphrase(store, new_key, config.backup_dir())
        print(_("The passphrase was changed (the database and its backups)."))
    store.dispose()
    return 0
