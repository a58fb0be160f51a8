"""Build tool (not bundled): strip the symbol tables and debug information
from the bundle's shared libraries, but never in a way that moves what the
loader maps.

Why not PyInstaller's ``strip=True`` or a plain ``strip`` over every file:
the wheels' libraries repaired by auditwheel (patchelf) carry segments
placed after their symbol table; GNU strip then moves those segments to
offsets the loader refuses ("ELF load command address/offset not
page-aligned", seen with numpy's OpenBLAS). So each library is stripped into
a copy, and the copy replaces it only when the loader maps it the same
way (:func:`same_mapping`); else the original stays as it was.

    strip_library(path, strip="strip") -> bytes saved (0 when kept as it was)
    program_headers(data) -> the ELF64 program headers, a tuple of tuples
    same_mapping(before, after) -> bool: the loader maps both the same way
    section_names(data) -> the ELF64 section names
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

ELF_MAGIC = b"\x7fELF"


def program_headers(data: bytes) -> tuple[tuple[int, ...], ...] | None:
    """(type, flags, offset, vaddr, paddr, filesz, memsz, align) of each
    program header of a little-endian ELF64 file; None for anything else."""
    if data[:4] != ELF_MAGIC or data[4] != 2 or data[5] != 1:
        return None
    (phoff,) = struct.unpack_from("<Q", data, 0x20)
    entsize, count = struct.unpack_from("<HH", data, 0x36)
    return tuple(struct.unpack_from("<IIQQQQQQ", data, phoff + i * entsize) for i in range(count))


PAGE = 4096  # the smallest page size; a segment's own alignment (64 KiB on arm64 builds) when larger
PT_LOAD = 1


def same_mapping(before: tuple[tuple[int, ...], ...], after: tuple[tuple[int, ...], ...]) -> bool:
    """True when the loader maps both files' segments at the same addresses
    over the same pages: each program header keeps its type, flags, address
    and alignment; its file offset may move by whole pages (strip drops the
    symbol table a patchelf-repaired library keeps in front of a segment);
    its sizes may shrink only inside its last page (padding after its last
    section, which strip does not copy)."""
    if len(before) != len(after):
        return False
    for (typ, flags, offset, vaddr, paddr, filesz, memsz, align), new in zip(before, after, strict=True):
        n_typ, n_flags, n_offset, n_vaddr, n_paddr, n_filesz, n_memsz, n_align = new
        if (typ, flags, vaddr, paddr, align) != (n_typ, n_flags, n_vaddr, n_paddr, n_align):
            return False
        page = max(PAGE, align) if typ == PT_LOAD else PAGE
        if (offset - n_offset) % page or n_filesz > filesz or n_memsz > memsz or n_memsz < n_filesz:
            return False
        if memsz and (vaddr + memsz - 1) // PAGE != (vaddr + n_memsz - 1) // PAGE:
            return False
        if filesz and (offset + filesz - 1) // PAGE != (offset + filesz - (filesz - n_filesz) - 1) // PAGE:
            return False
    return True


def section_names(data: bytes) -> list[str]:
    """The section names of a little-endian ELF64 file."""
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    entsize, count, names_index = struct.unpack_from("<HHH", data, 0x3A)
    if not shoff or names_index >= count:
        return []
    sections = [struct.unpack_from("<IIQQQQ", data, shoff + i * entsize) for i in range(count)]
    names_offset = sections[names_index][4]
    return [data[names_offset + name:data.index(b"\0", names_offset + name)].decode("ascii", "replace")
            for name, *_rest in sections]


def _has_symbols(data: bytes) -> bool:
    return any(name == ".symtab" or name.startswith(".debug_") for name in section_names(data))


def strip_library(path: Path, strip: str = "strip") -> int:
    """Strip ``path`` in place when that is safe; return the bytes saved."""
    data = path.read_bytes()
    headers = program_headers(data)
    if headers is None or not _has_symbols(data):
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / path.name
        shutil.copy2(path, copy)
        done = subprocess.run([strip, "--strip-unneeded", str(copy)], capture_output=True, check=False)
        if done.returncode != 0:
            return 0
        stripped = copy.read_bytes()
        after = program_headers(stripped)
        if after is None or not same_mapping(headers, after) or len(stripped) >= len(data):
            return 0
        os.replace(copy, path)
    return len(data) - len(stripped)
