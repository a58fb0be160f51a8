"""Small builders of synthetic records for tests (never real people)."""

from __future__ import annotations

import datetime as dt
import itertools

from sqlalchemy.orm import Session

from duo_desktop.models import (
    AvailabilitySlot,
    Branch,
    Coordinator,
    DayPart,
    Gender,
    LanguageLevel,
    Participant,
    ParticipantLanguage,
    ParticipantSector,
    ParticipantStatus,
    Role,
)
from duo_desktop.text import search_name

_counter = itertools.count(1)


def branch(session: Session, code: str = "BXL", city: str = "Bruxelles", country: str = "BE",
           office: str = "actiris", **kwargs) -> Branch:
    b = Branch(code=code, name=f"DUO for a JOB {city}", city=city, country=country,
               employment_office=office, **kwargs)
    session.add(b)
    session.flush()
    return b


def coordinator(session: Session, b: Branch, first: str = "Camille", last: str = "Test") -> Coordinator:
    c = Coordinator(branch_id=b.id, first_name=first, last_name=last)
    session.add(c)
    session.flush()
    return c


def participant(session: Session, b: Branch, role: Role = Role.MENTEE, first: str | None = None,
                last: str = "Testeur", birth: dt.date | None = None,
                status: ParticipantStatus = ParticipantStatus.READY_TO_MATCH,
                languages: dict[str, LanguageLevel] | None = None, sectors: list[str] | None = None,
                slots: list[tuple[int, DayPart]] | None = None, **kwargs) -> Participant:
    n = next(_counter)
    first = first or f"Prénom{n}"
    if birth is None:
        birth = dt.date(2000, 1, 1) if role is Role.MENTEE else dt.date(1960, 1, 1)
    from duo_desktop.services.duplicates import normalise_phone

    kwargs.setdefault("phone_key", normalise_phone(kwargs.get("phone", "")))
    # test people consented to the programme and to the follow-up, unless told otherwise
    kwargs.setdefault("consent_given", True)
    kwargs.setdefault("consent_scope", ["programme", "follow_up"])
    p = Participant(branch_id=b.id, role=role, status=status, first_name=first, last_name=last,
                    search_name=search_name(first, last), birth_date=birth,
                    gender=kwargs.pop("gender", Gender.UNSPECIFIED),
                    applied_on=kwargs.pop("applied_on", dt.date(2026, 1, 5)), **kwargs)
    for code, level in (languages or {"fr": LanguageLevel.FLUENT}).items():
        p.languages.append(ParticipantLanguage(language=code, level=level))
    for code in sectors or ["logistics"]:
        p.sectors.append(ParticipantSector(sector=code))
    for weekday, part in slots or [(0, DayPart.MORNING), (2, DayPart.AFTERNOON)]:
        p.availability.append(AvailabilitySlot(weekday=weekday, part=part))
    session.add(p)
    session.flush()
    return p
