"""The one normalisation of names and words for search, duplicate detection
and sorting: :func:`fold`. Whatever keyboard typed a name, the folded form is
the same, so ``ndiaye`` finds both N'Diaye and N’Diaye.

What it does, in order:

- Unicode NFKC then NFKD (decomposed accents typed on a Mac compare equal to
  composed ones; compatibility forms such as ligatures and Arabic
  presentation forms become plain letters);
- drops combining marks (accents, Arabic vowel marks and hamza), format
  characters (zero-width joiner and non-joiner, zero-width space, BOM, soft
  hyphen, bidi marks) and apostrophes of every kind (' ’ ‘ ʼ ´ `);
- transliterates the letters accent folding misses (Ł ø æ œ đ ß ı, other
  scripts: Arabic and Persian variants such as ي/ی and ك/ک, Cyrillic,
  Ge'ez...) with anyascii (ISC licence, a maintained table of every Unicode
  letter), letter by letter, so the two spellings one script allows end up
  equal;
- any other punctuation or symbol (hyphen, emoji) separates words; case is
  folded and spaces collapsed.

The result is lower-case ASCII words separated by single spaces; letters of
a script anyascii cannot spell are kept as they are.

It sits beside ``i18n.py``, outside the layers, because every layer folds
names the same way: the models fill ``participant.search_text`` with it, the
migrations recompute keys with it, the services search, match and import with
it, and the matching board filters its cards with it. It imports nothing of
the application.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

#: Apostrophes and quotes that keyboards put inside names (N'Diaye, D’Hondt)
APOSTROPHES = frozenset("'’‘ʼ´`ʻ′＇‛")
_ASCII_TABLE = str.maketrans({c: " " for c in "!\"#$%&()*+,-./:;<=>?@[\\]^_{|}~\t\r\n\v\f"} | {"'": "", "`": ""})
_SPACES = re.compile(r"\s+")


def _fold_char(ch: str) -> str:
    category = unicodedata.category(ch)
    if ch in APOSTROPHES or category in ("Mn", "Me", "Mc", "Cf", "Cc"):
        return "" if category != "Cc" else " "
    if ch.isascii():
        return ch.translate(_ASCII_TABLE)
    if category[0] in "LN":
        spelt = anyascii(ch)
        if not spelt:  # Arabic alif, tatweel: nothing to spell
            return ""
        return spelt.replace("'", "").replace("`", "") if spelt.strip("'`") else ""
    return " "


@lru_cache(maxsize=65_536)
def _fold_unicode(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    folded = "".join(_fold_char(ch) for ch in decomposed)
    return " ".join(folded.casefold().split())


def fold(text: str) -> str:
    """The searchable form of ``text`` (see the module docstring):
    ``fold("N’Diaye")`` == ``fold("n'diaye")`` == ``"ndiaye"``,
    ``fold("Łukasz Øster")`` == ``"lukasz oster"``. Quick for ASCII and
    cached for the names and places that repeat."""
    if not text:
        return ""
    if text.isascii():
        return " ".join(text.translate(_ASCII_TABLE).lower().split())
    return _fold_unicode(text)


def search_name(first_name: str, last_name: str, prefix: str = "") -> str:
    """The stored search key of a name: ``fold("first prefix last")``."""
    return fold(" ".join(part for part in (first_name, prefix, last_name) if part))


def search_text(name_key: str, email: str, municipality: str, phone_key: str) -> str:
    """What the participants list searches in, as stored in
    ``participant.search_text`` (SQLite FTS5 trigram or PostgreSQL pg_trgm
    index, store/search_index): the stored name key, the folded email and
    municipality and the phone key, joined by spaces. Folded, so ASCII and
    lower case (see ``fold``)."""
    return " ".join(part for part in (name_key, fold(email), fold(municipality), phone_key) if part)


def digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


#: Characters that look like nothing on screen (zero-width space, joiners,
#: word joiner, BOM, soft hyphen, bidi marks)
INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067"
                      "\u2068\u2069")
_ODD_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")


def clean_line(text: str, keep_joiners: bool = False) -> str:
    """A single-line field as it should be stored: line breaks and tabs
    become one space, control characters and (unless ``keep_joiners``, for
    Persian and Indic names where ZWNJ/ZWJ matter) invisible characters are
    dropped, no-break and narrow spaces become ordinary spaces, NFC, outer
    spaces stripped."""
    text = unicodedata.normalize("NFC", text or "")
    text = _ODD_SPACES.sub(" ", text)
    drop = INVISIBLE - ({"\u200c", "\u200d"} if keep_joiners else set())
    text = "".join(" " if ch in "\r\n\t\v\f\x85\u2028\u2029" else ch for ch in text
                   if ch not in drop and (unicodedata.category(ch) != "Cc" or ch in "\r\n\t"))
    return _SPACES.sub(" ", text).strip()


#: Dutch surname prefixes (tussenvoegsels), longest first. In the Netherlands a list is sorted on the name
#: after them (de Vries under V); in Belgium and France on the whole surname (De Smet under D).
#: Source: Nederlandse Taalunie, "Achternamen met voorvoegsels"; NEN 1888 (the official list of prefixes).
NAME_PREFIXES = tuple(sorted((
    "van", "van de", "van der", "van den", "van het", "van 't", "van de la", "de", "den", "der", "het", "'t",
    "ter", "ten", "te", "in 't", "in de", "in den", "in der", "in het", "op de", "op den", "op 't", "op ten",
    "uit de", "uit den", "uit het", "uit 't", "aan de", "aan den", "aan het", "bij de", "bij den", "onder de",
    "over de", "voor de", "voor den", "von", "von der", "zu", "la", "le", "du", "des", "de la", "d'",
), key=lambda p: -len(p)))


def name_prefix(last_name: str) -> str:
    """The prefix at the start of ``last_name`` as it was typed ("van der"
    of "van der Berg", "De" of "De Smet"), or "" when there is none or it is
    the whole name ("Van"). Apostrophes of every keyboard count as one."""
    text = " ".join((last_name or "").split())
    lowered = text.casefold().replace("’", "'").replace("‘", "'")
    for prefix in NAME_PREFIXES:
        glued = prefix.endswith("'")
        if lowered.startswith(prefix if glued else prefix + " ") and len(lowered) > len(prefix) + (0 if glued else 1):
            return text[:len(prefix)]
    return ""


def sort_name(last_name: str, prefix: str, country: str) -> str:
    """The folded key a list sorts a surname on: in the Netherlands without
    its prefix, which comes after the name ("berg van der"); elsewhere the
    whole surname as written ("van der berg")."""
    if (country or "").upper() == "NL" and prefix and last_name.startswith(prefix):
        return fold(f"{last_name[len(prefix):]} {prefix}")
    return fold(last_name)
