"""Malformed and badly typeset catalog entries, and the one typography each
language uses (translations/GLOSSARY.md).

    lint(lang, msgid, msgstr) -> list[str]     what is wrong with one translation
    lint_catalog(lang, path) -> list[str]      every problem of a .po file ("lang: 'msgid': problem")
    typeset(lang, text) -> str                 the text with the language's spaces, apostrophe and quotes

French (Lexique des règles typographiques de l'Imprimerie nationale, as the
language review asks): a narrow no-break space U+202F before : ; ? ! and
inside « », the apostrophe ’, guillemets « » as the only quotes, a no-break
space after "n°". Dutch: the apostrophe ’ and one quote style, ‘…’ (the
review's NL-32 and NL-33). Errors caught in any language: a msgid or msgstr
pasted inside a translation (the Dutch import checkbox that printed
`msgstr "…"`), placeholders that differ from the msgid's, unbalanced quotes,
more than one mnemonic (&) or a mnemonic the msgid does not have.
"""

from __future__ import annotations

import re
from pathlib import Path

NNBSP = "\u202f"
NBSP = "\u00a0"
PLACEHOLDER = re.compile(r"\{[a-zA-Z_][a-zA-Z0-9_]*(?:[:!][^{}]*)?\}")
_PASTED = re.compile(r'\b(msgstr|msgid|msgctxt)(\[\d\])?\s*"')
_MNEMONIC = re.compile(r"&(?=[^&\s])")

# French: a space of the wrong kind (or none) before the high signs, inside guillemets
_FR_BEFORE = re.compile(r"(?<=[^\s\d:/(\[{])[ \u00a0]?([;?!])(?=\s|$|[»)])|(?<=[^\s:/(\[{])[ \u00a0]?(:)(?=\s|$)")
_FR_OPEN = re.compile(r"«[ \u00a0\u202f]*")
_FR_CLOSE = re.compile(r"[ \u00a0\u202f]*»")
_FR_NUMERO = re.compile(r"n°[ \u00a0\u202f]?(?=[\w{])")


def typeset(lang: str, text: str) -> str:
    """``text`` with the typography of ``lang`` (fr, nl; others unchanged).
    Idempotent: typeset(typeset(t)) == typeset(t)."""
    if lang == "fr":
        text = text.replace("'", "’").replace("“", "« ").replace("”", " »")
        text = _FR_OPEN.sub("«" + NNBSP, text)
        text = _FR_CLOSE.sub(NNBSP + "»", text)
        text = _FR_BEFORE.sub(lambda m: NNBSP + (m.group(1) or m.group(2)), text)
        text = _FR_NUMERO.sub("n°" + NBSP, text)
        text = re.sub(r"(?<=\}) %", NNBSP + "%", text)
    elif lang == "nl":
        text = re.sub(r"(?<=\w)'(?=\w)", "’", text)
        text = re.sub(r"[„“\"]([^„“”\"]*)[”\"]", r"‘\1’", text)
        text = re.sub(r"(?<![\w])'([^']*)'", r"‘\1’", text)
    return text


def _balanced(text: str, opening: str, closing: str) -> bool:
    depth = 0
    for ch in text:
        if ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def lint(lang: str, msgid: str, msgstr: str) -> list[str]:
    """Problems of one translation ``msgstr`` of ``msgid`` (the singular,
    or the plural for a plural form)."""
    found: list[str] = []
    if _PASTED.search(msgstr):
        found.append("a catalog entry is pasted inside the translation")
    if len(msgid) > 20 and " " in msgid and msgid in msgstr and msgid != msgstr and lang != "en":
        found.append("the English text is pasted inside the translation")
    if sorted(PLACEHOLDER.findall(msgstr)) != sorted(PLACEHOLDER.findall(msgid)):
        found.append(f"placeholders {sorted(PLACEHOLDER.findall(msgstr))} differ from "
                     f"{sorted(PLACEHOLDER.findall(msgid))}")
    if "&" in msgid.replace("&&", "") and _MNEMONIC.search(msgid.replace("&&", "")):
        count = len(_MNEMONIC.findall(msgstr.replace("&&", "")))
        if count != 1:
            found.append(f"{count} mnemonics (&) where the English has one")
    elif _MNEMONIC.search(msgstr.replace("&&", "")) and not re.search(r"&\w+;", msgstr):
        found.append("a mnemonic (&) the English does not have")
    for opening, closing in (("«", "»"), ("„", "”"), ("“", "”"), ("(", ")"), ("{", "}")):
        if (opening in msgstr or closing in msgstr) and opening != closing and not _balanced(
                msgstr, opening, closing) and (opening, closing) != ("„", "”") and (opening, closing) != ("“", "”"):
            found.append(f"unbalanced {opening} {closing}")
    if msgstr.strip() != msgstr and msgid.strip() == msgid:
        found.append("spaces at the start or end the English does not have")
    if lang in ("fr", "nl") and typeset(lang, msgstr) != msgstr:
        found.append(f"typography: should read {typeset(lang, msgstr)!r}")
    if lang == "nl" and any(q in msgstr for q in "„“\""):
        found.append("quotes other than ‘…’")
    if lang == "fr" and any(q in msgstr for q in "“”\"'"):
        found.append("quotes other than « » or a straight apostrophe")
    return found


def lint_catalog(lang: str, path: Path) -> list[str]:
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang)
    found: list[str] = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strs = message.string if isinstance(message.string, tuple) else (message.string,)
        for i, text in enumerate(strs):
            if not text:
                continue
            msgid = ids[min(i, len(ids) - 1)]
            for problem in lint(lang, msgid, text):
                if len(ids) > 1 and problem.startswith("placeholders") and i == 0 and lang != "en":
                    # a singular may spell the number out ("plus d’un mois")
                    if set(PLACEHOLDER.findall(text)) <= set(PLACEHOLDER.findall(ids[-1])):
                        continue
                found.append(f"{lang}: {ids[0]!r}: {problem}")
    return found
