"""The Duos screen: the duos followed with their stage and health, filters
(coordinator, branch, stage, needs attention), the "today" list of what is
due per coordinator, and a duo's page (Enter or double-click)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..i18n import _, ngettext
from ..models import DuoStage
from ..services import alerts as alert_service
from ..services import duo_overview as overview
from ..services import followup as fu
from ..services.labels import label
from ..services.reports.registry import Subject
from .bidi import isolate
from .columns import add_column_chooser, fit_columns, refit
from .context import AppContext, Changes
from .duo_page import DuoPage
from .duos_model import ID_ROLE, DuoTableModel
from .fit import scrolling
from .list_actions import ListActions
from .meeting_week_dialog import MeetingWeekDialog, saved_message
from .ops import Operation, Query
from .screen import Screen

STAGES = (DuoStage.ACTIVE, DuoStage.AWAITING_AGREEMENT, DuoStage.ENDED)
IN_PROGRESS_KEY = "in_progress"  # the stage list's "In progress" choice: awaiting agreement or active
DUO_ROLE = Qt.ItemDataRole.UserRole + 1
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2


class DuosScreen(Screen):
    key = "duos"
    #: "Print agreement…" on a duo's page (duo id), forwarded from the page
    agreement_requested = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.coordinator = QComboBox()
        self.branch = QComboBox()
        self.stage = QComboBox()
        self.attention = QCheckBox()
        self.attention.setShortcut(QKeySequence("Ctrl+T"))
        self.count_label = QLabel()
        self.saved_label = QLabel()  # what the last action saved
        self._saved_count: int | None = None
        self.week_button = QPushButton()
        self.week_button.clicked.connect(self.record_week)
        QShortcut(QKeySequence("Ctrl+Shift+M"), self, activated=self.record_week)
        for combo in (self.coordinator, self.branch, self.stage):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.attention.toggled.connect(lambda _c: self.refresh())
        # search by mentee or mentor name (Ctrl+F, from the main window's Find)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self._search_timer = QTimer(self, singleShot=True, interval=150)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())

        self.model = DuoTableModel(self._load_names, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicatorShown(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        add_column_chooser(self.table, "duos")  # right-click the header (issue 17)
        # names, stage and what is due give up width first; the counts' long titles are elided (tooltips)
        # at 150 %, the coordinator, the last check-in and then the counts fold away, the least needed first
        fit_columns(self.table, {0: 10, 1: 10, 2: 8, 3: 10, 4: 4, 5: 4, 6: 4, 7: 10, 8: 10}, fold=(4, 5, 6, 7, 8))
        self.table.doubleClicked.connect(self._open_index)
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, activated=self._open_current,
                  context=Qt.ShortcutContext.WidgetShortcut)

        self.today_title = QLabel()
        self.today = QTreeWidget()
        self.today.setHeaderHidden(True)
        self.today.setIndentation(14)
        self.today.itemActivated.connect(self._open_today_item)
        self.today.itemExpanded.connect(self._fill_group)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.today_title)
        rl.addWidget(self.today, 1)

        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(right)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([880, 370])

        filters = QHBoxLayout()  # what to list...
        self.filter_labels = [QLabel(), QLabel(), QLabel()]
        for lab, combo in zip(self.filter_labels, (self.coordinator, self.branch, self.stage), strict=True):
            lab.setBuddy(combo)
            filters.addWidget(lab)
            filters.addWidget(combo, 1)
        actions = QHBoxLayout()  # ... and what to do with it
        actions.addWidget(self.search, 1)
        actions.addWidget(self.attention)
        actions.addStretch(1)
        actions.addWidget(self.saved_label)
        actions.addWidget(self.count_label)
        actions.addWidget(self.week_button)
        self.list_actions = ListActions(self, context, Subject.DUO, self.listed_ids, self._list_said)
        actions.addWidget(self.list_actions.button)

        list_page = QWidget()
        ll = QVBoxLayout(list_page)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(filters)
        ll.addLayout(actions)
        ll.addWidget(split, 1)

        self.page = DuoPage(context)
        self.page.back_requested.connect(self.show_list)
        self.page.agreement_requested.connect(self.agreement_requested.emit)
        self.stack = QStackedWidget()
        self.stack.addWidget(list_page)
        self.page_scroller = scrolling(self.page)  # a duo's page scrolls on a small screen (issue 17)
        self.stack.addWidget(self.page_scroller)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack)
        context.hub.changed.connect(self._on_changed)
        self._loading = False
        self._fill_filters()
        self.translate_ui()

    # --- filters ----------------------------------------------------------------
    def _fill_filters(self) -> None:
        Query(self, self.context, lambda s: (overview.coordinators(s), overview.branches(s))) \
            .success(lambda found: self._set_choices(*found)).run()

    def _set_choices(self, coordinators, branches) -> None:  # noqa: ANN001
        self._loading = True
        try:
            for combo, items, everyone in ((self.coordinator, coordinators, _("All coordinators")),
                                           (self.branch, branches, _("All branches"))):
                current = combo.currentData()
                combo.clear()
                combo.addItem(everyone, None)
                for key, name in items:
                    combo.addItem(name, key)
                combo.setCurrentIndex(max(combo.findData(current), 0))
            if not self.stage.count():  # fixed list; the duos in progress by default
                self.stage.addItem(_("All stages"), None)
                self.stage.addItem(_("In progress"), IN_PROGRESS_KEY)
                for stage in STAGES:
                    self.stage.addItem(label(stage), stage)
                self.stage.setCurrentIndex(1)
        finally:
            self._loading = False

    def current_filter(self) -> overview.DuoFilter:
        chosen = self.stage.currentData()
        in_progress = chosen == IN_PROGRESS_KEY
        return overview.DuoFilter(coordinator_id=self.coordinator.currentData(), branch_id=self.branch.currentData(),
                                  stage=DuoStage(chosen) if chosen and not in_progress else None,
                                  needs_attention=self.attention.isChecked(),
                                  stages=overview.IN_PROGRESS if in_progress else None,
                                  text=self.search.text())

    def focus_search(self) -> None:
        """Ctrl+F: the list, with the cursor in the name search."""
        if self.stack.currentWidget() is not self.stack.widget(0):
            self.show_list()
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # --- Screen API ---------------------------------------------------------------
    def title(self) -> str:
        return _("Duos")

    def translate_ui(self) -> None:
        for lab, text in zip(self.filter_labels, (_("&Coordinator:"), _("&Branch:"), _("&Stage:")), strict=True):
            lab.setText(text)
        self._loading = True
        self.coordinator.setItemText(0, _("All coordinators"))
        self.branch.setItemText(0, _("All branches"))
        self.stage.setItemText(0, _("All stages"))
        self.stage.setItemText(1, _("In progress"))
        self.stage.setToolTip(_("In progress: the duos whose agreement is to sign and the active duos"))
        for i, stage in enumerate(STAGES, start=2):
            self.stage.setItemText(i, label(stage))
        self._loading = False
        self.search.setPlaceholderText(_("Search a mentee or mentor by name (Ctrl+F)"))
        self.search.setToolTip(_("Shows the duos whose mentee or mentor name contains every word typed"))
        self.attention.setText(_("Needs attention only"))
        self.attention.setToolTip(_("Show only the duos with something due (Ctrl+T)"))
        self.week_button.setText(_("Meetings of the week…"))
        self.week_button.setToolTip(_("Log a week of meetings for these duos (Ctrl+Shift+M)"))
        self.list_actions.translate_ui()
        self.today_title.setText("<b>" + _("Due today") + "</b>")
        if self._saved_count is not None:
            self.saved_label.setText(saved_message(self._saved_count))
        self.model.retranslate()
        refit(self.table)
        self._update_count()
        self._fill_today()

    def listed_ids(self) -> list[int]:
        """The duos listed, in the table's order."""
        return [self.model.entry_at(row).id for row in range(self.model.rowCount())]

    def _list_said(self, text: str) -> None:
        self._saved_count = None
        self.saved_label.setText(text)

    def refresh(self) -> None:
        if self._loading:
            return
        self._fill_filters()  # coordinators and branches may have been added meanwhile
        if self.stack.currentWidget() is self.page_scroller:
            self.page.reload()
        today = self.context.clock.today()
        flt = self.current_filter()

        def read(session):  # noqa: ANN001, ANN202
            # one query for both the list and the today list (which ignores the stage filter)
            followed = overview.entries(session, overview.DuoFilter(flt.coordinator_id, flt.branch_id), today,
                                        ended_activity=flt.stage is DuoStage.ENDED or
                                        (flt.stage is None and flt.stages is None))
            return followed, alert_service.group_alerts(session, [(e.facts, a) for e in followed for a in e.alerts],
                                                        with_names=False), overview.matching_ids(session, flt.text)

        Query(self, self.context, read).success(lambda found: self._show(*found, flt)).run()

    def _show(self, followed, today_groups, ids, flt: overview.DuoFilter) -> None:  # noqa: ANN001
        self._today = today_groups
        self.model.set_entries(overview.narrow(followed, flt, ids))
        self._update_count()
        self._fill_today()

    def _load_names(self, ids):  # noqa: ANN001, ANN202
        names: dict = {}
        Query(self, self.context, lambda s: overview.names(s, ids)).success(names.update).run()
        return names

    def _on_changed(self, changes: Changes, initiator: object) -> None:
        if initiator is not self and changes & (Changes.DUOS | Changes.PARTICIPANTS | Changes.SETTINGS):
            self.refresh()

    def _update_count(self) -> None:
        n = self.model.rowCount()
        self.count_label.setText(ngettext("{count} duo", "{count} duos", n).format(count=i18n.format_number(n)))

    def _fill_today(self) -> None:
        """One line per coordinator with the number of things due; a group's
        lines (and the names in them) are built when it is opened."""
        self.today.clear()
        groups = getattr(self, "_today", [])
        for number, group in enumerate(groups):
            name = group.coordinator or _("No coordinator")
            top = QTreeWidgetItem([_("{name} ({count})").format(name=name, count=len(group.items))])
            top.setData(0, GROUP_ROLE, number)
            top.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.today.addTopLevelItem(top)
        if len(groups) == 1:
            self.today.topLevelItem(0).setExpanded(True)
        if not groups:
            empty = QTreeWidgetItem([_("Nothing due today.")])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.today.addTopLevelItem(empty)

    def _fill_group(self, top: QTreeWidgetItem) -> None:
        """Under a coordinator: one line per duo (names), its alerts below."""
        number = top.data(0, GROUP_ROLE)
        if number is None or top.childCount():
            return
        items = self._today[number].items
        names = self._load_names(sorted({i.duo_id for i in items}))
        duos: dict[int, QTreeWidgetItem] = {}
        for item in items:
            duo = duos.get(item.duo_id)
            if duo is None:
                n = names.get(item.duo_id)
                duo = duos[item.duo_id] = QTreeWidgetItem([f"{isolate(n.mentee)} – {isolate(n.mentor)}" if n else ""])
                duo.setData(0, DUO_ROLE, item.duo_id)
            line = QTreeWidgetItem(["⚠ " + item.alert.message()])
            line.setData(0, DUO_ROLE, item.duo_id)
            line.setToolTip(0, item.alert.message())
            line.setForeground(0, QBrush(QColor("#8a1020")))
            duo.addChild(line)
        top.addChildren(list(duos.values()))
        for duo in duos.values():
            duo.setExpanded(True)

    # --- navigation and actions ---------------------------------------------------
    def open_duo(self, duo_id: int) -> None:
        self.page.show_duo(duo_id)
        self.stack.setCurrentWidget(self.page_scroller)

    def show_list(self) -> None:
        self.stack.setCurrentIndex(0)
        self.refresh()
        self.table.setFocus()

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_duo(index.data(ID_ROLE))

    def _open_current(self) -> None:
        self._open_index(self.table.currentIndex())

    def _open_today_item(self, item: QTreeWidgetItem, _col: int = 0) -> None:
        duo_id = item.data(0, DUO_ROLE)
        if duo_id is not None:
            self.open_duo(duo_id)

    def week_dialog(self) -> MeetingWeekDialog:
        today = self.context.clock.today()
        flt = self.current_filter()
        duos: list = []
        Query(self, self.context, lambda s: fu.week_duos(s, flt.coordinator_id, today, flt.branch_id)) \
            .success(duos.extend).run()

        def saved(count: int) -> None:
            self._saved_count = count
            self.saved_label.setText(saved_message(count))
            self.refresh()  # those duos met today

        def save(entries, rows) -> Operation:  # noqa: ANN001
            return Operation(self, self.context, lambda s: fu.record_week(s, entries, today, self.context.clock.now(),
                                                                         flt.coordinator_id, rows),
                             changes=Changes.DUOS).success(lambda _r: saved(len(entries)))

        return MeetingWeekDialog(duos, today, save, self)

    def record_week(self) -> None:
        self.week_dialog().exec()
