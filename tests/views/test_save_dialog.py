"""Every save dialog opens in the user's documents folder (or the folder
last used), never the program's, with a file name in the user's language
(issue 17); a saved PDF carries the clock's date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QStandardPaths

from duo_desktop import i18n
from duo_desktop.views import save_dialog
from duo_desktop.views.documents import open_agreement_dialog
from tests.conftest import TODAY
from tests.documents.helpers import awaiting_duo

NOW = dt.datetime.combine(TODAY, dt.time(10))


@pytest.fixture
def prefs(tmp_path, monkeypatch):
    settings = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(save_dialog, "settings", lambda: settings)
    return settings


@pytest.fixture
def captured(monkeypatch):
    """The save dialog replaced by one that records its arguments and
    answers with ``captured['answer']``."""
    calls: dict = {"answer": ""}

    def fake(parent, title, path, file_filter):  # noqa: ANN001, ANN202
        calls.update(title=title, path=Path(path), filter=file_filter)
        return calls["answer"], ""

    monkeypatch.setattr("duo_desktop.views.save_dialog.QFileDialog.getSaveFileName", fake)
    return calls


@pytest.mark.parametrize("lang,name", [("fr", "convention-duo-{id}-fr.pdf"),
                                       ("nl", "overeenkomst-duo-{id}-fr.pdf"),
                                       ("en", "agreement-duo-{id}-fr.pdf")])
def test_agreement_save_dialog_opens_in_documents_with_a_name_in_the_users_language(
        app_context, qtbot, prefs, captured, lang, name):
    with app_context.store.transaction() as s:
        duo_id = awaiting_duo(s, NOW).id
    i18n.set_language(lang)
    dialog = open_agreement_dialog(None, app_context, duo_id)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(0)  # the document in French, whatever the interface's language
    dialog.save_agreement()
    documents = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))
    assert captured["path"] == documents / name.format(id=duo_id)
    assert captured["path"].parent != Path(save_dialog.__file__).parent  # never the program's folder


def test_the_folder_is_remembered_the_file_name_never(app_context, qtbot, prefs, captured, tmp_path):
    with app_context.store.transaction() as s:
        duo_id = awaiting_duo(s, NOW).id
    dialog = open_agreement_dialog(None, app_context, duo_id)
    qtbot.addWidget(dialog)
    chosen = tmp_path / "signed" / "Фатима.pdf"
    chosen.parent.mkdir()
    captured["answer"] = str(chosen)
    dialog.save_agreement()
    assert prefs.value(save_dialog.LAST_FOLDER_KEY) == str(chosen.parent)
    assert "Фатима" not in Path(prefs.fileName()).read_text(encoding="utf-8")
    # the PDF is dated by the clock, not 1 January 2000
    assert PdfReader(chosen).metadata["/CreationDate"].startswith("D:" + app_context.clock.now().strftime("%Y%m%d%H%M%S"))
    captured["answer"] = ""
    dialog.save_agreement()
    assert captured["path"].parent == chosen.parent
    # a remembered folder since removed: back to the documents folder
    chosen.unlink()
    chosen.parent.rmdir()
    dialog.save_agreement()
    assert captured["path"].parent == save_dialog.documents_folder()


def test_file_names_lose_the_characters_a_file_system_refuses():
    assert save_dialog.safe_file_name('liste: "A/B"?.pdf') == "liste- -A-B-.pdf"
    assert save_dialog.safe_file_name("...") == "document"
