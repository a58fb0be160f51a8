"""Document templates of a branch: per language (fr, nl, en), the letterhead
printed at the top of its documents and the extra clauses added to its
agreements. The texts may use <b>, <i> and <br/> like the programme's own
templates (services/documents/templates.py), closed in order; any other
tag is refused, so that what is saved always prints. Any other character
(&, <...) prints as typed.

    TEMPLATE_LANGUAGES = ("fr", "nl", "en")
    template_problems(values) -> list[RuleError]
    document_template(session, branch_id, language) -> dict   {"letterhead": str, "extra_clauses": str}
    save_document_template(session, branch_id, language, values, now, coordinator_id=None) -> list[str]
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...i18n import LANGUAGES as TEMPLATE_LANGUAGES
from ...i18n import N_
from ...models import DocumentTemplate
from .. import audit
from ..errors import RuleError
from . import common as c
from .branches import get_branch

TEMPLATE_FIELDS = ("letterhead", "extra_clauses")
_LIMITS = {"letterhead": 2000, "extra_clauses": 20000}
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z]+)\s*(/?)\s*>")
_ALLOWED = {"b", "i", "br"}


def template_problems(values: dict[str, Any], language: str | None = None) -> list[RuleError]:
    problems = c.unknown_fields(values, TEMPLATE_FIELDS)
    if language is not None and language not in TEMPLATE_LANGUAGES:
        problems.append(c.error(N_("{label}: choose one of {known}."), "unknown_language", "language",
                                known=", ".join(TEMPLATE_LANGUAGES)))
    for field in TEMPLATE_FIELDS:
        if field not in values:
            continue
        if (p := c.too_long(values, field, _LIMITS[field])):
            problems.append(p)
        text = c.text(values, field)
        bad = sorted({m.group(2).lower() for m in _TAG.finditer(text)} - _ALLOWED)
        if bad or "<" in _TAG.sub("", text) or not _balanced(text):
            problems.append(c.error(N_("{label}: only <b>, <i> and <br/> may be used as tags."), "markup", field))
    return problems


def _balanced(text: str) -> bool:
    """Every <b> and <i> closed, in order (<br/> stands alone)."""
    stack: list[str] = []
    for closing, name, _self in _TAG.findall(text):
        name = name.lower()
        if name == "br":
            continue
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


def document_template(session: Session, branch_id: int, language: str) -> dict[str, str]:
    row = _row(session, branch_id, language)
    return {f: getattr(row, f) if row else "" for f in TEMPLATE_FIELDS}


def _row(session: Session, branch_id: int, language: str) -> DocumentTemplate | None:
    return session.scalar(select(DocumentTemplate).where(DocumentTemplate.branch_id == branch_id,
                                                         DocumentTemplate.language == language))


def save_document_template(session: Session, branch_id: int, language: str, values: dict[str, Any],
                           now: dt.datetime, coordinator_id: int | None = None) -> list[str]:
    get_branch(session, branch_id)
    c.first(template_problems(values, language))
    row = _row(session, branch_id, language)
    if row is None:
        row = DocumentTemplate(branch_id=branch_id, language=language, letterhead="", extra_clauses="")
        session.add(row)
    changed = []
    for field in TEMPLATE_FIELDS:
        if field in values and getattr(row, field) != c.text(values, field):
            setattr(row, field, c.text(values, field))
            changed.append(field)
    if changed:
        session.flush()
        audit.record(session, "update_template", "branch", branch_id, now, coordinator_id, language=language,
                     fields=changed)
    return changed
