"""Possible duplicates: the same person entered twice (same name and birth
date, or the same email or phone number)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from ..i18n import N_
from ..models import Participant
from .text import digits, search_name

REASONS = {
    "name_birth": N_("same name and birth date"),
    "email": N_("same email"),
    "phone": N_("same phone number"),
}


@dataclass(frozen=True)
class DuplicateCandidate:
    participant_id: int
    reasons: tuple[str, ...]  # keys of REASONS, translated at display time


def normalise_phone(phone: str) -> str:
    """Digits only, without a leading 00/0 or country code prefix, so
    '+32 470 12 34 56' and '0470/12.34.56' compare equal."""
    d = digits(phone)
    if d.startswith("00"):
        d = d[2:]
    for prefix in ("32", "33", "31"):
        if d.startswith(prefix) and len(d) >= 10:
            d = d[len(prefix):]
            break
    return d.lstrip("0")


def find_candidates(session: Session, first_name: str, last_name: str, birth_date: dt.date | None,
                    email: str = "", phone: str = "", exclude_id: int | None = None) -> list[DuplicateCandidate]:
    name = search_name(first_name, last_name)
    conditions = []
    if name and birth_date:
        conditions.append(and_(Participant.search_name == name, Participant.birth_date == birth_date))
    email_key = email.strip().lower()
    if email_key:
        conditions.append(func.lower(Participant.email) == email_key)
    phone_key = normalise_phone(phone)
    if len(phone_key) >= 6:
        conditions.append(Participant.phone_key == phone_key)
    if not conditions:
        return []
    query = select(Participant.id, Participant.search_name, Participant.birth_date, Participant.email,
                   Participant.phone_key).where(or_(*conditions), Participant.merged_into_id.is_(None))
    if exclude_id is not None:
        query = query.where(Participant.id != exclude_id)
    found = []
    for pid, other_name, other_birth, other_email, other_phone in session.execute(query):
        reasons = []
        if birth_date and other_name == name and other_birth == birth_date:
            reasons.append("name_birth")
        if email_key and other_email.lower() == email_key:
            reasons.append("email")
        if len(phone_key) >= 6 and other_phone == phone_key:
            reasons.append("phone")
        if reasons:
            found.append(DuplicateCandidate(pid, tuple(reasons)))
    return found
