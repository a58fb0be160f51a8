"""Errors a service raises when a rule refuses an action. The message is
translated (in the interface language) and says what is wrong."""

from __future__ import annotations


class RuleError(ValueError):
    """An action the domain rules refuse, with a translated reason."""

    def __init__(self, message: str, code: str = "") -> None:
        super().__init__(message)
        self.code = code


class NotFound(LookupError):
    pass


class Cancelled(Exception):
    """Long work stopped because the user pressed Cancel; nothing is saved."""
