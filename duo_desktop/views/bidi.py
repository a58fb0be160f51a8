"""Names in right-to-left scripts (Arabic) inside a left-to-right sentence:
wrapped in Unicode first-strong isolates so that "Duo محمد العلي – Joëlle
Dubois" keeps its order."""

from __future__ import annotations

FSI, PDI = "\u2068", "\u2069"
LRM = "\u200e"


def isolate(text: str) -> str:
    return f"{FSI}{text}{PDI}" if text else text


def ltr(text: str) -> str:
    """A line that starts with an isolated name still reads left to right: a
    selectable QLabel (a QTextDocument) takes its direction from the first
    strong letter, looking inside isolates, so "محمد العلي · 0470 12 34 56"
    would be laid out right to left and show the phone as "56 34 12 0470"."""
    return f"{LRM}{text}" if text else text
