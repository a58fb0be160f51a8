"""What a screen needs from the application, passed explicitly (no god
object): the store, the clock and a signal hub for 'data changed'."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from ..services.clock import Clock, SystemClock
from ..store import Store


class Changes(enum.Flag):
    """What an operation changed, announced on the hub (Anki's ``OpChanges``).
    Each screen decides by flag whether it must read again."""

    NONE = 0
    PARTICIPANTS = enum.auto()  # people, their profile and status
    DUOS = enum.auto()  # proposals, duos and what is recorded on them
    EVENTS = enum.auto()  # information sessions, trainings, intervisions, attendance
    SETTINGS = enum.auto()  # branches, their rules, coordinators
    DRAFTS = enum.auto()  # intake drafts saved as one types
    ALL = PARTICIPANTS | DUOS | EVENTS | SETTINGS | DRAFTS


class DataHub(QObject):
    """Announces what changed after an operation, with the object that
    started it, so each screen decides whether to refresh (as Anki's
    ``operation_did_execute``) and skips the echo of its own change."""

    changed = Signal(object, object)  # (Changes, initiator: object | None)

    def announce(self, changes: Changes, initiator: object | None = None) -> None:
        if changes:
            self.changed.emit(changes, initiator)


@dataclass
class AppContext:
    store: Store
    clock: Clock = field(default_factory=SystemClock)
    hub: DataHub = field(default_factory=DataHub)
    #: who is using the application (chosen in the status bar): new
    #: participants and duos are followed by this coordinator
    coordinator_id: int | None = None
