"""The Reports screen on the hand-made programme: pickers, figures with
their definitions as tooltips, drill-down to the people and duos behind a
figure, charts, ESF+ page, and an export whose cells are numbers."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from duo_desktop.i18n import _
from duo_desktop.services.reports import get
from duo_desktop.views.ops import wait_for_tasks

from .programme_data import build


@pytest.fixture
def screen(qtbot, app_context):
    from duo_desktop.views.reports_screen import ReportsScreen

    with app_context.store.transaction() as s:
        programme = build(s)
    screen = ReportsScreen(app_context)
    qtbot.addWidget(screen)
    screen.refresh()
    qtbot.waitUntil(lambda: screen.report is not None)
    screen.pickers.kind.setCurrentIndex(1)  # quarter
    screen.pickers.year.setValue(2025)
    screen.pickers.part.setCurrentIndex(0)
    qtbot.waitUntil(lambda: screen.report.period.start.isoformat() == "2025-01-01"
                    and screen.report.period.end.isoformat() == "2025-03-31")
    screen.programme = programme
    return screen


def _row(model, key):  # noqa: ANN001, ANN202
    return next(r for r in range(model.rowCount()) if model.index(r, 0).data(Qt.ItemDataRole.UserRole) == key)


def test_figures_show_values_and_definitions(screen, qtmodeltester):
    model = screen.model
    row = _row(model, "duos_started")
    assert model.index(row, 1).data() == "2"
    assert model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole) == _(get("duos_started").definition)
    published = model.index(_row(model, "positive_at_end"), 3).data().replace("\u202f", " ").replace("\xa0", " ")
    assert published == "71 %"
    assert _(get("duos_started").definition) in screen.definitions.toPlainText()
    qtmodeltester.check(model)
    qtmodeltester.check(screen.esf_model)


def test_a_figure_opens_the_duos_behind_it(screen, qtbot):
    index = screen.model.index(_row(screen.model, "duos_started"), 1)
    dialog = screen.open_figure(index)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    shown = {dialog.model.index(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(2)}
    assert shown == {screen.programme.duos["d1"], screen.programme.duos["d2"]}
    assert screen.report.results["duos_started"].ids is None  # counted in the database; ids fetched on opening
    assert set(dialog.ids) == shown


def test_an_esf_indicator_opens_its_participants(screen, qtbot):
    from duo_desktop.services.reports.esf import INDICATORS

    row = [k for k, _n, _g in INDICATORS].index("third_country")
    assert screen.esf_model.index(row, 1).data() == "2"
    dialog = screen.open_indicator(screen.esf_model.index(row, 0))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    names = {dialog.model.index(r, 1).data() for r in range(2)}
    assert names == {"m1 Testeur", "m2 Testeur"}
    assert screen.report.esf["third_country"].ids is None  # counted in the database; ids fetched on opening


def test_charts_have_their_numbers(screen):
    funnel = screen.charts.charts["funnel"]
    assert [texts for _label, _values, texts in funnel.rows] == [["3"], ["2"], ["3"], ["3"], ["2"]]
    assert funnel.sizeHint().height() > 0


def test_exported_cells_are_numbers(screen, tmp_path):
    from openpyxl import load_workbook

    screen.export_to(tmp_path / "report.xlsx", "xlsx")
    wait_for_tasks()
    sheet = load_workbook(tmp_path / "report.xlsx").worksheets[0]  # the figures
    values = {row[1]: row[3] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values["duos_started"] == 2 and isinstance(values["duos_started"], int)
    assert values["positive_at_end"] == pytest.approx(2 / 3)
    screen.export_to(tmp_path / "report.csv", "csv")
    wait_for_tasks()
    lines = (tmp_path / "report.csv").read_text(encoding="utf-8-sig").splitlines()
    started = next(line for line in lines if ";duos_started;" in line).split(";")
    assert started[3] == "2"
    positive = next(line for line in lines if ";positive_at_end;" in line).split(";")
    assert float(positive[3]) == pytest.approx(2 / 3) and "%" not in positive[3]


def test_exports_are_audited(screen, tmp_path, app_context):
    from sqlalchemy import select

    from duo_desktop.models import AuditEntry

    screen.export_to(tmp_path / "report.pdf", "pdf")
    wait_for_tasks()
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    with app_context.store.session() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "export")).one()
    assert entry.details["format"] == "pdf" and entry.details["start"] == "2025-01-01"


def test_a_report_that_finishes_late_does_not_replace_the_one_asked_for_last(screen, qtbot, monkeypatch):
    """Changing the period while a report is computed: the slow, older
    report arrives last but the screen shows the period its pickers say."""
    import threading

    import duo_desktop.views.reports_screen as module

    release = threading.Event()
    real = module.build_report

    def build(session, period, *args, **kwargs):  # noqa: ANN001, ANN202
        if period.start.isoformat() == "2025-04-01":  # the first request waits
            release.wait(10)
        return real(session, period, *args, **kwargs)

    monkeypatch.setattr(module, "build_report", build)
    screen.pickers.part.setCurrentIndex(1)  # Q2 2025: held back
    screen.pickers.part.setCurrentIndex(2)  # Q3 2025: asked for last
    qtbot.waitUntil(lambda: screen.report.period.start.isoformat() == "2025-07-01")
    release.set()
    wait_for_tasks()
    qtbot.wait(50)
    assert screen.report.period.start.isoformat() == "2025-07-01"


def test_two_typed_dates_give_the_period_and_a_wrong_one_is_named(screen, qtbot):
    screen.pickers.kind.setCurrentIndex(3)  # from… to…
    screen.pickers.start.line.setText("01/02/2025")
    screen.pickers.end.line.setText("31/03/2025")
    screen.pickers.end.check()
    screen.refresh()
    qtbot.waitUntil(lambda: screen.report.period.start.isoformat() == "2025-02-01"
                    and screen.report.period.end.isoformat() == "2025-03-31")
    screen.pickers.start.line.setText("31/02/2025")
    screen.refresh()
    heading = screen.heading.text()
    assert heading.startswith(screen.pickers.start.label_text()) and "31/02/2025" in heading
    assert screen.report.period.start.isoformat() == "2025-02-01"  # the last good report stays


def test_the_drill_down_is_wide_enough_for_every_column(screen, qtbot):
    """On a 1366 x 768 laptop the list of duos shows its last columns (end
    date, stage) without scrolling sideways."""
    from duo_desktop.views import fit

    with fit.pretend_screen(1366, 768):
        dialog = screen.open_figure(screen.model.index(_row(screen.model, "duos_started"), 1))
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
        dialog.resize(300, 400)  # a narrow window when the rows arrive
        dialog._show((dialog.ids, dialog.model.rows))
        header = dialog.table.horizontalHeader()
        qtbot.waitUntil(lambda: header.length() <= dialog.table.viewport().width())
        assert dialog.width() <= 1366


def test_an_open_drill_down_follows_a_language_switch(screen, qtbot):
    """The list behind a figure stays open while the coordinator switches
    the language: its title, definition, count, headers and stages follow."""
    from duo_desktop import i18n
    from duo_desktop.services.reports.texts import figure_label

    i18n.set_language("fr")
    fig = get("duos_started")
    dialog = screen.open_figure(screen.model.index(_row(screen.model, "duos_started"), 1))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    french = (dialog.windowTitle(), dialog.definition.text(), dialog.count.text(),
              dialog.model.headerData(1, Qt.Orientation.Horizontal), dialog.export_button.text())
    assert french[0] == figure_label(fig) and french[2] == "2 duos"
    i18n.set_language("nl")
    dutch = (dialog.windowTitle(), dialog.definition.text(), dialog.count.text(),
             dialog.model.headerData(1, Qt.Orientation.Horizontal), dialog.export_button.text())
    assert dutch == (figure_label(fig), _(fig.definition), "2 duo’s", _("Mentor"), _("&Export the list…"))
    assert all(f != d for f, d in zip(french, dutch, strict=True) if f != "Mentor")
