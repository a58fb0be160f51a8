"""Branches: create, update, close (a closed branch keeps its history and
takes nobody new), list. Rules of eligibility are in ``rules.py``.

    BRANCH_FIELDS                      the fields a form or a file may set
    branch_problems(session, values, branch_id=None) -> list[RuleError]
    create_branch(session, values, now, coordinator_id=None) -> int
    update_branch(session, branch_id, values, now, coordinator_id=None) -> list[str]   fields changed
    close_branch / reopen_branch(session, branch_id, now, coordinator_id=None) -> bool  changed?
    branch_values(session, branch_id) -> dict      every field, for a form
    list_branches(session, include_closed=True) -> list[BranchRow]

``values`` is a dict of field -> value (only the fields to change on
update). Errors are RuleError with ``field`` set: a duplicate code, an
unknown country (BE, FR, NL), an employment office that country does not
have (reference.BRANCH_COUNTRIES), a bad email, a missing name, city or
code. Every change writes one audit row (field names, never values).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ... import i18n
from ...i18n import N_
from ...models import Branch, Coordinator, Participant
from .. import audit
from ..errors import NotFound, RuleError
from ..reference import BRANCH_COUNTRIES, employment_offices
from . import common as c

BRANCH_FIELDS = ("code", "name", "city", "country", "employment_office", "address", "phone", "email",
                 "logo_path", "default_language", "active")
_REQUIRED = ("code", "name", "city", "country", "employment_office")
_LIMITS = {"code": 16, "name": 120, "city": 80, "address": 200, "phone": 40, "email": 120, "logo_path": 500}
_CODE = re.compile(r"^[A-Za-z0-9_-]+$")
# A new branch's employment office when none is given: the country's first.
_DEFAULTS = {"address": "", "phone": "", "email": "", "logo_path": "", "default_language": "", "active": True}


@dataclass(frozen=True)
class BranchRow:
    id: int
    code: str
    name: str
    city: str
    country: str
    employment_office: str
    default_language: str
    active: bool
    coordinators: int  # active ones
    participants: int

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def get_branch(session: Session, branch_id: int) -> Branch:
    branch = session.get(Branch, branch_id)
    if branch is None:
        raise NotFound(N_("There is no branch “{code}”."), code=branch_id)
    return branch


def find_by_code(session: Session, code: str) -> Branch | None:
    return session.scalar(select(Branch).where(func.upper(Branch.code) == code.strip().upper()))


def branch_problems(session: Session, values: dict[str, Any], branch_id: int | None = None) -> list[RuleError]:
    """Every problem of ``values`` (a new branch when ``branch_id`` is None;
    otherwise the changed fields, checked against the rest of the branch)."""
    problems = c.unknown_fields(values, BRANCH_FIELDS)
    merged = dict(branch_values(session, branch_id)) if branch_id is not None else dict(_DEFAULTS)
    merged.update(values)
    for field in _REQUIRED:
        if (branch_id is None or field in values) and (p := c.required(merged, field)):
            problems.append(p)
    problems += [p for f, n in _LIMITS.items() if f in values and (p := c.too_long(merged, f, n))]
    code = c.text(merged, "code")
    if code and not _CODE.match(code) and "code" in values:
        problems.append(c.error(N_("{label}: letters, digits, “-” and “_” only, no spaces."), "code_chars", "code"))
    elif code and (branch_id is None or "code" in values):
        other = find_by_code(session, code)
        if other is not None and other.id != branch_id:
            problems.append(c.error(N_("{label}: another branch already has the code “{value}”."), "duplicate_code",
                                    "code", value=code))
    country = c.text(merged, "country").upper()
    if country and country not in BRANCH_COUNTRIES and (branch_id is None or "country" in values):
        problems.append(c.error(N_("{label}: “{value}” is not a country the programme works in ({known})."),
                                "unknown_country", "country", value=country, known=", ".join(BRANCH_COUNTRIES)))
    elif country and ("country" in values or "employment_office" in values or branch_id is None):
        office = c.text(merged, "employment_office").lower()
        if office and office not in employment_offices(country):
            problems.append(c.error(
                N_("{label}: “{value}” is not an employment office in {country} (choose one of {known})."),
                "unknown_office", "employment_office", value=office, country=country,
                known=", ".join(employment_offices(country))))
    logo = c.text(merged, "logo_path")
    if "logo_path" in values and logo and not Path(logo).is_file():
        problems.append(c.error(N_("{label}: there is no image file “{value}”."), "logo_missing", "logo_path",
                                value=logo))
    if "email" in values and (p := c.bad_email(merged)):
        problems.append(p)
    language = c.text(merged, "default_language")
    if "default_language" in values and language and language not in i18n.LANGUAGES:
        problems.append(c.error(N_("{label}: choose one of {known}."), "unknown_language", "default_language",
                                known=", ".join(i18n.LANGUAGES)))
    if "active" in values and not isinstance(values["active"], bool):
        problems.append(c.yes_no(values, "active")[1])
    return problems


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for field, value in values.items():
        if field == "active":
            out[field] = bool(value)
        elif field == "country":
            out[field] = str(value).strip().upper()
        elif field == "employment_office":
            out[field] = str(value).strip().lower()
        else:
            out[field] = "" if value is None else str(value).strip()
    return out


def create_branch(session: Session, values: dict[str, Any], now: dt.datetime,
                  coordinator_id: int | None = None) -> int:
    """A new branch with the default rules (18-30, mentors 50+, six months...)."""
    c.first(branch_problems(session, values))
    data = _clean({**_DEFAULTS, **values})
    if not data["default_language"]:
        data["default_language"] = {"NL": "nl", "FR": "fr"}.get(data["country"], "fr")
    branch = Branch(**data)
    session.add(branch)
    session.flush()
    audit.record(session, "create", "branch", branch.id, now, coordinator_id, code=branch.code)
    return branch.id


def update_branch(session: Session, branch_id: int, values: dict[str, Any], now: dt.datetime,
                  coordinator_id: int | None = None) -> list[str]:
    branch = get_branch(session, branch_id)
    c.first(branch_problems(session, values, branch_id))
    changed = [f for f, v in _clean(values).items() if getattr(branch, f) != v]
    for field in changed:
        setattr(branch, field, _clean(values)[field])
    if changed:
        audit.record(session, "update", "branch", branch_id, now, coordinator_id, fields=changed)
    return changed


def close_branch(session: Session, branch_id: int, now: dt.datetime, coordinator_id: int | None = None) -> bool:
    return bool(update_branch(session, branch_id, {"active": False}, now, coordinator_id))


def reopen_branch(session: Session, branch_id: int, now: dt.datetime, coordinator_id: int | None = None) -> bool:
    return bool(update_branch(session, branch_id, {"active": True}, now, coordinator_id))


def branch_values(session: Session, branch_id: int) -> dict[str, Any]:
    branch = get_branch(session, branch_id)
    return {field: getattr(branch, field) for field in BRANCH_FIELDS}


def list_branches(session: Session, include_closed: bool = True) -> list[BranchRow]:
    """Every branch by code, with how many active coordinators and participants it has."""
    coordinators = dict(session.execute(select(Coordinator.branch_id, func.count()).where(
        Coordinator.active.is_(True)).group_by(Coordinator.branch_id)).all())
    participants = dict(session.execute(select(Participant.branch_id, func.count()).where(
        Participant.merged_into_id.is_(None)).group_by(Participant.branch_id)).all())
    query = select(Branch).order_by(Branch.code)
    if not include_closed:
        query = query.where(Branch.active.is_(True))
    return [BranchRow(b.id, b.code, b.name, b.city, b.country, b.employment_office, b.default_language, b.active,
                      coordinators.get(b.id, 0), participants.get(b.id, 0)) for b in session.scalars(query)]
