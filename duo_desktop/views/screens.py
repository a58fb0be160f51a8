"""The main screens, in navigation order. Each entry: a stable key, its title
(marked for translation) and a factory."""

from __future__ import annotations

from collections.abc import Callable

from ..i18n import N_
from .context import AppContext
from .duos_screen import DuosScreen
from .events_screen import EventsScreen
from .matching import MatchingScreen
from .participants_screen import ParticipantsScreen
from .reports_screen import ReportsScreen
from .screen import Screen

ScreenFactory = Callable[[AppContext], Screen]

SCREENS: list[tuple[str, str, ScreenFactory]] = [
    ("participants", N_("Participants"), ParticipantsScreen),
    ("matching", N_("Matching"), MatchingScreen),
    ("duos", N_("Duos"), DuosScreen),
    ("events", N_("Events"), EventsScreen),
    ("reports", N_("Reports"), ReportsScreen),
]


def build_screens(context: AppContext) -> list[Screen]:
    return [factory(context) for _key, _title, factory in SCREENS]
