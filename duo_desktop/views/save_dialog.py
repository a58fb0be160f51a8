"""The one way the views ask where to save (or open) a file, or which folder
to use.

* The dialog opens in the folder last used for a file (remembered in
  QSettings under ``files/last_folder``: a folder, never a file name, which
  may hold a person's name), else in the user's documents folder
  (``QStandardPaths.DocumentsLocation``), never in the program's folder.
* The suggested file name is in the user's language: the caller translates
  it (``_("agreement-duo-{number}.pdf")``); :func:`safe_file_name` removes the
  characters a file system refuses.

Tests monkeypatch ``QFileDialog.getSaveFileName`` (and the others) to capture
the arguments and answer in place of a user.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

LAST_FOLDER_KEY = "files/last_folder"
# refused by Windows (and "/" everywhere), plus control characters
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def settings() -> QSettings:
    """The application's preferences (organisation and application names
    are set at start, app.py)."""
    return QSettings()


def documents_folder() -> Path:
    """The user's documents folder (the home folder where the platform has none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def start_folder() -> Path:
    """Where a file dialog opens: the last folder used if it still exists,
    else the documents folder."""
    last = settings().value(LAST_FOLDER_KEY, "", type=str)
    if last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def remember_folder(folder: Path) -> None:
    store = settings()
    store.setValue(LAST_FOLDER_KEY, str(folder))
    store.sync()


def safe_file_name(name: str) -> str:
    """``name`` without the characters a file system refuses (a slash in a
    translated name, a colon in a branch code)."""
    cleaned = _UNSAFE.sub("-", name).strip(" .")
    return cleaned or "document"


def ask_save_path(parent: QWidget | None, title: str, file_name: str, file_filter: str,
                  suffix: str | None = None) -> Path | None:
    """A save dialog opening in :func:`start_folder` with ``file_name``
    (already translated) suggested. Returns the chosen path (``suffix``,
    e.g. ".pdf", added when the user typed none) or None when cancelled."""
    suggested = start_folder() / safe_file_name(file_name)
    name, _chosen_filter = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    if not name:
        return None
    path = Path(name)
    if suffix and not path.suffix:
        path = path.with_suffix(suffix)
    remember_folder(path.parent)
    return path


def ask_open_path(parent: QWidget | None, title: str, file_filter: str) -> Path | None:
    """An open dialog starting in :func:`start_folder`."""
    name, _chosen_filter = QFileDialog.getOpenFileName(parent, title, str(start_folder()), file_filter)
    if not name:
        return None
    path = Path(name)
    remember_folder(path.parent)
    return path


def ask_folder(parent: QWidget | None, title: str) -> Path | None:
    """A folder dialog starting in :func:`start_folder`; None when cancelled."""
    chosen = QFileDialog.getExistingDirectory(parent, title, str(start_folder()))
    if not chosen:
        return None
    remember_folder(Path(chosen))
    return Path(chosen)
