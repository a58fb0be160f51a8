"""The bundled fonts, registered once with ReportLab and embedded (subset) in
every PDF. The machine's fonts are never used: a document prints the same on
every laptop.

Each face is registered as a family so that ``<b>`` and ``<i>`` work inside a
paragraph, also inside a ``<font face=...>`` run of another script.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from ...config import resources_dir
from .memo import Memo

BASE = "NotoSans"
ARABIC = "NotoSansArabic"
ETHIOPIC = "NotoSansEthiopic"
CJK = "DroidSansFallback"
EMOJI = "NotoEmoji"

# family -> (regular, bold, italic, bold italic) file names in resources/fonts
FAMILIES: dict[str, tuple[str, str, str, str]] = {
    BASE: ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf"),
    ARABIC: ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", "NotoSansArabic-Regular.ttf",
             "NotoSansArabic-Bold.ttf"),
    ETHIOPIC: ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf", "NotoSansEthiopic-Regular.ttf",
               "NotoSansEthiopic-Bold.ttf"),
    CJK: ("DroidSansFallback.ttf",) * 4,
    # monochrome outlines (ReportLab cannot embed colour emoji); see LICENSE-NotoEmoji.txt
    EMOJI: ("NotoEmoji-Regular.ttf",) * 4,
}
# The order in which a character looks for a face that has it.
FALLBACK_ORDER = (BASE, ARABIC, ETHIOPIC, CJK, EMOJI)

_lock = threading.Lock()
_registered = False


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def _face_names(family: str) -> tuple[str, str, str, str]:
    return (family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic")


# Every document embeds a subset of each face it uses: the glyphs of the
# characters drawn, in the order they were first drawn. Documents of a batch
# draw mostly the same characters, so the subset, its compressed font file
# and its compressed ToUnicode map repeat; they are kept here by content.
_subsets = Memo(64)  # (font file, characters of the subset) -> subset font file (~30-60 kB each)
_compressed = Memo(128)  # stream content (font file, ToUnicode map) -> its FlateDecode bytes
_widths = Memo(256)  # widths of a subset -> the formatted /Widths array


class _CachedZCompress(pdfdoc.PDFStreamFilterZCompress):
    """ReportLab's FlateDecode filter, remembering what it compressed."""

    def encode(self, text: str | bytes) -> bytes:
        return _compressed.get_or_make(text, lambda: super(_CachedZCompress, self).encode(text))


_ZCOMPRESS = _CachedZCompress()


class _Widths(pdfdoc.PDFArray):
    """A subset's /Widths array, formatted once per distinct subset."""

    def format(self, document, IND=b"\n "):  # noqa: ANN001, ANN201, N803 (ReportLab's names)
        return _widths.get_or_make(tuple(self.sequence), lambda: super(_Widths, self).format(document, IND))


_BEYOND_BMP = re.compile(r"<([0-9A-F]{2})> <([0-9A-F]{5,6})>")


def _utf16_hex(match: re.Match) -> str:
    code = int(match.group(2), 16) - 0x10000
    return f"<{match.group(1)}> <{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}>"


def mend_to_unicode(cmap: str) -> str:
    """ReportLab writes a character beyond U+FFFF (an emoji, a rare Chinese
    character) into the ToUnicode map as 5 hex digits, which readers take as
    4 + 1: copying or searching the PDF then gives another character
    (U+1F600 becomes U+1F60). The PDF reference wants UTF-16BE there: a
    surrogate pair (PDF 1.7, 9.10.3)."""
    return _BEYOND_BMP.sub(_utf16_hex, cmap)


class EmbeddedFont(TTFont):
    """A bundled face whose per-document subset work is cached: the same
    subset gives the same objects, byte for byte, without being made,
    compressed and formatted again for every document."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        face = self.face
        make_subset = face.makeSubset
        face.makeSubset = lambda subset: _subsets.get_or_make((filename, tuple(subset)),
                                                              lambda: make_subset(subset))

    def addObjects(self, doc) -> None:  # noqa: ANN001, N802 (ReportLab's names)
        before = set(doc.idToObject)
        super().addObjects(doc)
        for name, obj in list(doc.idToObject.items()):
            if name in before:
                continue
            if isinstance(obj, pdfdoc.PDFStream) and isinstance(obj.content, str) and "beginbfchar" in obj.content:
                obj.content = mend_to_unicode(obj.content)
            if isinstance(obj, pdfdoc.PDFStream) and obj.filters == [pdfdoc.PDFZCompress]:
                obj.filters = [_ZCOMPRESS]
            elif isinstance(obj, pdfdoc.PDFTrueTypeFont) and type(getattr(obj, "Widths", None)) is pdfdoc.PDFArray:
                obj.Widths = _Widths(obj.Widths.sequence)


def register_fonts() -> None:
    """Register every bundled face and family with ReportLab (once per
    process; safe from several threads)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        folder = fonts_dir()
        for family, files in FAMILIES.items():
            names = _face_names(family)
            loaded: dict[str, TTFont] = {}
            for name, file in zip(names, files, strict=True):
                font = EmbeddedFont(name, str(folder / file))
                pdfmetrics.registerFont(font)
                loaded[file] = font
            pdfmetrics.registerFontFamily(family, normal=names[0], bold=names[1], italic=names[2],
                                          boldItalic=names[3])
        _registered = True


@dataclass(frozen=True)
class Coverage:
    """Which characters each family can draw."""

    chars: dict[str, frozenset[int]]

    def family_for(self, char: str) -> str | None:
        code = ord(char)
        for family in FALLBACK_ORDER:
            if code in self.chars[family]:
                return family
        return None


@lru_cache(maxsize=1)
def coverage() -> Coverage:
    folder = fonts_dir()
    return Coverage({family: frozenset(TTFontFile(str(folder / files[0])).charToGlyph)
                     for family, files in FAMILIES.items()})
