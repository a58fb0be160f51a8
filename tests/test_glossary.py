"""The catalogs use one term per concept (translations/GLOSSARY.md): a few key
rules checked on every entry, by what the English message is about."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from duo_desktop.i18n import SOURCE_DIR

# (language, English words that make the rule apply (None: always), forbidden in the translation, why)
RULES = [
    ("fr", None, r"\b[LlDd]u? mentoré\b(?!·)|\b[Ll]e mentoré\b|^Mentoré$|\bau mentoré\b",
     "a mentee of unknown gender is 'la personne mentorée' or 'mentoré·e', never 'le mentoré'"),
    ("fr", None, r"[Mm]atching|jumel", "matching is 'mise en duo'"),
    ("fr", r"\breason\b", r"\b[Rr]aison\b", "a reason is a 'motif'"),
    ("fr", None, r"[Ff]euille de présence", "the attendance sheet is the 'liste de présence'"),
    ("nl", None, r"\b[Dd]e duo\b(?![’'])|\belke duo\b|\bduo die\b", "duo is neuter: 'het duo'"),
    ("nl", r"\bsaved?\b", r"\bbewa(a)?r", "save is 'opslaan'; 'bewaren' is to keep"),
    ("nl", r"\bdrafts?\b", r"\bontwerp", "a draft is a 'concept'"),
    ("nl", r"\b[Aa]ccept", r"accepte", "accept is 'aanvaarden'"),
    ("nl", None, r"[Mm]atching|gematcht|\bmatch\b", "matching is 'koppelen'"),
    ("nl", None, r"[Dd]atabank", "a database is a 'database' in both countries"),
]


def _entries(lang):
    with (SOURCE_DIR / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        for message in read_po(fh, locale=lang):
            if message.id:
                ids = message.id if isinstance(message.id, tuple) else (message.id,)
                strs = message.string if isinstance(message.string, tuple) else (message.string,)
                yield ids[0], [s for s in strs if s]


@pytest.mark.parametrize(("lang", "about", "forbidden", "why"), RULES, ids=[r[3] for r in RULES])
def test_catalogs_use_the_glossary(lang, about, forbidden, why):
    wrong = [(msgid, text) for msgid, texts in _entries(lang) for text in texts
             if (about is None or re.search(about, msgid)) and re.search(forbidden, text)]
    assert wrong == [], why


def test_the_rules_catch_the_reviewed_mistakes():
    assert re.search(RULES[0][2], "Le mentoré a dit oui")
    assert re.search(RULES[0][2], "Préférences du mentoré")
    assert not re.search(RULES[0][2], "Inscrit·e depuis · Mentoré·e · mentorés")
    assert re.search(RULES[4][2], "Verwachte start van de duo") and not re.search(RULES[4][2], "Actieve duo’s")


@pytest.mark.parametrize(("lang", "labels", "text"), [
    ("fr", ["Recherche d’emploi", "Pratique de la langue"], "Recherche d’emploi et pratique de la langue"),
    ("nl", ["cv", "Welzijn"], "Cv en welzijn"),
    ("fr", ["Réseau", "CV"], "Réseau et CV"),
])
def test_a_list_of_topics_has_one_capital(lang, labels, text):
    from duo_desktop.i18n import Translator
    from duo_desktop.services.timeline import topic_list

    assert topic_list(labels, Translator(lang)) == text
