"""Names in right-to-left scripts (Arabic) inside a left-to-right sentence:
wrapped in Unicode first-strong isolates so that "Duo محمد العلي – Joëlle
Dubois" keeps its order."""

from __future__ import annotations

FSI, PDI = "\u2068", "\u2069"


def isolate(text: str) -> str:
    return f"{FSI}{text}{PDI}" if text else text
