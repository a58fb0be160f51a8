"""``copy-to TARGET_URL``: copies the whole database (``--database``, the
source) into an empty database, typically the branch's PostgreSQL server
(issue 16: moving a laptop's database to the branch server). Every table,
ids, history and audit trail, in one transaction on the target
(store/copy.py); the target is created at the schema's head when it has no
tables yet. Then the row counts of every table are compared and printed.

The target's password is never given on the command line: it comes from
the system keyring or is typed (cli/common.open_url).

Exit codes: 0 copied, every count equal; 1 the target already holds data
(nothing copied) or a count differs; 2 a database cannot be opened."""

from __future__ import annotations

import argparse
import sys
import time

from .. import config
from ..i18n import _, format_number
from .common import fail, open_url, set_language_from_args, store_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "copy-to", help="copy the whole database into an empty one (a branch server)",
        description="Copy every table of the database given by --database (ids, history and audit trail "
                    "included) into the empty database TARGET_URL, in one transaction, then compare the "
                    "row counts of every table. Example: copy-to postgresql+psycopg://duo@server/duo")
    parser.add_argument("target", metavar="TARGET_URL", help="the target database: a URL or a SQLite file")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..services.errors import RuleError
    from ..store.copy import copy_database

    set_language_from_args(args)
    source = store_from_args(args, daily_backup=False)
    try:
        target = open_url(config.to_url(args.target))
    except SystemExit:
        source.dispose()
        raise
    last = [0.0]

    def progress(done: int, total: int, table: str) -> None:
        now = time.perf_counter()
        if not args.quiet and (now - last[0] > 0.5 or done >= total):
            last[0] = now
            print("\r" + _("Copy: {percent} % ({table})").format(percent=f"{100 * done // max(total, 1):3d}",
                                                                 table=table), end="", file=sys.stderr, flush=True)

    start = time.perf_counter()
    try:
        report = copy_database(source.engine, target.engine, progress)
    except RuleError as exc:
        print(exc.message(), file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001  (the target's transaction is rolled back: nothing half-copied)
        fail(_("The copy failed, nothing was written to {target}: {error}").format(
            target=target.url, error=type(exc).__name__))
    finally:
        source.dispose()
        target.dispose()
    if not args.quiet:
        print(file=sys.stderr)
    width = max(len(c.table) for c in report.counts)
    table, origin, copy = _("Table"), _("Source"), _("Target")
    width = max(width, len(table))
    print(f"{table:<{width}}  {origin:>10}  {copy:>10}")
    for count in report.counts:
        mark = "" if count.source == count.target else "  " + _("DIFFERENT")
        print(f"{count.table:<{width}}  {format_number(count.source):>10}  {format_number(count.target):>10}{mark}")
    if not report.identical:
        print(_("The row counts differ: check the target before using it."), file=sys.stderr)
        return 1
    print(_("{rows} rows in {tables} tables copied to {target} in {seconds} s; every count is equal.").format(
        rows=format_number(report.rows), tables=format_number(len(report.counts)), target=target.url,
        seconds=format_number(round(time.perf_counter() - start, 1))))
    return 0
