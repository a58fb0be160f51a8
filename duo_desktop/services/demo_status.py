"""What the start-up asks of the demo (issue 10) without loading its
generator (issue 15: importing the demo package loads its generator, 35 ms of the first window).

    is_empty(session) -> bool    no participant yet
    REAL_DATA                    the message when demo data is refused (msgid)
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..i18n import N_
from ..models import Participant

REAL_DATA = N_("This database holds a real programme; demo data never goes into it. "
               "Open the demo database instead (it is a file of its own).")


def is_empty(session: Session) -> bool:
    """True when the database holds no participant yet (one index probe, not
    a count of every row: 100,000 at start-up)."""
    return session.scalar(select(Participant.id).limit(1)) is None
