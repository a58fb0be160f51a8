"""The mentoring agreement (step 6), alone or followed by the charter in one
print job, in one language or two (side by side, or one after the other)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer

from . import templates
from .common import Texts, branch_markup, decor, load_texts
from .data import DUO_PLACEHOLDERS, DuoInfo, duo_values, period, signing_date
from .layout import build_pdf
from .prepared import paragraph
from .story import NameBox, Writer, side_by_side, signature_table
from .translator import document_translator

SIGNATURE_KEYS = frozenset(("place_and_date", "mentee", "mentor", "coordinator", "signature"))
AGREEMENT_SCHEMA = templates.Schema(required={"title": str, "subtitle": str, "signatures": dict},
                                    placeholders=DUO_PLACEHOLDERS, table_keys={"signatures": SIGNATURE_KEYS})
CHARTER_SCHEMA = templates.Schema(required={"title": str, "subtitle": str, "signatures": dict},
                                  placeholders=DUO_PLACEHOLDERS,
                                  table_keys={"signatures": frozenset(("place_and_date", "mentee", "mentor",
                                                                       "signature"))})


@dataclass(frozen=True)
class AgreementOptions:
    lang: str
    second_lang: str | None = None  # a bilingual agreement
    side_by_side: bool = True  # else the second language follows the first
    with_charter: bool = False
    start_on: dt.date | None = None  # the signing date; default: as signed, or today


class _Version:
    """One language's texts and values for one duo."""

    def __init__(self, kind: str, schema: templates.Schema, lang: str, info: DuoInfo, start: dt.date,
                 end: dt.date, today: dt.date) -> None:
        self.texts: Texts = load_texts(kind, lang, schema, info.branch.templates_dir)
        tr = document_translator(lang, region=info.branch.country)
        self.writer = Writer(self.texts.doc, duo_values(info, tr, start, end, today))
        self.kind = kind
        self.branch = info.branch
        self.extra = (templates.load_extra_clauses(lang, info.branch.templates_dir, DUO_PLACEHOLDERS)
                      if kind == "agreement" else None)

    def head(self) -> list[Flowable]:
        return [self.writer.key("title", "title"), self.writer.key("subtitle", "subtitle")]

    def body(self) -> list[Flowable]:
        out = self.writer.sections(self.texts.doc.sections)
        if self.extra is not None:
            out.extend(Writer(self.extra, self.writer.values).sections(self.extra.sections))
        own = self.branch.extra_clauses.get(self.texts.lang) if self.kind == "agreement" else None
        if own:  # the branch's extra clauses from the settings, as typed (no placeholders)
            out.extend(paragraph(branch_markup(block), self.writer.st["body"])
                       for block in re.split(r"\n\s*\n", own.strip()) if block.strip())
        return out

    def place_and_date(self) -> Paragraph:
        return self.writer.table_text("signatures", "place_and_date", "body")

    def role(self, key: str) -> str:
        return self.writer.fill(self.texts.doc.data["signatures"][key], f"signatures.{key}")

    def title_text(self) -> str:
        return self.writer.fill(self.texts.doc.text("title"), "title")


def _signatures(versions: list[_Version], roles: list[str], info: DuoInfo) -> Flowable:
    first = versions[0]
    st = first.writer.st
    names = {"mentee": info.mentee.name, "mentor": info.mentor.name, "coordinator": info.coordinator_name}
    columns = []
    for role in roles:
        label = " / ".join(v.role(role) for v in versions)
        # the name's lines broken in reading order (a long Arabic name starts on the first line)
        columns.append((paragraph(f"<b>{label}</b>", st["cell"]), NameBox(names[role] or "", st["cell"])))
    sign = " / ".join(v.role("signature") for v in versions)
    return signature_table(columns, paragraph(sign, st["small"]))


def _document(kind: str, versions: list[_Version], info: DuoInfo, side: bool) -> list[Flowable]:
    roles = ["mentee", "mentor", "coordinator"] if kind == "agreement" else ["mentee", "mentor"]
    if len(versions) == 1 or not side:
        story: list[Flowable] = []
        for i, version in enumerate(versions):
            if i:
                story.append(PageBreak())
            story.extend(version.head())
            story.extend(version.body())
            story.append(KeepTogether([version.place_and_date(), Spacer(1, 3 * mm),
                                       _signatures([version], roles, info)]))
        return story
    a, b = versions
    return [side_by_side(a.head(), b.head()), side_by_side(a.body(), b.body()),
            KeepTogether([side_by_side([a.place_and_date()], [b.place_and_date()]), Spacer(1, 3 * mm),
                          _signatures(versions, roles, info)])]


def agreement_pdf(info: DuoInfo, options: AgreementOptions, today: dt.date) -> bytes:
    """The agreement of one duo (and the charter after it if asked), whole,
    as PDF bytes."""
    start, end = period(info, options.start_on, today)
    signed = signing_date(info, options.start_on, today)  # "Signed in ... on": never today for a signed duo
    langs = [options.lang] + ([options.second_lang] if options.second_lang and
                              options.second_lang != options.lang else [])
    agreement = [_Version("agreement", AGREEMENT_SCHEMA, lang, info, start, end, signed) for lang in langs]
    story = _document("agreement", agreement, info, options.side_by_side)
    titles = [v.title_text() for v in agreement]
    if options.with_charter:
        charter = [_Version("charter", CHARTER_SCHEMA, lang, info, start, end, signed) for lang in langs]
        story.append(PageBreak())
        story.extend(_document("charter", charter, info, options.side_by_side))
    decoration = decor(info.branch, titles, agreement[0].texts)
    return build_pdf(story, decoration, title=" / ".join(titles))


def charter_pdf(info: DuoInfo, lang: str, today: dt.date, second_lang: str | None = None) -> bytes:
    start, end = period(info, None, today)
    langs = [lang] + ([second_lang] if second_lang and second_lang != lang else [])
    signed = signing_date(info, None, today)
    charter = [_Version("charter", CHARTER_SCHEMA, code, info, start, end, signed) for code in langs]
    titles = [v.title_text() for v in charter]
    return build_pdf(_document("charter", charter, info, True), decor(info.branch, titles, charter[0].texts),
                     title=" / ".join(titles))
