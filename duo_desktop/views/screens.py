"""The main screens, in navigation order. Each entry: a stable key, its title
(marked for translation) and where its class lives. A screen's module is
imported, and the screen built, the first time it is shown: start-up stays
quick and pays neither for numpy (matching) nor for ReportLab (documents)."""

from __future__ import annotations

import importlib

from ..i18n import N_
from .context import AppContext
from .screen import Screen

SCREENS: list[tuple[str, str, str]] = [
    ("participants", N_("Participants"), "participants_screen:ParticipantsScreen"),
    ("matching", N_("Matching"), "matching:MatchingScreen"),
    ("duos", N_("Duos"), "duos_screen:DuosScreen"),
    ("events", N_("Events"), "events_screen:EventsScreen"),
    ("reports", N_("Reports"), "reports_screen:ReportsScreen"),
]


def build_screen(row: int, context: AppContext) -> Screen:
    module, _sep, name = SCREENS[row][2].partition(":")
    cls = getattr(importlib.import_module(f"{__package__}.{module}"), name)
    return cls(context)
