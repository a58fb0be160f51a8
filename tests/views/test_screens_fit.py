"""Screens that fit (issue 17): at 1280 x 800 the participants filter bar and
status strip wrap onto more lines instead of scrolling sideways, and the
tables have a column chooser (header menu) whose choice is remembered
without personal data."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from duo_desktop.views import columns
from duo_desktop.views.main_window import MainWindow


def _inside(widget, window) -> bool:
    return window.rect().contains(QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size()))


def test_participants_filters_wrap_and_every_filter_is_in_sight(app_context, qtbot):
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    QApplication.processEvents()
    screen = window.current_screen()
    narrow = 700
    screen.resize(narrow, 600)
    window.resize(narrow + 200, 700)
    QApplication.processEvents()
    assert not any(isinstance(p, QScrollArea) for p in (screen.filters.parentWidget(), screen.strip.parentWidget()))
    bar = screen.filters
    for combo in (bar.role, bar.branch, bar.sector, bar.language, bar.coordinator, bar.waiting, bar.duplicates):
        assert combo.isVisible() and _inside(combo, window), combo
    for button in screen.strip.buttons.values():
        assert button.isVisible() and _inside(button, window), button.text()
    rows = {combo.mapTo(bar, combo.rect().topLeft()).y() for combo in (bar.role, bar.waiting, bar.duplicates)}
    assert len(rows) > 1  # it wrapped


def test_the_column_chooser_hides_a_column_and_remembers_it(app_context, qtbot):
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    table = window.current_screen().table
    menu = columns.column_menu(table, "participants")
    titles = [a.text() for a in menu.actions()]
    assert len(titles) == table.model().columnCount() and all(a.isChecked() for a in menu.actions())
    menu.actions()[2].setChecked(False)
    assert table.isColumnHidden(2)
    assert columns.hidden_columns("participants") == {2}
    window.close()

    again = MainWindow(app_context)
    qtbot.addWidget(again)
    again.show()
    table = again.current_screen().table
    assert table.isColumnHidden(2)  # remembered
    menu = columns.column_menu(table, "participants")
    for action in menu.actions():
        action.setChecked(False)  # the last one stays
    assert sum(not table.isColumnHidden(c) for c in range(table.model().columnCount())) == 1
    menu.actions()[2].setChecked(True)
    assert not table.isColumnHidden(2)


def test_every_main_table_has_a_column_chooser(app_context, qtbot):
    window = MainWindow(app_context)
    qtbot.addWidget(window)
    window.show()
    tables = [window.show_screen("participants").table, window.show_screen("duos").table,
              window.show_screen("events").events_table]
    for table in tables:
        assert table.horizontalHeader().contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu
