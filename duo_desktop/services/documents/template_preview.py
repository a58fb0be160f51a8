"""A preview of a branch's agreement with a letterhead and extra clauses
being edited (the settings' document templates page, issue 10): the
branch's header (name, contact, logo), the letterhead, the start of the
programme's agreement in that language with sample values, then the extra
clauses. Nothing is saved.

    preview_pdf(session, branch_id, lang, letterhead, extra_clauses) -> bytes
        raises DocumentError when the texts cannot be laid out
"""

from __future__ import annotations

from reportlab.platypus import Spacer
from sqlalchemy.orm import Session

from .translator import document_translator
from ..settings.branches import get_branch
from ..settings.templates import template_problems
from .agreement import AGREEMENT_SCHEMA
from .common import check_language, load_texts
from .data import DocumentBranch
from .common import decor as page_decor
from .errors import DocumentError
from .layout import build_pdf, styles
from .prepared import paragraph
from .scripts import rich
from .story import Writer

SAMPLE_SECTIONS = 2  # how many of the agreement's sections the preview shows before the extra clauses


class _Sample(dict):
    """Placeholder values: the branch's own, "…" for the people and dates."""

    def __missing__(self, key: str) -> str:
        return "…"


def _markup(text: str) -> str:
    """A saved template text (only <b>, <i>, <br/>) as ReportLab markup: line breaks kept, & escaped."""
    return text.replace("&", "&amp;").replace("\n", "<br/>")


def preview_pdf(session: Session, branch_id: int, lang: str, letterhead: str, extra_clauses: str) -> bytes:
    check_language(lang)
    problems = template_problems({"letterhead": letterhead, "extra_clauses": extra_clauses})
    if problems:
        raise DocumentError(problems[0].message())
    b = get_branch(session, branch_id)
    info = DocumentBranch(b.id, b.name, b.city, b.address, b.phone, b.email, b.employment_office, b.duo_months,
                      b.min_weekly_hours, lang, b.logo_path or None, None)
    texts = load_texts("agreement", lang, AGREEMENT_SCHEMA, None)
    values = _Sample(branch_name=rich(b.name), branch_city=rich(b.city), months=str(b.duo_months),
                     hours=str(b.min_weekly_hours))
    st = styles()
    w = Writer(texts.doc, values)  # the inclusive form of {mentee:…|…|…} for the sample people
    title = texts.doc.text("title")
    story = []
    if letterhead.strip():
        story += [paragraph(_markup(letterhead), st["small"]), Spacer(1, 8)]
    story += [paragraph(rich(title), st["title"]),
              paragraph(w.fill(texts.doc.text("subtitle"), "subtitle"), st["subtitle"])]
    for i, section in enumerate(texts.doc.sections[:SAMPLE_SECTIONS], start=1):
        story.append(paragraph(w.fill(section["title"], f"sections[{i}].title"), st["heading"]))
        story += [paragraph(w.fill(p, f"sections[{i}].paragraphs[{j}]"), st["body"])
                  for j, p in enumerate(section.get("paragraphs", []), start=1)]
    if extra_clauses.strip():
        heading = document_translator(lang).gettext("Extra clauses")
        story.append(paragraph(rich(heading), st["heading"]))
        story += [paragraph(_markup(p.strip()), st["body"]) for p in extra_clauses.split("\n\n") if p.strip()]
    try:
        return build_pdf(story, page_decor(info, [rich(title)], texts), title)
    except ValueError as exc:  # broken markup
        raise DocumentError(type(exc).__name__) from None
