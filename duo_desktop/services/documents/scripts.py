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
* A right-to-left run (Arabic, Persian...) is joined and put in visual
  order: letters take their contextual forms (arabic_reshaper gives the
  presentation forms, which Noto Sans Arabic has), and the run is reversed
  word by word and letter by letter, digits kept left to right and brackets
  mirrored. That is what the Unicode bidi algorithm gives for a right-to-left
  run inside a left-to-right line, which is all a French, Dutch or English
  document holds. The run's spaces become no-break spaces so that a name is
  never split over two lines in the wrong order.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from xml.sax.saxutils import escape

import arabic_reshaper

from .fonts import ARABIC, BASE, EMOJI, coverage

NBSP = "\u00a0"
REPLACEMENT = "\ufffd"
# categories that draw nothing on their own: never replaced
_INVISIBLE = frozenset(("Cf", "Cc", "Mn", "Me", "Zs", "Zl", "Zp"))
_RTL = frozenset(("R", "AL"))
_NUMBER = frozenset(("EN", "AN"))
_MIRROR = {"(": ")", ")": "(", "[": "]", "]": "[", "{": "}", "}": "{", "<": ">", ">": "<", "«": "»", "»": "«"}
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


def visual_rtl(run: str) -> str:
    """A right-to-left run in the order it is drawn left to right: joined
    letters, reversed, numbers kept in reading order, brackets mirrored,
    spaces made unbreakable."""
    shaped = arabic_reshaper.reshape(run)
    out: list[str] = []
    number: list[str] = []
    for char in reversed(shaped):
        kind = _bidi(char)
        if kind in _NUMBER or (number and kind in ("CS", "ES", "ET") and char not in " "):
            number.append(char)
            continue
        if number:
            out.extend(reversed(number))
            number = []
        if char == " ":
            out.append(NBSP)
        else:
            out.append(_MIRROR.get(char, char))
    if number:
        out.extend(reversed(number))
    return "".join(out)


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
    position = 0
    for start, end in rtl_spans(text):
        if start > position:
            pieces.extend(_font_runs(text[position:start]))
        pieces.extend(_font_runs(visual_rtl(text[start:end]), prefer=ARABIC))
        position = end
    if position < len(text):
        pieces.extend(_font_runs(text[position:]))
    return _markup_runs(pieces)
