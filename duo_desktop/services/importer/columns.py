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

from ..text import fold

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


def map_headers(headers: list[str]) -> dict[int, str]:
    """Column index -> column name, for the headers we know (the first one wins)."""
    mapping: dict[int, str] = {}
    seen: set[str] = set()
    for index, header in enumerate(headers):
        column = column_for(header)
        if column and column not in seen:
            mapping[index] = column
            seen.add(column)
    return mapping
