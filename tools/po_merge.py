#!/usr/bin/env python3
"""Git merge driver for gettext catalogs: the union of both sides' messages
(a translated string wins over an empty one; on a real conflict, ours wins
and the message is marked fuzzy so the catalog test points at it).

    git config merge.pomerge.driver "python3 tools/po_merge.py %O %A %B"
    # .gitattributes: *.po merge=pomerge  *.pot merge=pomerge
"""

from __future__ import annotations

import sys

from babel.messages.pofile import read_po, write_po


def _strings(message) -> tuple:  # noqa: ANN001
    return message.string if isinstance(message.string, tuple) else (message.string,)


def merge(base_path: str, ours_path: str, theirs_path: str) -> int:
    with open(ours_path, "rb") as fh:
        ours = read_po(fh)
    with open(theirs_path, "rb") as fh:
        theirs = read_po(fh)
    for message in theirs:
        if not message.id:
            continue
        mine = ours.get(message.id, context=message.context)
        if mine is None:
            ours[message.id] = message
            continue
        if not all(_strings(mine)) and all(_strings(message)):
            mine.string = message.string
        elif all(_strings(mine)) and all(_strings(message)) and mine.string != message.string:
            mine.flags.add("fuzzy")
    with open(ours_path, "wb") as fh:
        write_po(fh, ours, no_location=True, sort_output=True, omit_header=not ours.header_comment)
    return 0


if __name__ == "__main__":
    sys.exit(merge(*sys.argv[1:4]))
