"""A column chooser for the tables (issue 17): a right-click on a table's
header lists its columns with a tick; unticking hides one. The choice is
remembered per table in QSettings under ``columns/<key>/hidden`` as column
numbers (a preference, no personal data).

    add_column_chooser(table, "participants")

``settings_path`` set to a file makes the choice go to that INI file
(tests: each test its own file); otherwise the user's QSettings.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt
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
    hidden = sorted(c for c in range(header.count()) if header.isSectionHidden(c))
    _settings().setValue(f"columns/{key}/hidden", [str(c) for c in hidden])


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
        action.setChecked(not header.isSectionHidden(column))
        action.toggled.connect(lambda on, c=column: set_column_shown(table, key, c, on))
    if pos is not None:
        menu.popup(header.mapToGlobal(pos))
    return menu
