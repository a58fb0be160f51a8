"""Reference lists: sectors of activity, languages, employment offices and
referral sources. Codes are stored; labels are translated at display time."""

from __future__ import annotations

from ..i18n import N_, Translator, current

SECTORS: dict[str, str] = {
    "administration": N_("Administration and office work"),
    "agriculture": N_("Agriculture and gardening"),
    "beauty": N_("Hairdressing and beauty"),
    "care": N_("Care and social work"),
    "cleaning": N_("Cleaning"),
    "construction": N_("Construction"),
    "culture": N_("Culture and media"),
    "education": N_("Education"),
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

# ISO 639 codes of the languages most often spoken by participants.
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

EMPLOYMENT_OFFICES: dict[str, str] = {
    "actiris": "Actiris",
    "vdab": "VDAB",
    "forem": "Le Forem",
    "france_travail": "France Travail",
    "uwv": "UWV",
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


def language_label(code: str, translator: Translator | None = None) -> str:
    return (translator or current()).gettext(LANGUAGES[code]) if code in LANGUAGES else code
