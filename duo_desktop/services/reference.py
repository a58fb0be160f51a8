"""Reference lists: sectors of activity, the languages participants speak
most (shown first; every ISO 639 language is in services/locales.py, named
from CLDR), employment offices per country and referral sources. Codes are
stored; labels are translated at display time."""

from __future__ import annotations

from ..i18n import N_, NP_, Translator, current

SECTORS: dict[str, str] = {
    "administration": N_("Administration and office work"),
    "agriculture": N_("Agriculture and gardening"),
    "beauty": N_("Hairdressing and beauty"),
    "care": N_("Care and social work"),
    "cleaning": N_("Cleaning"),
    "construction": N_("Construction"),
    "culture": N_("Culture and media"),
    "education": NP_("sector", "Education"),
    "engineering": N_("Engineering"),
    "finance": N_("Finance and accounting"),
    "healthcare": N_("Healthcare"),
    "hospitality": N_("Hotels and restaurants"),
    "industry": N_("Industry and production"),
    "it": N_("IT and telecom"),
    "law": N_("Law"),
    "logistics": N_("Logistics"),
    "marketing": N_("Marketing and communication"),
    "retail": N_("Retail and sales"),
    "security": N_("Security"),
    "transport": N_("Transport"),
}

# ISO 639 codes of the languages most often spoken by participants (offered
# first; any code services/locales.is_language accepts may be stored). The
# labels here serve the importer, which reads names in fr/nl/en; screens
# name a language with language_label (CLDR).
LANGUAGES: dict[str, str] = {
    "am": N_("Amharic"),
    "ar": N_("Arabic"),
    "de": N_("German"),
    "en": N_("English"),
    "es": N_("Spanish"),
    "fa": N_("Persian"),
    "fr": N_("French"),
    "it": N_("Italian"),
    "ku": N_("Kurdish"),
    "ln": N_("Lingala"),
    "nl": N_("Dutch"),
    "ps": N_("Pashto"),
    "prs": N_("Dari"),
    "pt": N_("Portuguese"),
    "ru": N_("Russian"),
    "so": N_("Somali"),
    "sw": N_("Swahili"),
    "ti": N_("Tigrinya"),
    "tr": N_("Turkish"),
    "uk": N_("Ukrainian"),
}

# Public employment offices (proper names, not translated); "other" is any
# other office, named in words where it matters.
EMPLOYMENT_OFFICES: dict[str, str] = {
    "actiris": "Actiris",  # Brussels
    "vdab": "VDAB",  # Flanders
    "forem": "Le Forem",  # Wallonia
    "adg": "ADG",  # German-speaking Community of Belgium (Arbeitsamt der DG)
    "france_travail": "France Travail",
    "uwv": "UWV",
    "other": N_("Other"),
}
# Branch countries (ISO 3166-1 alpha-2) and the offices a branch there may name
BRANCH_COUNTRIES: dict[str, tuple[str, ...]] = {
    "BE": ("actiris", "vdab", "forem", "adg", "other"),
    "FR": ("france_travail", "other"),
    "NL": ("uwv", "other"),
}

REFERRAL_SOURCES: dict[str, str] = {
    "employment_office": N_("Employment office"),
    "social_services": N_("Social services (CPAS/OCMW)"),
    "friend": N_("A friend or relative"),
    "former_participant": N_("A former participant"),
    "social_media": N_("Social media"),
    "website": N_("Website"),
    "press": N_("Press"),
    "association": N_("An association"),
    "other": N_("Other"),
}


def sector_label(code: str, translator: Translator | None = None) -> str:
    return (translator or current()).gettext(SECTORS[code]) if code in SECTORS else code


def language_label(code: str, translator: Translator | None = None, in_text: bool = False) -> str:
    """A language's name in the translator's language, from CLDR
    (services/locales), with a capital as a label standing alone ("Arabe");
    ``in_text``: as written inside a sentence, where French writes it in
    lower case ("1 langue commune : français"; language review FR-33)."""
    from .locales import language_name

    name = language_name(code, (translator or current()).lang)
    return name if in_text else name[:1].upper() + name[1:]


def employment_office_label(code: str, translator: Translator | None = None) -> str:
    if code not in EMPLOYMENT_OFFICES:
        return code
    return (translator or current()).gettext(EMPLOYMENT_OFFICES[code]) if code == "other" else EMPLOYMENT_OFFICES[code]


def employment_offices(country: str) -> tuple[str, ...]:
    """The office codes a branch in ``country`` may choose ("other" last); () for an unknown country."""
    return BRANCH_COUNTRIES.get(country, ())


# Codes some imports and the demo store in the free-text fields "Education
# level" and "Residence permit" (the ESF report reads the education codes,
# reports/esf.py): shown by their label, never as the code (review X-3).
EDUCATION_LEVEL_LABELS: dict[str, str] = {
    "primary": N_("Primary school"),
    "lower_secondary": N_("Lower secondary school"),
    "upper_secondary": N_("Upper secondary school"),
    "vocational": N_("Vocational training"),
    "bachelor": N_("Bachelor's degree"),
    "master": N_("Master's degree"),
    "doctorate": N_("Doctorate"),
}
RESIDENCE_PERMIT_LABELS: dict[str, str] = {
    "refugee": N_("Refugee status"),
    "subsidiary_protection": N_("Subsidiary protection"),
    "family_reunification": N_("Family reunification"),
    "single_permit": N_("Single permit (residence and work)"),
    "temporary_protection": N_("Temporary protection"),
    "permanent_residence": N_("Permanent residence"),
}


def coded_text(value: str, labels: dict[str, str], translator: Translator | None = None) -> str:
    """``value`` as typed, or the translated label when it is one of the codes of ``labels``."""
    key = (value or "").strip()
    return (translator or current()).gettext(labels[key]) if key in labels else value
