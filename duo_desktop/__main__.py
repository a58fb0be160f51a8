"""Entry point: ``python -m duo_desktop`` starts the app; sub-commands
(``demo``, ``screenshot``, ``import``, ``match``, ``agreement``...) work
without a screen."""

from __future__ import annotations

import argparse
import logging
import sys

from . import __version__, cli
from .i18n import LANGUAGES


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="duo-desktop", description="DUO Desktop")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--database", metavar="URL_OR_PATH",
                        help="database URL or SQLite file (default: $DUO_DATABASE_URL or the user data folder)")
    parser.add_argument("--passphrase-file", metavar="FILE",
                        help="read the passphrase of an encrypted database from FILE's first line "
                             "(default: $DUO_PASSPHRASE_FILE); never given on the command line")
    parser.add_argument("--lang", choices=LANGUAGES, help="interface language")
    parser.add_argument("--self-check", action="store_true",
                        help="check that this installation has everything it needs (no screen), print OK and exit")
    parser.add_argument("-v", "--verbose", action="store_true", help="log more (never personal data)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    cli.register_all(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.self_check:
        from .selfcheck import run

        return run()
    if args.command is None:
        from .app import run_gui

        return run_gui(args.database, args.lang, args.passphrase_file)
    from .cli.common import BadArgument
    from .store.problems import StoreError

    try:
        return int(args.func(args) or 0)
    except StoreError as exc:  # issue 11: one line in the user's language, no traceback
        print(exc.message(), file=sys.stderr)
        return 2
    except BadArgument as exc:  # an id that names nothing: one line, nothing done
        print(exc.text, file=sys.stderr)
        return exc.code


if __name__ == "__main__":
    sys.exit(main())
