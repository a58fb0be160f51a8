"""The columns of a web form export, with their French, Dutch and English
header variants. Headers are compared without case, accents, spaces or
punctuation, so "Date de naissance", "date_de_naissance" and "DATE DE
NAISSANCE" are the same column.

| column | required | accepted headers (examples) | values |
| --- | --- | --- | --- |
| first_name | yes | first name, prénom, voornaam | as typed, any script |
| last_name | yes | last name, nom, achternaam, familienaam | as typed, any script |
| role | yes | role, rôle, rol, profil | mentor / mentee (mentoré, mentorée, jeune...) |
| birth_date | yes | birth date, date de naissance, geboortedatum | 23/04/2001, 2001-04-23, 23-04-2001, 23.04.2001 |
| email | email or phone | email, e-mail, courriel, e-mailadres | |
| phone | email or phone | phone, téléphone, gsm, telefoon | BE, FR, NL or +NN |
| gender | no | gender, genre, sexe, geslacht | f/m/x, woman/man, femme/homme, vrouw/man |
| street | no | street, adresse, rue, straat, adres | |
| postal_code | no | postal code, code postal, postcode | must exist in the branch's country |
| municipality | no | municipality, city, commune, ville, gemeente, woonplaats | |
| languages | no | languages, langues, talen | "ar:native; fr:B1" or "Arabe, Français": code or name, level optional |
| sectors | no | sectors, secteurs, sectoren | codes or names, separated by ; or , |
| applied_on | no | application date, date de candidature, aanmeldingsdatum, submitted | a date; the import day when empty |
| branch | no | branch, antenne, afdeling | branch code (else --branch) |
| referral_source | no | how did you hear, comment avez-vous connu, hoe heeft u | free text or a code |
| professional_project | no | professional project, projet professionnel, beroepsproject | free text |
| notes | no | notes, remarques, opmerkingen, message | free text |
"""

from __future__ import annotations

import re

from ...text import fold

REQUIRED = ("first_name", "last_name", "role", "birth_date")

ALIASES: dict[str, tuple[str, ...]] = {
    "first_name": ("first name", "firstname", "given name", "prenom", "prénom", "voornaam", "voornamen"),
    "last_name": ("last name", "lastname", "surname", "family name", "name", "nom", "nom de famille",
                  "achternaam", "familienaam", "naam"),
    "role": ("role", "rôle", "rol", "profile", "profil", "i am", "je suis", "ik ben", "type"),
    "birth_date": ("birth date", "birthdate", "date of birth", "dob", "date de naissance", "ne le", "née le",
                   "geboortedatum", "geboren op"),
    "gender": ("gender", "sex", "genre", "sexe", "geslacht"),
    "email": ("email", "e-mail", "email address", "e-mail address", "mail", "courriel", "adresse e-mail",
              "adresse email", "e-mailadres", "emailadres"),
    "phone": ("phone", "telephone", "téléphone", "phone number", "mobile", "gsm", "portable", "telefoon",
              "telefoonnummer", "numero de telephone", "numéro de téléphone"),
    "street": ("street", "address", "street address", "adresse", "rue", "straat", "adres"),
    "postal_code": ("postal code", "postcode", "post code", "zip", "zip code", "code postal", "cp"),
    "municipality": ("municipality", "city", "town", "commune", "ville", "localite", "localité", "gemeente",
                     "woonplaats", "stad", "plaats"),
    "languages": ("languages", "languages spoken", "langues", "langues parlees", "langues parlées", "talen",
                  "gesproken talen"),
    "sectors": ("sectors", "sector", "sectors of activity", "secteurs", "secteur", "secteurs d'activite",
                "secteur d'activité", "sectoren", "sector(en)"),
    "applied_on": ("application date", "applied on", "submitted", "submitted at", "submission date", "timestamp",
                   "date de candidature", "date d'inscription", "horodateur", "aanmeldingsdatum",
                   "datum aanmelding", "tijdstempel"),
    "branch": ("branch", "antenne", "afdeling", "ville du programme"),
    "referral_source": ("how did you hear", "how did you hear about us", "referral", "source",
                        "comment avez-vous connu duo", "comment avez-vous connu le programme",
                        "hoe heeft u ons leren kennen", "hoe heb je ons leren kennen"),
    "professional_project": ("professional project", "project", "projet professionnel", "projet",
                             "beroepsproject", "project"),
    "notes": ("notes", "note", "comments", "message", "remarques", "commentaire", "opmerkingen", "bericht"),
}


