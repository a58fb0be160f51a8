"""Entry point: ``python -m duo_desktop`` starts the app; sub-commands
(``demo``, ``screenshot``, ``import``, ``match``, ``agreement``...) work
without a screen."""

from __future__ import annotations

import argparse
import io
import logging
import os
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
    try:
        code = _run(args)
        sys.stdout.flush()  # inside the try: a reader that went away is noticed here, not at exit
    except BrokenPipeError:  # "report --json | head": the reader stopped reading; no traceback
        _stdout_to_devnull()
        return 1  # what Python itself exits with on EPIPE
    return code


def _run(args: argparse.Namespace) -> int:
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


def _stdout_to_devnull() -> None:
    """Python flushes stdout again at exit: point it at devnull so that flush
    cannot fail a second time (the recipe of the signal module's docs, "Note
    on SIGPIPE")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):  # stdout is not a file (a test's capture)
        pass


if __name__ == "__main__":
    sys.exit(main())
