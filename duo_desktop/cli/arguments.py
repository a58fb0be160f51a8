"""The command line's own refusals in the user's language (QA item 11):
argparse writes its errors in English ("argument --from: invalid
fromisoformat value") and exits 2. :class:`CommandParser` says what is
wrong and with which option in the language of ``--lang``, names
``--help``, and exits with the command's documented code for a bad
argument (``usage_exit``: 2 unless the command documents another; ``report``
documents 1).

    CommandParser(..., usage_exit=2)   an ArgumentParser; its sub-commands are CommandParsers too
    date_arg(text) -> date             the type of every YYYY-MM-DD option
    whole_number(text) -> int          the type of a count of at least 1
    language_in(argv) -> str | None    the global --lang, read before the arguments are parsed
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from typing import NoReturn

from ..i18n import LANGUAGES, N_, _

# argparse's own messages (Lib/argparse.py, Python 3.11-3.13) and their words here
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^the following arguments are required: (?P<options>.+)$"),
     N_("missing: {options} (required).")),
    (re.compile(r"^unrecognized arguments: (?P<options>.+)$"), N_("unknown arguments: {options}.")),
    (re.compile(r"^invalid choice: '?(?P<value>[^']*)'? \(choose from (?P<choices>.+)\)$"),
     N_("“{value}” is not one of {choices}.")),
    (re.compile(r"^invalid (?P<type>[\w.]+) value: '?(?P<value>[^']*)'?$"), N_("“{value}” cannot be read here.")),
    (re.compile(r"^expected one argument$"), N_("a value is needed after it.")),
    (re.compile(r"^expected at least one argument$"), N_("a value is needed after it.")),
    (re.compile(r"^not allowed with argument (?P<options>.+)$"), N_("cannot be given with {options}.")),
    (re.compile(r"^one of the arguments (?P<options>.+) is required$"), N_("give one of {options}.")),
    (re.compile(r"^ambiguous option: (?P<value>\S+) could match (?P<choices>.+)$"),
     N_("“{value}” could be {choices}: write the option in full.")),
]


def _words(message: str) -> str:
    for pattern, msgid in _PATTERNS:
        found = pattern.match(message)
        if found:
            return _(msgid).format(**found.groupdict())
    return message  # a message a type function wrote, already in the user's language


class CommandParser(argparse.ArgumentParser):
    def __init__(self, *args, usage_exit: int = 2, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.usage_exit = usage_exit

    def error(self, message: str) -> NoReturn:
        found = re.match(r"^argument (?P<option>[^:]+): (?P<problem>.+)$", message, re.DOTALL)
        if found:
            option = found.group("option").split("/")[-1]  # "-o/--out": the long form
            text = _("{option}: {problem}").format(option=option, problem=_words(found.group("problem")))
        else:
            text = _words(message)
        print(_("{command}: {problem}").format(command=self.prog, problem=text), file=sys.stderr)
        print(_("“{command} --help” lists the options.").format(command=self.prog), file=sys.stderr)
        raise SystemExit(self.usage_exit)


def date_arg(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{value}” is not a date (YYYY-MM-DD).").format(value=text)) from None


def whole_number(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{value}” is not a whole number.").format(value=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("it must be at least 1."))
    return value


def language_in(argv: list[str]) -> str | None:
    """The value of the global ``--lang`` (given before the command's name),
    so that a refusal of the arguments is already in that language."""
    values_follow = {"--database", "--passphrase-file", "--lang"}
    found, index = None, 0
    while index < len(argv):
        token = argv[index]
        if token == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif token.startswith("--lang="):
            found = token.split("=", 1)[1]
        elif not token.startswith("-"):
            break  # the command's name: its own --lang (agreement's) is not the interface language
        index += 2 if token in values_follow else 1
    return found if found in LANGUAGES else None
