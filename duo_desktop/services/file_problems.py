"""Why a file could not be read or written, and why a TOML text is not
valid, in words a user reads in their own language: never an exception's
class name ("FileNotFoundError") nor the operating system's or parser's
English text (QA item 11). Messages are returned untranslated (Message),
rendered by whoever shows them.

    os_problem(exc, writing=False) -> Message      the reason, without the file's name
    toml_problem(exc, text) -> (line, Message)      the line (1-based) and what is wrong there, with the column
"""

from __future__ import annotations

import errno
import re
import tomllib

from ..i18n import N_
from .errors import Message

_OS_REASONS = {
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EROFS: N_("the disk is read-only"),
    errno.EISDIR: N_("it is a folder, not a file"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk is full"),
    errno.ENAMETOOLONG: N_("the name is too long"),
    errno.EEXIST: N_("a file of that name already exists"),
}


def os_problem(exc: OSError | UnicodeDecodeError, writing: bool = False) -> Message:
    """The reason ``exc`` gives, as a Message: "the file does not exist",
    "the folder does not exist" (when writing), "permission denied"...;
    a file that is not UTF-8 text says so."""
    if isinstance(exc, UnicodeDecodeError):
        return Message(N_("it is not a text file in UTF-8"))
    if exc.errno == errno.ENOENT:
        return Message(N_("the folder does not exist") if writing else N_("the file does not exist"))
    if exc.errno in _OS_REASONS:
        return Message(_OS_REASONS[exc.errno])
    return Message(N_("system error {number}"), number=exc.errno if exc.errno is not None else "?")


# tomllib's messages (Lib/tomllib/_parser.py), by their start, and what they mean to someone editing the file
_TOML_REASONS = [
    ("Expected ']]'", N_("a [[table]] heading must end with “]]”.")),
    ("Expected ']'", N_("a [table] heading must end with “]”.")),
    ("Expected '=' after a key", N_("write “key = value”: the “=” is missing.")),
    ("Invalid value", N_("the value is missing or is not one TOML can read (text in quotes, a number, "
                         "true or false, a date, [a list])."),),
    ("Illegal character", N_("a text in quotes must end on the same line.")),
    ("Unterminated string", N_("a text in quotes must end on the same line.")),
    ("Unclosed array", N_("a list must end with “]”.")),
    ("Unclosed inline table", N_("a table written between braces must be closed on the same line.")),
    ("Cannot overwrite a value", N_("this key is given twice.")),
    ("Cannot declare", N_("this table is given twice.")),
    ("Expected newline or end of document", N_("one “key = value” a line: something follows the value.")),
    ("Invalid statement", N_("this line is neither a “key = value” nor a [table] heading.")),
]


def toml_problem(exc: tomllib.TOMLDecodeError, text: str) -> tuple[int, Message]:
    """The line tomllib names (the last line when it says "end of document")
    and what is wrong there, with the column when it gives one."""
    said = str(exc)
    where = re.search(r"line (\d+), column (\d+)", said)
    line = int(where.group(1)) if where else max(1, len(text.splitlines()))
    reason = next((msgid for start, msgid in _TOML_REASONS if said.startswith(start)),
                  N_("this is not valid TOML."))
    if where:
        return line, Message(N_("not a valid TOML file (column {column}): {reason}"), column=int(where.group(2)),
                             reason=Message(reason))
    return line, Message(N_("not a valid TOML file: {reason}"), reason=Message(reason))
