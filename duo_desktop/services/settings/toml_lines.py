"""Line numbers of tables and keys in a TOML text. ``tomllib`` gives none
for keys, so the text is scanned: each ``[table]`` / ``[[array]]`` header
opens a table that runs to the next header; a key is the first line of
that table that assigns it.

    lines = TomlLines(text)
    lines.line_of(("branch", 1, "rules", "mentee_max_age"))  -> 1-based line (best effort)

A path is the way to a value in the parsed document: table names, and the
index of an entry of an array of tables. When the key itself cannot be
found (an inline table, a dotted key), the line of the nearest enclosing
table is given; 1 when nothing is found.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?\s*(#.*)?$")
_PART = re.compile(r'"([^"]*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)')

Path = tuple[str | int, ...]


def _parts(dotted: str) -> list[str]:
    return [m.group(1) if m.group(1) is not None else m.group(2) if m.group(2) is not None else m.group(3)
            for m in _PART.finditer(dotted)]


class TomlLines:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        # concrete table path -> (first line index of its body, header line index)
        self.tables: dict[Path, tuple[int, int]] = {(): (0, 0)}
        self.ends: dict[Path, int] = {}
        counts: dict[Path, int] = {}
        latest: dict[tuple[str, ...], int] = {}  # array path (names only) -> latest index
        previous: Path = ()
        for number, line in enumerate(self.lines):
            match = _HEADER.match(line)
            if not match or line.lstrip().startswith("#"):
                continue
            self.ends[previous] = number
            names = _parts(match.group(2))
            path: list[str | int] = []
            for depth, name in enumerate(names):
                path.append(name)
                if depth < len(names) - 1 and tuple(names[: depth + 1]) in latest:
                    path.append(latest[tuple(names[: depth + 1])])
            if match.group(1) == "[[":
                index = counts.get(tuple(path), 0)
                counts[tuple(path)] = index + 1
                latest[tuple(names)] = index
                for key in [k for k in latest if len(k) > len(names) and k[: len(names)] == tuple(names)]:
                    del latest[key]  # a new entry: its own sub-arrays start again
                path.append(index)
            previous = tuple(path)
            self.tables[previous] = (number + 1, number)
        self.ends[previous] = len(self.lines)

    def line_of(self, path: Path) -> int:
        """1-based line of the value at ``path`` (or of its nearest table)."""
        for cut in range(len(path), -1, -1):
            table = tuple(path[:cut])
            if table in self.tables:
                start, header = self.tables[table]
                rest = [p for p in path[cut:] if isinstance(p, str)]
                if not rest:
                    return header + 1 if table else 1
                end = self.ends.get(table, len(self.lines))
                key = rest[-1] if len(rest) == 1 else rest[0]
                pattern = re.compile(rf'^\s*(?:"{re.escape(key)}"|\'{re.escape(key)}\'|{re.escape(key)})\s*[.=]')
                for number in range(start, end):
                    if pattern.match(self.lines[number]):
                        return number + 1
                return header + 1 if table else 1
        return 1
