"""Possible duplicates: the same person entered twice. The one place that
says when two records are the same person, for the intake, the profile, the
participants list and the import:

- the same name (in any order: "Haddad Amal" is "Amal Haddad"; spelt on any
  keyboard: duo_desktop/text.fold) and the same birth date;
- a similar name (a typo, a letter missing: rapidfuzz's token_sort_ratio
  of the folded names at least :data:`SIMILAR_NAME`) and the same birth date;
- the same email, or the same phone number.

Each candidate carries its reasons (keys of :data:`REASONS`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..i18n import N_
from ..models import Participant
from ..text import digits, search_name

REASONS = {
    "name_birth": N_("same name and birth date"),
    "similar_name_birth": N_("similar name and same birth date"),
    "email": N_("same email"),
    "phone": N_("same phone number"),
}


#: token_sort_ratio (0-100) from which two folded names with the same birth date are one person: "amal
#: haddad" / "amal hadad" scores 95, "aissatou ndiaye" / "aissatou diallo" 80
SIMILAR_NAME = 85

#: Shorter phone keys (a typo, an extension) say nothing about who it is
MIN_PHONE_DIGITS = 6

Key = tuple[str, object]


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


def stored_keys(first_name: str, last_name: str, phone: str) -> tuple[str, str]:
    """The columns a participant keeps for finding duplicates:
    ``(search_name, phone_key)``."""
    return search_name(first_name, last_name), normalise_phone(phone)


def duplicate_keys(name_key: str, birth_date: dt.date | None, email: str, phone_key: str) -> tuple[Key, ...]:
    """The keys under which two records are the same person, one per reason
    of :data:`REASONS`: ``("name_birth", (search name, birth date))``,
    ``("email", lower-case email)``, ``("phone", phone key)``. Two records
    sharing any key are possible duplicates. Takes the stored forms
    (``Participant.search_name`` and ``phone_key``; see :func:`stored_keys`)."""
    keys: list[Key] = []
    if name_key and birth_date:
        keys.append(("name_birth", (name_in_any_order(name_key), birth_date)))
    email_key = (email or "").strip().lower()
    if email_key:
        keys.append(("email", email_key))
    if phone_key and len(phone_key) >= MIN_PHONE_DIGITS:
        keys.append(("phone", phone_key))
    return tuple(keys)


def name_in_any_order(name_key: str) -> str:
    """A folded name with its words sorted: first and last names swapped
    compare equal."""
    return " ".join(sorted(name_key.split()))


def similar_names(one: str, other: str) -> bool:
    """Two folded names that differ by a typo or the order of their words."""
    from rapidfuzz import fuzz

    return bool(one and other) and fuzz.token_sort_ratio(one, other) >= SIMILAR_NAME


def similar_groups(people: Iterable[tuple[int, str, dt.date | None]]) -> dict[int, set[int]]:
    """For ``(id, folded name, birth date)`` records: id -> the ids of the
    others with the same birth date and a similar (not equal in any order)
    name. Only people born the same day are compared, so a list of 100,000
    costs a few comparisons each."""
    by_birth: dict[dt.date, list[tuple[int, str]]] = {}
    for pid, name, birth in people:
        if birth and name:
            by_birth.setdefault(birth, []).append((pid, name))
    found: dict[int, set[int]] = {}
    for group in by_birth.values():
        if len(group) < 2:
            continue
        # each name's words sorted once, not once per pair (1.5 million calls at 100,000 people)
        keyed = [(pid, name, name_in_any_order(name)) for pid, name in group]
        for i, (one, one_name, one_key) in enumerate(keyed):
            for other, other_name, other_key in keyed[i + 1:]:
                if one_key != other_key and similar_names(one_name, other_name):
                    found.setdefault(one, set()).add(other)
                    found.setdefault(other, set()).add(one)
    return found


def typed_keys(first_name: str, last_name: str, birth_date: dt.date | None, email: str,
               phone: str) -> tuple[Key, ...]:
    """:func:`duplicate_keys` of what was typed (a form, an imported row)."""
    name_key, phone_key = stored_keys(first_name, last_name, phone)
    return duplicate_keys(name_key, birth_date, email, phone_key)


def find_candidates(session: Session, first_name: str, last_name: str, birth_date: dt.date | None,
                    email: str = "", phone: str = "", exclude_id: int | None = None) -> list[DuplicateCandidate]:
    mine = typed_keys(first_name, last_name, birth_date, email, phone)
    name_key = stored_keys(first_name, last_name, phone)[0]
    conditions = []
    for kind, value in mine:
        if kind == "name_birth":
            conditions.append(Participant.birth_date == birth_date)  # names compared below, fuzzily
        elif kind == "email":
            conditions.append(func.lower(Participant.email) == value)
        else:
            conditions.append(Participant.phone_key == value)
    if not conditions:
        return []
    query = select(Participant.id, Participant.search_name, Participant.birth_date, Participant.email,
                   Participant.phone_key).where(or_(*conditions), Participant.merged_into_id.is_(None))
    if exclude_id is not None:
        query = query.where(Participant.id != exclude_id)
    found = []
    wanted = set(mine)
    for pid, other_name, other_birth, other_email, other_phone in session.execute(query):
        theirs = duplicate_keys(other_name, other_birth, other_email, other_phone or "")
        reasons = tuple(kind for kind, value in theirs if (kind, value) in wanted)
        if "name_birth" not in reasons and birth_date and other_birth == birth_date \
                and similar_names(name_key, other_name):
            reasons = ("similar_name_birth", *reasons)
        if reasons:
            found.append(DuplicateCandidate(pid, reasons))
    return found
