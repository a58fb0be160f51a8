"""Errors of the document service. Messages are translated (interface
language) and name the file and the problem."""

from __future__ import annotations

from pathlib import Path


class DocumentError(Exception):
    """A document cannot be made; nothing was printed or saved."""


class TemplateError(DocumentError):
    """A template is missing or broken."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
