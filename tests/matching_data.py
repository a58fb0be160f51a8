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


LANGS = ("fr", "nl", "ar", "en", "ti", "ru", "tr", "es", "so", "fa", "prs", "ps", "am", "uk", "ku", "ln")
SECTORS = ("it", "care", "logistics", "retail", "construction", "hospitality", "finance", "education",
           "industry", "transport", "cleaning", "healthcare")
WORDS = ("football cuisine lecture musique randonnée cinéma théâtre jardinage vélo natation échecs peinture "
         "photographie voyage danse informatique bénévolat").split()


def bulk_branch(store, mentees: int, mentors: int, seed: int = 5) -> int:  # noqa: ANN001
    """A branch with this many waiting mentees and trained mentors, bulk
    inserted (seconds for thousands): random languages, sectors, weekly
    slots, Brussels postal codes and interests. Returns the branch id."""
    import random

    from sqlalchemy import insert

    from duo_desktop.models import (
        AvailabilitySlot,
        Branch,
        Participant,
        ParticipantLanguage,
        ParticipantSector,
        ParticipantStatus,
    )
    from duo_desktop.services.demo.places import municipalities

    rnd = random.Random(seed)
    codes = [p.postal_code for b in ("BXL", "ANT", "LGE", "GNT") for p in municipalities(b)] + ["9999"]
    parts = list(DayPart)
    today = dt.date(2026, 3, 16)
    with store.transaction() as s:
        branch_id = s.execute(insert(Branch).returning(Branch.id), [dict(
            code="BULK", name="DUO Bulk", city="Bruxelles", country="BE", employment_office="actiris")]).scalar()
        people, langs, sectors, slots = [], [], [], []
        for k in range(mentees + mentors):
            pid = k + 1
            role = Role.MENTEE if k < mentees else Role.MENTOR
            since = today - dt.timedelta(days=rnd.randrange(200))
            people.append(dict(
                id=pid, branch_id=branch_id, role=role, status=ParticipantStatus.READY_TO_MATCH,
                first_name=f"P{pid}", last_name="Bulk", search_name=f"p{pid} bulk",
                gender=rnd.choice(list(Gender)), postal_code=rnd.choice(codes),
                interests=" ".join(rnd.sample(WORDS, 3)), applied_on=since, status_since=since,
                birth_date=dt.date(2000, 1, 1) if role is Role.MENTEE else dt.date(1960, 1, 1),
                preferred_mentor_gender=rnd.choice([None, Gender.FEMALE, Gender.MALE]) if role is Role.MENTEE
                else None))
            langs += [dict(participant_id=pid, language=x, level=FL) for x in rnd.sample(LANGS, rnd.randint(1, 3))]
            sectors += [dict(participant_id=pid, sector=x) for x in rnd.sample(SECTORS, rnd.randint(1, 2))]
            slots += [dict(participant_id=pid, weekday=i // 3, part=parts[i % 3])
                      for i in rnd.sample(range(21), rnd.randint(2, 6))]
        s.execute(insert(Participant), people)
        s.execute(insert(ParticipantLanguage), langs)
        s.execute(insert(ParticipantSector), sectors)
        s.execute(insert(AvailabilitySlot), slots)
    return branch_id
