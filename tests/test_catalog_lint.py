"""Malformed or badly typeset catalog entries are caught (issue 17: the Dutch
import checkbox showed `msgstr "…"`; the review's FR-35, FR-36, NL-32, NL-33)."""

from __future__ import annotations

from pathlib import Path

import pytest

from duo_desktop.i18n import LANGUAGES, SOURCE_DIR
from duo_desktop.tools.catalog_lint import NNBSP, lint, lint_catalog, typeset


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalog_is_well_formed_and_typeset(lang):
    assert lint_catalog(lang, SOURCE_DIR / lang / "LC_MESSAGES" / "messages.po") == []


@pytest.mark.parametrize(("msgid", "msgstr", "problem"), [
    ("Show &only the rows with a problem",
     'Alleen de rijen met een probleem msgstr "&Alleen de rijen met een probleem tonen"tonen', "pasted"),
    ("Rows: {count}", "Rijen: {aantal}", "placeholders"),
    ("Row {row}: {reason}", "Rij {row}", "placeholders"),
    ("Show &everyone", "&Iedereen &tonen", "mnemonics"),
    ("The template is broken", "Het sjabloon is defect msgid \"x\"", "pasted"),
    ("Show everyone in the branch", "Iedereen tonen (Show everyone in the branch)", "English"),
])
def test_a_broken_entry_is_named(msgid, msgstr, problem):
    found = lint("nl", msgid, msgstr)
    assert any(problem in f for f in found), found


def test_unbalanced_guillemets_are_caught():
    assert any("unbalanced «" in f for f in lint("fr", "“{value}” is wrong", f"«{NNBSP}{{value}} est faux"))


@pytest.mark.parametrize(("lang", "raw", "typeset_"), [
    ("fr", "Supprimer la rencontre du {date} ?", f"Supprimer la rencontre du {{date}}{NNBSP}?"),
    ("fr", "&Antenne :", f"&Antenne{NNBSP}:"),
    ("fr", "« {value} » n'existe pas", f"«{NNBSP}{{value}}{NNBSP}» n’existe pas"),
    ("fr", "Dossier n° {id}", "Dossier n°\u00a0{id}"),
    ("fr", "18:00 le 26/11/2026", "18:00 le 26/11/2026"),  # a time keeps its colon
    ("nl", "Actieve duo's", "Actieve duo’s"),
    ("nl", "Een duo kan niet van „{current}” naar “{target}” gaan.", "Een duo kan niet van ‘{current}’ naar ‘{target}’ gaan."),
])
def test_typography_of_each_language(lang, raw, typeset_):
    assert typeset(lang, raw) == typeset_
    assert typeset(lang, typeset_) == typeset_
    assert lint(lang, raw.replace("n°", "no."), raw) != [] or raw == typeset_


def test_the_check_command_reports_lint_problems(tmp_path, monkeypatch):
    po = tmp_path / "messages.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                  'msgid "Show &only the rows with a problem"\n'
                  'msgstr "Alleen de rijen met een probleem msgstr \\"&Alleen\\"tonen"\n', encoding="utf-8")
    found = lint_catalog("nl", Path(po))
    assert len(found) >= 1 and "Show &only the rows with a problem" in found[0]
