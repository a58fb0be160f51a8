"""User text (names, addresses, places) made safe for a ReportLab paragraph,
in any script.

* Markup characters are escaped: a name with ``<`` or ``&`` prints as typed.
* Each run of text gets a bundled face that can draw it: Latin, Greek and
  Cyrillic in Noto Sans, Arabic in Noto Sans Arabic, Ge'ez in Noto Sans
  Ethiopic, Chinese in Droid Sans Fallback, emoji in Noto Emoji
  (monochrome: a PDF cannot embed colour emoji).
* A visible character that no bundled face has (a script the documents do
  not carry yet) prints as U+FFFD, the replacement character, never as
  nothing: the reader sees that something is missing. Invisible
  characters (joiners, variation selectors, combining marks) stay as they
  are.
* A line holding right-to-left letters (Arabic, Persian...) is joined and
  put in visual order: letters take their contextual forms (arabic_reshaper
  gives the presentation forms, which Noto Sans Arabic has), then the line
  is reordered by the Unicode Bidirectional Algorithm (UAX #9, python-bidi:
  a maintained implementation, LGPL-3.0, Rust wheels), the paragraph
  direction taken from the line's first strong letter (rules P2-P3), as
  GNU FriBidi does; numbers keep their reading order and brackets are
  mirrored. tests/documents/test_bidi_fribidi.py checks the printed order
  against the ``fribidi`` program on a corpus of names and addresses. The
  spaces inside a right-to-left run become no-break spaces so that a name
  is never split over two lines in the wrong order (long names are wrapped
  word by word before, by story.NameParagraph).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

import re

import arabic_reshaper
from bidi import get_display
from bidi.mirror import MIRRORED

from .fonts import ARABIC, BASE, EMOJI, coverage

NBSP = "\u00a0"
REPLACEMENT = "\ufffd"
# categories that draw nothing on their own: never replaced
_INVISIBLE = frozenset(("Cf", "Cc", "Mn", "Me", "Zs", "Zl", "Zp"))
_RTL = frozenset(("R", "AL"))
#: a space of bidi class WS like U+0020, standing for a space inside a right-to-left run while the line is
#: reordered (then made a no-break space): U+00A0 is of class CS and would join two numbers into one
_RUN_SPACE = "\u2007"
# Fast path: everything below U+0250 (Latin with accents) is in Noto Sans.
_SIMPLE_LIMIT = 0x0250


def _bidi(char: str) -> str:
    return unicodedata.bidirectional(char)


def rtl_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each right-to-left run: from a strong right-to-left
    character to the last one before a left-to-right letter or a line end."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        if _bidi(text[i]) not in _RTL:
            i += 1
            continue
        start = last = i
        j = i + 1
        while j < n and text[j] != "\n" and _bidi(text[j]) != "L":
            if _bidi(text[j]) in _RTL or (_bidi(text[j]) == "NSM" and last == j - 1):
                last = j
            j += 1
        spans.append((start, last + 1))
        i = last + 1
    return spans


_LEVELS = re.compile(r"levels: \[(.*?)\]\s*,\s*paragraphs", re.S)
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


def embedding_levels(line: str) -> list[int]:
    """The resolved embedding level of each character of ``line`` (UAX #9
    rules P2-I2, brackets included), from python-bidi's Rust core; its
    ``debug`` output gives one level per UTF-8 byte, read here per
    character. Raises RuntimeError if that output changes shape (a new
    python-bidi): tests/documents/test_bidi_fribidi.py would say so too."""
    info = get_display(line, debug=True)
    found = _LEVELS.search(info)
    per_byte = [int(v) for v in _LEVEL.findall(found.group(1))] if found else []
    if len(per_byte) != len(line.encode("utf-8")):
        raise RuntimeError("python-bidi: unexpected debug output (levels)")
    levels, offset = [], 0
    for char in line:
        levels.append(per_byte[offset])
        offset += len(char.encode("utf-8"))
    return levels


def _reorder(line: str, levels: list[int]) -> str:
    """Rules L1 (trailing spaces at the paragraph level), L2 (reverse every
    run at or above each odd level, highest first) and L4 (mirror the
    brackets of right-to-left text) of UAX #9 for one line."""
    base = _base_level(line)
    levels = list(levels)
    k = len(line)
    while k > 0 and _bidi(line[k - 1]) in ("WS", "S", "B", "LRI", "RLI", "FSI", "PDI"):
        k -= 1
        levels[k] = base
    chars = [MIRRORED.get(c, c) if level & 1 else c for c, level in zip(line, levels, strict=True)]
    order = list(range(len(line)))
    top = max(levels, default=0)
    lowest_odd = min((lv for lv in levels if lv & 1), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return "".join(chars[i] for i in order)


def _base_level(line: str) -> int:
    return 1 if next((_bidi(c) in _RTL for c in line if _bidi(c) in ("L", "R", "AL")), False) else 0


def visual_line(line: str) -> str:
    """One line (no line break) in the order it is drawn left to right:
    Arabic letters joined, the Unicode Bidirectional Algorithm applied with
    the paragraph direction of the line's first strong letter, brackets
    mirrored, made unbreakable: every space of a right-to-left line, and
    in a left-to-right line the spaces of each right-to-left run. A line
    without right-to-left letters comes back unchanged."""
    spans = rtl_spans(line)
    if not spans:
        return line
    chars = list(line)
    for start, end in [(0, len(line))] if _base_level(line) else spans:
        for k in range(start, end):
            if chars[k] == " ":
                chars[k] = _RUN_SPACE
    shaped = arabic_reshaper.reshape("".join(chars))
    return _reorder(shaped, embedding_levels(shaped)).replace(_RUN_SPACE, NBSP)


def visual_rtl(run: str) -> str:
    """A right-to-left run in the order it is drawn left to right (see
    :func:`visual_line`)."""
    return visual_line(run)


def _font_runs(text: str, prefer: str = BASE) -> list[tuple[str, str]]:
    """Split text into (family, text) runs; punctuation, spaces and digits
    stay in the current run when its face has them."""
    cov = coverage()
    runs: list[tuple[str, str]] = []
    current = prefer
    buffer: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if category[0] in "LS" or (category[0] == "N" and ord(char) not in cov.chars[current]):
            family = cov.family_for(char)
        elif ord(char) in cov.chars[current] and (current != EMOJI or category in _INVISIBLE - {"Zs"}):
            family = current  # spaces and punctuation after an emoji: the text face (the emoji face's are wide)
        else:
            family = cov.family_for(char)
        if family is None:
            family = BASE
            if category not in _INVISIBLE and char != "\n":
                char = REPLACEMENT
        if family != current and buffer:
            runs.append((current, "".join(buffer)))
            buffer = []
        current = family
        buffer.append(char)
    if buffer:
        runs.append((current, "".join(buffer)))
    return runs


def _markup_runs(runs: list[tuple[str, str]]) -> str:
    parts = []
    for family, chunk in runs:
        safe = escape(chunk).replace("\n", "<br/>")
        parts.append(safe if family == BASE else f'<font face="{family}">{safe}</font>')
    return "".join(parts)


@lru_cache(maxsize=4096)
def rich(text: str) -> str:
    """Paragraph markup that prints ``text`` exactly as typed."""
    text = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\t", " ")
    if all(ord(c) < _SIMPLE_LIMIT for c in text):
        return escape(text).replace("\n", "<br/>")
    pieces: list[tuple[str, str]] = []
    for number, line in enumerate(text.split("\n")):
        if number:
            pieces.append((BASE, "\n"))
        pieces.extend(_font_runs(visual_line(line), prefer=ARABIC if rtl_spans(line) else BASE))
    return _markup_runs(pieces)
