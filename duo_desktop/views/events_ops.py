"""What the Events screen and its two controllers (event editing,
attendance) share on top of views/ops.py: a read that hands its result back
at once, and a change run from a dialog that shows a refusal itself (under
its fields, the dialog staying open)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtWidgets import QWidget
from sqlalchemy.orm import Session

from ..i18n import N_
from ..services.errors import NotFound, RuleError
from .context import AppContext
from .ops import Operation, Query

T = TypeVar("T")


def read(parent: QWidget, context: AppContext, work: Callable[[Session], T],
         failure: Callable[[Exception], None] | None = None) -> T | None:
    """Run a quick read now, on the UI thread; its result, or None when it
    failed (the failure goes to ``failure``, by default a message box)."""
    query = Query(parent, context, work)
    if failure is not None:
        query.failure(failure)
    return query.value()



def run_for_dialog(operation: Operation[T]) -> T:
    """Run ``operation`` now for a dialog's Save and return its result (its
    changes are announced); any failure is raised as a :class:`RuleError`,
    which the dialogs show themselves, staying open with everything typed."""
    if operation.failure(lambda _exc: None).run():
        return operation.result
    error = operation.error
    if isinstance(error, RuleError):
        raise error
    if isinstance(error, NotFound):
        raise RuleError(error.text, "not_found") from error
    raise RuleError(N_("The operation failed; nothing was saved.\n{error}"), "failed",
                    error=type(error).__name__) from error
