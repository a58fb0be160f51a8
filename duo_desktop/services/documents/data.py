"""Plain data a document needs, read from the database in one short session,
and the placeholder values made from it (escaped, in the document's
language)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session, selectinload

from ...i18n import LANGUAGES, Translator
from ...models import Branch, Coordinator, Duo, LanguageLevel, Participant
from ..dates import add_months
from ..duo_lifecycle import get_duo
from ..place_names import city_name, own_names
from ..reference import EMPLOYMENT_OFFICES
from ..settings.programme import programme
from . import templates
from .choices import country_key, gender_key, number_key
from .scripts import rich

READING_LEVELS = (LanguageLevel.INTERMEDIATE, LanguageLevel.FLUENT, LanguageLevel.NATIVE)


@dataclass(frozen=True)
class PersonInfo:
    id: int
    name: str
    street: str
    postal_code: str
    municipality: str
    email: str
    phone: str
    birth_date: dt.date | None
    preferred_language: str
    reads: tuple[str, ...]  # document languages (fr/nl/en) the person reads
    gender: str = "unknown"  # choices.gender_key: "female", "male", "unknown" (the inclusive forms)

    @property
    def address(self) -> str:
        town = " ".join(p for p in (self.postal_code, self.municipality) if p)
        return ", ".join(p for p in (self.street, town) if p)


@dataclass(frozen=True)
class DocumentBranch:
    """A branch as its documents print it: letterhead (its own template folder
    may override name, address and contact), logo and the rules quoted."""

    id: int
    name: str
    city: str
    address: str
    phone: str
    email: str
    employment_office: str
    duo_months: int
    min_weekly_hours: int
    default_language: str
    logo: str | None
    templates_dir: Path | None
    # The branch's own texts per document language (settings/templates.py): markup with <b>, <i>, <br/>
    letterheads: dict[str, str] = field(default_factory=dict)
    extra_clauses: dict[str, str] = field(default_factory=dict)
    country: str = "BE"  # BE, FR, NL: regional words ({belgium:…|…}, the fr_FR/nl_NL catalogs)
    city_names: dict[str, str] = field(default_factory=dict)  # its own names per language (place_names)
    organisation: str = ""  # the programme's name from the set-up wizard, above the branch's on every page


@dataclass(frozen=True)
class DuoInfo:
    id: int
    mentor: PersonInfo
    mentee: PersonInfo
    coordinator_name: str
    coordinator_email: str
    coordinator_phone: str
    branch: DocumentBranch
    signed_on: dt.date | None
    planned_end_on: dt.date | None


def person_info(p: Participant) -> PersonInfo:
    reads = [lang.language for lang in p.languages if lang.language in LANGUAGES and lang.level in READING_LEVELS]
    if p.preferred_language in LANGUAGES and p.preferred_language not in reads:
        reads.insert(0, p.preferred_language)
    return PersonInfo(p.id, p.full_name, p.street, p.postal_code, p.municipality, p.email, p.phone, p.birth_date,
                      p.preferred_language, tuple(reads), gender_key(p.gender))


def branch_info(b: Branch) -> DocumentBranch:
    """The branch as printed; its own branch.toml overrides name, address,
    phone, email and logo. The logo set in the settings (a missing file is
    left out), the letterhead and extra clauses per language come from the
    database (settings/templates.py); the organisation's name from the
    programme row (set-up wizard, settings)."""
    session = object_session(b)
    folder = templates.branch_dir(b.settings)
    own = templates.load_branch_file(folder)
    office = EMPLOYMENT_OFFICES.get(b.employment_office, b.employment_office)
    logo = own.get("logo") or (b.logo_path if b.logo_path and Path(b.logo_path).is_file() else None)
    texts = list(b.document_templates)
    return DocumentBranch(b.id, own.get("name", b.name), b.city, own.get("address", b.address),
                      own.get("phone", b.phone), own.get("email", b.email), office, b.duo_months,
                      b.min_weekly_hours, b.default_language, logo, folder,
                      {t.language: t.letterhead for t in texts if t.letterhead.strip()},
                      {t.language: t.extra_clauses for t in texts if t.extra_clauses.strip()},
                      b.country or "BE", own_names(b.settings),
                      programme(session).organisation if session is not None else "")


def duo_infos(session: Session, duo_ids: list[int]) -> dict[int, DuoInfo]:
    """Several duos read in a few queries (a batch)."""
    duos = session.scalars(select(Duo).where(Duo.id.in_(duo_ids)).options(
        selectinload(Duo.mentor).selectinload(Participant.languages),
        selectinload(Duo.mentee).selectinload(Participant.languages))).all()
    branches: dict[int, DocumentBranch] = {}
    coordinators = {c.id: c for c in session.scalars(select(Coordinator).where(
        Coordinator.id.in_({d.coordinator_id for d in duos if d.coordinator_id})))}
    out: dict[int, DuoInfo] = {}
    for duo in duos:
        if duo.branch_id not in branches:
            branches[duo.branch_id] = branch_info(session.get(Branch, duo.branch_id))
        coordinator = coordinators.get(duo.coordinator_id)
        out[duo.id] = DuoInfo(duo.id, person_info(duo.mentor), person_info(duo.mentee),
                              coordinator.full_name if coordinator else "", coordinator.email if coordinator else "",
                              coordinator.phone if coordinator else "", branches[duo.branch_id],
                              duo.agreement_signed_on, duo.planned_end_on)
    return out


def duo_info(session: Session, duo_id: int) -> DuoInfo:
    get_duo(session, duo_id)  # NotFound with a clear message
    return duo_infos(session, [duo_id])[duo_id]


def suggested_languages(info: DuoInfo) -> tuple[str, str | None]:
    """The agreement's language, and a second one when mentor and mentee
    share no reading language (a bilingual agreement)."""
    mentee, mentor = info.mentee.reads, info.mentor.reads
    shared = [lang for lang in mentee if lang in mentor]
    if shared:
        return shared[0], None
    first = mentee[0] if mentee else info.branch.default_language
    second = next((lang for lang in mentor if lang != first), None)
    return first, second


def signing_date(info: DuoInfo, chosen: dt.date | None, today: dt.date) -> dt.date:
    """The date an agreement is signed on, printed as its start and in
    "Signed in {city} on {date}": the date chosen (the agreement dialog's
    field, ``agreement --date``), else the duo's recorded signature date,
    else ``today``. The dialog presets its field with it (QA item 16)."""
    return chosen or info.signed_on or today


def period(info: DuoInfo, start_on: dt.date | None, today: dt.date) -> tuple[dt.date, dt.date]:
    """Start and planned end: as signed, or from the chosen start date."""
    if info.signed_on and start_on is None:
        return info.signed_on, info.planned_end_on or add_months(info.signed_on, info.branch.duo_months)
    start = signing_date(info, start_on, today)
    return start, add_months(start, info.branch.duo_months)


def branch_values(branch: DocumentBranch, tr: Translator) -> dict[str, str]:
    return {
        "branch_name": rich(branch.name),
        "branch_city": rich(city_name(branch.city, tr.lang, branch.city_names)),  # Brussel in Dutch
        "branch_address": rich(branch.address),
        "branch_phone": rich(branch.phone),
        "branch_email": rich(branch.email),
        # the branch's contact details without the ones it left empty
        "branch_contact": rich(" · ".join(p for p in (branch.address, branch.phone, branch.email) if p.strip())),
        "branch_reach": rich(" ({})".format(", ".join(p for p in (branch.email, branch.phone) if p.strip()))
                             if (branch.email.strip() or branch.phone.strip()) else ""),
        "employment_office": rich(branch.employment_office),
        "months": tr.format_number(branch.duo_months),
        "hours": tr.format_number(branch.min_weekly_hours),
        "belgium": country_key(branch.country),
        "months_form": number_key(branch.duo_months),
        "hours_form": number_key(branch.min_weekly_hours),
    }


def duo_values(info: DuoInfo, tr: Translator, start: dt.date, end: dt.date, today: dt.date) -> dict[str, str]:
    values = branch_values(info.branch, tr)
    values.update(
        mentee=info.mentee.gender,
        mentor=info.mentor.gender,
        mentee_name=rich(info.mentee.name),
        mentor_name=rich(info.mentor.name),
        mentee_address=rich(info.mentee.address),
        mentor_address=rich(info.mentor.address),
        coordinator_name=rich(info.coordinator_name),
        coordinator_email=rich(info.coordinator_email),
        coordinator_phone=rich(info.coordinator_phone),
        # name · email · phone without the empty ones (the agreement's contact line)
        coordinator_contact=rich(" · ".join(p for p in (info.coordinator_name, info.coordinator_email,
                                                         info.coordinator_phone) if p.strip())),
        start_date=tr.format_date(start, "long"),
        end_date=tr.format_date(end, "long"),
        date=tr.format_date(today, "long"),
    )
    return values


BRANCH_PLACEHOLDERS = frozenset(("branch_name", "branch_city", "branch_address", "branch_phone", "branch_email",
                                 "branch_contact", "branch_reach", "employment_office", "months", "hours",
                                 "belgium", "months_form", "hours_form"))
DUO_PLACEHOLDERS = BRANCH_PLACEHOLDERS | frozenset((
    "mentee", "mentor", "mentee_name", "mentor_name", "mentee_address", "mentor_address", "coordinator_name", "coordinator_email",
    "coordinator_phone", "coordinator_contact", "start_date", "end_date", "date"))
