"""``agreement --duo ID --lang fr|nl|en --out FILE.pdf``: prints a duo's
agreement to a PDF file without a screen (``--second-lang`` for a bilingual
agreement, ``--charter`` to add the charter)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..i18n import LANGUAGES, _
from .common import require_ids, set_language_from_args, store_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("agreement", help="print a duo's agreement to a PDF file")
    parser.add_argument("--duo", required=True, type=int, help="the duo's id")
    parser.add_argument("--lang", dest="doc_lang", choices=LANGUAGES, help="the document's language "
                        "(default: the duo's shared language)")
    parser.add_argument("--second-lang", choices=LANGUAGES, help="a second language: a bilingual agreement")
    parser.add_argument("--sequential", action="store_true",
                        help="bilingual: one language after the other instead of side by side")
    parser.add_argument("--charter", action="store_true", help="add the charter after the agreement")
    parser.add_argument("--date", type=dt.date.fromisoformat, help="signing date, YYYY-MM-DD (default: today)")
    parser.add_argument("--out", required=True, type=Path, help="the PDF file to write")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..services.clock import SystemClock
    from ..services.documents import DocumentError, duo_info, render_agreement, suggested_languages
    from ..services.documents.output import write_pdf
    from ..services.errors import NotFound

    set_language_from_args(args)
    store = store_from_args(args)
    clock = SystemClock()
    today = clock.today()
    try:
        with store.session() as session:
            require_ids(session, 2, duo=("--duo", args.duo))
            lang, second = args.doc_lang, args.second_lang
            if lang is None:
                lang, suggested_second = suggested_languages(duo_info(session, args.duo))
                second = second or suggested_second
            pdf = render_agreement(session, args.duo, lang, today, second_lang=second,
                                   side_by_side=not args.sequential, with_charter=args.charter,
                                   start_on=args.date)
        write_pdf(args.out, pdf, clock.now())
        from ..services.documents import audited

        with store.transaction() as session:  # issue 12: every document written is audited
            audited.record(session, "export", "agreement", args.duo, clock.now())
    except (DocumentError, NotFound) as exc:
        print(_("Error: {message}").format(message=exc), file=sys.stderr)
        return 2
    except OSError as exc:
        print(_("Error: the file {file} cannot be written ({problem}).").format(
            file=args.out, problem=exc.strerror or type(exc).__name__), file=sys.stderr)
        return 2
    finally:
        store.dispose()
    print(args.out)
    return 0
