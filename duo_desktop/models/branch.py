"""Branch (a city office) with its eligibility and matching settings, and its
coordinators. Eligibility rules are data here, never constants in code."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin

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


class Branch(TimestampMixin, Base):
    __tablename__ = "branch"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    city: Mapped[str] = mapped_column(String(80))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2: BE, FR, NL
    employment_office: Mapped[str] = mapped_column(String(40))  # Actiris, VDAB, Le Forem...
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    email: Mapped[str] = mapped_column(String(120), default="")
    default_language: Mapped[str] = mapped_column(String(5), default="fr")

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

    # Matching weights per criterion (see services/matching), editable per branch
    matching_weights: Mapped[dict[str, Any]] = mapped_column(default=lambda: dict(DEFAULT_MATCHING_WEIGHTS))
    # Free-form extra settings (template overrides, logo path...)
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)

    coordinators: Mapped[list[Coordinator]] = relationship(back_populates="branch")
    participants: Mapped[list[Participant]] = relationship(back_populates="branch")


class Coordinator(TimestampMixin, Base):
    __tablename__ = "coordinator"

    id: Mapped[int] = mapped_column(primary_key=True)
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
