"""The import dialog: a preview of every row before anything is written,
then the import of the valid rows, off the UI thread."""

from __future__ import annotations

from sqlalchemy import func, select

from duo_desktop import i18n
from duo_desktop.models import Participant
from duo_desktop.services import importer
from duo_desktop.views.import_dialog import PreviewModel, open_import_dialog
from tests import factories

TEXT = ("Prénom;Nom;Rôle;Date de naissance;Courriel;Téléphone;Code postal\n"
        "Joëlle;Dubois;mentor;12/05/1960;joelle@example.org;;1050\n"
        "ሰላም;ተስፋይ;mentee;31/02/2001;selam@example.org;;1000\n")


def _preview(context, path):
    with context.store.session() as s:
        return importer.preview(s, context.clock, path)


def test_preview_then_import(app_context, qtbot, tmp_path):
    i18n.set_language("en")
    with app_context.store.transaction() as s:
        factories.branch(s)
    path = tmp_path / "export.csv"
    path.write_text(TEXT, encoding="utf-8-sig")
    dialog = open_import_dialog(None, app_context)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(path))
    assert dialog.rejected_edit.text().endswith("export-rejected.csv")
    dialog.check()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    model = dialog.model
    assert model.rowCount() == 2
    assert [model.index(r, 2).data() for r in range(2)] == ["Ready", "Rejected"]
    assert model.index(1, 4).data() == "Row 2 (line 3), Birth date: this date does not exist (31/02/2001)."
    assert dialog.import_button.text() == "&Import 1 row" and dialog.import_button.isEnabled()
    with app_context.store.session() as s:
        assert s.scalar(select(func.count()).select_from(Participant)) == 0  # nothing written yet

    dialog.import_button.click()
    qtbot.waitUntil(lambda: "imported" in dialog.summary.text(), timeout=5000)
    assert "1 participant imported." in dialog.summary.text()
    assert (tmp_path / "export-rejected.csv").exists()
    with app_context.store.session() as s:
        assert s.scalars(select(Participant.first_name)).all() == ["Joëlle"]


def test_preview_model_passes_the_model_tester(app_context, qtmodeltester, tmp_path):
    with app_context.store.transaction() as s:
        factories.branch(s)
    path = tmp_path / "export.csv"
    path.write_text(TEXT, encoding="utf-8")
    model = PreviewModel()
    model.set_preview(_preview(app_context, path))
    qtmodeltester.check(model)
    model.set_preview(_preview(app_context, path), only_problems=True)
    assert model.rowCount() == 1
    qtmodeltester.check(model)


def test_problem_texts_follow_a_language_switch(app_context, qtbot, tmp_path):
    """Issue 17: after a switch the problems of the rows, the details under
    the table and the file's problems are in the new language."""
    i18n.set_language("en")
    with app_context.store.transaction() as s:
        factories.branch(s)
    path = tmp_path / "export.csv"
    path.write_text(TEXT, encoding="utf-8")
    dialog = open_import_dialog(None, app_context)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(path))
    dialog.check()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    dialog.table.setCurrentIndex(dialog.model.index(1, 0))
    assert dialog.details.text() == "Row 2 (line 3), Birth date: this date does not exist (31/02/2001)."
    changed = []
    dialog.model.dataChanged.connect(lambda *args: changed.append(args))
    i18n.set_language("nl")
    dutch = "Rij 2 (regel 3), Geboortedatum: deze datum bestaat niet (31/02/2001)."
    assert dialog.model.index(1, 4).data() == dutch
    assert dialog.details.text() == dutch
    assert changed  # the table is told to draw its cells again
    i18n.set_language("fr")
    assert dialog.details.text().startswith("Ligne 2 (ligne 3 du fichier), Date de naissance")


def test_a_file_problem_follows_a_language_switch(app_context, qtbot, tmp_path):
    i18n.set_language("en")
    with app_context.store.transaction() as s:
        factories.branch(s)
    path = tmp_path / "export.csv"
    path.write_text("Prénom;Courriel\nJoëlle;joelle@example.org\n", encoding="utf-8")  # no last name...
    dialog = open_import_dialog(None, app_context)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(path))
    dialog.check()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    english = dialog.model.index(0, 4).data()
    assert english and "Last name" in english
    i18n.set_language("nl")
    assert "Achternaam" in dialog.model.index(0, 4).data() and "Achternaam" in dialog.summary.text()


CONFLICTING = ("Prénom;Nom;Nom de famille;Rôle;Date de naissance;Courriel;Remarque libre\n"
               "Joëlle;Joëlle D.;Dubois;mentor;12/05/1960;joelle@example.org;Adresse e-mail : jd@example.net\n")


def test_the_column_picker_shows_the_mapping_asks_on_a_clash_and_checks_again(app_context, qtbot, tmp_path,
                                                                                monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    i18n.set_language("fr")
    with app_context.store.transaction() as s:
        factories.branch(s)
    path = tmp_path / "export.csv"
    path.write_text(CONFLICTING, encoding="utf-8-sig")
    dialog = open_import_dialog(None, app_context)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(path))
    dialog.check()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    picker = dialog.columns
    assert dialog.tabs.currentWidget() is picker  # two columns could be the last name: the user is shown them
    shown = [picker.combos[r].currentData() for r in range(picker.rowCount())]
    assert shown == ["first_name", "last_name", "", "role", "birth_date", "email", ""]
    assert picker.item(2, 0).toolTip().startswith("Deux colonnes pourraient être")

    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    picker.combos[2].setCurrentIndex(picker.combos[2].findData("last_name"))
    assert asked and "Nom" in asked[0]  # the clash is asked about
    assert picker.combos[2].currentData() == "" and picker.combos[1].currentData() == "last_name"  # No: unchanged

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.preview = None
    picker.combos[2].setCurrentIndex(picker.combos[2].findData("last_name"))
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=5000)
    assert dialog.choices["last_name"] == 2 and dialog.choices["first_name"] == 0
    assert dialog.preview.mapping[2] == "last_name" and 1 not in dialog.preview.mapping
    assert dialog.preview.rows[0].data["last_name"] == "Dubois"
    assert [dialog.columns.combos[r].currentData() for r in (1, 2)] == ["", "last_name"]
