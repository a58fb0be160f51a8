"""The bundled fonts, registered once with ReportLab and embedded (subset) in
every PDF. The machine's fonts are never used: a document prints the same on
every laptop.

Each face is registered as a family so that ``<b>`` and ``<i>`` work inside a
paragraph, also inside a ``<font face=...>`` run of another script.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile

from ...config import resources_dir

BASE = "NotoSans"
ARABIC = "NotoSansArabic"
ETHIOPIC = "NotoSansEthiopic"
CJK = "DroidSansFallback"

# family -> (regular, bold, italic, bold italic) file names in resources/fonts
FAMILIES: dict[str, tuple[str, str, str, str]] = {
    BASE: ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf", "NotoSans-BoldItalic.ttf"),
    ARABIC: ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", "NotoSansArabic-Regular.ttf",
             "NotoSansArabic-Bold.ttf"),
    ETHIOPIC: ("NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf", "NotoSansEthiopic-Regular.ttf",
               "NotoSansEthiopic-Bold.ttf"),
    CJK: ("DroidSansFallback.ttf",) * 4,
}
# The order in which a character looks for a face that has it.
FALLBACK_ORDER = (BASE, ARABIC, ETHIOPIC, CJK)

_lock = threading.Lock()
_registered = False


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def _face_names(family: str) -> tuple[str, str, str, str]:
    return (family, f"{family}-Bold", f"{family}-Italic", f"{family}-BoldItalic")


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
                font = TTFont(name, str(folder / file))
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
