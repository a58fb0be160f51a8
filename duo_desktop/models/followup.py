"""What happens during and after a duo: weekly meetings, coordinator
check-ins, the end evaluation and the outcomes (steps 7 and 8)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TimestampMixin, str_enum
from .enums import (
    CheckInWith,
    ContractType,
    MeetingChannel,
    ObjectivesReached,
    OutcomeKind,
    OutcomeMoment,
    Respondent,
)


class Meeting(Base):
    """A duo's weekly meeting."""

    __tablename__ = "meeting"
    __table_args__ = (Index("ix_meeting_duo_held_on", "duo_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    duo_id: Mapped[int] = mapped_column(ForeignKey("duo.id", ondelete="CASCADE"))
    held_on: Mapped[dt.date] = mapped_column(Date)
    duration_minutes: Mapped[int] = mapped_column(SmallInteger, default=120)
    channel: Mapped[MeetingChannel] = mapped_column(
        str_enum(MeetingChannel), default=MeetingChannel.IN_PERSON
    )
    topics: Mapped[list[str]] = mapped_column(default=list)  # MeetingTopic values
    note: Mapped[str] = mapped_column(Text, default="")


class CheckIn(Base):
    """A coordinator's contact with a duo."""

    __tablename__ = "check_in"
    __table_args__ = (Index("ix_check_in_duo_held_on", "duo_id", "held_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    duo_id: Mapped[int] = mapped_column(ForeignKey("duo.id", ondelete="CASCADE"))
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinator.id"))
    held_on: Mapped[dt.date] = mapped_column(Date)
    with_whom: Mapped[CheckInWith] = mapped_column(str_enum(CheckInWith), default=CheckInWith.BOTH)
    channel: Mapped[MeetingChannel] = mapped_column(
        str_enum(MeetingChannel), default=MeetingChannel.PHONE
    )
    rating: Mapped[int] = mapped_column(SmallInteger, default=3)  # 1 (bad) .. 5 (very good)
    concerns: Mapped[str] = mapped_column(Text, default="")
    follow_up_needed: Mapped[bool] = mapped_column(default=False)


class Evaluation(TimestampMixin, Base):
    """The end evaluation, one per side of the duo."""

    __tablename__ = "evaluation"
    __table_args__ = (Index("ix_evaluation_duo", "duo_id", "respondent", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    duo_id: Mapped[int] = mapped_column(ForeignKey("duo.id", ondelete="CASCADE"))
    respondent: Mapped[Respondent] = mapped_column(str_enum(Respondent))
    completed_on: Mapped[dt.date] = mapped_column(Date)
    objectives_reached: Mapped[ObjectivesReached] = mapped_column(str_enum(ObjectivesReached))
    satisfaction: Mapped[int] = mapped_column(SmallInteger)  # 1..5
    gains: Mapped[list[str]] = mapped_column(default=list)  # Gain values
    wants_new_duo: Mapped[bool | None] = mapped_column()  # mentor only
    comments: Mapped[str] = mapped_column(Text, default="")


class Outcome(TimestampMixin, Base):
    """What became of the mentee, learnt at the end, at 3 or at 12 months."""

    __tablename__ = "outcome"
    # kind: the reports (0009); outcome_date, learnt_on: the reports (0011)
    __table_args__ = (Index("ix_outcome_duo_moment", "duo_id", "moment", "kind", "outcome_date", "learnt_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    duo_id: Mapped[int] = mapped_column(ForeignKey("duo.id", ondelete="CASCADE"))
    kind: Mapped[OutcomeKind] = mapped_column(str_enum(OutcomeKind))
    contract_type: Mapped[ContractType | None] = mapped_column(str_enum(ContractType))
    sector: Mapped[str] = mapped_column(String(32), default="")
    outcome_date: Mapped[dt.date | None] = mapped_column(Date)  # when it started
    moment: Mapped[OutcomeMoment] = mapped_column(str_enum(OutcomeMoment))
    learnt_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
