"""The GDPR rights built in (issue 12; the CNIL's GDPR guide for developers):

- consent (:mod:`.consent`): the purposes a person agreed to at intake are
  respected (no outcome follow-up without the "follow_up" purpose);
- access and portability (:mod:`.access`): everything about one person as
  JSON and as readable CSV tables;
- restriction and erasure (:mod:`.erasure`): a restricted person is kept
  but out of matching and invitation lists; an erased one is anonymised,
  keeping the non-identifying figures so that reports stay right;
- retention (:mod:`.retention`): who is past the branch's retention period
  after their last activity, anonymised in one step.

Every action runs in the caller's transaction and writes an audit row
(ids and field names only)."""

from .access import EXCLUDED, person_data, write_export
from .consent import FOLLOW_UP, consents_to
from .erasure import ERASED_FIELDS, anonymise, lift_restriction, restrict
from .retention import DEFAULT_RETENTION_YEARS, PastRetention, apply_retention, past_retention, retention_years

__all__ = [
    "DEFAULT_RETENTION_YEARS", "ERASED_FIELDS", "EXCLUDED", "FOLLOW_UP", "PastRetention", "anonymise",
    "apply_retention", "consents_to", "lift_restriction", "past_retention", "person_data", "restrict",
    "retention_years", "write_export",
]
