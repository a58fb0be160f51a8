"""Error reports without personal data: exception messages may hold names,
emails or SQL parameters, so logs and crash dialogs show only the exception
type and where it happened (file, line, function)."""

from __future__ import annotations

import logging
import traceback
from types import TracebackType

log = logging.getLogger("duo_desktop.crash")


def scrubbed(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    """The traceback's frames and the exception type, never its message."""
    frames = "".join(traceback.format_tb(tb)) if tb is not None else ""
    return f"Traceback (most recent call last):\n{frames}{exc_type.__module__}.{exc_type.__qualname__}"


def log_exception(exc: BaseException) -> None:
    log.error("unexpected error\n%s", scrubbed(type(exc), exc.__traceback__))
