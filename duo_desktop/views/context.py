"""What a screen needs from the application, passed explicitly (no god
object): the store, the clock and a signal hub for 'data changed'."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from ..services.clock import Clock, SystemClock
from ..store import Store


class DataHub(QObject):
    """Announces what changed after an operation, so each screen decides
    whether to refresh (as Anki's operation_did_execute)."""

    changed = Signal(str)  # the kind of data: "participants", "duos", "events", "all"


@dataclass
class AppContext:
    store: Store
    clock: Clock = field(default_factory=SystemClock)
    hub: DataHub = field(default_factory=DataHub)
    #: who is using the application (chosen in the status bar): new
    #: participants and duos are followed by this coordinator
    coordinator_id: int | None = None
