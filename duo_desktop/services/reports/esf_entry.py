"""The ESF+ characteristics a participant gives at intake, kept in
``Participant.esf_entry`` (a JSON object), each with a "prefers not to say"
answer (``"refused"``) wherever the regulation lets the participant decline.

Keys and allowed values (Regulation (EU) 2021/1057, Annex I, point 1):

- ``labour_status``: unemployed, long_term_unemployed, inactive, employed, refused
- ``isced``: "0-1", "2", "3-4", "5-8", refused (ISCED 2011 levels)
- ``third_country``, ``foreign_background``, ``homeless``: yes, no, refused
- ``disability``: yes, no, refused (a special category of data: optional,
  never exported with names, only counted)
- ``qualification_on``: ISO date the participant gained a qualification (a result)

``set_esf_entry(session, participant_id, values)`` raises ``RuleError``
(code ``esf.bad_value``, naming the key) and changes nothing on a bad value.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy.orm import Session

from ...i18n import N_
from ...models import Participant
from ..errors import NotFound, RuleError

REFUSED = "refused"
YES_NO = ("yes", "no", REFUSED)
CHOICES: dict[str, tuple[str, ...]] = {
    "labour_status": ("unemployed", "long_term_unemployed", "inactive", "employed", REFUSED),
    "isced": ("0-1", "2", "3-4", "5-8", REFUSED),
    "third_country": YES_NO,
    "foreign_background": YES_NO,
    "homeless": YES_NO,
    "disability": YES_NO,
}
DATES = ("qualification_on",)

#: (key of esf_entry, caption msgid), in the order asked
QUESTIONS: list[tuple[str, str]] = [
    ("labour_status", N_("Situation on the labour market")),
    ("isced", N_("Education level (ISCED)")),
    ("third_country", N_("Third-country national (not a citizen of an EU country)")),
    ("foreign_background", N_("Foreign background")),
    ("homeless", N_("Homeless or affected by housing exclusion")),
    ("disability", N_("Disability (sensitive: optional)")),
]

ANSWERS: dict[str, str] = {
    "unemployed": N_("Unemployed (looking for work)"),
    "long_term_unemployed": N_("Long-term unemployed (over 12 months; over 6 months under 25)"),
    "inactive": N_("Inactive (neither working nor looking for work)"),
    "employed": N_("Employed, including self-employed"),
    "0-1": N_("Primary education or less (ISCED 0-1)"),
    "2": N_("Lower secondary education (ISCED 2)"),
    "3-4": N_("Upper secondary or post-secondary education (ISCED 3-4)"),
    "5-8": N_("Higher education (ISCED 5-8)"),
    "yes": N_("Yes"),
    "no": N_("No"),
    REFUSED: N_("Prefers not to say"),
}


def clean(values: dict[str, Any]) -> dict[str, Any]:
    """The values checked; an empty value removes the key."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        if value in (None, ""):
            continue
        if key in CHOICES:
            if value not in CHOICES[key]:
                raise RuleError(N_("ESF+ entry “{key}”: “{value}” is not one of the allowed answers."),
                                "esf.bad_value", field=key, key=key, value=str(value))
            out[key] = value
        elif key in DATES:
            try:
                out[key] = dt.date.fromisoformat(str(value)).isoformat()
            except ValueError:
                raise RuleError(N_("ESF+ entry “{key}”: “{value}” is not a date (YYYY-MM-DD)."),
                                "esf.bad_value", field=key, key=key, value=str(value)) from None
        else:
            raise RuleError(N_("ESF+ entry: unknown key “{key}”."), "esf.bad_value", field=key, key=key, value="")
    return out


def set_esf_entry(session: Session, participant_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """Merge ``values`` into the participant's ESF+ entry; returns the entry."""
    person = session.get(Participant, participant_id)
    if person is None:
        raise NotFound(participant_id)
    checked = clean(values)
    entry = {k: v for k, v in (person.esf_entry or {}).items() if k not in values}
    entry.update(checked)
    person.esf_entry = entry
    session.flush()
    return entry
