"""``setup FILE.toml [--check]``: creates or updates the organisation, its
branches with their rules, weights, follow-up schedule, document templates
and coordinators from one file (see examples/setup-example.toml and
services/settings/setup_file.py). The whole file is checked first; any
problem is printed with the file's line and key, and nothing is changed
(one transaction). Running it again changes nothing. Exit 0 when applied
(or, with --check, when the file is good), 1 when the file was refused,
2 when it cannot be read."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..i18n import _
from .common import set_language_from_args, store_from_args


class _CheckOnly(Exception):
    pass


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "setup", help="create or update branches, their rules and coordinators from a TOML file",
        description="Create or update the organisation, branches (with rules, matching weights, follow-up "
                    "schedule, document templates) and coordinators from one TOML file. The whole file is "
                    "checked first; a bad file is refused with its line and key and nothing is changed. "
                    "Running it twice gives the same result.")
    parser.add_argument("file", type=Path, metavar="FILE.toml")
    parser.add_argument("--check", action="store_true", help="check the file, change nothing")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..services.clock import SystemClock
    from ..services.settings.setup_file import SetupFileError, apply_setup_text

    set_language_from_args(args)
    try:
        text = args.file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        from ..services.file_problems import os_problem

        print(_("Cannot read {file}: {error}").format(file=args.file, error=os_problem(exc).render()), file=sys.stderr)
        return 2
    store = store_from_args(args)
    try:
        with store.transaction() as session:
            result = apply_setup_text(session, text, SystemClock().now(), args.file.resolve().parent,
                                      file_name=args.file.name)
            if args.check:
                raise _CheckOnly()
    except SetupFileError as exc:
        for line in exc.lines():
            print(line, file=sys.stderr)
        print(_("{file} was refused; nothing was changed.").format(file=args.file.name), file=sys.stderr)
        return 1
    except _CheckOnly:
        print(_("{file} is good; nothing was changed (--check).").format(file=args.file.name))
        return 0
    finally:
        store.dispose()
    for item in result.created:
        print(_("created: {item}").format(item=item.render()))
    for item in result.updated:
        print(_("updated: {item}").format(item=item.render()))
    print(_("{file}: {created} created, {updated} updated, {unchanged} unchanged.").format(
        file=args.file.name, created=len(result.created), updated=len(result.updated), unchanged=result.unchanged))
    return 0
