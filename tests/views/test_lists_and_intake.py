"""Smaller things a coordinator expects (issue 17): the list shown on the
Participants and Duos screens exported (CSV, XLSX, PDF) and printed,
audited; the person of a saved intake selected with a message; a batch of
agreements in which some duos are unticked."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt
from sqlalchemy import select

from duo_desktop.app import build_main_window
from duo_desktop.models import AuditEntry, Role
from duo_desktop.services import duo_lifecycle as dl
from duo_desktop.services.documents.batch import agreements_due
from duo_desktop.views import save_dialog
from duo_desktop.views.documents import open_agreement_batch
from duo_desktop.views.intake.window import IntakeWindow
from duo_desktop.views.participants_screen import ParticipantsScreen
from tests import factories
from tests.conftest import TODAY
from tests.documents.helpers import awaiting_duo, pdf_text

NOW = dt.datetime.combine(TODAY, dt.time(10))


@pytest.fixture
def people(app_context):
    with app_context.store.transaction() as s:
        b = factories.branch(s)
        for first, last in (("Amal", "Idrissi 😀"), ("=HYPERLINK(1)", "Zed"), ("Joëlle", "Dubois")):
            factories.participant(s, b, Role.MENTEE, first=first, last=last)
        factories.participant(s, b, Role.MENTOR, first="Marc", last="Aubry")


def audit_rows(store):
    with store.session() as s:
        return [(a.action, a.entity, a.details) for a in s.scalars(select(AuditEntry).where(
            AuditEntry.entity.like("%_list")))]


def test_the_filtered_participants_list_exports_in_the_screens_order_and_is_audited(app_context, qtbot, people,
                                                                                  tmp_path):
    screen = ParticipantsScreen(app_context)
    qtbot.addWidget(screen)
    screen.refresh()
    screen.search.setText("d")  # Idrissi, Dubois (and not Zed's first name... "Idrissi", "Dubois")
    screen.refresh()
    shown = screen.listed_ids()
    assert 0 < len(shown) < 4
    assert screen.list_actions.export(tmp_path / "list.csv")
    with (tmp_path / "list.csv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    assert rows[0][:2] == ["N°", "Nom"]  # the interface's language (fr)
    assert [int(r[0]) for r in rows[1:]] == shown
    screen.search.setText("")
    screen.refresh()
    assert screen.list_actions.export(tmp_path / "all.xlsx")
    sheet = load_workbook(tmp_path / "all.xlsx").active
    cells = [c.value for row in sheet.iter_rows() for c in row]
    assert "=HYPERLINK(1) Zed" in cells  # text, never a formula
    assert [(a, e, d["rows"], d["format"]) for a, e, d in audit_rows(app_context.store)] == [
        ("export", "participant_list", len(shown), "csv"), ("export", "participant_list", 4, "xlsx")]
    assert all("Amal" not in str(d) for _a, _e, d in audit_rows(app_context.store))  # no names in the trail


def test_the_printed_list_keeps_emoji_and_is_audited_once_printed(app_context, qtbot, people, monkeypatch):
    screen = ParticipantsScreen(app_context)
    qtbot.addWidget(screen)
    screen.refresh()
    data, rows = screen.list_actions.document()
    text = pdf_text(data)
    assert rows == 4 and "Liste des participants" in text and "Amal Idrissi" in text
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
        assert "😀".encode() in out
    assert audit_rows(app_context.store) == []  # not printed yet
    monkeypatch.setattr("duo_desktop.views.documents.printing.ask_and_print", lambda *a: True)
    screen.list_actions.print_list()
    assert [(a, e) for a, e, _d in audit_rows(app_context.store)] == [("print", "participant_list")]
    assert screen.message.text() == "Liste envoyée à l’imprimante."


def test_the_export_dialog_suggests_a_name_in_the_users_language(app_context, qtbot, people, tmp_path,
                                                                monkeypatch):
    settings = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(save_dialog, "settings", lambda: settings)
    seen = {}
    monkeypatch.setattr("duo_desktop.views.save_dialog.QFileDialog.getSaveFileName",
                        lambda parent, title, path, filters: (seen.update(path=path), ("", ""))[1])
    screen = ParticipantsScreen(app_context)
    qtbot.addWidget(screen)
    assert not screen.list_actions.export()
    assert seen["path"].endswith(f"participants-{TODAY.isoformat()}.xlsx")
    from duo_desktop import i18n

    i18n.set_language("nl")
    screen.list_actions.export()
    assert seen["path"].endswith(f"deelnemers-{TODAY.isoformat()}.xlsx")


def test_the_duos_list_exports_as_pdf(app_context, qtbot, tmp_path):
    from duo_desktop.views.duos_screen import DuosScreen

    with app_context.store.transaction() as s:
        awaiting_duo(s, NOW)
    screen = DuosScreen(app_context)
    qtbot.addWidget(screen)
    screen.refresh()
    assert len(screen.listed_ids()) == 1
    assert screen.list_actions.export(tmp_path / "duos.pdf")
    text = pdf_text((tmp_path / "duos.pdf").read_bytes())
    assert "Liste des duos" in text and "Фатима Иванова" in text
    assert [(a, e, d["format"]) for a, e, d in audit_rows(app_context.store)] == [("export", "duo_list", "pdf")]


def test_a_saved_intake_selects_the_person_and_says_so(qtbot, store, clock, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    with store.transaction() as s:
        b = factories.branch(s)
        factories.participant(s, b, Role.MENTEE, first="Marc", last="Aubry")
    window = build_main_window(store, clock=clock, qsettings=settings, language="fr")
    qtbot.addWidget(window)
    screen = window.show_screen("participants")
    screen.search.setText("Aubry")  # a search that would hide the new person
    screen.refresh()
    window.show_screen("duos")
    with store.transaction() as s:  # what the intake window's operation saves
        new_id = factories.participant(s, s.merge(b), Role.MENTEE, first="Selam", last="Tesfay").id
    window.open_intake(None)
    [intake] = window.findChildren(IntakeWindow)
    intake.intake_finished.emit(new_id)  # what the window says once the intake is saved
    intake.close()
    assert window.current_screen() is screen and screen.current_id() == new_id
    assert screen.detail.profile.full_name == "Selam Tesfay"
    assert window.statusBar().currentMessage() == (
        "Entretien d’accueil enregistré\u202f: Selam Tesfay est sélectionné·e dans la liste des participants.")


def test_unticked_duos_are_left_out_of_the_batch(app_context, qtbot, tmp_path):
    with app_context.store.transaction() as s:
        ids = [awaiting_duo(s, NOW).id, awaiting_duo(s, NOW, code="B1", city="Ville1").id,
               awaiting_duo(s, NOW, code="B2", city="Ville2").id]
    dialog = open_agreement_batch(None, app_context)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 3 and len(dialog.chosen()) == 3
    dialog.list.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert [d.duo_id for d in dialog.chosen()] == [d.duo_id for i, d in enumerate(dialog.due) if i != 1]
    assert dialog.chosen_label.text() == "2 conventions cochées"
    folder = tmp_path / "batch"
    folder.mkdir()
    dialog.save_to_folder(folder)
    qtbot.waitUntil(lambda: dialog.result.text() != "", timeout=20000)
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 2 and all(n.startswith("convention-duo-") for n in names)
    assert f"convention-duo-{dialog.due[1].duo_id}-fr.pdf" not in names
    for row in (0, 2):
        dialog.list.item(row).setCheckState(Qt.CheckState.Unchecked)
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()
    assert sorted(ids) == sorted(d.duo_id for d in dialog.due)
    with app_context.store.session() as s:
        assert len(agreements_due(s, TODAY)) == 3  # unticking changes nothing recorded
