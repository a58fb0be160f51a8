"""Dated notes on a person, and the snapshot that lets a merge be undone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date, DateTime, ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class PersonNote(Base):
    """One dated note a coordinator wrote about a participant (a call, a
    change of plans): a list beside the profile's single free-text box.
    Personal data: exported (access), blanked by erasure, audited."""

    __tablename__ = "person_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    noted_on: Mapped[dt.date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinator.id"))
    written_at: Mapped[dt.datetime] = mapped_column(DateTime)
    edited_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class MergeUndo(Base):
    """What one merge changed, so that "Undo merge" can put both records
    back exactly (services/merge_undo.py): the two records' columns before
    the merge, the ids of the rows moved and the values overwritten. Holds
    personal data for the undo window only (merge_undo.UNDO_DAYS); deleted by
    the undo, by the end of the window and by either person's erasure."""

    __tablename__ = "merge_undo"

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), index=True)
    merged_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"), unique=True)
    merged_at: Mapped[dt.datetime] = mapped_column(DateTime)
    kept_version: Mapped[int] = mapped_column()  # the kept record's version right after the merge
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
