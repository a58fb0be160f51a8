"""``screenshot --out DIR [--lang fr|nl|en] [--what all|screens|setup|reports|privacy|dialogs|fixes|store]``: renders
every main screen offscreen with the current database, one PNG per screen,
and the set-up screens (welcome, wizard pages, settings pages; see
screenshots/setup.py). QT_SCALE_FACTOR=1.5 renders them as at 150 %."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..i18n import LANGUAGES
from .common import store_from_args


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("screenshot", help="render every main screen to PNG")
    parser.add_argument("--out", required=True, type=Path, help="folder for the PNG files")
    parser.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                        help="interface language of the screenshots (default: fr)")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--what", choices=("screens", "setup", "reports", "privacy", "dialogs", "fixes", "store",
                                           "all"),
                        default="screens",
                        help="the main screens (default), the set-up screens (welcome, wizard, settings), each "
                             "tab of the Reports screen and a drill-down, the lock and the audit screen (privacy), "
                             "every window and dialog, the dated notes, merge, corrections, calendar and search "
                             "(fixes), the database screens (restore, damaged database, About: store), or all")
    parser.add_argument("--year", type=int, default=2025, help="the year the Reports screenshots show")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ..app import build_main_window, create_application
    from ..i18n import DEFAULT_LANGUAGE

    app = create_application()
    store = store_from_args(args)
    lang = args.lang or DEFAULT_LANGUAGE
    window = build_main_window(store, language=lang)
    from ..views import fit
    from .screenshots.dialogs import logical_screen

    window.resize(args.width, args.height)  # then clamped to the screen, as on a laptop (issue 17)
    with fit.pretend_screen(*logical_screen((args.width, args.height))):
        window.show()
    args.out.mkdir(parents=True, exist_ok=True)
    from ..views.ops import wait_for_tasks

    rows = list(enumerate(window.screens)) if args.what in ("all", "screens") else []
    for row, screen in rows:
        window.show_screen(row)
        app.processEvents()
        wait_for_tasks()  # screens that load in the background show their data
        app.processEvents()
        path = args.out / f"{screen.key}-{lang}.png"
        window.grab().save(str(path))
        print(path)
    if args.what in ("all", "setup"):
        from .screenshots.setup import render_setup

        for path in render_setup(app, window.context, args.out, lang, (args.width, args.height)):
            print(path)
    if args.what in ("all", "reports"):
        from .screenshots.reports import render_reports

        with fit.pretend_screen(*logical_screen((args.width, args.height))):  # the drill-down sizes itself to it
            for path in render_reports(app, window, args.out, lang, args.year):
                print(path)
    if args.what in ("all", "privacy"):
        from .screenshots.privacy import render_privacy

        for path in render_privacy(app, window, args.out, lang):
            print(path)
    if args.what in ("all", "dialogs"):
        from .screenshots.dialogs import render_dialogs

        for path in render_dialogs(window.context, args.out, lang, (args.width, args.height)):
            print(path)
    if args.what in ("all", "fixes"):
        from .screenshots.fixes import render_fixes

        for path in render_fixes(app, window, args.out, lang):
            print(path)
    if args.what in ("all", "store"):
        from .screenshots.store import render_store

        for path in render_store(app, window, args.out, lang):
            print(path)
    window.close()
    wait_for_tasks()
    store.dispose()
    return 0
