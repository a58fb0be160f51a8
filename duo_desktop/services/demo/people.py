"""The profile of one synthetic participant as a coordinator records it at
intake: identity, contact, background, languages, sectors and availability,
consistent with the person's role, culture and branch."""

from __future__ import annotations

import datetime as dt

from ...models import DayPart, Gender, LanguageLevel, Role
from ..duplicates import stored_keys
from ..reference import SECTORS
from ...text import fold, name_prefix
from .names import Culture
from .places import BranchSpec, phone_number, street_address
from .texts import TEXTS
from .timeline import weighted

L = LanguageLevel
SECTOR_CODES = tuple(sorted(SECTORS))
MENTEE_SECTOR_WEIGHTS = {"logistics": 9, "retail": 8, "hospitality": 8, "care": 8, "it": 6, "administration": 7,
                         "construction": 6, "cleaning": 4, "healthcare": 6, "finance": 4, "transport": 5,
                         "industry": 4, "beauty": 3, "education": 3, "engineering": 3, "security": 3,
                         "marketing": 2, "culture": 2, "law": 1, "agriculture": 1}
MENTOR_SECTOR_WEIGHTS = {**MENTEE_SECTOR_WEIGHTS, "finance": 8, "engineering": 7, "education": 7, "law": 4,
                         "administration": 8, "cleaning": 1, "security": 1, "beauty": 1}
SLOTS = tuple((weekday, part) for weekday in range(6) for part in DayPart)  # in week order
WEEKDAY_SLOTS = tuple(s for s in SLOTS if s[0] < 5)
SATURDAY_SLOTS = tuple(s for s in SLOTS if s[0] == 5)
EDUCATION_LEVELS = ("primary", "lower_secondary", "upper_secondary", "vocational", "bachelor", "master")
PERMITS = ("refugee", "subsidiary_protection", "family_reunification", "single_permit", "temporary_protection",
           "permanent_residence")
REFERRALS = (("employment_office", 30), ("social_services", 18), ("friend", 16), ("former_participant", 9),
             ("social_media", 9), ("website", 8), ("association", 7), ("press", 2), ("other", 1))


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def birth_date(rng, on: dt.date, age: int) -> dt.date:  # noqa: ANN001
    """A birth date that makes the person ``age`` years old on ``on``."""
    return add_years(on, -age) - dt.timedelta(days=rng.randint(0, 360))


def _sample_weighted(rng, weights: dict[str, int], k: int) -> list[str]:  # noqa: ANN001
    chosen: list[str] = []
    while len(chosen) < k:
        code = weighted(rng, weights)
        if code not in chosen:
            chosen.append(code)
    return chosen


def languages(rng, role: Role, culture: Culture, spec: BranchSpec, country: str) -> list[tuple[str, L]]:  # noqa: ANN001
    main = spec.languages[0]
    out: dict[str, L] = {}
    if role is Role.MENTEE:
        native = {"BR": "pt", "RU": "ru", "BY": "ru", "GE": "ka"}.get(country, culture.languages[0])
        native = native if native != "ka" else "ru"
        out[native] = L.NATIVE
        if culture.key == "cyrillic" and native == "uk":
            out["ru"] = L.FLUENT
        if main not in out:
            if main == "fr" and culture.key in ("maghreb", "central_africa"):
                out[main] = rng.choice((L.FLUENT, L.FLUENT, L.NATIVE))
            else:
                out[main] = rng.choice((L.BASIC, L.INTERMEDIATE, L.INTERMEDIATE, L.FLUENT))
        for extra in culture.languages[1:]:
            if extra not in out and rng.random() < 0.45:
                out[extra] = rng.choice((L.INTERMEDIATE, L.FLUENT))
        if "en" not in out and rng.random() < 0.35:
            out["en"] = rng.choice((L.BASIC, L.INTERMEDIATE))
    else:
        if culture.key == "mentor_migrant":
            out[rng.choice(("ar", "tr", "ar", "ru"))] = L.NATIVE
            out[main] = L.FLUENT
        else:
            out[culture.languages[0]] = L.NATIVE
        if main not in out:
            out[main] = L.FLUENT
        for extra in culture.languages[1:]:
            if extra not in out and rng.random() < 0.6:
                out[extra] = rng.choice((L.BASIC, L.INTERMEDIATE, L.FLUENT))
    return list(out.items())


def availability(rng, role: Role) -> list[tuple[int, DayPart]]:  # noqa: ANN001
    count = rng.randint(2, 5) if role is Role.MENTEE else rng.randint(2, 6)
    pool = WEEKDAY_SLOTS + SATURDAY_SLOTS if rng.random() < 0.3 else WEEKDAY_SLOTS
    return sorted(rng.sample(pool, count), key=SLOTS.index)


