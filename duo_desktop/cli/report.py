"""``report --from DATE --to DATE [--branch CODE] [--coordinator ID] [--today DATE]
[--format csv|xlsx|pdf|json] [--out FILE] [--json | --xlsx FILE | --pdf FILE | --csv FILE]``:
the figures the Reports screen shows, for the same period, branch and
coordinator. Without ``--out`` (or with ``--json``) prints JSON. Exit codes: 0
written, 1 a bad argument (dates, unknown branch or coordinator), 2 the file cannot be written.
``--today`` is the day the figures are computed for (default: today)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..i18n import _
from .common import print_json, require_ids, set_language_from_args, store_from_args


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("report", help="the programme's figures for a period",
                                   description="The figures of the Reports screen for a period, as JSON or a file.")
    parser.add_argument("--from", dest="start", type=_date, required=True, help="first day (YYYY-MM-DD)")
    parser.add_argument("--to", dest="end", type=_date, required=True, help="last day (YYYY-MM-DD)")
    parser.add_argument("--branch", metavar="CODE", help="one branch (default: all)")
    parser.add_argument("--coordinator", metavar="ID", type=int, help="one coordinator (default: all)")
    parser.add_argument("--today", type=_date, help="the day the figures are computed for (default: today)")
    parser.add_argument("--format", choices=("csv", "xlsx", "pdf", "json"), help="format of --out")
    parser.add_argument("--out", type=Path, help="file to write")
    parser.add_argument("--json", action="store_true", help="print JSON (the default without --out)")
    for fmt in ("xlsx", "pdf", "csv"):
        parser.add_argument(f"--{fmt}", dest=f"{fmt}_file", type=Path, metavar="FILE", help=f"write {fmt.upper()}")
    parser.set_defaults(func=run)


def _target(args: argparse.Namespace) -> tuple[Path | None, str]:
    for fmt in ("xlsx", "pdf", "csv"):
        if getattr(args, f"{fmt}_file"):
            return getattr(args, f"{fmt}_file"), fmt
    if args.out is not None:
        return args.out, args.format or (args.out.suffix.lstrip(".").lower() or "json")
    return None, "json"


def run(args: argparse.Namespace) -> int:
    from ..i18n import current
    from ..models import Branch
    from ..services.clock import SystemClock
    from ..services.errors import RuleError
    from ..services.reports import Period, build_report
    from ..services.reports.export import FORMATS, write_report

    set_language_from_args(args)
    path, fmt = _target(args)
    if fmt not in FORMATS:
        print(_("Unknown format “{format}”: use csv, xlsx, pdf or json.").format(format=fmt), file=sys.stderr)
        return 1
    try:
        period = Period(args.start, args.end, as_of=args.today or SystemClock().today())
    except RuleError as exc:
        print(exc.message(), file=sys.stderr)
        return 1
    store = store_from_args(args)
    try:
        with store.transaction() as session:
            require_ids(session, 1, coordinator=("--coordinator", args.coordinator))
            branch_id = None
            if args.branch:
                branch_id = session.query(Branch.id).filter(Branch.code == args.branch).scalar()
                if branch_id is None:
                    print(_("No branch has the code “{code}”.").format(code=args.branch), file=sys.stderr)
                    return 1
            report = build_report(session, period, branch_id, args.coordinator)
            if path is None:
                print_json(report.as_dict())
                return 0
            try:
                write_report(session, report, path, fmt, current(), SystemClock().now())
            except OSError as exc:
                print(_("The file cannot be written: {reason}").format(reason=exc.strerror or type(exc).__name__),
                      file=sys.stderr)
                return 2
    finally:
        store.dispose()
    print(path)
    return 0
