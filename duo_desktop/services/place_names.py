"""Place names in the reader's language: "Fait à Anvers", "Opgemaakt te
Brussel", "Signed in Ghent" (issue 17; language review FRT-8, NLT-2, EN-2, X-4).

    city_name(city, lang, own=None) -> str     the city as written in fr, nl or en

A branch stores its city once (``Branch.city``, in whatever language it was
typed); its names in other languages come from, in order:
1. the branch's own names, ``Branch.settings["city_names"] = {"nl": "Brussel", ...}``
   (a settings field, no schema change), for a city this table does not know;
2. the table below, looked up by any of its names (accents and case ignored);
3. the city as stored.

Source of the table: the official French and Dutch names of the Belgian
municipalities (Belgian Official Journal, bilingual Brussels region; the
exonyms of the Flemish and Walloon cities), and the English exonyms used by
the cities themselves (visit.brussels, visit.antwerpen.be, visit.gent.be).
CLDR (Babel) names only cities that give their name to a time zone, so it
has Bruxelles/Brussel and Parijs but not Anvers, Gand or Luik.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

CITY_NAMES: tuple[dict[str, str], ...] = (
    {"fr": "Bruxelles", "nl": "Brussel", "en": "Brussels"},
    {"fr": "Anvers", "nl": "Antwerpen", "en": "Antwerp"},
    {"fr": "Gand", "nl": "Gent", "en": "Ghent"},
    {"fr": "Liège", "nl": "Luik", "en": "Liège"},
    {"fr": "Louvain", "nl": "Leuven", "en": "Leuven"},
    {"fr": "Malines", "nl": "Mechelen", "en": "Mechelen"},
    {"fr": "Bruges", "nl": "Brugge", "en": "Bruges"},
    {"fr": "Courtrai", "nl": "Kortrijk", "en": "Kortrijk"},
    {"fr": "Ostende", "nl": "Oostende", "en": "Ostend"},
    {"fr": "Hasselt", "nl": "Hasselt", "en": "Hasselt"},
    {"fr": "Mons", "nl": "Bergen", "en": "Mons"},
    {"fr": "Namur", "nl": "Namen", "en": "Namur"},
    {"fr": "Charleroi", "nl": "Charleroi", "en": "Charleroi"},
    {"fr": "Louvain-la-Neuve", "nl": "Louvain-la-Neuve", "en": "Louvain-la-Neuve"},
    {"fr": "Paris", "nl": "Parijs", "en": "Paris"},
    {"fr": "Lille", "nl": "Rijsel", "en": "Lille"},
    {"fr": "Strasbourg", "nl": "Straatsburg", "en": "Strasbourg"},
    {"fr": "Marseille", "nl": "Marseille", "en": "Marseille"},
    {"fr": "Lyon", "nl": "Lyon", "en": "Lyon"},
    {"fr": "La Haye", "nl": "Den Haag", "en": "The Hague"},
    {"fr": "Rotterdam", "nl": "Rotterdam", "en": "Rotterdam"},
    {"fr": "Amsterdam", "nl": "Amsterdam", "en": "Amsterdam"},
    {"fr": "Utrecht", "nl": "Utrecht", "en": "Utrecht"},
    {"fr": "Maastricht", "nl": "Maastricht", "en": "Maastricht"},
)


def _key(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.strip().casefold())
    return "".join(c for c in decomposed if c.isalnum())


_INDEX: dict[str, dict[str, str]] = {_key(n): names for names in CITY_NAMES for n in names.values()}


def city_name(city: str, lang: str, own: Mapping[str, str] | None = None) -> str:
    """``city`` (as stored, any language) written in ``lang``; the branch's
    ``own`` names win; a city nobody named is returned as stored."""
    if own and str(own.get(lang) or "").strip():
        return str(own[lang]).strip()
    names = _INDEX.get(_key(city or ""))
    return names.get(lang, city) if names else city


def own_names(settings: Mapping[str, object] | None) -> dict[str, str]:
    """The branch's own names of its city from its settings ({} if none or malformed)."""
    value = (settings or {}).get("city_names")
    if not isinstance(value, Mapping):
        return {}
    return {str(k): str(v) for k, v in value.items() if isinstance(v, str) and v.strip()}
