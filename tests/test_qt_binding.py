"""The Qt binding must not drop references to None: PySide6 6.12.0 on
Python 3.11 does on every call of a method returning void, and the
application dies ("deallocating None") after a few tens of thousands of calls
(e.g. filling a long list). pyproject.toml excludes that version."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_calls_keep_none_alive(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(1000):
        label.setText("Joëlle")
    assert sys.getrefcount(None) - before > -100
