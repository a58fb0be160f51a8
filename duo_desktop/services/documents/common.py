"""What every document shares: loading a kind of template with the texts
common to all (page numbers), and the page decoration of a branch."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ...i18n import LANGUAGES, N_
from . import templates
from .data import DocumentBranch
from .errors import DocumentError
from .layout import PageDecor
from .scripts import rich
from .templates import Schema, Template

COMMON_SCHEMA = Schema(required={"page": str, "contact": str}, sections=False,
                       placeholders=frozenset(("page", "pages", "branch_address", "branch_phone", "branch_email",
                                                "branch_contact")))


def check_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise DocumentError(N_("Documents are printed in French, Dutch or English, not “{lang}”."), lang=lang)


@dataclass(frozen=True)
class Texts:
    """A document's template and the common texts, in one language."""

    lang: str
    doc: Template
    common: Template


def load_texts(kind: str, lang: str, schema: Schema, folder: Path | None) -> Texts:
    check_language(lang)
    common = templates.load("common", lang, COMMON_SCHEMA, folder)
    return Texts(lang, templates.load(kind, lang, schema, folder), common)


def contact_line(texts: Texts, branch: DocumentBranch) -> str:
    given = [p for p in (branch.address, branch.phone, branch.email) if p.strip()]
    parts = {"branch_address": rich(branch.address), "branch_phone": rich(branch.phone),
             "branch_email": rich(branch.email), "branch_contact": rich(" · ".join(given))}
    if not any((branch.address, branch.phone, branch.email)):
        return ""
    return texts.common.text("contact").format_map(parts).strip(" ·,")


_BRANCH_TAG = re.compile(r"(<\s*/?\s*[biBI]\s*>|<\s*[bB][rR]\s*/?\s*>)")


def branch_markup(text: str) -> str:
    """A branch's own text (letterhead, extra clauses) as Paragraph markup:
    its <b>, <i> and <br/> kept, everything else printed as typed. Line
    breaks count as <br/>."""
    out = []
    for i, part in enumerate(_BRANCH_TAG.split(text.strip())):
        if i % 2:
            tag = re.sub(r"\s", "", part).lower()
            out.append("<br/>" if tag.startswith("<br") else tag)
        else:
            out.append(rich(part))
    return "".join(out)


def decor(branch: DocumentBranch, titles: list[str], texts: Texts) -> PageDecor:
    """Header and footer: the organisation's name (when set), the branch's name,
    and the branch's letterhead in the document's language, when it has one,
    under them instead of the contact line."""
    letterhead = branch.letterheads.get(texts.lang)
    return PageDecor(branch_name=rich(branch.name), organisation=rich(branch.organisation),
                     doc_title=" / ".join(titles),
                     contact=branch_markup(letterhead) if letterhead else contact_line(texts, branch),
                     page_label=texts.common.text("page").replace("{page}", "{page}"), logo=branch.logo)
