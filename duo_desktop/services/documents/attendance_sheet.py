"""The attendance sheet of an event (used by the events screen)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from .forms import attendance_sheet_pdf


def render_attendance_sheet(session: Session, event_id: int, lang: str) -> bytes:
    """The people invited, registered or present at an event, with a column
    to sign, as PDF bytes in ``lang`` (fr, nl or en)."""
    return attendance_sheet_pdf(session, event_id, lang)