def profile(rng, pid: int, role: Role, spec: BranchSpec, culture: Culture, first: str, last: str,  # noqa: ANN001, PLR0913
            female: bool, birth: dt.date, applied: dt.date, intake_on: dt.date | None, place, lang: str,
            ne_reason: str = "") -> dict:
    """Participant columns (without status and ids of other tables)."""
    texts = TEXTS[lang]
    country = rng.choice(culture.countries)
    email = ""
    if rng.random() < 0.92:
        if culture.latin:
            local = ".".join(w for w in (fold(first).replace(" ", ""), fold(last).replace(" ", "")) if w)
            local = "".join(c for c in local if c.isascii() and (c.isalnum() or c in ".-"))
        else:
            local = "p"
        email = f"{local}{pid}@{rng.choice(('example.org', 'example.net', 'example.com'))}"
    phone = phone_number(spec.country, rng) if rng.random() < 0.96 else ""
    postal = place.postal_code
    if spec.country == "NL":
        postal = f"{postal} {rng.choice('ABCDEGHKLMNPRSTVWXZ')}{rng.choice('ABCDEGHKLMNPRSTVWXZ')}"
    name_key, phone_key = stored_keys(first, last, phone)
    row = dict(
        first_name=first, last_name=last, name_prefix=name_prefix(last), search_name=name_key, birth_date=birth,
        gender=(Gender.FEMALE if female else Gender.MALE) if rng.random() < 0.98 else Gender.OTHER,
        email=email, phone=phone, phone_key=phone_key, street=street_address(spec, rng),
        postal_code=postal, municipality=place.municipality,
        preferred_language=lang if rng.random() < 0.9 else "en",
        education_level=rng.choice(EDUCATION_LEVELS), education=rng.choice(texts["education"]),
        experience=rng.choice(texts["experience"]), referral_source=weighted(rng, REFERRALS),
        personality_notes=rng.choice(texts["personality"]) if intake_on else "",
        interests=rng.choice(texts["interests"]), consent_given=intake_on is not None,
        consent_date=intake_on, consent_version=("" if intake_on is None else
                                                 "2024-01" if intake_on.year >= 2024 else "2019-03"),
        consent_scope=["programme", "follow_up", "contact"] if intake_on else [],
        applied_on=applied, created_at=dt.datetime.combine(applied, dt.time(9)),
        professional_project="", career="", to_pass_on="", country_of_birth="", nationality="",
        non_eu_background=None, arrival_year=None, residence_permit="", permit_allows_work=None,
        permit_end_date=None, employment_office="", employment_office_registered=None,
        employment_office_since=None, preferred_mentor_gender=None, weekly_hours_available=2, max_mentees=1,
        eligibility_overrides={}, notes="",
    )
    if role is Role.MENTEE:
        permit = "temporary_protection" if country == "UA" else rng.choice(PERMITS[:4] + PERMITS[5:])
        registered = ne_reason != "office"
        row.update(
            professional_project=rng.choice(texts["project"]), country_of_birth=country,
            nationality=country, non_eu_background=True,
            arrival_year=max(birth.year + 6, applied.year - rng.choice((0, 1, 1, 2, 2, 3, 4, 6, 9))),
            residence_permit=permit, permit_allows_work=ne_reason != "permit",
            permit_end_date=(add_years(applied, rng.randint(1, 4)) if permit in (
                "temporary_protection", "single_permit", "subsidiary_protection", "family_reunification")
                else None),
            employment_office=spec.office, employment_office_registered=registered,
            employment_office_since=applied - dt.timedelta(days=rng.randint(20, 700)) if registered else None,
            preferred_mentor_gender=Gender.FEMALE if female and rng.random() < 0.15 else None,
            weekly_hours_available=rng.choice((2, 2, 3, 4)),
        )
    else:
        row.update(career=rng.choice(texts["career"]), to_pass_on=rng.choice(texts["pass_on"]),
                   country_of_birth=country, nationality=country if country in ("BE", "FR", "NL") else spec.country,
                   weekly_hours_available=rng.choice((2, 2, 3, 4)))
    return row


def sectors(rng, role: Role) -> list[str]:  # noqa: ANN001
    if role is Role.MENTEE:
        return _sample_weighted(rng, MENTEE_SECTOR_WEIGHTS, rng.choice((1, 1, 2, 2, 3)))
    return _sample_weighted(rng, MENTOR_SECTOR_WEIGHTS, rng.choice((1, 2, 2, 3)))
