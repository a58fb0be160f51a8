"""The pickers of the Reports screen: a period (month, quarter, year or any
two dates), a branch or all, a coordinator or all. ``changed`` fires on any
change; ``period(today)`` gives the services' :class:`Period`."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from ..i18n import N_, _, current, pgettext
from ..services.reports import Period
from .date_field import DateField

KINDS = [("month", N_("Month")), ("quarter", N_("Quarter")), ("year", N_("Year")), ("dates", N_("From… to…"))]


class ReportPickers(QWidget):
    changed = Signal()

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QComboBox()
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(today.year)
        self.part = QComboBox()  # a month or a quarter
        self.start = DateField(dt.date(today.year, 1, 1))
        self.end = DateField(today)
        self.start_label, self.end_label = QLabel(), QLabel()  # name the fields in their messages
        self.start_label.setBuddy(self.start)
        self.end_label.setBuddy(self.end)
        self.branch = QComboBox()
        self.coordinator = QComboBox()
        self.period_label, self.branch_label, self.coordinator_label = QLabel(), QLabel(), QLabel()
        self.period_label.setBuddy(self.kind)
        self.branch_label.setBuddy(self.branch)
        self.coordinator_label.setBuddy(self.coordinator)
        for combo in (self.branch, self.coordinator):  # long names must not widen the window
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        first, second = QHBoxLayout(), QHBoxLayout()
        for w in (self.period_label, self.kind, self.year, self.part, self.start_label, self.start,
                  self.end_label, self.end):
            first.addWidget(w)
        first.addStretch(1)
        for w in (self.branch_label, self.branch, self.coordinator_label, self.coordinator):
            second.addWidget(w, 1 if isinstance(w, QComboBox) else 0)
        second.addStretch(1)
        rows.addLayout(first)
        rows.addLayout(second)
        self._today = today
        self._branches: list[tuple[int, str]] = []
        self._coordinators: list[tuple[int, int, str]] = []
        self.translate_ui()
        self.kind.setCurrentIndex(1)
        self.part.setCurrentIndex((today.month - 1) // 3)
        self._show_kind()
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.branch.currentIndexChanged.connect(self._branch_changed)
        for signal in (self.year.valueChanged, self.part.currentIndexChanged, self.start.changed,
                       self.end.changed, self.coordinator.currentIndexChanged):
            signal.connect(lambda *_a: self.changed.emit())

    def translate_ui(self) -> None:
        self.period_label.setText(_("&Period:"))
        self.branch_label.setText(_("&Branch:"))
        self.coordinator_label.setText(_("C&oordinator:"))
        self.start_label.setText(pgettext("report period", "from"))
        self.end_label.setText(pgettext("report period", "to"))
        for i, (_key, text) in enumerate(KINDS):
            if self.kind.count() > i:
                self.kind.setItemText(i, _(text))
            else:
                self.kind.addItem(_(text), _key)
        self._fill_parts()
        self._fill_branches()

    def _fill_parts(self) -> None:
        index = self.part.currentIndex()
        self.part.blockSignals(True)
        self.part.clear()
        if self.kind.currentData() == "month":
            months = current().locale.months["stand-alone"]["wide"]
            self.part.addItems([str(months[m]).capitalize() for m in range(1, 13)])
        else:
            self.part.addItems([_("Quarter {number}").format(number=q) for q in range(1, 5)])
        self.part.setCurrentIndex(max(0, min(index, self.part.count() - 1)))
        self.part.blockSignals(False)

    def _kind_changed(self) -> None:
        self._fill_parts()
        self._show_kind()
        self.changed.emit()

    def _show_kind(self) -> None:
        kind = self.kind.currentData()
        self.year.setVisible(kind != "dates")
        self.part.setVisible(kind in ("month", "quarter"))
        for w in (self.start_label, self.start, self.end_label, self.end):
            w.setVisible(kind == "dates")

    def set_choices(self, branches: list[tuple[int, str]], coordinators: list[tuple[int, int, str]],
                    branch_id: int | None = None) -> None:
        """``branches``: (id, name); ``coordinators``: (id, branch id, name)."""
        self._branches, self._coordinators = branches, coordinators
        self._fill_branches(branch_id)

    def _fill_branches(self, select: int | None = None) -> None:
        chosen = self.branch_id() if select is None else select
        self.branch.blockSignals(True)
        self.branch.clear()
        self.branch.addItem(_("All branches"), None)
        for bid, name in self._branches:
            self.branch.addItem(name, bid)
        index = self.branch.findData(chosen) if chosen is not None else 0
        self.branch.setCurrentIndex(max(0, index))
        self.branch.blockSignals(False)
        self._fill_coordinators()

    def _branch_changed(self) -> None:
        self._fill_coordinators()
        self.changed.emit()

    def _fill_coordinators(self) -> None:
        chosen = self.coordinator_id()
        branch = self.branch_id()
        self.coordinator.blockSignals(True)
        self.coordinator.clear()
        self.coordinator.addItem(_("All coordinators"), None)
        for cid, bid, name in self._coordinators:
            if branch is None or bid == branch:
                self.coordinator.addItem(name, cid)
        self.coordinator.setCurrentIndex(max(0, self.coordinator.findData(chosen)) if chosen is not None else 0)
        self.coordinator.blockSignals(False)

    def branch_id(self) -> int | None:
        return self.branch.currentData() if self.branch.count() else None

    def coordinator_id(self) -> int | None:
        return self.coordinator.currentData() if self.coordinator.count() else None

    def period(self, today: dt.date) -> Period:
        """Raises RuleError when the two dates are reversed or one is not a date."""
        kind, year, part = self.kind.currentData(), self.year.value(), self.part.currentIndex() + 1
        if kind == "month":
            return Period.month(year, part, as_of=today)
        if kind == "quarter":
            return Period.quarter(year, part, as_of=today)
        if kind == "year":
            return Period.year(year, as_of=today)
        return Period(self.start.value(), self.end.value(), as_of=today)
