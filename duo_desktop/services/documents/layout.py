"""Page layout shared by every document: an A4 DocTemplate whose pages carry
a header (logo, branch name, document title) and a footer with "page x of
y", paragraph styles in the bundled fonts, and the build into bytes.

The PDF is built whole in memory (BytesIO) and returned only when complete:
a failure leaves no half-printed page and no file anywhere.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from ...i18n import N_
from .errors import DocumentError
from .fonts import BASE, register_fonts
from .prepared import paragraph

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 20 * mm
MARGIN_TOP = 26 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
ACCENT = colors.HexColor("#1f4e79")
RULE = colors.HexColor("#9aa9b8")


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=BASE, fontSize=9.5, leading=12.6, spaceAfter=3)
    return {
        "body": body,
        "title": ParagraphStyle("title", parent=body, fontName=f"{BASE}-Bold", fontSize=16, leading=20,
                                textColor=ACCENT, spaceAfter=2, alignment=TA_CENTER),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=10.5, leading=13, spaceAfter=8,
                                   alignment=TA_CENTER, textColor=colors.HexColor("#333333")),
        "heading": ParagraphStyle("heading", parent=body, fontName=f"{BASE}-Bold", fontSize=10.5, leading=13,
                                  textColor=ACCENT, spaceBefore=6, spaceAfter=2),
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, spaceAfter=0),
        "small_right": ParagraphStyle("small_right", parent=body, fontSize=8, leading=10, spaceAfter=0,
                                      alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12.5, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName=f"{BASE}-Bold", fontSize=9.5,
                                    leading=12.5, spaceAfter=0),
        "header": ParagraphStyle("header", parent=body, fontName=f"{BASE}-Bold", fontSize=9, leading=11,
                                 spaceAfter=0, textColor=ACCENT),
    }


@dataclass
class PageDecor:
    """What the header and footer of each page show (already markup)."""

    branch_name: str
    doc_title: str
    contact: str  # small text under the branch name
    page_label: str  # a format with {page} and {pages}
    logo: str | None = None
    organisation: str = ""  # the programme's name, above the branch's (empty: not set up)


def _numbered_canvas(decor: PageDecor) -> type[Canvas]:
    st = styles()
    # made and wrapped once per document, drawn on every page
    footer_title = paragraph(decor.doc_title, st["small"])
    footer_title.wrap(FRAME_WIDTH * 0.7, 20 * mm)

    class NumberedCanvas(Canvas):
        """Keeps the pages until the end so that each can say "page x of y"."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802  (ReportLab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer(self, number: int, total: int) -> None:
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, MARGIN_BOTTOM - 6 * mm, PAGE_WIDTH - MARGIN_X, MARGIN_BOTTOM - 6 * mm)
            footer_title.drawOn(self, MARGIN_X, MARGIN_BOTTOM - 11 * mm)
            # the page label is the template's own text (fr/nl/en): Noto Sans has its letters
            self.setFont(BASE, st["small_right"].fontSize)
            self.drawRightString(PAGE_WIDTH - MARGIN_X, MARGIN_BOTTOM - 11 * mm + 2.2,
                                 decor.page_label.format(page=number, pages=total))
            self.restoreState()

    return NumberedCanvas


def _header(decor: PageDecor):  # noqa: ANN202
    st = styles()
    # made and wrapped once per document, drawn on every page
    # the organisation and the branch on one line: a two-line letterhead under them still fits above the rule
    names = f"{decor.organisation} · {decor.branch_name}" if decor.organisation else decor.branch_name
    lines = [paragraph(names, st["header"])]
    if decor.contact:
        lines.append(paragraph(decor.contact, st["small"]))
    heights = [line.wrap(FRAME_WIDTH * 0.6, 12 * mm)[1] for line in lines]
    title = paragraph(decor.doc_title, st["small_right"])
    _w, h3 = title.wrap(FRAME_WIDTH * 0.4, 12 * mm)

    def draw(canvas: Canvas, doc: BaseDocTemplate) -> None:
        canvas.saveState()
        x = MARGIN_X
        top = PAGE_HEIGHT - 10 * mm
        if decor.logo:
            size = 14 * mm
            canvas.drawImage(decor.logo, x, top - size, width=size, height=size, preserveAspectRatio=True,
                             mask="auto", anchor="sw")
            x += size + 4 * mm
        y = top
        for line, height in zip(lines, heights, strict=True):
            y -= height
            line.drawOn(canvas, x, y)
            y -= 1
        title.drawOn(canvas, MARGIN_X + FRAME_WIDTH * 0.6, top - h3)
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN_X, PAGE_HEIGHT - MARGIN_TOP + 4 * mm, PAGE_WIDTH - MARGIN_X,
                    PAGE_HEIGHT - MARGIN_TOP + 4 * mm)
        canvas.restoreState()

    return draw


def build_pdf(story: Sequence[Flowable], decor: PageDecor, title: str, invariant: bool = True) -> bytes:
    """Lay out the story on A4 pages and return the whole PDF."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
                          bottomMargin=MARGIN_BOTTOM, title=title, author="DUO Desktop", creator="DUO Desktop",
                          invariant=1 if invariant else 0, initialFontName=BASE, initialFontSize=10)
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_header(decor))])
    try:
        doc.build(list(story), canvasmaker=_numbered_canvas(decor))
    except DocumentError:
        raise
    except Exception as exc:  # a layout failure: nothing is returned
        # not chained: ReportLab's message may quote a paragraph, names included
        raise DocumentError(N_("The document could not be laid out ({problem}); nothing was printed."),
                            problem=type(exc).__name__) from None
    return buffer.getvalue()
