"""Participant (mentor or mentee): the profile a coordinator takes at intake,
with languages, sectors, weekly availability and the dated status history."""

from __future__ import annotations

import uuid

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, Date, DateTime, ForeignKey, Index, SmallInteger, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, partial_index, str_enum, uid_column, version_column
from .enums import DayPart, Gender, LanguageLevel, ParticipantStatus, Role

if TYPE_CHECKING:
    from .branch import Branch, Coordinator

_LISTED = text("merged_into_id IS NULL AND erased_on IS NULL")


def listed_name_index() -> Index:
    """The participants listed (not merged, not anonymised) in the list's
    name order, covering the start-up list (services/participants.quick_list;
    migration 0008, issue 15)."""
    return partial_index("ix_participant_listed_name", "last_name", "first_name", "id", "status", "merged_into_id",
                         "erased_on", where=_LISTED)


class Participant(TimestampMixin, Base):
    __tablename__ = "participant"
    __table_args__ = (
        Index("ix_participant_branch_role_status", "branch_id", "role", "status"),
        Index("ix_participant_dedupe", "search_name", "birth_date"),
        listed_name_index(),
        Index("ix_participant_role_merged", "role", "merged_into_id"),  # the reports (migration 0011)
        Index("ix_participant_applied_on", "applied_on", "merged_into_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID | None] = uid_column()  # global identity (base.uid_column)
    version: Mapped[int] = version_column()  # optimistic locking (base.version_column)
    __mapper_args__ = {"version_id_col": version}
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"), index=True)
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinator.id"), index=True)
    role: Mapped[Role] = mapped_column(str_enum(Role))
    status: Mapped[ParticipantStatus] = mapped_column(
        str_enum(ParticipantStatus), default=ParticipantStatus.APPLICANT
    )
    status_since: Mapped[dt.date | None] = mapped_column(Date)
    applied_on: Mapped[dt.date | None] = mapped_column(Date)

    # Identity: stored exactly as typed, in any script
    first_name: Mapped[str] = mapped_column(String(120))
    last_name: Mapped[str] = mapped_column(String(120))
    # The surname prefix as typed at the start of last_name ("van der" of "van der Berg"; duo_desktop/text.
    # name_prefix): last_name keeps the whole surname as printed; a Dutch branch sorts without the prefix
    name_prefix: Mapped[str] = mapped_column(String(30), default="", server_default="")
    # Lower-case, accent-free "first last" for search and duplicate detection
    search_name: Mapped[str] = mapped_column(String(250), default="")
    # What the list searches in (duo_desktop/text.search_text), kept in step with the name key, email,
    # municipality and phone key on every insert and update (below); the database indexes it by
    # trigrams (store/search_index, migration 0010, issue 15)
    search_text: Mapped[str] = mapped_column(Text, default=lambda context: _search_text_of(
        context.get_current_parameters()), server_default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    gender: Mapped[Gender] = mapped_column(str_enum(Gender), default=Gender.UNSPECIFIED)

    # Contact
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    # The phone number's digits without prefixes (services/duplicates.normalise_phone),
    # kept in step with `phone` by the services, for search and duplicates
    phone_key: Mapped[str] = mapped_column(String(20), default="", index=True)
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(12), default="")
    municipality: Mapped[str] = mapped_column(String(120), default="")
    preferred_language: Mapped[str] = mapped_column(String(5), default="fr")  # for documents

    # Background and project
    education_level: Mapped[str] = mapped_column(String(40), default="")
    education: Mapped[str] = mapped_column(Text, default="")
    experience: Mapped[str] = mapped_column(Text, default="")
    professional_project: Mapped[str] = mapped_column(Text, default="")  # mentee
    career: Mapped[str] = mapped_column(Text, default="")  # mentor
    to_pass_on: Mapped[str] = mapped_column(Text, default="")  # mentor: what they want to pass on

    # Migration background and permit (mentee)
    country_of_birth: Mapped[str] = mapped_column(String(2), default="")  # ISO 3166-1
    nationality: Mapped[str] = mapped_column(String(2), default="")
    non_eu_background: Mapped[bool | None] = mapped_column()
    arrival_year: Mapped[int | None] = mapped_column(SmallInteger)
    residence_permit: Mapped[str] = mapped_column(String(60), default="")
    permit_allows_work: Mapped[bool | None] = mapped_column()
    permit_end_date: Mapped[dt.date | None] = mapped_column(Date)

    # Employment office registration (Actiris, VDAB, Le Forem, France Travail, UWV)
    employment_office: Mapped[str] = mapped_column(String(40), default="")
    employment_office_registered: Mapped[bool | None] = mapped_column()
    employment_office_since: Mapped[dt.date | None] = mapped_column(Date)
    # ESF+ characteristics at entry and the qualification gained (services/reports/esf_entry.py
    # validates the keys and values); {} when nothing was asked
    esf_entry: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")

    referral_source: Mapped[str] = mapped_column(String(60), default="")
    personality_notes: Mapped[str] = mapped_column(Text, default="")
    interests: Mapped[str] = mapped_column(Text, default="")
    weekly_hours_available: Mapped[int] = mapped_column(SmallInteger, default=2)
    # The mentee's wishes about the mentor (the matching's "preferences"): gender,
    # languages (ISO 639 codes), a sector code (services/reference.py), anything else in words
    preferred_mentor_gender: Mapped[Gender | None] = mapped_column(str_enum(Gender))  # mentee
    preferred_mentor_languages: Mapped[list[str]] = mapped_column(default=list, server_default="[]")
    preferred_mentor_sector: Mapped[str] = mapped_column(String(32), default="", server_default="")
    mentor_wishes_other: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Mentor's capacity: how many mentees at once (the branch's max_mentees_per_mentor caps it)
    max_mentees: Mapped[int] = mapped_column(SmallInteger, default=1)  # mentor

    # Consent to the processing of personal data (GDPR)
    consent_given: Mapped[bool] = mapped_column(default=False)
    consent_date: Mapped[dt.date | None] = mapped_column(Date)
    consent_version: Mapped[str] = mapped_column(String(20), default="")
    consent_scope: Mapped[list[str]] = mapped_column(default=list)

    # Eligibility overrides: rule code -> recorded reason
    eligibility_overrides: Mapped[dict[str, Any]] = mapped_column(default=dict)
    notes: Mapped[str] = mapped_column(Text, default="")
    # GDPR (services/privacy): since when the processing is restricted (kept, but out of
    # matching, lists, letters and exports), and when the person was anonymised
    restricted_since: Mapped[dt.date | None] = mapped_column(Date)
    erased_on: Mapped[dt.date | None] = mapped_column(Date)
    # When a duplicate was merged into another record, the record it went to
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id"))

    branch: Mapped[Branch] = relationship(back_populates="participants")
    coordinator: Mapped[Coordinator | None] = relationship()
    languages: Mapped[list[ParticipantLanguage]] = relationship(
        back_populates="participant", cascade="all, delete-orphan"
    )
    sectors: Mapped[list[ParticipantSector]] = relationship(
        back_populates="participant", cascade="all, delete-orphan"
    )
    availability: Mapped[list[AvailabilitySlot]] = relationship(
        back_populates="participant", cascade="all, delete-orphan"
    )
    status_history: Mapped[list[StatusChange]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", order_by="StatusChange.id"
    )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ParticipantLanguage(Base):
    __tablename__ = "participant_language"
    __table_args__ = (UniqueConstraint("participant_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(5), index=True)  # ISO 639-1/3 code
    level: Mapped[LanguageLevel] = mapped_column(str_enum(LanguageLevel))

    participant: Mapped[Participant] = relationship(back_populates="languages")


class ParticipantSector(Base):
    __tablename__ = "participant_sector"
    __table_args__ = (UniqueConstraint("participant_id", "sector"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    sector: Mapped[str] = mapped_column(String(32), index=True)  # code from services/reference.py

    participant: Mapped[Participant] = relationship(back_populates="sectors")


class AvailabilitySlot(Base):
    """One weekly slot: weekday (0 = Monday) x part of the day."""

    __tablename__ = "availability_slot"
    __table_args__ = (UniqueConstraint("participant_id", "weekday", "part"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    weekday: Mapped[int] = mapped_column(SmallInteger)
    part: Mapped[DayPart] = mapped_column(str_enum(DayPart))

    participant: Mapped[Participant] = relationship(back_populates="availability")


class StatusChange(Base):
    """Each change of a participant's status, dated and kept."""

    __tablename__ = "status_change"
    # the reports read both from the index alone (to_status, changed_on: the
    # status reached by a day; migration 0009 widened them)
    __table_args__ = (Index("ix_status_change_to_status_on", "to_status", "changed_on", "participant_id"),
                      Index("ix_status_change_participant_id", "participant_id", "to_status", "changed_on"))

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    from_status: Mapped[ParticipantStatus | None] = mapped_column(str_enum(ParticipantStatus))
    to_status: Mapped[ParticipantStatus] = mapped_column(str_enum(ParticipantStatus))
    changed_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinator.id"))

    participant: Mapped[Participant] = relationship(back_populates="status_history")


class IntakeDraft(Base):
    """An intake interview in progress, saved as it is typed so that nothing
    is lost on a crash or a closed window. Lives in the database (never in a
    temp folder) and is deleted when the intake is saved."""

    __tablename__ = "intake_draft"

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id"))
    coordinator_id: Mapped[int | None] = mapped_column(ForeignKey("coordinator.id"))
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participant.id", ondelete="CASCADE"))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


def _search_text_of(values: Mapping[str, Any]) -> str:
    from ..text import search_text  # pure text folding, no Qt nor session

    return search_text(values.get("search_name") or "", values.get("email") or "",
                       values.get("municipality") or "", values.get("phone_key") or "")


@event.listens_for(Participant, "before_insert")
@event.listens_for(Participant, "before_update")
def _keep_search_text(_mapper, _connection, target: Participant) -> None:  # noqa: ANN001
    """Every write through the ORM stores the searched text of what it writes."""
    target.search_text = _search_text_of({key: getattr(target, key) for key in (
        "search_name", "email", "municipality", "phone_key")})
