"""Events of a branch (information sessions, trainings, intervisions) and who
was invited and who attended."""

from __future__ import annotations

import uuid

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, str_enum, uid_column, version_column
from .enums import AttendanceStatus, EventKind


class Event(TimestampMixin, Base):
    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID | None] = uid_column()  # global identity (base.uid_column)
    version: Mapped[int] = version_column()  # optimistic locking (base.version_column)
    __mapper_args__ = {"version_id_col": version}
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"), index=True)
    kind: Mapped[EventKind] = mapped_column(str_enum(EventKind))
    title: Mapped[str] = mapped_column(String(200), default="")
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    ends_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    place: Mapped[str] = mapped_column(String(200), default="")
    capacity: Mapped[int | None] = mapped_column()
    # A training may span several days; a mentor completes it by attending.
    notes: Mapped[str] = mapped_column(Text, default="")

    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="event", cascade="all, delete-orphan"
    )


class Attendance(Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("event_id", "participant_id"),
                      Index("ix_attendance_event_status", "event_id", "status", "participant_id"))  # reports (0011)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[AttendanceStatus] = mapped_column(
        str_enum(AttendanceStatus), default=AttendanceStatus.INVITED
    )

    event: Mapped[Event] = relationship(back_populates="attendances")
