"""Flowables made from template texts: placeholders filled with escaped
values, a markup error reported as a broken template (file and key)."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterable
from itertools import zip_longest
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from ...i18n import N_
from .choices import CHOICES, pick
from .errors import TemplateError
from .fonts import ARABIC, BASE, CJK, ETHIOPIC
from .layout import FRAME_WIDTH, RULE, styles
from .prepared import paragraph
from .scripts import rich
from .templates import Template

HEADING_ROOM = 28 * mm
_FORMATTER = string.Formatter()
_TAG = re.compile(r"<(/?[bi])>")
_FACE = re.compile(r'face="(%s)"' % "|".join((ARABIC, ETHIOPIC, CJK)))


def with_faces(markup: str, bold: bool, italic: bool) -> str:
    """Markup of ``scripts.rich`` with its fallback faces made bold/italic."""
    if not (bold or italic) or 'face="' not in markup:
        return markup
    suffix = "-BoldItalic" if bold and italic else "-Bold" if bold else "-Italic"
    return _FACE.sub(lambda m: f'face="{m.group(1)}{suffix}"', markup)


class Writer:
    """Turns one template's texts into paragraphs for one set of values."""

    def __init__(self, template: Template, values: dict[str, str]) -> None:
        self.template = template
        self.values = values
        self.st = styles()

    def fill(self, text: str, where: str, bold: bool = False) -> str:
        """The text with its placeholders replaced. A value in another
        script's face gets the bold or italic face of where it stands (a
        <font face> tag would otherwise drop the <b> around it)."""
        out: list[str] = []
        italic = False
        try:
            for literal, name, spec, conversion in _FORMATTER.parse(text):
                out.append(literal)
                for tag in _TAG.findall(literal):
                    closing, kind = tag[0] == "/", tag[-1]
                    if kind == "b":
                        bold = not closing
                    else:
                        italic = not closing
                if name is None:
                    continue
                if name in CHOICES:  # a word chosen by a person's gender or the country
                    out.append(self.fill(pick(name, spec, self.values[name]), where, bold))
                    continue
                value = self.values[name]
                if conversion or spec:
                    value = _FORMATTER.format_field(_FORMATTER.convert_field(value, conversion), spec)
                out.append(with_faces(value, bold, italic))
        except (KeyError, ValueError, IndexError) as exc:
            raise TemplateError(N_("The template {file} is broken: in “{key}”, {problem}."),
                                self.template.path, file=self.template.path, key=where, problem=exc) from None
        return "".join(out)

    def para(self, text: str, style: str | ParagraphStyle, where: str) -> Paragraph:
        style = self.st[style] if isinstance(style, str) else style
        markup = self.fill(text, where, bold="Bold" in style.fontName)
        try:
            return paragraph(markup, style)
        except ValueError as exc:
            # ReportLab's message quotes the filled text (names): keep only its reason
            found = re.search(r"caused exception (.*)", str(exc))
            problem = (found.group(1).strip() if found else type(exc).__name__)[:120]
            raise TemplateError(N_("The template {file} is broken: the markup of “{key}” is wrong ({problem})."),
                                self.template.path, file=self.template.path, key=where, problem=problem) from None

    def key(self, key: str, style: str) -> Paragraph:
        return self.para(self.template.text(key), style, key)

    def table_text(self, table: str, key: str, style: str) -> Paragraph:
        return self.para(self.template.data[table][key], style, f"{table}.{key}")

    def section(self, section: dict[str, Any], index: int) -> list[Flowable]:
        where = f"sections[{index}]"
        # a heading never ends a page (cheaper than keepWithNext, which lays out twice)
        out: list[Flowable] = [CondPageBreak(HEADING_ROOM), self.para(section["title"], "heading", f"{where}.title")]
        for j, text in enumerate(section.get("paragraphs", []), start=1):
            out.append(self.para(text, "body", f"{where}.paragraphs[{j}]"))
        return out

    def sections(self, sections: Iterable[dict[str, Any]]) -> list[Flowable]:
        out: list[Flowable] = []
        for i, section in enumerate(sections, start=1):
            out.extend(self.section(section, i))
        return out


def signature_table(columns: list[tuple[Paragraph, Paragraph]], label: Paragraph | None) -> Flowable:
    """Side-by-side signature boxes: a role, a name, then room to sign."""
    width = FRAME_WIDTH / len(columns)
    row_role = [role for role, _name in columns]
    row_name = [name for _role, name in columns]
    row_label = [label] * len(columns) if label is not None else [""] * len(columns)
    table = Table([row_role, row_name, row_label, [""] * len(columns)], colWidths=[width] * len(columns),
                  rowHeights=[None, None, None, 18 * mm])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), BASE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
        ("BOX", (0, 0), (-1, -1), 0.4, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0, RULE),
        ("LINEAFTER", (0, 0), (-2, -1), 0.4, RULE),
    ]))
    return table


def side_by_side(left: list[Flowable | str], right: list[Flowable | str]) -> Table:
    """Two languages in two columns, row by row (a row never splits)."""
    left = [f for f in left if not isinstance(f, CondPageBreak)]  # no page breaks inside a table
    right = [f for f in right if not isinstance(f, CondPageBreak)]
    rows = [[a or "", b or ""] for a, b in zip_longest(left, right)]
    half = FRAME_WIDTH / 2
    table = Table(rows, colWidths=[half, half], repeatRows=0)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), BASE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 5 * mm),
        ("LEFTPADDING", (1, 0), (1, -1), 5 * mm),
        ("RIGHTPADDING", (1, 0), (1, -1), 0),
        ("LINEAFTER", (0, 0), (0, -1), 0.4, RULE),
    ]))
    return table


class NameBox(Flowable):
    """A name in a box (a signature cell): its lines broken in reading
    order, then each line drawn in visual order (scripts.rich), so a long
    Arabic name that needs two lines starts on the first one. A paragraph
    of the whole name would break the visual (reversed) string and put the
    end of the name first. A right-to-left name is aligned right."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text = " ".join((text or "").split())
        self.style = style
        self._paragraph: Paragraph | None = None

    def _fits(self, words: list[str], width: float) -> bool:
        trial = Paragraph(rich(" ".join(words)), self.style)
        trial.wrap(width, 10_000)
        return len(trial.blPara.lines) <= 1

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (ReportLab's API)
        lines: list[list[str]] = []
        for word in self.text.split(" "):
            if lines and self._fits([*lines[-1], word], availWidth):
                lines[-1].append(word)
            else:
                lines.append([word])
        rtl = next((unicodedata.bidirectional(c) in ("R", "AL") for c in self.text
                    if unicodedata.bidirectional(c) in ("L", "R", "AL")), False)
        style = ParagraphStyle(f"{self.style.name}-name", parent=self.style, alignment=TA_RIGHT) if rtl \
            else self.style
        self._paragraph = Paragraph("<br/>".join(rich(" ".join(line)) for line in lines), style)
        return self._paragraph.wrap(availWidth, availHeight)

    def draw(self) -> None:
        self._paragraph.drawOn(self.canv, 0, 0)
