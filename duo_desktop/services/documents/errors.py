"""Errors of the document service. Each carries an untranslated message
(a msgid and its parameters) that names the file and the problem; it is
rendered in the language of whoever shows it (documents are often made on a
worker thread, which never touches the interface's translator)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ExplainedError, Message


class DocumentError(ExplainedError):
    """A document cannot be made; nothing was printed or saved.
    ``DocumentError(N_("... {problem} ..."), problem=...)``."""


class TemplateError(DocumentError):
    """A template is missing or broken."""

    def __init__(self, message: str | Message, path: Path | None = None, /, **params: Any) -> None:
        super().__init__(message, **params)
        self.path = path
