"""A small synthetic branch for the matching board tests (names in several
scripts, never real people)."""

from __future__ import annotations

import datetime as dt

from duo_desktop.models import DayPart, Gender, LanguageLevel, Role

from . import factories as f

FL = LanguageLevel.FLUENT
M, A, E = DayPart.MORNING, DayPart.AFTERNOON, DayPart.EVENING


def build(store) -> dict[str, int]:  # noqa: ANN001
    ids: dict[str, int] = {}
    with store.transaction() as s:
        b = f.branch(s, code="BXL", city="Bruxelles")
        ids["branch"] = b.id
        people = [
            ("amina", Role.MENTEE, "محمد", "العلي", {"ar": FL, "fr": FL}, ["logistics"], "1030",
             [(0, M), (1, M), (2, A)], dict(applied_on=dt.date(2025, 12, 1), gender=Gender.MALE,
                                            preferred_mentor_gender=Gender.FEMALE, interests="football, cuisine")),
            ("selam", Role.MENTEE, "ሰላም", "ተስፋይ", {"ti": FL}, ["care"], "1000", [(3, E)],
             dict(applied_on=dt.date(2026, 1, 20), gender=Gender.FEMALE)),
            ("fatima", Role.MENTEE, "Фатима", "Иванова", {"ru": FL, "fr": FL, "nl": FL}, ["it"], "1050",
             [(0, M), (4, A)], dict(applied_on=dt.date(2026, 2, 10), gender=Gender.FEMALE)),
            ("joelle", Role.MENTOR, "Joëlle", "Dubois", {"fr": FL, "ar": FL}, ["logistics", "retail"], "1050",
             [(0, M), (1, M), (2, A)], dict(gender=Gender.FEMALE, interests="cuisine, jardinage")),
            ("pieter", Role.MENTOR, "Pieter", "Janssens", {"nl": FL, "en": FL}, ["it"], "1000", [(4, A)],
             dict(gender=Gender.MALE)),
            ("marc", Role.MENTOR, "Marc", "Lefèvre", {"fr": FL}, ["it", "finance"], "9999", [(0, M)],
             dict(gender=Gender.MALE)),
        ]
        for key, role, first, last, langs, sectors, pc, slots, extra in people:
            p = f.participant(s, b, role=role, first=first, last=last, languages=langs, sectors=sectors,
                              postal_code=pc, municipality={"1000": "Bruxelles", "1030": "Schaerbeek",
                                                            "1050": "Ixelles"}.get(pc, "Ailleurs"),
                              slots=slots, **extra)
            ids[key] = p.id
    return ids
