"""Consent: the purposes a person agreed to (stored codes, services/intake.CONSENT_SCOPES)."""

from __future__ import annotations

from sqlalchemy import String, cast

from ...models import Participant

#: Being contacted for the follow-up up to 12 months after the duo
FOLLOW_UP = "follow_up"


def consents_to(person: Participant, purpose: str) -> bool:
    """True when the person consented and the purpose is among those agreed."""
    return bool(person.consent_given) and purpose in (person.consent_scope or [])


def consents_to_clause(purpose: str):  # noqa: ANN201
    """The same test as SQL on Participant (the JSON list read as text, as
    SQLite and PostgreSQL both render it: ``["programme", "follow_up"]``)."""
    return Participant.consent_given.is_(True) & cast(Participant.consent_scope, String).like(f'%"{purpose}"%')
