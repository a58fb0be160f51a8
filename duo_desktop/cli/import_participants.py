"""``import participants FILE [--dry-run] [--branch CODE] [--rejected OUT]``:
import applications from a CSV or XLSX web form export, without a screen.
Exit status 0 when every row was imported (or already registered), 1 when
rows were rejected (each one is reported with why), 2 when the file cannot
be imported at all."""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from .common import set_language_from_args, store_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("import", help="import data from files")
    kinds = parser.add_subparsers(dest="kind", metavar="KIND", required=True)
    people = kinds.add_parser("participants", help="applications from a CSV or XLSX web form export")
    people.add_argument("file", type=Path, help="the CSV or XLSX file")
    people.add_argument("--dry-run", action="store_true", help="check every row, write nothing")
    people.add_argument("--branch", metavar="CODE", help="branch of the rows without a branch column")
    people.add_argument("--rejected", metavar="OUT", type=Path,
                        help="where to save the rejected rows (default: FILE-rejected.csv beside the file)")
    people.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import OperationalError

    from ..i18n import _
    from ..services.clock import SystemClock

    set_language_from_args(args)
    if not args.file.exists():
        print(_("The file {path} does not exist.").format(path=args.file), file=sys.stderr)
        return 2
    store = store_from_args(args)
    clock = SystemClock()
    try:
        return _run(args, store, clock)
    except OperationalError as exc:  # the database's disk is full or the file is read-only
        problem = disk_problem(OSError(errno.ENOSPC if "full" in str(exc.orig) else errno.EROFS, str(exc.orig)))
        print(_("Nothing was imported: {problem}").format(problem=problem), file=sys.stderr)
        return 2
    except OSError as exc:  # a full disk, a read-only folder: one line, nothing imported (rolled back)
        print(_("Nothing was imported: {problem}").format(problem=disk_problem(exc)), file=sys.stderr)
        return 2
    finally:
        store.dispose()


def disk_problem(exc: OSError) -> str:
    """What went wrong with a file on disk, in the user's words."""
    from ..i18n import _

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return _("the disk is full. Free some space and import again.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("the folder {path} cannot be written to. Choose another place with --rejected.").format(
            path=Path(exc.filename).parent if exc.filename else "")
    from ..services.file_problems import os_problem

    return _("the file could not be written ({error}).").format(error=os_problem(exc, writing=True).render())


def _run(args: argparse.Namespace, store, clock) -> int:  # noqa: ANN001
    from ..i18n import _, ngettext
    from ..services import importer
    from ..services.errors import RuleError

    try:
        with store.session() as session:
            result = importer.preview(session, clock, args.file, branch_code=args.branch)
    except RuleError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    print(result.encoding_message.render())
    for message in result.file_problems:
        print(message, file=sys.stderr)
    for message in result.file_warnings:
        print(_("Warning: {problem}").format(problem=message.render()), file=sys.stderr)
    for row in result.rows:
        for item in row.problems if result.file_messages or row.status == "rejected" else ():
            print(item.message, file=sys.stderr)
        for item in row.warnings:
            print(_("Warning: {problem}").format(problem=item.message), file=sys.stderr)
    rejected_path = None
    if result.rejected:
        rejected_path = args.rejected or importer.default_rejected_path(args.file)
    if args.dry_run:  # writes no file at all
        created, existing = len(result.valid), len(result.existing)
        print(ngettext("Dry run: {count} row would be imported.", "Dry run: {count} rows would be imported.",
                       created).format(count=created))
    else:
        with store.transaction() as session:  # all rows or none
            outcome = importer.import_rows(session, clock, result, rejected_path=rejected_path)
        created, existing = outcome.created, outcome.existing
        print(ngettext("{count} participant imported.", "{count} participants imported.", created)
              .format(count=created))
    if existing:
        print(ngettext("{count} row already registered, not imported again.",
                       "{count} rows already registered, not imported again.", existing).format(count=existing))
    if result.rejected:
        if args.dry_run:
            print(ngettext("{count} row would be rejected.", "{count} rows would be rejected.",
                           len(result.rejected)).format(count=len(result.rejected)), file=sys.stderr)
        else:
            print(ngettext("{count} row rejected, saved in {path} to fix and import again.",
                           "{count} rows rejected, saved in {path} to fix and import again.",
                           len(result.rejected)).format(count=len(result.rejected), path=rejected_path),
                  file=sys.stderr)
        return 1
    return 0
