"""Paragraphs whose markup is parsed, and whose lines are broken, once per
process rather than once per document.

A batch of agreements repeats the same clauses in every document; only the
paragraphs that hold a name differ. ReportLab parses the markup of every
Paragraph it is given and breaks its lines again at every ``wrap``, which
was most of the time of an agreement. Here both results are kept, keyed by
the markup, the style and (for the lines) the width:

* ``paragraph(markup, style)`` gives a new Paragraph each time (flowables
  are never shared between documents), built from the fragments parsed the
  first time this markup was seen. A markup error still raises ValueError
  at construction, as ``Paragraph`` does.
* Its ``wrap`` takes the state a fresh Paragraph had after breaking the same
  markup at the same width (the line structure is only read when drawn),
  and breaks the lines itself the first time.
* ``split`` (a paragraph running over a page end) is left to a fresh,
  uncached Paragraph: splitting rewrites fragments, which must never touch
  the shared ones.

The output is the same, byte for byte, as with plain Paragraphs.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from .memo import Memo

MAX_ENTRIES = 4096  # per cache; a name-bearing paragraph is one entry per duo

# (markup, style) -> the fragments parsed from it
_parsed = Memo(MAX_ENTRIES)
# (markup, style, width) -> the state of a fresh Paragraph after wrap()
_wrapped = Memo(MAX_ENTRIES)


def clear() -> None:
    """Forget every parsed and wrapped paragraph (tests)."""
    _parsed.clear()
    _wrapped.clear()


class PreparedParagraph(Paragraph):
    """A Paragraph built from cached fragments, with cached line breaking."""

    def __init__(self, markup: str, style: ParagraphStyle, frags: list[Any]) -> None:
        super().__init__(markup, style, frags=frags)
        self._markup = markup

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (ReportLab's names)
        key = (self._markup, self.style, availWidth)
        state = _wrapped.get(key)
        if state is not None:
            self.__dict__.update(state)
            return self.width, self.height
        fresh = Paragraph(self._markup, self.style)
        size = fresh.wrap(availWidth, availHeight)
        _wrapped.put(key, dict(fresh.__dict__))
        self.__dict__.update(fresh.__dict__)
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        fresh = Paragraph(self._markup, self.style)
        fresh.wrap(availWidth, availHeight)
        return fresh.split(availWidth, availHeight)


def paragraph(markup: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of ``markup`` in ``style``, parsed only the first time."""
    key = (markup, style)
    frags = _parsed.get(key)
    if frags is None:
        frags = Paragraph(markup, style).frags  # raises ValueError on broken markup
        _parsed.put(key, frags)
    return PreparedParagraph(markup, style, frags)
