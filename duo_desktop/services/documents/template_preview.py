"""A preview of a branch's agreement with a letterhead and extra clauses
being edited (the settings' document templates page, issue 10). It is
printed by the agreement's own code (agreement.agreement_pdf) for a sample
duo ("…" for the people), with the texts being edited in place of the saved
ones for that language: the preview is the page the branch will print.
Nothing is saved.

    preview_pdf(session, branch_id, lang, letterhead, extra_clauses, today) -> bytes
        raises DocumentError when the texts cannot be laid out, NotFound for an unknown branch
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy.orm import Session

from ..settings.branches import get_branch
from ..settings.templates import template_problems
from .agreement import AgreementOptions, agreement_pdf
from .common import check_language
from .data import DuoInfo, PersonInfo, branch_info
from .errors import DocumentError

SAMPLE = "…"  # the people's names in the preview


def _with(texts: dict[str, str], lang: str, text: str) -> dict[str, str]:
    """``texts`` per language with ``lang``'s replaced by ``text`` (left out when blank)."""
    out = {k: v for k, v in texts.items() if k != lang}
    if text.strip():
        out[lang] = text
    return out


def preview_pdf(session: Session, branch_id: int, lang: str, letterhead: str, extra_clauses: str,
                today: dt.date) -> bytes:
    check_language(lang)
    problems = template_problems({"letterhead": letterhead, "extra_clauses": extra_clauses})
    if problems:
        raise DocumentError(problems[0].message())
    saved = branch_info(get_branch(session, branch_id))
    branch = dataclasses.replace(saved, letterheads=_with(saved.letterheads, lang, letterhead),
                                 extra_clauses=_with(saved.extra_clauses, lang, extra_clauses))
    person = PersonInfo(0, SAMPLE, "", "", "", "", "", None, lang, (lang,))
    info = DuoInfo(0, person, person, SAMPLE, "", "", branch, None, None)
    try:
        return agreement_pdf(info, AgreementOptions(lang), today)
    except ValueError as exc:  # broken markup
        raise DocumentError(type(exc).__name__) from None
