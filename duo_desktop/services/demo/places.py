"""The six demo branches with their (differing) eligibility settings, their
municipalities (resources/places/demo_branches.csv, placed with
services/geo), streets and phone number formats."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ...config import resources_dir
from ..geo import Place, locate


@dataclass(frozen=True)
class BranchSpec:
    code: str
    city: str
    country: str
    office: str  # code in services/reference.EMPLOYMENT_OFFICES
    default_language: str
    share: float  # of the participants
    mentee_max_age: int = 30
    mentor_min_age: int = 50
    duo_months: int = 6
    require_employment_office: bool = True
    mentee_cultures: dict[str, int] = field(default_factory=dict)
    mentor_cultures: dict[str, int] = field(default_factory=dict)
    languages: tuple[str, ...] = ("fr",)  # languages of the city, first = main
    street_words: tuple[str, ...] = ()
    address: str = ""


_FR_STREETS = ("Rue de la Paix", "Rue des Alliés", "Avenue de la Gare", "Rue du Moulin", "Chaussée de Wavre",
               "Rue Haute", "Rue de l'Église", "Boulevard Léopold", "Rue Émile Féron", "Place Saint-Lambert")
_NL_STREETS = ("Kerkstraat", "Stationsstraat", "Molenstraat", "Dorpsstraat", "Nieuwstraat", "Schoolstraat",
               "Lange Leemstraat", "Kortrijksesteenweg", "Meidoornlaan", "Brugse Poort")
_PARIS_STREETS = ("Rue de Belleville", "Rue du Faubourg-Saint-Denis", "Boulevard de la Villette",
                  "Rue des Pyrénées", "Avenue Jean-Jaurès", "Rue de Ménilmontant", "Rue d'Aubervilliers")
_RTM_STREETS = ("Coolsingel", "Westkruiskade", "Beijerlandselaan", "Zwart Janstraat", "Putselaan",
                "Nieuwe Binnenweg", "Groene Hilledijk")

MENTEE_MIX = {"arabic": 12, "maghreb": 18, "dari": 9, "tigrinya": 9, "amharic": 5, "somali": 6, "cyrillic": 10,
              "turkish": 8, "latam": 8, "central_africa": 15}

BRANCHES: tuple[BranchSpec, ...] = (
    BranchSpec("BXL", "Bruxelles", "BE", "actiris", "fr", 0.30, mentee_max_age=30,
               mentee_cultures=MENTEE_MIX, mentor_cultures={"walloon": 55, "flemish": 25, "mentor_migrant": 20},
               languages=("fr", "nl"), street_words=_FR_STREETS, address="Rue Royale 55, 1000 Bruxelles"),
    BranchSpec("ANT", "Antwerpen", "BE", "vdab", "nl", 0.18, mentee_max_age=30,
               mentee_cultures={**MENTEE_MIX, "maghreb": 24, "central_africa": 6, "somali": 9},
               mentor_cultures={"flemish": 85, "mentor_migrant": 15}, languages=("nl", "fr"),
               street_words=_NL_STREETS, address="Kipdorp 11, 2000 Antwerpen"),
    BranchSpec("LGE", "Liège", "BE", "forem", "fr", 0.13, mentee_max_age=33,
               mentee_cultures={**MENTEE_MIX, "central_africa": 22, "dari": 5},
               mentor_cultures={"walloon": 90, "mentor_migrant": 10}, languages=("fr",),
               street_words=_FR_STREETS, address="Rue Léopold 8, 4000 Liège"),
    BranchSpec("GNT", "Gent", "BE", "vdab", "nl", 0.12, mentee_max_age=30,
               mentee_cultures={**MENTEE_MIX, "turkish": 16, "cyrillic": 14},
               mentor_cultures={"flemish": 90, "mentor_migrant": 10}, languages=("nl",),
               street_words=_NL_STREETS, address="Vrijdagmarkt 20, 9000 Gent"),
    BranchSpec("PAR", "Paris", "FR", "france_travail", "fr", 0.17, mentee_max_age=33, duo_months=6,
               mentee_cultures={**MENTEE_MIX, "maghreb": 26, "central_africa": 20, "cyrillic": 5},
               mentor_cultures={"french": 85, "mentor_migrant": 15}, languages=("fr",),
               street_words=_PARIS_STREETS, address="12 rue de Belleville, 75020 Paris"),
    BranchSpec("RTM", "Rotterdam", "NL", "uwv", "nl", 0.10, mentee_max_age=30, mentor_min_age=50,
               require_employment_office=False,
               mentee_cultures={**MENTEE_MIX, "turkish": 18, "somali": 12, "latam": 12},
               mentor_cultures={"dutch": 88, "mentor_migrant": 12}, languages=("nl", "en"),
               street_words=_RTM_STREETS, address="Coolsingel 40, 3011 AD Rotterdam"),
)

PHONE_FORMATS = {
    "BE": ("+32 4{a}{b} {c}{d} {e}{f} {g}{h}", "04{a}{b}/{c}{d}.{e}{f}.{g}{h}", "04{a}{b} {c}{d}{e} {f}{g}{h}"),
    "FR": ("+33 6 {a}{b} {c}{d} {e}{f} {g}{h}", "06 {a}{b} {c}{d} {e}{f} {g}{h}", "07{a}{b}{c}{d}{e}{f}{g}{h}"),
    "NL": ("+31 6 {a}{b}{c}{d} {e}{f}{g}{h}", "06-{a}{b}{c}{d}{e}{f}{g}{h}"),
}


@lru_cache(maxsize=None)
def municipalities(code: str) -> tuple[Place, ...]:
    """The places where the demo branch ``code`` draws its participants,
    named as the demo file names them (e.g. "Paris 11e"), with the
    coordinates of their postal code. Raises LookupError for a code that
    the list of places lacks (the demo file and the list disagree)."""
    path = resources_dir() / "places" / "demo_branches.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["branch"] == code]
    found = []
    for r in rows:
        place = locate(r["country"], r["postal_code"], r["municipality"])
        if place is None:
            raise LookupError(f"{r['country']} {r['postal_code']}: not in resources/places")
        found.append(replace(place, postal_code=r["postal_code"], municipality=r["municipality"]))
    return tuple(found)


def phone_number(country: str, rng) -> str:  # noqa: ANN001
    template = rng.choice(PHONE_FORMATS[country])
    return template.format(**{k: rng.randrange(10) for k in "abcdefgh"})


def street_address(spec: BranchSpec, rng) -> str:  # noqa: ANN001
    street = rng.choice(spec.street_words)
    number = rng.randint(1, 180)
    if spec.country == "FR":
        return f"{number} {street[0].lower()}{street[1:]}" if street.startswith("Rue") else f"{number} {street}"
    return f"{street} {number}"
