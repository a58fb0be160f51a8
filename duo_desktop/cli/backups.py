"""``backups list [--json]``, ``backups now [--out DIR]``, ``backups restore
BACKUP``, and ``check``: the automatic backups of a SQLite database (made
with SQLite's backup API, encrypted with the database's key, thinned as
Anki does: see store/backup.py), restoring one in a single step after
backing up the current state, and the full integrity check.

Exit codes: 0 done; 1 ``check`` found damage; 2 the database or the backup
cannot be used (one line says why)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import config
from ..i18n import _, format_datetime, format_number, ngettext
from .common import fail, print_json, set_language_from_args, store_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "backups", help="list, make or restore the backups of the database",
        description="The database is backed up automatically (first start of a day, before an upgrade, "
                    "before a restore or encryption) into the user data folder; older backups are thinned: "
                    "all of the last 24 hours, then one a day for 12 days, one a week for 10 weeks, one a "
                    "month for 9 months.")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="the backups, newest first")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(func=run_list)
    now = actions.add_parser("now", help="make a backup now")
    now.add_argument("--out", type=Path, metavar="DIR", help="a folder of your choice (a USB stick)")
    now.set_defaults(func=run_now)
    restore = actions.add_parser("restore", help="replace the database with a backup (the current state is "
                                                 "backed up first)")
    restore.add_argument("backup", type=Path, metavar="BACKUP")
    restore.set_defaults(func=run_restore)
    check = subparsers.add_parser("check", help="check the database for damage (exit 1 when damaged)",
                                  description="Runs SQLite's integrity_check and foreign_key_check.")
    check.set_defaults(func=run_check)


def _database(args: argparse.Namespace) -> Path:
    from ..store.session import sqlite_file

    path = sqlite_file(config.database_url(args.database))
    if path is None:
        fail(_("Backups are made of a SQLite database file only; a server has its own backups."))
    return path


def run_list(args: argparse.Namespace) -> int:
    from ..store.backup import list_backups
    from ..store.maintenance import describe
    from .common import key_from_args

    set_language_from_args(args)
    key = key_from_args(args)
    rows = []
    for backup in list_backups(config.backup_dir(), _database(args)):
        rows.append({"file": str(backup.path), "made": backup.made.isoformat(), "label": backup.label,
                     "bytes": backup.size, "encrypted": backup.encrypted, **describe(backup.path, key)})
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(_("No backup yet."))
    for row, backup in zip(rows, list_backups(config.backup_dir(), _database(args)), strict=False):
        held = (_("{participants} participants, {duos} duos").format(
            participants=format_number(row["participants"]), duos=format_number(row["duos"]))
            if "participants" in row else _("contents unreadable"))
        size = _("{megabytes} MB").format(megabytes=format_number(round(backup.size / 1e6, 1)))
        print(f"{format_datetime(backup.made)}  {size}  {held}  {backup.path}")
    return 0


def run_now(args: argparse.Namespace) -> int:
    from ..services.clock import SystemClock
    from ..store.maintenance import backup_now

    set_language_from_args(args)
    _database(args)
    store = store_from_args(args, daily_backup=False)
    try:
        path = backup_now(store, args.out or config.backup_dir(), SystemClock().now())
    except OSError as exc:
        from ..store.problems import classify

        problem = classify(exc, args.out)
        fail(problem.message() if problem else _("The backup could not be written: {error}").format(
            error=type(exc).__name__))
    finally:
        store.dispose()
    print(_("Backup written: {file}").format(file=path))
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from ..services.clock import SystemClock
    from ..services.privacy.reapply import restore_keeping_erasures

    set_language_from_args(args)
    _database(args)
    if not args.backup.is_file():
        fail(_("Cannot read {file}: {error}").format(file=args.backup, error="FileNotFoundError"))
    # the current file may be damaged: no check, no upgrade before it is replaced
    store = store_from_args(args, migrate=False, check=False, daily_backup=False)
    try:
        saved, reapplied = restore_keeping_erasures(store, args.backup.resolve(), config.backup_dir(),
                                                    SystemClock().now())
    finally:
        store.dispose()
    print(_("Restored {backup}.").format(backup=args.backup.name))
    if reapplied:
        print(ngettext("{count} person erased since that backup was erased again.",
                       "{count} people erased since that backup were erased again.", reapplied).format(
            count=reapplied))
    if saved is not None:
        print(_("The state it replaced was backed up first: {file}").format(file=saved))
    return 0


def run_check(args: argparse.Namespace) -> int:
    set_language_from_args(args)
    # damage found by the quick check at open is damage too: exit 1, as documented
    store = store_from_args(args, migrate=False, daily_backup=False, damaged_exit=1)
    try:
        with store.engine.connect() as connection:
            integrity = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
            foreign = list(connection.exec_driver_sql("PRAGMA foreign_key_check"))
    finally:
        store.dispose()
    if integrity == ["ok"] and not foreign:
        print(_("The database is sound (integrity and foreign keys checked)."))
        return 0
    print(_("The database is damaged: {problems} problems found. Restore the latest good backup "
            "(\"python -m duo_desktop backups restore\").").format(
        problems=format_number(len(foreign) + (0 if integrity == ["ok"] else len(integrity)))), file=sys.stderr)
    return 1