def header_key(text: str) -> str:
    return re.sub(r"[^0-9a-z\u0080-\uffff]+", "", fold(text or "").replace("’", "'"))


_LOOKUP = {header_key(alias): column for column, aliases in ALIASES.items()
           for alias in (column, *aliases)}


def column_for(header: str) -> str | None:
    return _LOOKUP.get(header_key(header))


#: The columns Microsoft Forms puts before the questions (English, French, Dutch exports): who filled the
#: form (a colleague's account, or "anonymous") and when. Recognised by its start and completion times.
FORM_TOOL_COLUMNS = frozenset(header_key(h) for h in (
    "ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
    "Heure de début", "Heure de fin", "Adresse de messagerie", "Nom", "Heure de la dernière modification",
    "Begintijd", "Tijdstip van voltooien", "Voltooiingstijd", "E-mail", "Naam", "Tijdstip van laatste wijziging",
))
_FORM_TOOL_START = frozenset(header_key(h) for h in ("Start time", "Heure de début", "Begintijd"))
_FORM_TOOL_COMPLETION = frozenset(header_key(h) for h in ("Completion time", "Heure de fin",
                                                          "Tijdstip van voltooien", "Voltooiingstijd"))


def form_tool_columns(headers: list[str]) -> set[int]:
    """Indexes of a Microsoft Forms export's own leading columns (empty for
    any other file): they describe the account that filled the form, not
    the applicant, and are left out."""
    keys = [header_key(h) for h in headers]
    starts = [i for i, k in enumerate(keys) if k in _FORM_TOOL_START]
    if not starts or not any(k in _FORM_TOOL_COMPLETION for k in keys):
        return set()
    ignored = set()
    for index, key in enumerate(keys):
        if key not in FORM_TOOL_COLUMNS:
            break  # the questions begin
        ignored.add(index)
    return ignored


def map_headers(headers: list[str], choices: dict[str, int] | None = None) -> dict[int, str]:
    """Column index -> column name, for the headers we know: a form tool's
    own columns left out, then ``choices`` (column name -> index, what the
    user picked), then the first header that names a column."""
    mapping, _conflicts = map_headers_with_conflicts(headers, choices)
    return mapping


def map_headers_with_conflicts(headers: list[str], choices: dict[str, int | None] | None = None
                               ) -> tuple[dict[int, str], dict[str, list[int]]]:
    """:func:`map_headers` and, for each column more than one header could
    be, the indexes of those headers (the first is the one used).

    ``choices`` is what the user picked in the preview's column picker:
    column name -> header index (any header, recognised or not), or None
    for a column left out of the import. A picked header is not guessed
    for another column; a column picked by the user has no conflict."""
    ignored = form_tool_columns(headers)
    picked = {c: i for c, i in (choices or {}).items() if i is not None and 0 <= i < len(headers)}
    taken = set(picked.values())
    candidates: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        column = column_for(header)
        if column and index not in ignored and index not in taken:
            candidates.setdefault(column, []).append(index)
    # a Microsoft Forms export has no date question: the time the form was sent is the application date
    # (QA, 30 November 2026: it was left out, and every applicant got the day of the import)
    sent = [i for i in sorted(ignored) if header_key(headers[i]) in _FORM_TOOL_COMPLETION and i not in taken]
    if sent and "applied_on" not in candidates and "applied_on" not in (choices or {}):
        candidates["applied_on"] = sent[:1]
    mapping: dict[int, str] = {i: c for c, i in picked.items()}
    conflicts: dict[str, list[int]] = {}
    for column, indexes in candidates.items():
        if column in (choices or {}):
            continue  # the user's choice (a header, or none) stands
        if len(indexes) > 1:
            conflicts[column] = indexes
        mapping[indexes[0]] = column
    return dict(sorted(mapping.items())), conflicts
