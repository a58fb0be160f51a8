"""Columns that fit (issue 17): a column chooser for the tables (a
right-click on a table's header lists its columns with a tick; unticking
hides one), and widths that fit the table's width in any language and at
any scale.

The choice is remembered per table in QSettings under
``columns/<key>/hidden`` as column numbers (a preference, no personal data).

    add_column_chooser(table, "participants")
    fit_columns(table, {column: minimum characters, ...}, fold=(column, ...)) -> None   once; refits on resize

When even the shrunk columns do not fit, the ``fold`` columns (the least
needed first) are folded away until they do, and come back when the table
widens; a folded column is not a choice of the user's (not remembered, and
listed ticked but greyed in the chooser).

``settings_path`` set to a file makes the choice go to that INI file
(tests: each test its own file); otherwise the user's QSettings.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QEvent, QObject, QPoint, QSettings, Qt
from PySide6.QtWidgets import QMenu, QTableView

from .. import APP_NAME, ORG_NAME
from ..i18n import _

settings_path: str | None = None


def _settings() -> QSettings:
    if settings_path is not None:
        return QSettings(settings_path, QSettings.Format.IniFormat)
    return QSettings(ORG_NAME, APP_NAME)


def hidden_columns(key: str) -> set[int]:
    """The column numbers the user hid in the table ``key``."""
    value = _settings().value(f"columns/{key}/hidden", [])
    if isinstance(value, str):
        value = [value] if value else []
    return {int(v) for v in value or [] if str(v).isdigit()}


def set_column_shown(table: QTableView, key: str, column: int, shown: bool) -> None:
    """Show or hide a column and remember it; the last shown column stays."""
    header = table.horizontalHeader()
    visible = [c for c in range(header.count()) if not header.isSectionHidden(c)]
    if not shown and visible == [column]:
        return
    table.setColumnHidden(column, not shown)
    folded = folded_columns(table)
    hidden = sorted(c for c in range(header.count()) if header.isSectionHidden(c) and c not in folded)
    _settings().setValue(f"columns/{key}/hidden", [str(c) for c in hidden])
    refit(table)


def add_column_chooser(table: QTableView, key: str) -> None:
    """Give ``table`` a header menu to hide and show columns, and hide those the user hid before."""
    header = table.horizontalHeader()
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda pos: column_menu(table, key, pos))
    for column in hidden_columns(key):
        if column < header.count():
            table.setColumnHidden(column, True)


def column_menu(table: QTableView, key: str, pos: QPoint | None = None) -> QMenu:
    """The menu of columns (popped up at ``pos`` of the header when given)."""
    header = table.horizontalHeader()
    model = table.model()
    menu = QMenu(table)
    menu.setObjectName("columnChooser")
    menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    menu.setToolTipsVisible(True)
    for column in range(header.count()):
        title = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        title = str(title or model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) or
                    _("Column {number}").format(number=column + 1))
        action = menu.addAction(title.replace("&", "&&"))
        action.setCheckable(True)
        if column in folded_columns(table):  # shown when there is room: nothing to choose
            action.setChecked(True)
            action.setEnabled(False)
            action.setToolTip(_("Folded for lack of room: widen the window or untick another column."))
            continue
        action.setChecked(not header.isSectionHidden(column))
        action.toggled.connect(lambda on, c=column: set_column_shown(table, key, c, on))
    if pos is not None:
        menu.popup(header.mapToGlobal(pos))
    return menu


# --- widths that fit -----------------------------------------------------------------------------------
PADDING = 18  # around a cell's or a title's text (margins, grid, sort arrow room), in logical pixels


def natural_widths(table: QTableView) -> dict[int, int]:
    """Each shown column's width for its title and the rows on screen (logical pixels)."""
    header = table.horizontalHeader()
    model = table.model()
    metrics = header.fontMetrics()
    out = {}
    for column in range(header.count()):
        if header.isSectionHidden(column):
            continue
        title = str(model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole) or "")
        out[column] = max(metrics.horizontalAdvance(title.replace("&", "")) + PADDING,
                          table.sizeHintForColumn(column) + PADDING // 2)
    return out


def shared_widths(natural: dict[int, int], minimum: dict[int, int], room: int,
                  last: tuple[int, ...] = ()) -> dict[int, int]:
    """Widths that fill ``room``: the natural ones when they fit; otherwise each
    column that may shrink gives up a share of what it has above its minimum
    (in proportion), down to its minimum and no further (then the table
    scrolls sideways). ``minimum`` holds the columns that may shrink; the
    ``last`` ones give up width only when the others are at their minimum."""
    if last:
        first = shared_widths(natural, {c: m for c, m in minimum.items() if c not in last}, room)
        if sum(first.values()) <= room:
            return first
        return shared_widths(first, {c: m for c, m in minimum.items() if c in last}, room)
    total = sum(natural.values())
    if total <= room:
        return dict(natural)
    slack = {c: natural[c] - min(minimum[c], natural[c]) for c in natural if c in minimum}
    spare = sum(slack.values())
    cut = min(total - room, spare)
    if spare <= 0:
        return dict(natural)
    return {c: w - math.ceil(cut * slack.get(c, 0) / spare) for c, w in natural.items()}  # never over


class _Refit(QObject):
    """Fits the columns again when the table changes width."""

    def __init__(self, table: QTableView, minimum_chars: dict[int, int], fold: tuple[int, ...],
                 last: tuple[int, ...]) -> None:
        super().__init__(table)
        self.minimum_chars = minimum_chars
        self.fold = fold
        self.last = last
        self.folded: set[int] = set()
        # slots of this object, a child of the table: the connections end with the table
        table.model().modelReset.connect(self.rows_changed)
        table.model().headerDataChanged.connect(self.rows_changed)

    def rows_changed(self, *_args) -> None:  # noqa: ANN002
        refit(self.parent())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:  # the viewport: a vertical scroll bar coming narrows it too
            refit(self.parent())
        return False


def _fitter(table: QTableView) -> _Refit | None:
    return table.findChild(_Refit, "columnFitter")


def folded_columns(table: QTableView) -> set[int]:
    """The columns folded away for lack of room (not hidden by the user)."""
    fitter = _fitter(table)
    return set(fitter.folded) if fitter is not None else set()


def set_hidden(table: QTableView, column: int, hidden: bool) -> None:
    """Hide or show a column for a reason of the screen's own (not folded, not remembered)."""
    fitter = _fitter(table)
    if fitter is not None:
        fitter.folded.discard(column)
    table.setColumnHidden(column, hidden)


def refit(table: QTableView) -> None:
    """Fit ``table``'s columns now (after its rows or the language changed)."""
    fitter = _fitter(table)
    if fitter is None or table.model() is None:
        return
    room = table.viewport().width() or table.width()
    if room <= 0:
        return
    for column in fitter.folded:
        table.setColumnHidden(column, False)
    fitter.folded.clear()
    char = table.fontMetrics().averageCharWidth()
    natural = natural_widths(table)
    minimum = {c: n * char + PADDING for c, n in fitter.minimum_chars.items() if c in natural}
    least = {c: minimum.get(c, w) for c, w in natural.items()}
    for column in reversed(fitter.fold):  # the least needed first, while even the least widths overflow
        if sum(least.values()) <= room or len(least) == 1:
            break
        if column in least:
            table.setColumnHidden(column, True)
            fitter.folded.add(column)
            del least[column], natural[column]
    header = table.horizontalHeader()
    for column, width in shared_widths(natural, minimum, room, fitter.last).items():
        header.resizeSection(column, width)


def fit_columns(table: QTableView, minimum_chars: dict[int, int], fold: tuple[int, ...] = (),
                last: tuple[int, ...] = ()) -> None:
    """Keep ``table``'s columns inside its width: as wide as their title and
    the rows on screen when there is room; otherwise the columns named in
    ``minimum_chars`` (long texts: names, titles, places) give up width down
    to that many characters, their texts elided (the tooltip shows them
    whole); when even that is too wide, the ``fold`` columns are folded away
    from the last one named (see the module docstring). The ``last`` columns
    (a date range) shrink only when the others are at their minimum. Refits when the table
    is resized, its model reset or its titles changed (a language switch);
    ``refit`` does it at any other time."""
    table.horizontalHeader().setStretchLastSection(True)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    fitter = _Refit(table, minimum_chars, fold, last)
    fitter.setObjectName("columnFitter")
    table.viewport().installEventFilter(fitter)
    table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)  # a long title ends in "…"
    refit(table)
