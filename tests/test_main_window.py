"""The main window: navigation, language switch at run time, geometry."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from duo_desktop.app import build_main_window
from duo_desktop.views.main_window import MainWindow


def test_every_screen_is_reachable_with_its_shortcut(qtbot, app_context):
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    keys = [s.key for s in window.screens]
    assert keys[:5] == ["participants", "matching", "duos", "events", "reports"]
    window.go_actions[2].trigger()
    assert window.current_screen().key == "duos"
    assert window.go_actions[2].shortcut().toString() == "Ctrl+3"


def test_language_switches_at_run_time_without_restart(qtbot, store, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = build_main_window(store, qsettings=settings, language="fr")
    qtbot.addWidget(window)
    assert window.nav.item(0).text() == "Participants"
    assert window.file_menu.title() == "&Fichier"
    window.language_actions["nl"].trigger()
    assert window.nav.item(0).text() == "Deelnemers"
    assert window.file_menu.title() == "&Bestand"
    assert [s.title() for s in window.screens] == ["Deelnemers", "Koppelen", "Duo’s", "Activiteiten", "Rapporten"]
    assert settings.value("ui/language") == "nl"


def test_geometry_is_remembered_and_settings_hold_no_personal_data(qtbot, app_context, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(app_context, settings)
    qtbot.addWidget(window)
    window.show()
    window.resize(701, 521)
    qtbot.waitUntil(lambda: window.width() == 701)
    window.close()
    again = MainWindow(app_context, settings)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (701, 521)
    settings.sync()
    assert set(settings.allKeys()) <= {"window/geometry", "ui/language", "user/coordinator_id"}


def test_attendance_sheet_requested_from_the_events_screen_opens_its_preview(qtbot, app_context):
    import datetime as dt

    from duo_desktop.models import Attendance, AttendanceStatus, Event, EventKind
    from duo_desktop.views.documents.document_dialog import DocumentDialog

    from . import factories as f

    with app_context.store.transaction() as s:
        b = f.branch(s)
        p = f.participant(s, b, first="Фатима", last="Иванова")
        event = Event(branch_id=b.id, kind=EventKind.INFO_SESSION, title="Séance", place="Antenne",
                      starts_at=dt.datetime(2026, 3, 20, 18), ends_at=dt.datetime(2026, 3, 20, 20))
        event.attendances.append(Attendance(participant_id=p.id, status=AttendanceStatus.REGISTERED))
        s.add(event)
        s.flush()
        event_id = event.id
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    events = window.show_screen("events")
    events.attendance_sheet_requested.emit(event_id)
    dialog = window.findChild(DocumentDialog)
    assert dialog is not None and dialog.pdf and dialog.pdf.startswith(b"%PDF")
    assert len(dialog.preview.pages) >= 1
    dialog.language.setCurrentIndex(1)  # nl: rendered again in Dutch
    assert dialog.current_language() == "nl" and dialog.pdf.startswith(b"%PDF")
    dialog.close()


def test_file_menu_opens_the_intake_and_the_import(qtbot, app_context):
    from duo_desktop.views.import_dialog import ImportDialog
    from duo_desktop.views.intake.window import IntakeWindow

    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.intake_action.trigger()
    intake = window.findChild(IntakeWindow)
    assert intake is not None and intake.isVisible()
    intake.close()
    window.import_action.trigger()
    dialog = window.findChild(ImportDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()


def test_print_agreement_from_the_duos_screen_opens_the_agreement_preview(qtbot, app_context):
    import datetime as dt

    from duo_desktop.models import Decision, Participant, Role
    from duo_desktop.services import duo_lifecycle as life
    from duo_desktop.views.documents.agreement_dialog import AgreementDialog

    from . import factories as f

    now = dt.datetime(2026, 3, 10, 10)
    with app_context.store.transaction() as s:
        b = f.branch(s)
        mentor = f.participant(s, b, role=Role.MENTOR, first="Joëlle", last="Dubois")
        mentee = f.participant(s, b, role=Role.MENTEE, first="ሰላም", last="ተስፋይ")
        duo = life.propose(s, s.get(Participant, mentor.id), s.get(Participant, mentee.id), now)
        life.plan_first_meeting(s, duo, now, "Antenne", now)
        for side in ("mentor", "mentee"):
            life.record_decision(s, duo, side, Decision.ACCEPTED, now.date(), now)
        duo_id = duo.id
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    duos = window.show_screen("duos")
    duos.agreement_requested.emit(duo_id)
    dialog = window.findChild(AgreementDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.pdf is not None)
    assert dialog.pdf.startswith(b"%PDF")
    dialog.close()


def test_the_coordinator_chosen_follows_new_duos_and_is_remembered(qtbot, app_context, tmp_path):
    import datetime as dt

    from duo_desktop.models import Duo, Role
    from duo_desktop.services.matching.proposals import propose_pair

    from . import factories as f

    with app_context.store.transaction() as s:
        b = f.branch(s)
        f.coordinator(s, b, "Camille", "Lefèvre")
        sofie = f.coordinator(s, b, "Sofie", "Peeters")
        mentor = f.participant(s, b, role=Role.MENTOR, languages=None)
        mentee = f.participant(s, b, role=Role.MENTEE, languages=None)
        ids = sofie.id, mentor.id, mentee.id
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(app_context, settings)
    qtbot.addWidget(window)
    combo = window.coordinator_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "—", "Camille Lefèvre (Bruxelles)", "Sofie Peeters (Bruxelles)"]
    combo.setCurrentIndex(combo.findData(ids[0]))
    assert app_context.coordinator_id == ids[0]
    with app_context.store.transaction() as s:
        duo_id = propose_pair(s, ids[2], ids[1], dt.datetime(2026, 3, 16, 10), app_context.coordinator_id)
    with app_context.store.session() as s:
        assert s.get(Duo, duo_id).coordinator_id == ids[0]
    app_context.coordinator_id = None
    again = MainWindow(app_context, settings)  # the next session starts with the same choice
    qtbot.addWidget(again)
    assert again.coordinator_combo.currentData() == ids[0] == app_context.coordinator_id


def test_the_first_screen_starts_without_the_libraries_of_other_screens_and_actions(tmp_path):
    """Issue 15: start-up pays only for what the Participants screen needs.
    The matching (numpy, lap), the documents and lists (ReportLab,
    openpyxl, pypdfium2) load when a screen or an action first needs them."""
    import os
    import subprocess
    import sys

    from duo_desktop.store.migrate import ensure_schema
    from duo_desktop.store.engine import make_engine

    path = tmp_path / "start.sqlite3"
    ensure_schema(make_engine(f"sqlite:///{path}"))
    heavy = ("numpy", "lap", "reportlab", "openpyxl", "pypdfium2", "pypdf",
             # the schema check reads alembic_version itself when the file is current; the phone
             # numbers and name similarity load with the forms that use them; the reports, the merge
             # and the demo generator with their actions (issue 15)
             "alembic", "phonenumbers", "rapidfuzz", "duo_desktop.services.reports.report",
             "duo_desktop.services.merge", "duo_desktop.services.demo.generate")
    code = ("import sys\n"
            "from duo_desktop.app import build_main_window, create_application\n"
            "from duo_desktop.store import open_store\n"
            "app = create_application()\n"
            f"window = build_main_window(open_store({f'sqlite:///{path}'!r}), language='fr')\n"
            "window.show()\n"
            # the empty database's offer of demo data (declined): it asks without the generator
            "from PySide6.QtWidgets import QMessageBox\n"
            "QMessageBox.question = lambda *a, **k: QMessageBox.StandardButton.No\n"
            "from duo_desktop.app import offer_demo_data\n"
            "offer_demo_data(window)\n"
            "app.processEvents()\n"
            "assert window.current_screen().key == 'participants'\n"
            f"print(sorted(name for name in {heavy!r} if name in sys.modules))\n")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
                            timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def _modules_after(code: str) -> list[str]:
    """The modules a fresh interpreter has imported after ``code``, in the order imported."""
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", code + "\nimport sys\nprint(' '.join(sys.modules))\n"],
                            capture_output=True, text=True, check=True, timeout=60)
    return result.stdout.split()


def test_headless_commands_start_without_qt():
    """`report`, `demo`, `backups`... run on a server without a screen: reading
    the command line imports no Qt (the screenshot command's helpers load
    when it runs)."""
    modules = _modules_after("from duo_desktop.__main__ import build_parser\nbuild_parser()")
    assert "duo_desktop.cli.report" in modules
    assert not [name for name in modules if name.startswith("PySide6")]


def test_the_app_imports_its_data_layer_before_qt():
    """PySide6 reads the source of every module imported after it (its
    __feature__ switch) and linecache keeps it: SQLAlchemy and the models
    come first, so start-up neither reads nor keeps their 8 MB of source."""
    modules = _modules_after("import duo_desktop.app")
    assert modules.index("sqlalchemy.orm") < modules.index("PySide6.QtCore")
    assert modules.index("duo_desktop.models.participant") < modules.index("PySide6.QtCore")
