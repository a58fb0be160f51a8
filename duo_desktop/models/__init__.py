"""SQLAlchemy models of the whole domain, one file per aggregate."""

from .audit import AuditEntry
from .base import Base
from .branch import DEFAULT_FOLLOWUP_MONTHS, DEFAULT_MATCHING_WEIGHTS, Branch, Coordinator, DocumentTemplate, Programme
from .duo import OPEN_STAGES as OPEN_DUO_STAGES
from .duo import Duo, DuoStageChange
from .enums import *  # noqa: F401,F403  (the enums are part of the model's vocabulary)
from .event import Attendance, Event
from .followup import CheckIn, Evaluation, Meeting, Outcome
from .notes import MergeUndo, PersonNote
from .participant import (
    AvailabilitySlot,
    IntakeDraft,
    Participant,
    ParticipantLanguage,
    ParticipantSector,
    StatusChange,
)

__all__ = [
    "AuditEntry", "Attendance", "AvailabilitySlot", "Base", "Branch", "CheckIn", "Coordinator",
    "DEFAULT_FOLLOWUP_MONTHS", "DEFAULT_MATCHING_WEIGHTS", "OPEN_DUO_STAGES", "DocumentTemplate", "Duo", "DuoStageChange", "Evaluation", "Event", "IntakeDraft",
    "Meeting", "MergeUndo", "Outcome", "PersonNote", "Participant", "ParticipantLanguage", "ParticipantSector", "Programme", "StatusChange",
]
