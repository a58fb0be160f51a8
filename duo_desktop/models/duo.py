"""Duo: a mentor and a mentee from proposal to outcome, with the dated history
of its stages. Allowed stage moves are in services/duo_lifecycle.py."""

from __future__ import annotations

import uuid

import datetime as dt

from sqlalchemy import Date, DateTime, Float, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, partial_index, str_enum, uid_column, version_column
from .enums import Decision, DuoStage, EndReason
from .participant import Participant

# A duo in one of these stages holds its mentee (and one of its mentor's places).
OPEN_STAGES = (DuoStage.PROPOSED, DuoStage.FIRST_MEETING_PLANNED, DuoStage.AWAITING_AGREEMENT, DuoStage.ACTIVE)
_OPEN = text("stage IN ({})".format(", ".join(f"'{s.value}'" for s in OPEN_STAGES)))


def open_mentee_index() -> Index:
    """A mentee is in at most one open duo: a partial unique index, kept by
    the database itself on SQLite and PostgreSQL (migration 0003)."""
    return partial_index("uq_duo_open_mentee", "mentee_id", unique=True, where=_OPEN)


class Duo(TimestampMixin, Base):
    __tablename__ = "duo"
    __table_args__ = (
        Index("ix_duo_branch_stage", "branch_id", "stage"),
        Index("ix_duo_pair", "mentor_id", "mentee_id"),
        # the reports count duos by the day they were proposed, started and ended
        Index("ix_duo_proposed_on", "proposed_on", "mentee_id"),  # mentee_id, stage, ended_on: the reports (0011)
        Index("ix_duo_agreement_signed_on", "agreement_signed_on", "stage", "ended_on"),
        Index("ix_duo_ended_on", "ended_on"),
        Index("ix_duo_mentor_proposed", "mentor_id", "proposed_on", "stage"),  # the reports (migration 0009)
        Index("ix_duo_mentee_proposed", "mentee_id", "proposed_on"),
        Index("ix_duo_stage_ended", "stage", "ended_on", "end_reason", "mentee_id", "mentor_id", "proposed_on",
              "agreement_signed_on"),  # mentee_id and after: the reports (0011)
        open_mentee_index(),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID | None] = uid_column()  # global identity (base.uid_column)
    version: Mapped[int] = version_column()  # optimistic locking (base.version_column)
    __mapper_args__ = {"version_id_col": version}
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"))
    mentor_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    mentee_id: Mapped[int] = mapped_column(ForeignKey("participant.id"), index=True)
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinator.id"), index=True)
    stage: Mapped[DuoStage] = mapped_column(str_enum(DuoStage), default=DuoStage.PROPOSED)

    # Step 4: proposal
    proposed_on: Mapped[dt.date] = mapped_column(Date)
    match_score: Mapped[float | None] = mapped_column(Float)  # out of 100, as the matching board shows it
    # Step 5: first meeting and the two independent decisions
    first_meeting_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    first_meeting_place: Mapped[str] = mapped_column(String(200), default="")
    mentor_decision: Mapped[Decision] = mapped_column(str_enum(Decision), default=Decision.PENDING)
    mentor_decided_on: Mapped[dt.date | None] = mapped_column(Date)
    mentee_decision: Mapped[Decision] = mapped_column(str_enum(Decision), default=Decision.PENDING)
    mentee_decided_on: Mapped[dt.date | None] = mapped_column(Date)
    refusal_reason: Mapped[str] = mapped_column(Text, default="")
    # Step 6: agreement and charter
    agreement_signed_on: Mapped[dt.date | None] = mapped_column(Date)
    agreement_language: Mapped[str] = mapped_column(String(5), default="")
    planned_end_on: Mapped[dt.date | None] = mapped_column(Date)
    # End of the mentoring period
    ended_on: Mapped[dt.date | None] = mapped_column(Date)
    end_reason: Mapped[EndReason | None] = mapped_column(str_enum(EndReason))
    end_note: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    mentor: Mapped[Participant] = relationship(foreign_keys=[mentor_id])
    mentee: Mapped[Participant] = relationship(foreign_keys=[mentee_id])
    stage_history: Mapped[list[DuoStageChange]] = relationship(
        back_populates="duo", cascade="all, delete-orphan", order_by="DuoStageChange.id"
    )


class DuoStageChange(Base):
    __tablename__ = "duo_stage_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    duo_id: Mapped[int] = mapped_column(ForeignKey("duo.id", ondelete="CASCADE"), index=True)
    from_stage: Mapped[DuoStage | None] = mapped_column(str_enum(DuoStage))
    to_stage: Mapped[DuoStage] = mapped_column(str_enum(DuoStage))
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinator.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    duo: Mapped[Duo] = relationship(back_populates="stage_history")
