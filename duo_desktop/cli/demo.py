"""``demo [--participants N] [--seed S] [--today YYYY-MM-DD] [--append]``:
fills the database with a synthetic demo programme, with progress on stderr.
Refuses (exit code 1) a database that holds a real programme (branches or
participants not marked as demo), always: the demo has its own file
(config.demo_database_path(), the default of this command when no
--database is given). Refuses a demo database that already holds
participants unless ``--append`` is given."""

from __future__ import annotations

import argparse
import os
import sys
import time

from ..i18n import _, format_date, format_number
from .arguments import date_arg, whole_number
from .common import set_language_from_args, store_from_args




def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo", help="fill the database with a synthetic demo programme",
        description="Fill the database with a synthetic demo programme: six branches, mentors and mentees "
                    "in every status, events, duos in every stage with meetings, evaluations and outcomes. "
                    "The same seed and date give the same data. Without --database it writes the demo's own "
                    "file. A database that holds a real programme is always refused (exit code 1); a demo "
                    "database that already holds participants is refused unless --append is given.")
    parser.add_argument("--participants", type=whole_number, default=2000, metavar="N",
                        help="about how many participants (default 2000)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    parser.add_argument("--today", type=date_arg, default=None, metavar="YYYY-MM-DD",
                        help="the date the programme is seen from (default: today)")
    parser.add_argument("--append", action="store_true",
                        help="add to a database that already holds participants")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .. import config
    from ..services import demo
    from ..services.clock import SystemClock
    from ..services.settings import programme

    set_language_from_args(args)
    if not args.database and not os.environ.get(config.ENV_DATABASE_URL):
        args.database = str(config.demo_database_path())
    store = store_from_args(args)
    try:
        with store.session() as session:
            empty = demo.is_empty(session)
            real = programme.holds_real_data(session)
        if real:
            print(_("The database {location} holds a real programme; demo data never goes into it, nothing was "
                    "added. Run the demo without --database: it has its own file, {demo}.").format(
                location=store.url, demo=config.demo_database_path()), file=sys.stderr)
            return 1
        if not empty and not args.append:
            print(_("The database {location} already holds participants; nothing was added. "
                    "Use --append to add a demo programme anyway.").format(location=store.url), file=sys.stderr)
            return 1
        today = args.today or SystemClock().today()
        start = time.perf_counter()
        last = [0.0]

        def progress(done: int, total: int) -> bool:
            now = time.perf_counter()
            if not args.quiet and (now - last[0] > 0.5 or done >= total):
                last[0] = now
                print("\r" + _("Demo data: {percent} %").format(percent=f"{100 * done // max(total, 1):3d}"), end="",
                      file=sys.stderr, flush=True)
            return True

        summary = demo.generate(store.engine, participants=args.participants, seed=args.seed, today=today,
                                progress=progress)
        if not args.quiet:
            print(file=sys.stderr)
        elapsed = time.perf_counter() - start
        print(_("Demo programme as of {date} written in {seconds} s: {participants} participants ({mentors} "
                "mentors, {mentees} mentees), {duos} duos, {meetings} meetings, {events} events, {rows} rows "
                "in all.").format(
            date=format_date(today), seconds=format_number(round(elapsed, 1)),
            participants=format_number(summary.participants), mentors=format_number(summary.mentors),
            mentees=format_number(summary.mentees), duos=format_number(summary.duos),
            meetings=format_number(summary.meetings), events=format_number(summary.events),
            rows=format_number(summary.rows)))
        return 0
    finally:
        store.dispose()
