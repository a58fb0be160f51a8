"""Words a template chooses by a person's gender or the branch's country.

A template text names the choice like a placeholder, the forms after a
colon, separated by "|"::

    {mentee:La mentorée|Le mentoré|La personne mentorée}   woman | man | other or not said
    {mentor:elle|il|il ou elle}
    {respondent:Répondante|Répondant|Personne qui répond}  (the evaluation form)
    {belgium:Handtekening, voorafgegaan door ‘gelezen en goedgekeurd’|Handtekening}   Belgian branch | elsewhere
    {months} {months_form:maand|maanden}                   the branch's setting is 1 | any other number

The third gender form is the inclusive one ("la personne mentorée",
"mentoré·e"): used for "other" and "unspecified", never a masculine default
(issue 17, language review FRT-1, FRT-2, FRT-12). A form may hold other
placeholders ({mentee_name}). The value of a choice in a document's values
is its key: ``gender_key(Gender)`` or ``country_key(country)``.
"""

from __future__ import annotations

from ...models import Gender

GENDER_FORMS = ("female", "male", "unknown")
COUNTRY_FORMS = ("BE", "other")
# choice name -> the keys of its forms, in the order they are written
NUMBER_FORMS = ("one", "other")
CHOICES: dict[str, tuple[str, ...]] = {"mentee": GENDER_FORMS, "mentor": GENDER_FORMS,
                                        "respondent": GENDER_FORMS, "belgium": COUNTRY_FORMS,
                                        "months_form": NUMBER_FORMS, "hours_form": NUMBER_FORMS}


def gender_key(gender: Gender | str | None) -> str:
    """"female", "male" or "unknown" (other, unspecified, None)."""
    value = str(gender.value if isinstance(gender, Gender) else gender or "")
    return value if value in ("female", "male") else "unknown"


def country_key(country: str | None) -> str:
    return "BE" if (country or "").upper() == "BE" else "other"


def number_key(n: int) -> str:
    """"one" for 1, else "other" (a duo length or weekly hours, never 0)."""
    return "one" if n == 1 else "other"


def forms(name: str, spec: str) -> list[str]:
    """The forms written after the colon; ValueError when their number is not
    the one the choice needs (the message names them)."""
    options = spec.split("|")
    wanted = CHOICES[name]
    if len(options) != len(wanted):
        raise ValueError(f"{{{name}:…}} needs {len(wanted)} forms separated by | ({' | '.join(wanted)}), "
                         f"not {len(options)}")
    return options


def pick(name: str, spec: str, key: str) -> str:
    """The form of ``spec`` for ``key`` (one of CHOICES[name])."""
    options = forms(name, spec)
    wanted = CHOICES[name]
    return options[wanted.index(key) if key in wanted else len(wanted) - 1]
