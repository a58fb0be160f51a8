"""Text helpers for search: fold case and accents so that "joelle" finds
"Joëlle" in any script (Arabic vowel marks are dropped the same way)."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


def search_name(first_name: str, last_name: str) -> str:
    return fold(f"{first_name} {last_name}")


def digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())
