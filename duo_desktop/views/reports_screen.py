"""The Reports screen: for a period, a branch or all and a coordinator or
all, every figure of services/reports (its definition as tooltip, the
published figure beside it), the charts, the ESF+ indicators and a page of
definitions. A double-click (or Enter) on a figure opens the people or duos
behind it. Computed off the UI thread with progress and cancel; exported to
XLSX, CSV or a PDF summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
)

from ..i18n import _, current, format_date
from ..services.errors import RuleError
from ..services.reports import Report, Subject, build_report, get
from ..services.reports.esf import INDICATORS, indicator_ids
from ..services.reports.report import figure_ids
from ..services.reports.texts import figure_label
from ..services.reports.export import write_report
from .context import AppContext, Changes
from .save_dialog import ask_save_path
from .ops import Operation, Query
from .report_charts import ChartsPage, definitions_html
from .report_drilldown import DrillDownDialog
from .report_models import EsfModel, FiguresModel
from .report_pickers import ReportPickers
from .retranslate import Text
from .screen import Screen


def _table(model) -> QTableView:  # noqa: ANN001
    view = QTableView()
    view.setModel(model)
    view.setWordWrap(False)
    view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    view.verticalHeader().setVisible(False)
    return view


class ReportsScreen(Screen):
    key = "reports"

    def __init__(self, context: AppContext, parent=None) -> None:  # noqa: ANN001
        super().__init__(context, parent)
        self.report: Report | None = None
        self._request = 0  # the number of the latest report asked for
        self.pickers = ReportPickers(context.clock.today())
        self.pickers.changed.connect(self._pickers_changed)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.model = FiguresModel(self)
        self.table = _table(self.model)
        self.table.activated.connect(self.open_figure)
        self.esf_model = EsfModel(self)
        self.esf_table = _table(self.esf_model)
        self.esf_table.activated.connect(self.open_indicator)
        self.charts = ChartsPage()
        self.definitions = QTextBrowser()
        self.tabs = QTabWidget()
        for page in (self.table, self.charts, self.esf_table, self.definitions):
            self.tabs.addTab(page, "")
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton()
        self.export_menu = QMenu(self)
        self.export_button.setMenu(self.export_menu)
        self.export_actions = {fmt: self.export_menu.addAction("") for fmt in ("xlsx", "csv", "pdf")}
        for fmt, action in self.export_actions.items():
            action.triggered.connect(lambda _c=False, f=fmt: self.export(f))
        QShortcut(QKeySequence("Ctrl+E"), self, activated=self.export_button.showMenu)
        buttons = QHBoxLayout()
        buttons.addWidget(self.heading, 1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pickers)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        self._stale = True
        self._loaded_choices = False
        context.hub.changed.connect(self._mark_stale)
        self.translate_ui()

    def title(self) -> str:
        return _("Reports")

    def translate_ui(self) -> None:
        self.pickers.translate_ui()
        for i, text in enumerate((_("&Figures"), _("C&harts"), _("ESF+ &indicators"), _("&Definitions"))):
            self.tabs.setTabText(i, text)
        self.refresh_button.setText(_("&Recalculate"))
        self.export_button.setText(_("E&xport"))
        self.export_actions["xlsx"].setText(_("Excel workbook (XLSX)…"))
        self.export_actions["csv"].setText(_("CSV file…"))
        self.export_actions["pdf"].setText(_("PDF summary…"))
        self.table.setToolTip(_("Double-click a figure (or press Enter) to see the people or duos behind it."))
        self.definitions.setHtml(definitions_html())
        self.model.retranslate()
        self.esf_model.retranslate()
        self._update_heading()
        if self.report is not None:
            self.charts.show_report(self.report)

    def _update_heading(self) -> None:
        if self.report is None:
            self.heading.setText(_("Choose a period, then Recalculate."))
            return
        p = self.report.period
        self.heading.setText(_("From {start} to {end}, computed on {today}.").format(
            start=format_date(p.start, "long"), end=format_date(p.end, "long"), today=format_date(p.today, "long")))

    def _mark_stale(self, changes: Changes, _initiator: object) -> None:
        self._stale = True
        if changes & Changes.SETTINGS:
            self._loaded_choices = False

    def _pickers_changed(self) -> None:
        if self._loaded_choices:
            self.refresh()

    def _load_choices(self) -> None:
        from ..services.settings import branches, coordinators

        def read(s):  # noqa: ANN001, ANN202
            return ([(b.id, f"{b.code} – {b.name}") for b in branches.list_branches(s)],
                    [(c.id, c.branch_id, c.name) for c in coordinators.list_coordinators(s)])

        def show(data) -> None:  # noqa: ANN001
            self.pickers.set_choices(*data)
            self._loaded_choices = True

        Query(self, self.context, read).success(show).run()

    def refresh(self) -> None:
        if not self._loaded_choices:
            self._load_choices()
        try:
            period = self.pickers.period(self.context.clock.today())
        except RuleError as exc:
            self.heading.setText(exc.message())
            return
        branch, coordinator = self.pickers.branch_id(), self.pickers.coordinator_id()
        # A report asked for earlier may finish after this one: only the
        # latest request is shown, so the screen always matches its pickers.
        self._request += 1
        request = self._request
        Query(self, self.context, lambda s, progress: build_report(s, period, branch, coordinator, progress,
                                                                     with_ids=False)) \
            .with_progress(_("Calculating the report…")) \
            .success(lambda report: self._show(report) if request == self._request else None) \
            .run_in_background()

    def _show(self, report: Report) -> None:
        self._stale = False
        self.report = report
        self.model.set_report(report)
        self.esf_model.set_report(report)
        self.charts.show_report(report)
        self._update_heading()

    # drill-down -------------------------------------------------------------
    def open_figure(self, index: QModelIndex) -> DrillDownDialog | None:
        if self.report is None or not index.isValid():
            return None
        fig = get(self.model.data(index.siblingAtColumn(0), 256))  # Qt.UserRole
        report = self.report
        return self._drill(lambda: figure_label(fig), fig.definition, fig.subject,
                           lambda s: figure_ids(s, report, fig.key), fig.key)

    def open_indicator(self, index: QModelIndex) -> DrillDownDialog | None:
        if self.report is None or not index.isValid():
            return None
        key, name, group = INDICATORS[index.row()]
        report = self.report
        ids = report.esf[key].ids
        if ids is None:  # counted without them: fetched when the list opens
            ids = lambda s: indicator_ids(s, report.period, report.branch_id, report.coordinator_id, key)  # noqa: E731
        return self._drill(name, group, Subject.PARTICIPANT, ids, "esf." + key)

    def _drill(self, title: Text, definition: Text, subject: Subject, ids,  # noqa: ANN001  (ids or a fetch)
               key: str) -> DrillDownDialog:
        dialog = DrillDownDialog(self.context, title, definition, subject, ids, key, self)
        dialog.show()
        return dialog

    # exports ----------------------------------------------------------------
    def export(self, fmt: str) -> None:
        if self.report is None:
            return
        filters = {"xlsx": _("Excel workbook (*.xlsx)"), "csv": _("CSV files (*.csv)"), "pdf": _("PDF files (*.pdf)")}
        path = ask_save_path(self, _("Export the report"), _("duo-report.{extension}").format(extension=fmt),
                             filters[fmt], f".{fmt}")
        if path:
            self.export_to(path, fmt)

    def export_to(self, path: Path, fmt: str) -> None:
        report, t, now = self.report, current(), self.context.clock.now()

        def done(_result) -> None:  # noqa: ANN001
            bar = getattr(self.window(), "statusBar", None)
            if bar is not None:
                bar().showMessage(_("Report exported."), 5000)

        def failed(exc: Exception) -> None:
            from ..services.file_problems import os_problem  # the reason in words, not the system's English

            reason = os_problem(exc, writing=True).render() if isinstance(exc, OSError) else type(exc).__name__
            QMessageBox.critical(self, _("Export the report"),
                                 _("The file cannot be written: {reason}").format(reason=reason))

        Operation(self, self.context, lambda s, _p: write_report(s, report, path, fmt, t, now)) \
            .with_progress(_("Writing the report…")).success(done).failure(failed).run_in_background()
