"""Drags on the matching board carry ids only, in a custom MIME type."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QMimeData

MENTEE_MIME = "application/x-duo-mentee-id"


def mentee_mime(mentee_id: int) -> QMimeData:
    data = QMimeData()
    data.setData(MENTEE_MIME, QByteArray(str(mentee_id).encode("ascii")))
    return data


def mentee_id_of(data: QMimeData | None) -> int | None:
    if data is None or not data.hasFormat(MENTEE_MIME):
        return None
    raw = bytes(data.data(MENTEE_MIME).data()).decode("ascii", "replace").strip()
    return int(raw) if raw.isdigit() else None
