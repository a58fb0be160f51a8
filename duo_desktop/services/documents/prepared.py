"""Paragraphs whose markup is parsed, and whose lines are broken, once per
process rather than once per document.

A batch of agreements repeats the same clauses in every document; only the
paragraphs that hold a name differ. ReportLab parses the markup of every
Paragraph it is given and breaks its lines again at every ``wrap``, which
was most of the time of an agreement. Here the work is done once per
markup, style and width:

* ``paragraph(markup, style)`` gives a new Paragraph each time (flowables
  are never shared between documents). The first time a markup is seen it
  is parsed at once, so that a markup error raises ValueError at
  construction as with ``Paragraph``; after that, parsing waits until it is
  needed, which it is not when the lines are already known.
* ``wrap`` takes the state a Paragraph of the same markup had after
  breaking its lines at the same width (the line structure is only read
  when drawn); the first time, the paragraph breaks its own lines and that
  state is kept.
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

# (markup, style) -> True once parsed without error
_parsed = Memo(MAX_ENTRIES)
# (markup, style, width) -> the state of a fresh Paragraph after wrap()
_wrapped = Memo(MAX_ENTRIES)


def clear() -> None:
    """Forget every parsed and wrapped paragraph (tests)."""
    _parsed.clear()
    _wrapped.clear()


class PreparedParagraph(Paragraph):
    """A Paragraph with cached line breaking, parsed only when needed."""

    def __init__(self, markup: str, style: ParagraphStyle, parse: bool = True) -> None:
        self._markup = markup
        if parse:
            super().__init__(markup, style)
        else:  # what Paragraph.__init__ sets besides the parse
            self.caseSensitive = 1
            self.encoding = "utf8"
            self.style = style
            self.bulletText = getattr(style, "bulletText", None)
            self.debug = 0

    # The parse results, made on first use (not at all when the lines are known).
    # Properties rather than __getattr__, which every getattr(p, name, default)
    # of ReportLab would go through.
    @property
    def frags(self) -> list[Any]:
        if "_frags" not in self.__dict__:
            self._parse()
        return self.__dict__["_frags"]

    @frags.setter
    def frags(self, value: list[Any]) -> None:
        self.__dict__["_frags"] = value

    @property
    def text(self) -> str:
        if "_text" not in self.__dict__:
            self._parse()
        return self.__dict__["_text"]

    @text.setter
    def text(self, value: str) -> None:
        self.__dict__["_text"] = value

    def _parse(self) -> None:
        Paragraph.__init__(self, self._markup, self.style, bulletText=self.bulletText)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 (ReportLab's names)
        key = (self._markup, self.style, availWidth)
        state = _wrapped.get(key)
        if state is not None:
            self.__dict__.update(state)
            return self.width, self.height
        if "_frags" not in self.__dict__ or "blPara" in self.__dict__:
            self._parse()  # never break lines from fragments another paragraph holds
        size = super().wrap(availWidth, availHeight)
        _wrapped.put(key, dict(self.__dict__))
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        fresh = Paragraph(self._markup, self.style)
        fresh.wrap(availWidth, availHeight)
        return fresh.split(availWidth, availHeight)


def paragraph(markup: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of ``markup`` in ``style``, parsed only when needed."""
    key = (markup, style)
    if _parsed.get(key):
        return PreparedParagraph(markup, style, parse=False)
    prepared = PreparedParagraph(markup, style)  # raises ValueError on broken markup
    _parsed.put(key, True)
    return prepared
