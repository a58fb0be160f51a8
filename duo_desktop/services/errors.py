"""Errors a service raises when a rule refuses an action.

A service never translates: it raises a :class:`RuleError` with a stable
``code`` and a :class:`Message` (an untranslated msgid, marked with ``N_`` so
Babel extracts it, and named parameters). The screen or the command line
renders the message in its own language when it shows it, on its own thread::

    raise RuleError(N_("A meeting cannot come after the end of the duo ({end})."), "date", end=day)
    ...
    except RuleError as exc:
        label.setText(exc.message())          # the interface language, now
        print(exc.message(Translator("nl")))  # or any other

Parameters that are dates are formatted for the language that renders them;
a parameter may itself be a ``Message`` (rendered in the same language), or
a list of them (rendered as a list: "A, B and C"). :class:`NotFound` and the
documents' ``DocumentError`` carry their message the same way
(:class:`ExplainedError`); :class:`Lines` joins several messages (every wrong
field of a form), one a line.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..i18n import Translator


class Message:
    """A user-visible text, translated only when rendered.

    ``msgid`` is the English source text with ``{named}`` placeholders;
    ``params`` fill them. Rendering translates first, then formats.
    """

    __slots__ = ("msgid", "params")

    def __init__(self, msgid: str, /, **params: Any) -> None:
        self.msgid = msgid
        self.params = params

    def render(self, translator: Translator | None = None) -> str:
        from .. import i18n

        t = translator if translator is not None else i18n.current()
        values = {name: _render_value(value, t) for name, value in self.params.items()}
        text = t.gettext(self.msgid)
        return text.format(**values) if values else text

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:  # never the parameters: they may hold personal data
        return f"Message({self.msgid!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.msgid, self.params) == (other.msgid, other.params)

    def __hash__(self) -> int:
        return hash(self.msgid)


def _render_value(value: Any, t: Translator) -> Any:
    if isinstance(value, Message):
        return value.render(t)
    if isinstance(value, dt.datetime):
        return t.format_datetime(value, "short")
    if isinstance(value, dt.date):
        return t.format_date(value)
    if isinstance(value, (list, tuple)) and all(isinstance(v, Message) for v in value):
        return t.format_list([v.render(t) for v in value])
    return value


class Lines(Message):
    """Several messages shown one a line (all the wrong fields of a form)."""

    __slots__ = ("lines",)

    def __init__(self, lines: list[Message] | tuple[Message, ...]) -> None:
        super().__init__("\n".join(line.msgid for line in lines))
        self.lines = tuple(lines)

    def render(self, translator: Translator | None = None) -> str:
        return "\n".join(line.render(translator) for line in self.lines)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Lines) and self.lines == other.lines

    def __hash__(self) -> int:
        return hash(self.msgid)


def _as_message(message: object, params: dict[str, Any]) -> Message:
    if isinstance(message, Message):
        return message
    return Message(str(message), **params)


class ExplainedError(Exception):
    """An error whose text is a :class:`Message`, rendered when shown (in the
    language of whoever shows it, on their own thread)."""

    def __init__(self, message: object = "", /, **params: Any) -> None:
        self.text = _as_message(message, params)
        super().__init__(self.text.msgid)

    @property
    def params(self) -> dict[str, Any]:
        return self.text.params

    def message(self, translator: Translator | None = None) -> str:
        """The reason, in ``translator``'s language (default: the interface's)."""
        return self.text.render(translator)

    def __str__(self) -> str:
        return self.message()


class RuleError(ExplainedError, ValueError):
    """An action the domain rules refuse: a stable ``code`` (for tests and
    callers that react to one case) and a message rendered on demand.

    ``RuleError(message, code, field="...", **params)``: ``message`` is a msgid
    marked with ``N_`` (or a ready :class:`Message`); ``params`` fill its
    placeholders. ``field`` (optional) names the input the error is about (the
    attribute name, e.g. ``"mentee_max_age"``) so that a form can show the
    message beside that field; it is not a placeholder.
    """

    def __init__(self, message: str | Message, code: str = "", /, *, field: str = "", **params: Any) -> None:
        super().__init__(message, **params)
        self.code = code
        self.field = field


class NotFound(ExplainedError, LookupError):
    """A record that does not exist (any more): ``NotFound(N_("Duo {id} does
    not exist."), id=7)``, or just the missing id."""


def changed_by_someone_else() -> RuleError:
    """The refusal of a save over a record that someone else changed since it
    was read (optimistic locking: its ``version`` moved)."""
    from ..i18n import N_

    return RuleError(N_("Someone else changed this record in the meantime; nothing was saved. "
                        "Your changes are still here: check theirs, then save again."), "changed_by_someone_else")


def check_version(record: Any, expected: int | None) -> None:
    """Refuse to save over ``record`` when its ``version`` is no longer the
    one the user's form was filled from (``expected``; None: not checked).
    Raises RuleError ``changed_by_someone_else``."""
    if expected is not None and record.version != expected:
        raise changed_by_someone_else()


class Cancelled(Exception):
    """Long work stopped because the user pressed Cancel; nothing is saved."""
