"""The agreement dialog (preview, print, save) and the batch of agreements
due this week, offscreen; no document ever lands in a temporary folder."""

from __future__ import annotations

import datetime as dt
import os
import tempfile

import pytest
from PySide6.QtPrintSupport import QPrinter

from duo_desktop.services import duo_lifecycle as dl
from duo_desktop.services.documents.batch import agreements_due, save_each
from duo_desktop.services.documents.output import stamp_created
from duo_desktop.services.errors import Cancelled
from duo_desktop.views.documents import open_agreement_batch, open_agreement_dialog
from duo_desktop.views.documents.printing import print_pdfs
from tests.conftest import TODAY
from tests.documents.helpers import ARABIC, GEEZ, awaiting_duo, pdf_text

NOW = dt.datetime.combine(TODAY, dt.time(10))


@pytest.fixture
def empty_tempdir(tmp_path, monkeypatch):
    """tempfile and Qt both look here during the test: it must stay empty."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


def test_dialog_previews_in_the_duo_language_and_follows_choices(app_context, qtbot):
    with app_context.store.transaction() as s:
        duo_id = awaiting_duo(s, NOW, mentee=ARABIC, mentor=GEEZ, mentee_reads="nl", mentor_reads="nl").id
    dialog = open_agreement_dialog(None, app_context, duo_id)
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "nl" and not dialog.bilingual.isChecked()
    assert len(dialog.preview.pages) >= 1 and "Mentoringovereenkomst" in pdf_text(dialog.pdf)
    dialog.language.setCurrentIndex(0)  # fr
    assert "Convention de mentorat" in pdf_text(dialog.pdf)
    dialog.bilingual.setChecked(True)
    dialog.second_language.setCurrentIndex(2)  # en
    text = pdf_text(dialog.pdf)
    assert "Convention de mentorat" in text and "Mentoring agreement" in text
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()


def test_dialog_shows_a_broken_template_and_offers_no_print(app_context, qtbot, tmp_path):
    folder = tmp_path / "branch"
    (folder / "fr").mkdir(parents=True)
    (folder / "fr" / "agreement.toml").write_text('title = "Convention\n', encoding="utf-8")
    with app_context.store.transaction() as s:
        duo_id = awaiting_duo(s, NOW, settings={"templates_dir": str(folder)}).id
    dialog = open_agreement_dialog(None, app_context, duo_id)
    qtbot.addWidget(dialog)
    assert dialog.pdf is None and not dialog.print_button.isEnabled() and not dialog.save_button.isEnabled()
    assert "agreement.toml" in dialog.error.text() and dialog.preview.pages == []


def test_save_and_print_leave_no_temporary_file(app_context, qtbot, tmp_path, monkeypatch, empty_tempdir):
    with app_context.store.transaction() as s:
        duo_id = awaiting_duo(s, NOW).id
    dialog = open_agreement_dialog(None, app_context, duo_id)
    qtbot.addWidget(dialog)
    target = tmp_path / "out" / "mine"
    target.parent.mkdir()
    monkeypatch.setattr("duo_desktop.views.save_dialog.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(target), ""))
    dialog.save_agreement()
    saved = target.with_suffix(".pdf")
    assert saved.read_bytes() == stamp_created(dialog.pdf, app_context.clock.now())
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out" / "printed.pdf"))
    assert print_pdfs(printer, [dialog.pdf, dialog.pdf]) == 2 * len(dialog.preview.pages)
    assert os.listdir(empty_tempdir) == []


def due_duos(store, count=3):
    with store.transaction() as s:
        first = awaiting_duo(s, NOW)
        ids = [first.id] + [awaiting_duo(s, NOW, code=f"B{i}", city=f"Ville{i}").id for i in range(count - 1)]
        # an active duo is not due
        active = awaiting_duo(s, NOW, code="ACT", city="Gent")
        dl.sign_agreement(s, active, TODAY, "nl", NOW)
    return ids


def test_batch_saves_every_due_agreement_to_the_folder(app_context, qtbot, tmp_path, empty_tempdir):
    ids = due_duos(app_context.store)
    with app_context.store.session() as s:
        assert sorted(d.duo_id for d in agreements_due(s, TODAY)) == sorted(ids)
    dialog = open_agreement_batch(None, app_context)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 3 and "3" in dialog.summary.text()
    folder = tmp_path / "batch"
    folder.mkdir()
    dialog.save_to_folder(folder)
    qtbot.waitUntil(lambda: dialog.result.text() != "", timeout=20000)
    files = sorted(folder.iterdir())
    assert len(files) == 3 and all(f.suffix == ".pdf" for f in files)
    assert "Фатима Иванова" in pdf_text(files[0].read_bytes())
    assert os.listdir(empty_tempdir) == []


def test_cancelled_batch_leaves_nothing_behind(store, tmp_path):
    due_duos(store)
    with store.session() as s:
        due = agreements_due(s, TODAY)
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / due[0].file_name).write_bytes(b"an earlier file")
    calls = []

    def progress(done, total):
        calls.append(done)
        return done < 2  # the user presses Cancel after the second

    with pytest.raises(Cancelled), store.session() as s:
        save_each(s, due, folder, TODAY, progress)
    assert [p.name for p in folder.iterdir()] == [due[0].file_name]  # the earlier file is kept
    assert (folder / due[0].file_name).read_bytes() == b"an earlier file"
