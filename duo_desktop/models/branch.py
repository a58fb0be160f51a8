"""Branch (a city office) with its eligibility, matching and follow-up
settings, its document templates per language, and its coordinators.
Eligibility rules are data here, never constants in code.

``Programme`` is the one row that describes the whole database: the
organisation's name and whether the database holds the synthetic demo."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, uid_column

if TYPE_CHECKING:
    from .participant import Participant

DEFAULT_MATCHING_WEIGHTS: dict[str, float] = {
    "sector": 3.0,
    "languages": 2.0,
    "availability": 2.0,
    "distance": 1.5,
    "interests": 1.0,
    "preferences": 2.0,
    "waiting": 1.0,
}

# Months after a duo's end when its outcome is asked (0 = at the end).
# A branch funded by the European Social Fund adds 1 ("within 4 weeks") and 6.
DEFAULT_FOLLOWUP_MONTHS: list[int] = [0, 3, 12]


class Branch(TimestampMixin, Base):
    __tablename__ = "branch"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID | None] = uid_column()  # global identity (base.uid_column)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    city: Mapped[str] = mapped_column(String(80))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2: BE, FR, NL
    employment_office: Mapped[str] = mapped_column(String(40))  # Actiris, VDAB, Le Forem...
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    default_language: Mapped[str] = mapped_column(String(5), default="fr")  # language of its documents
    # A closed branch is kept with its history; it takes no new participants.
    active: Mapped[bool] = mapped_column(default=True, server_default="1")
    # Image printed in the header of the branch's documents (absolute path), or "".
    logo_path: Mapped[str] = mapped_column(String(500), default="", server_default="")

    # Eligibility settings
    mentee_min_age: Mapped[int] = mapped_column(default=18)
    mentee_max_age: Mapped[int] = mapped_column(default=30)
    mentor_min_age: Mapped[int] = mapped_column(default=50)
    require_non_eu_background: Mapped[bool] = mapped_column(default=True)
    require_work_permit: Mapped[bool] = mapped_column(default=True)
    require_employment_office: Mapped[bool] = mapped_column(default=True)
    min_weekly_hours: Mapped[int] = mapped_column(default=2)
    duo_months: Mapped[int] = mapped_column(default=6)
    max_mentees_per_mentor: Mapped[int] = mapped_column(default=1)
    meetings_per_week: Mapped[int] = mapped_column(default=1, server_default="1")
    # Months after the end when outcomes are asked, ascending (DEFAULT_FOLLOWUP_MONTHS)
    followup_months: Mapped[list[int]] = mapped_column(default=lambda: list(DEFAULT_FOLLOWUP_MONTHS),
                                                       server_default="[0, 3, 12]")

    # Matching weights per criterion (see services/matching), editable per branch
    matching_weights: Mapped[dict[str, Any]] = mapped_column(default=lambda: dict(DEFAULT_MATCHING_WEIGHTS))
    # Free-form extra settings (template overrides, logo path...)
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)

    coordinators: Mapped[list[Coordinator]] = relationship(back_populates="branch")
    participants: Mapped[list[Participant]] = relationship(back_populates="branch")
    document_templates: Mapped[list[DocumentTemplate]] = relationship(
        back_populates="branch", cascade="all, delete-orphan")


class Coordinator(TimestampMixin, Base):
    __tablename__ = "coordinator"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID | None] = uid_column()  # global identity (base.uid_column)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id"), index=True)
    first_name: Mapped[str] = mapped_column(String(80))
    last_name: Mapped[str] = mapped_column(String(80))
    email: Mapped[str] = mapped_column(String(120), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    active: Mapped[bool] = mapped_column(default=True)

    branch: Mapped[Branch] = relationship(back_populates="coordinators")

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class DocumentTemplate(TimestampMixin, Base):
    """A branch's letterhead and extra agreement clauses in one language
    (fr, nl or en). Texts may hold <b>, <i> and <br/> like the programme's
    own templates."""

    __tablename__ = "document_template"
    __table_args__ = (UniqueConstraint("branch_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(5))
    letterhead: Mapped[str] = mapped_column(Text, default="")
    extra_clauses: Mapped[str] = mapped_column(Text, default="")

    branch: Mapped[Branch] = relationship(back_populates="document_templates")


class Programme(TimestampMixin, Base):
    """The one row describing the database: the organisation and whether
    it holds the synthetic demo (``is_demo``); demo and real data never mix."""

    __tablename__ = "programme"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str] = mapped_column(String(200), default="")
    is_demo: Mapped[bool] = mapped_column(default=False)
